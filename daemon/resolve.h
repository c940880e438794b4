/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host names of the configuration, to addresses: the kernel takes
 * addresses only, so a remote the file names ("hub.example.net:5555") is
 * looked up when the file is loaded, at start-up and at each reload, with
 * getaddrinfo(3) (/etc/hosts, DNS, whatever nsswitch.conf says).
 */
#ifndef MPVPND_RESOLVE_H
#define MPVPND_RESOLVE_H

#include <stddef.h>

#include "libmpvpn.h"

/*
 * The first address getaddrinfo() gives for @host, of @family unless that
 * is AF_UNSPEC (its order is RFC 6724's, gai.conf(5)): 0, or -1 with
 * gai_strerror()'s words in @why. A config_resolver (config.h).
 */
int resolve_host(const char *host, int family, struct mpvpn_addr *out,
		 char *why, size_t why_len);

#endif /* MPVPND_RESOLVE_H */
