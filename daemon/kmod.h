/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Loading mpvpn.ko through libkmod, as modprobe would. */
#ifndef MPVPND_KMOD_H
#define MPVPND_KMOD_H

#include <stddef.h>

#define MPVPN_MODULE_NAME	"mpvpn"

/*
 * Loads @name with its dependencies unless it is loaded or built in.
 * 0 when it was loaded here, 1 when it was there already, or a negative
 * errno with a message in @err.
 */
int kmod_ensure_loaded(const char *name, char *err, size_t err_len);

#endif /* MPVPND_KMOD_H */
