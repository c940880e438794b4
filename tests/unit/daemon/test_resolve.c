// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * resolve_host(), the daemon's getaddrinfo() for remotes given by name.
 * Only what needs no DNS server: "localhost" from /etc/hosts, and
 * addresses, which getaddrinfo() answers itself.
 */
#include "unit.h"
#include "resolve.h"

static void test_resolve(void)
{
	struct mpvpn_addr addr;
	char why[128] = "";

	CHECK("localhost, IPv4",
	      resolve_host("localhost", AF_INET, &addr, why, sizeof(why)) == 0 &&
	      addr.family == AF_INET && addr.bytes[0] == 127 &&
	      addr.bytes[3] == 1);
	CHECK("an address stands for itself",
	      resolve_host("192.0.2.5", AF_UNSPEC, &addr, why, sizeof(why)) == 0 &&
	      addr.family == AF_INET && addr.bytes[3] == 5);
	CHECK("an IPv6 address",
	      resolve_host("2001:db8::5", AF_UNSPEC, &addr, why, sizeof(why)) == 0 &&
	      addr.family == AF_INET6 && addr.bytes[15] == 5);
	CHECK("an address of another family than asked for",
	      resolve_host("192.0.2.5", AF_INET6, &addr, why, sizeof(why)) == -1 &&
	      why[0] && addr.family == AF_UNSPEC);
	printf("# %s\n", why);
}

int main(void)
{
	test_resolve();
	return unit_finish();
}
