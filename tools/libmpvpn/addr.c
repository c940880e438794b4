// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Addresses as the CLI and the config file write them: "192.0.2.1",
 * "2001:db8::1", "192.0.2.1:5555", "[2001:db8::1]:5555". Scope ids are
 * refused because the family has no attribute to carry them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "libmpvpn.h"

size_t mpvpn_addr_len(const struct mpvpn_addr *addr)
{
	switch (addr->family) {
	case AF_INET:	return 4;
	case AF_INET6:	return 16;
	default:	return 0;
	}
}

int mpvpn_addr_set_bytes(struct mpvpn_addr *addr, const void *bytes,
			 size_t len)
{
	memset(addr, 0, sizeof(*addr));
	if (len == 4)
		addr->family = AF_INET;
	else if (len == 16)
		addr->family = AF_INET6;
	else
		return -EINVAL;
	memcpy(addr->bytes, bytes, len);
	return 0;
}

int mpvpn_addr_parse(const char *text, struct mpvpn_addr *addr)
{
	memset(addr, 0, sizeof(*addr));
	/* inet_pton() alone accepts exactly the canonical text forms. */
	if (inet_pton(AF_INET, text, addr->bytes) == 1) {
		addr->family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, text, addr->bytes) == 1) {
		addr->family = AF_INET6;
		return 0;
	}
	memset(addr, 0, sizeof(*addr));
	return -EINVAL;
}

int mpvpn_port_parse(const char *text, uint16_t *port)
{
	unsigned long value;
	char *end;

	/* strtoul() would take "+1", " 1" and "-1" (as a huge number). */
	if (text[0] < '0' || text[0] > '9')
		return -EINVAL;
	errno = 0;
	value = strtoul(text, &end, 10);
	if (errno || *end || value == 0 || value > 65535)
		return -EINVAL;
	*port = (uint16_t)value;
	return 0;
}

int mpvpn_endpoint_parse(const char *text, struct mpvpn_addr *addr,
			 uint16_t *port)
{
	char host[INET6_ADDRSTRLEN];
	const char *host_start = text;
	const char *host_end;
	const char *port_text;
	size_t host_len;

	memset(addr, 0, sizeof(*addr));
	if (text[0] == '[') {
		host_start = text + 1;
		host_end = strchr(host_start, ']');
		if (!host_end || host_end[1] != ':')
			return -EINVAL;
		port_text = host_end + 2;
	} else {
		host_end = strrchr(text, ':');
		/* "2001:db8::1:80" is ambiguous; IPv6 needs brackets. */
		if (!host_end || memchr(text, ':', (size_t)(host_end - text)))
			return -EINVAL;
		port_text = host_end + 1;
	}

	host_len = (size_t)(host_end - host_start);
	if (host_len == 0 || host_len >= sizeof(host))
		return -EINVAL;
	memcpy(host, host_start, host_len);
	host[host_len] = '\0';

	if (mpvpn_port_parse(port_text, port) < 0)
		return -EINVAL;
	if (mpvpn_addr_parse(host, addr) < 0)
		return -EINVAL;
	/* Brackets are for IPv6 only, as in URLs. */
	if (text[0] == '[' && addr->family != AF_INET6) {
		memset(addr, 0, sizeof(*addr));
		return -EINVAL;
	}
	return 0;
}

const char *mpvpn_addr_format(const struct mpvpn_addr *addr, char *buf,
			      size_t len)
{
	if (!len)
		return buf;
	if (!mpvpn_addr_len(addr) ||
	    !inet_ntop(addr->family, addr->bytes, buf, (socklen_t)len))
		buf[0] = '\0';
	return buf;
}

const char *mpvpn_endpoint_format(const struct mpvpn_addr *addr,
				  uint16_t port, char *buf, size_t len)
{
	char host[INET6_ADDRSTRLEN];

	mpvpn_addr_format(addr, host, sizeof(host));
	if (!len)
		return buf;
	if (!host[0])
		buf[0] = '\0';
	else if (addr->family == AF_INET6)
		snprintf(buf, len, "[%s]:%u", host, port);
	else
		snprintf(buf, len, "%s:%u", host, port);
	return buf;
}
