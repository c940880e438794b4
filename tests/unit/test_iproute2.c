// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip's plugin of the mpvpn link type, loaded as ip loads it (dlopen of
 * link_mpvpn.so, then its "mpvpn_link_util"), with this program standing
 * in for the functions ip exports to plugins: what "ip link add ... type
 * mpvpn ..." puts in the request for each word, what it refuses, and what
 * "ip -d link show" and "ip -j -d link show" print. The VM runs the same
 * plugin inside Debian's ip (tests/scenarios/stock/67-iproute2.sh).
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/mpvpn.h>

#include "unit.h"

#define PLUGIN	"../../tools/iproute2/link_mpvpn.so"

/* iproute2 6.1's struct link_util, as the plugin declares it. */
struct link_util {
	struct link_util *next;
	const char *id;
	int maxattr;
	int (*parse_opt)(struct link_util *, int, char **, struct nlmsghdr *);
	void (*print_opt)(struct link_util *, FILE *, struct rtattr *[]);
	void (*print_xstats)(struct link_util *, FILE *, struct rtattr *);
	void (*print_help)(struct link_util *, int, char **, FILE *);
	int (*parse_ifla_xstats)(struct link_util *, int, char **);
	int (*print_ifla_xstats)(struct nlmsghdr *, void *);
};

/* ---- what ip exports, as this test needs it ---- */

int addattr_l(struct nlmsghdr *n, int maxlen, int type, const void *data,
	      int alen);
int print_color_uint(int t, int color, const char *key, const char *fmt,
		     unsigned int value);
int print_color_string(int t, int color, const char *key, const char *fmt,
		       const char *value);

int addattr_l(struct nlmsghdr *n, int maxlen, int type, const void *data,
	      int alen)
{
	unsigned int len = RTA_LENGTH((unsigned int)alen);
	struct rtattr *rta;

	if (NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(len) > (unsigned int)maxlen)
		return -1;
	rta = (struct rtattr *)((char *)n + NLMSG_ALIGN(n->nlmsg_len));
	rta->rta_type = (unsigned short)type;
	rta->rta_len = (unsigned short)len;
	memcpy(RTA_DATA(rta), data, (size_t)alen);
	n->nlmsg_len = NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(len);
	return 0;
}

/* What the plugin printed; in "key":value form when @json. */
static char printed[512];
static bool json;

static void append(const char *fmt, ...)
{
	size_t used = strlen(printed);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(printed + used, sizeof(printed) - used, fmt, ap);
	va_end(ap);
}

/* One value as ip prints it: "key":value in JSON, else @fmt. */
static void print_value(const char *key, const char *json_fmt,
			const char *fmt, ...)
{
	char value[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	if (json)
		append(json_fmt, key, value);
	else
		append("%s", value);
}

int print_color_uint(int t, int color, const char *key, const char *fmt,
		     unsigned int value)
{
	(void)t;
	(void)color;
	if (json)
		print_value(key, "\"%s\":%s,", "%u", value);
	else
		print_value(key, NULL, fmt, value);
	return 0;
}

int print_color_string(int t, int color, const char *key, const char *fmt,
		       const char *value)
{
	(void)t;
	(void)color;
	if (json)
		print_value(key, "\"%s\":\"%s\",", "%s", value);
	else
		print_value(key, NULL, fmt, value);
	return 0;
}

/* ---- the tests ---- */

/* ip's struct iplink_req without the ifinfomsg: the room after @n. */
static struct {
	struct nlmsghdr n;
	char buf[1024];	// cppcheck-suppress unusedStructMember
} request;

/* parse_opt() of the words of @line into a fresh request. */
static int parse(struct link_util *lu, const char *line)
{
	char *argv[UNIT_MAX_WORDS];
	int argc = unit_split(line, argv);

	memset(&request, 0, sizeof(request));
	request.n.nlmsg_len = NLMSG_LENGTH(0);
	return lu->parse_opt(lu, argc, argv, &request.n);
}

/* The attributes of the request, by type. */
static void attributes(struct rtattr *tb[IFLA_MPVPN_MAX + 1])
{
	struct rtattr *rta = (struct rtattr *)NLMSG_DATA(&request.n);
	int len = (int)request.n.nlmsg_len - NLMSG_LENGTH(0);

	memset(tb, 0, (IFLA_MPVPN_MAX + 1) * sizeof(*tb));
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		if (rta->rta_type <= IFLA_MPVPN_MAX)
			tb[rta->rta_type] = rta;
}

static void test_parse(struct link_util *lu)
{
	struct rtattr *tb[IFLA_MPVPN_MAX + 1];

	CHECK("port, tunnel and mode parse",
	      parse(lu, "port 5556 tunnel 7 mode aggregate") == 0);
	attributes(tb);
	CHECK("the port, a u16",
	      tb[IFLA_MPVPN_PORT] && RTA_PAYLOAD(tb[IFLA_MPVPN_PORT]) == 2 &&
	      *(__u16 *)RTA_DATA(tb[IFLA_MPVPN_PORT]) == 5556);
	CHECK("the tunnel id, a u32",
	      tb[IFLA_MPVPN_TUNNEL_ID] && RTA_PAYLOAD(tb[IFLA_MPVPN_TUNNEL_ID]) == 4 &&
	      *(__u32 *)RTA_DATA(tb[IFLA_MPVPN_TUNNEL_ID]) == 7);
	CHECK("the mode, a u8",
	      tb[IFLA_MPVPN_MODE] && RTA_PAYLOAD(tb[IFLA_MPVPN_MODE]) == 1 &&
	      *(__u8 *)RTA_DATA(tb[IFLA_MPVPN_MODE]) == MPVPN_MODE_AGGREGATE);
	CHECK("nothing given: nothing sent, the kernel's defaults",
	      parse(lu, "") == 0 && request.n.nlmsg_len == NLMSG_LENGTH(0));
	CHECK("the largest tunnel id", parse(lu, "tunnel 4294967295") == 0);

	fflush(stdout);
	CHECK("port 0 refused", parse(lu, "port 0") == -1);
	CHECK("port 65536 refused", parse(lu, "port 65536") == -1);
	CHECK("a port that is no number refused", parse(lu, "port 55x") == -1);
	CHECK("a negative tunnel id refused", parse(lu, "tunnel -1") == -1);
	CHECK("a tunnel id past 32 bits refused", parse(lu, "tunnel 4294967296") == -1);
	CHECK("an unknown mode refused", parse(lu, "mode fast") == -1);
	CHECK("a keyword without its value refused", parse(lu, "mode") == -1);
	CHECK("a keyword twice refused", parse(lu, "port 1 port 2") == -1);
	CHECK("an unknown keyword refused", parse(lu, "colour red") == -1);
	CHECK("help is no request", parse(lu, "help") == -1);
}

static void test_print(struct link_util *lu)
{
	struct rtattr *tb[IFLA_MPVPN_MAX + 1];

	parse(lu, "port 5556 tunnel 7 mode redundant");
	attributes(tb);
	printed[0] = '\0';
	json = false;
	lu->print_opt(lu, stdout, tb);
	CHECK_STR("ip -d link show", printed, "port 5556 tunnel 7 mode redundant ");
	printed[0] = '\0';
	json = true;
	lu->print_opt(lu, stdout, tb);
	CHECK_STR("ip -j -d link show", printed,
		  "\"port\":5556,\"tunnel_id\":7,\"mode\":\"redundant\",");
	printed[0] = '\0';
	lu->print_opt(lu, stdout, NULL);
	CHECK_STR("a link without IFLA_INFO_DATA: nothing", printed, "");
}

int main(void)
{
	void *plugin = dlopen(PLUGIN, RTLD_NOW);
	struct link_util *lu = plugin ? dlsym(plugin, "mpvpn_link_util") : NULL;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!CHECK("the plugin loads, its symbols resolved by this program", plugin) ||
	    !CHECK("mpvpn_link_util, as ip looks it up", lu)) {
		printf("#   %s\n", dlerror());
		return unit_finish();
	}
	CHECK_STR("its kind", lu->id, "mpvpn");
	CHECK("its attributes", lu->maxattr == IFLA_MPVPN_MAX);
	CHECK("parse, print and help, no statistics",
	      lu->parse_opt && lu->print_opt && lu->print_help &&
	      !lu->print_xstats && !lu->parse_ifla_xstats &&
	      !lu->print_ifla_xstats);
	CHECK("not linked to another type: ip does that", !lu->next);
	test_parse(lu);
	test_print(lu);
	dlclose(plugin);
	return unit_finish();
}
