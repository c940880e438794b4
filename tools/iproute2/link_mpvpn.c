// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The "mpvpn" link type for iproute2's ip(8): a plugin it loads when a
 * command names the type ("ip link add mpvpn0 type mpvpn port 5555 tunnel
 * 1 mode aggregate") or shows a link of it ("ip -d link show"). ip looks
 * for "link_<kind>.so" in its library directory (IP_LIB_DIR in the
 * environment, else the one it was built with: /usr/lib/<multiarch>/ip on
 * Debian), dlopen()s it and takes the "<kind>_link_util" symbol.
 *
 * iproute2 installs no header for plugins, so what this file needs of it
 * is declared here, as iproute2 6.1 (Debian 12) has it: the layout of
 * struct link_util (ip/ip_common.h) and the functions the ip binary
 * exports (-Wl,-export-dynamic) to append attributes and to print in
 * text or JSON (lib/libnetlink.c, lib/json_print.c). A later iproute2
 * with another layout needs this file adapted and tested again.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/mpvpn.h>

#include "mpvpn-names.h"

/* ip/ip_common.h of iproute2 6.1. */
struct link_util {
	struct link_util *next;
	const char *id;
	int maxattr;
	int (*parse_opt)(struct link_util *lu, int argc, char **argv,
			 struct nlmsghdr *n);
	void (*print_opt)(struct link_util *lu, FILE *f, struct rtattr *tb[]);
	void (*print_xstats)(struct link_util *lu, FILE *f, struct rtattr *xstats);
	void (*print_help)(struct link_util *lu, int argc, char **argv, FILE *f);
	int (*parse_ifla_xstats)(struct link_util *lu, int argc, char **argv);
	int (*print_ifla_xstats)(struct nlmsghdr *n, void *arg);
};

/*
 * The request parse_opt() fills is ip's struct iplink_req, whose buffer
 * after the headers is 1024 bytes; ip's own link types pass this bound.
 */
#define REQUEST_ROOM	1024

/* include/json_print.h and include/color.h of iproute2 6.1. */
enum output_type { PRINT_FP = 1, PRINT_JSON = 2, PRINT_ANY = 4 };
enum color_attr { COLOR_NONE = 6 };

int addattr_l(struct nlmsghdr *n, int maxlen, int type, const void *data,
	      int alen);
int print_color_uint(enum output_type t, enum color_attr color,
		     const char *key, const char *fmt, unsigned int value);
int print_color_string(enum output_type t, enum color_attr color,
		       const char *key, const char *fmt, const char *value);

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: ... mpvpn [ port PORT ] [ tunnel ID ] [ mode MODE ]\n"
		"\n"
		"PORT is the local UDP port, 1..65535 (default %d); ID the tunnel id,\n"
		"0..4294967295, the same on both gateways (default or 0: the lowest\n"
		"id free on the port); MODE the scheduling mode (default %s):\n",
		MPVPN_DEFAULT_PORT, mpvpn_mode_names[MPVPN_MODE_FAILOVER]);
	for (size_t i = 0; i < ARRAY_SIZE(mpvpn_mode_names); i++)
		fprintf(f, "%s%s", i ? ", " : "  ", mpvpn_mode_names[i]);
	fprintf(f, "\nPaths, keys and thresholds are set with mpvpnctl(8) or mpvpnd(8).\n");
}

static void print_help(struct link_util *lu, int argc, char **argv, FILE *f)
{
	(void)lu;
	(void)argc;
	(void)argv;
	usage(f);
}

/* @text as a whole number within the range of @attr; 0 or -1. */
static int parse_number(const char *keyword, const char *text, int attr,
			unsigned long long *out)
{
	const struct mpvpn_attr_range *range = &mpvpn_link_ranges[attr];
	unsigned long long value;
	char *end;

	errno = 0;
	value = strtoull(text, &end, 10);
	if (!*text || *end || errno || text[0] == '-' ||
	    value < range->min || value > range->max) {
		fprintf(stderr, "mpvpn: invalid %s \"%s\": expected %llu..%llu\n",
			keyword, text, range->min, range->max);
		return -1;
	}
	*out = value;
	return 0;
}

static int parse_mode(const char *text, __u8 *mode)
{
	for (size_t i = 0; i < ARRAY_SIZE(mpvpn_mode_names); i++)
		if (mpvpn_mode_names[i] && !strcmp(text, mpvpn_mode_names[i])) {
			*mode = (__u8)i;
			return 0;
		}
	fprintf(stderr, "mpvpn: invalid mode \"%s\"; expected one of", text);
	for (size_t i = 0; i < ARRAY_SIZE(mpvpn_mode_names); i++)
		fprintf(stderr, " %s", mpvpn_mode_names[i]);
	fputc('\n', stderr);
	return -1;
}

static int parse_opt(struct link_util *lu, int argc, char **argv,
		     struct nlmsghdr *n)
{
	bool seen[IFLA_MPVPN_MAX + 1] = { false };

	(void)lu;
	for (; argc > 0; argc--, argv++) {
		const char *keyword = argv[0];
		unsigned long long value;
		int attr;
		__u16 port;
		__u32 tunnel;
		__u8 mode;

		if (!strcmp(keyword, "help")) {
			usage(stderr);
			return -1;
		}
		attr = !strcmp(keyword, "port") ? IFLA_MPVPN_PORT :
		       !strcmp(keyword, "tunnel") ? IFLA_MPVPN_TUNNEL_ID :
		       !strcmp(keyword, "mode") ? IFLA_MPVPN_MODE : 0;
		if (!attr) {
			fprintf(stderr, "mpvpn: unknown option \"%s\"; try \"ip link help mpvpn\"\n",
				keyword);
			return -1;
		}
		if (argc < 2) {
			fprintf(stderr, "mpvpn: \"%s\" needs a value\n", keyword);
			return -1;
		}
		if (seen[attr]) {
			fprintf(stderr, "mpvpn: \"%s\" given twice\n", keyword);
			return -1;
		}
		seen[attr] = true;
		argc--;
		argv++;
		if (attr == IFLA_MPVPN_MODE) {
			if (parse_mode(argv[0], &mode) ||
			    addattr_l(n, REQUEST_ROOM, attr, &mode, sizeof(mode)))
				return -1;
			continue;
		}
		if (parse_number(keyword, argv[0], attr, &value))
			return -1;
		port = (__u16)value;
		tunnel = (__u32)value;
		if (attr == IFLA_MPVPN_PORT ?
		    addattr_l(n, REQUEST_ROOM, attr, &port, sizeof(port)) :
		    addattr_l(n, REQUEST_ROOM, attr, &tunnel, sizeof(tunnel)))
			return -1;
	}
	return 0;
}

/* The attribute's payload when it is there and at least @len long. */
static const void *payload(struct rtattr *tb[], int attr, size_t len)
{
	if (!tb || !tb[attr] || RTA_PAYLOAD(tb[attr]) < len)
		return NULL;
	return RTA_DATA(tb[attr]);
}

static void print_opt(struct link_util *lu, FILE *f, struct rtattr *tb[])
{
	const __u16 *port = payload(tb, IFLA_MPVPN_PORT, sizeof(*port));
	const __u32 *tunnel = payload(tb, IFLA_MPVPN_TUNNEL_ID, sizeof(*tunnel));
	const __u8 *mode = payload(tb, IFLA_MPVPN_MODE, sizeof(*mode));

	(void)lu;
	(void)f;
	if (port)
		print_color_uint(PRINT_ANY, COLOR_NONE, "port", "port %u ", *port);
	if (tunnel)
		print_color_uint(PRINT_ANY, COLOR_NONE, "tunnel_id", "tunnel %u ",
				 *tunnel);
	if (mode)
		print_color_string(PRINT_ANY, COLOR_NONE, "mode", "mode %s ",
				   *mode < ARRAY_SIZE(mpvpn_mode_names) ?
				   mpvpn_mode_names[*mode] : "unknown");
}

struct link_util mpvpn_link_util = {
	.id = "mpvpn",
	.maxattr = IFLA_MPVPN_MAX,
	.parse_opt = parse_opt,
	.print_opt = print_opt,
	.print_help = print_help,
};
