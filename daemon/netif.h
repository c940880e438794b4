/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a tunnel device needs besides mpvpn's own settings to carry
 * traffic: to be up and to have its inner addresses. Plain rtnetlink and
 * ioctl, nothing mpvpn-specific, so it is not in libmpvpn.
 *
 * Each call returns 0, 1 when there was nothing to do (already up, the
 * address already there or already gone), or a negative errno with a
 * message in @err.
 */
#ifndef MPVPND_NETIF_H
#define MPVPND_NETIF_H

#include <stddef.h>

#include "config.h"

int netif_set_up(const char *ifname, char *err, size_t err_len);
int netif_addr_add(const char *ifname, const struct config_address *address,
		   char *err, size_t err_len);
int netif_addr_del(const char *ifname, const struct config_address *address,
		   char *err, size_t err_len);

#endif /* MPVPND_NETIF_H */
