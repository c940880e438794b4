/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef MPVPNCTL_SHOW_TEXT_H
#define MPVPNCTL_SHOW_TEXT_H

#include "snapshot.h"

/*
 * Prints @dev and its paths on stdout for people, within 80 columns:
 * the encryption first (when the kernel sent it), the lines of earlier
 * versions unchanged, then the health settings,
 * measures and pushed verdicts, the redundancy (in redundant mode), the
 * reorder wait and the bandwidth of a path (when known) where the kernel
 * sent them.
 */
void show_print_device(const struct device_snapshot *dev);

#endif /* MPVPNCTL_SHOW_TEXT_H */
