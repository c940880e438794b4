/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef MPVPNCTL_EVENT_TEXT_H
#define MPVPNCTL_EVENT_TEXT_H

#include <stddef.h>

#include "libmpvpn.h"

/*
 * One human line for an event, without the newline, e.g.
 * "mpvpn0: path fiber down (carrier-lost); active path lte".
 */
const char *event_to_text(const struct mpvpn_event *event, char *buf,
			  size_t len);

#endif /* MPVPNCTL_EVENT_TEXT_H */
