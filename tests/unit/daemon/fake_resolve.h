/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A config_resolver for the unit tests: a few names of the documentation
 * ranges, the answers fixed here, no DNS. "hub.example.net" has an IPv4
 * and an IPv6 address, "v6.example.net" IPv6 only, "moved.example.net"
 * another IPv4 address; every other name is unknown.
 */
#ifndef UNIT_FAKE_RESOLVE_H
#define UNIT_FAKE_RESOLVE_H

#include <stdio.h>
#include <string.h>

#include "config.h"

static int fake_resolve(const char *host, int family, struct mpvpn_addr *out,
			char *why, size_t why_len)
{
	static const struct {
		const char *name;
		const char *addr;
	} names[] = {
		{ "hub.example.net", "198.51.100.1" },
		{ "hub.example.net", "2001:db8::1" },
		{ "v6.example.net", "2001:db8::6" },
		{ "moved.example.net", "198.51.100.7" },
	};
	bool known = false;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(host, names[i].name))
			continue;
		known = true;
		mpvpn_addr_parse(names[i].addr, out);
		if (family == AF_UNSPEC || out->family == family)
			return 0;
	}
	memset(out, 0, sizeof(*out));
	snprintf(why, why_len, "%s", known ?
		 "Address family for hostname not supported" :
		 "Name or service not known");
	return -1;
}

#endif /* UNIT_FAKE_RESOLVE_H */
