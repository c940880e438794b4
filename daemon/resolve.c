// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <netdb.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "resolve.h"

int resolve_host(const char *host, int family, struct mpvpn_addr *out,
		 char *why, size_t why_len)
{
	const struct addrinfo hints = {
		.ai_family = family,
		/* One entry per address, not one per socket type. */
		.ai_socktype = SOCK_DGRAM,
	};
	struct addrinfo *list = NULL;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = getaddrinfo(host, NULL, &hints, &list);
	if (ret) {
		snprintf(why, why_len, "%s",
			 ret == EAI_SYSTEM ? strerror(errno) : gai_strerror(ret));
		return -1;
	}
	for (const struct addrinfo *ai = list; ai; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET)
			mpvpn_addr_set_bytes(out, &((const struct sockaddr_in *)
						    ai->ai_addr)->sin_addr, 4);
		else if (ai->ai_family == AF_INET6)
			mpvpn_addr_set_bytes(out, &((const struct sockaddr_in6 *)
						    ai->ai_addr)->sin6_addr, 16);
		if (mpvpn_addr_len(out))
			break;
	}
	freeaddrinfo(list);
	if (!mpvpn_addr_len(out)) {
		snprintf(why, why_len, "no IPv4 or IPv6 address");
		return -1;
	}
	return 0;
}
