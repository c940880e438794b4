// SPDX-License-Identifier: GPL-2.0-or-later
/* The command-line grammar of "mpvpnctl dev add", "dev del" and "dev set". */
#include <errno.h>

#include "dev_args.h"
#include "unit.h"

#define HAS(attr)	MPVPN_LINK_HAS(IFLA_MPVPN_##attr)

/* Splits @line at spaces and parses it; @args points into the words. */
static int parse(enum dev_verb verb, const char *line, struct dev_args *args,
		 char *err, size_t err_len)
{
	char *argv[UNIT_MAX_WORDS];
	int argc = unit_split(line, argv);

	return dev_args_parse(verb, argc, argv, args, err, err_len);
}

static bool refused(enum dev_verb verb, const char *line, const char *want)
{
	struct dev_args args;
	char err[128];

	return unit_refused(parse(verb, line, &args, err, sizeof(err)), err,
			    want);
}

static void test_add(void)
{
	struct dev_args args;
	char err[128];

	CHECK("full add parses",
	      parse(DEV_VERB_ADD, "mpvpn1 port 5556 tunnel 7 mode failover",
		    &args, err, sizeof(err)) == 0);
	CHECK_STR("device name", args.ifname, "mpvpn1");
	CHECK("every given setting is present",
	      args.link.present == (HAS(PORT) | HAS(TUNNEL_ID) | HAS(MODE)));
	CHECK("settings", args.link.port == 5556 && args.link.tunnel_id == 7 &&
	      args.link.mode == MPVPN_MODE_FAILOVER);

	CHECK("bare add parses and leaves everything to the kernel",
	      parse(DEV_VERB_ADD, "mpvpn0", &args, err, sizeof(err)) == 0 &&
	      args.link.present == 0 && !strcmp(args.ifname, "mpvpn0"));
	CHECK("keywords in any order, only those given",
	      parse(DEV_VERB_ADD, "mpvpn0 tunnel 9 port 6000", &args, err,
		    sizeof(err)) == 0 &&
	      args.link.present == (HAS(PORT) | HAS(TUNNEL_ID)) &&
	      args.link.port == 6000 && args.link.tunnel_id == 9);
	CHECK("port range ends",
	      parse(DEV_VERB_ADD, "a port 1", &args, err, sizeof(err)) == 0 &&
	      args.link.port == 1 &&
	      parse(DEV_VERB_ADD, "a port 65535", &args, err,
		    sizeof(err)) == 0 && args.link.port == 65535);
	CHECK("tunnel 0 is sent: the kernel picks the id",
	      parse(DEV_VERB_ADD, "a tunnel 0", &args, err, sizeof(err)) == 0 &&
	      args.link.present == HAS(TUNNEL_ID) && args.link.tunnel_id == 0);
	CHECK("tunnel id of 32 bits",
	      parse(DEV_VERB_ADD, "a tunnel 4294967295", &args, err,
		    sizeof(err)) == 0 && args.link.tunnel_id == UINT32_MAX);
}

static void test_add_errors(void)
{
	CHECK("no arguments", refused(DEV_VERB_ADD, "", "missing NAME"));
	CHECK("keyword in place of name",
	      refused(DEV_VERB_ADD, "port 5556", "'port' is a keyword"));
	CHECK("port 0", refused(DEV_VERB_ADD, "a port 0", "invalid port"));
	CHECK("port 65536",
	      refused(DEV_VERB_ADD, "a port 65536", "invalid port"));
	CHECK("negative port", refused(DEV_VERB_ADD, "a port -1", "invalid port"));
	CHECK("port in hex", refused(DEV_VERB_ADD, "a port 0x15b3",
				     "invalid port"));
	CHECK("tunnel above 32 bits",
	      refused(DEV_VERB_ADD, "a tunnel 4294967296", "invalid tunnel id"));
	CHECK("negative tunnel",
	      refused(DEV_VERB_ADD, "a tunnel -1", "invalid tunnel id"));
	CHECK("tunnel not a number",
	      refused(DEV_VERB_ADD, "a tunnel seven", "invalid tunnel id"));
	CHECK("unknown mode",
	      refused(DEV_VERB_ADD, "a mode roundrobin", "unknown mode"));
	CHECK("mode names are case-sensitive",
	      refused(DEV_VERB_ADD, "a mode Failover", "unknown mode"));
	CHECK("unknown keyword",
	      refused(DEV_VERB_ADD, "a color red", "unknown keyword 'color'"));
	CHECK("stray word at the end",
	      refused(DEV_VERB_ADD, "a port 5556 extra",
		      "unknown keyword 'extra'"));
	CHECK("keyword without value",
	      refused(DEV_VERB_ADD, "a port 5556 tunnel", "'tunnel' needs a value"));
	CHECK("keyword twice",
	      refused(DEV_VERB_ADD, "a port 1 port 2", "'port' given twice"));
	CHECK("path keywords are not device keywords",
	      refused(DEV_VERB_ADD, "a remote 192.0.2.1:5555",
		      "unknown keyword 'remote'"));
	CHECK("name too long",
	      refused(DEV_VERB_ADD, "abcdefghijklmnop", "invalid device name"));
	CHECK("name with a slash",
	      refused(DEV_VERB_ADD, "a/b", "invalid device name"));
	CHECK("name with a colon",
	      refused(DEV_VERB_ADD, "eth0:1", "invalid device name"));
	CHECK("name '..'", refused(DEV_VERB_ADD, "..", "invalid device name"));
}

static void test_del(void)
{
	struct dev_args args;
	char err[128];

	CHECK("del parses",
	      parse(DEV_VERB_DEL, "mpvpn1", &args, err, sizeof(err)) == 0 &&
	      !strcmp(args.ifname, "mpvpn1") && args.link.present == 0);
	CHECK("del without name", refused(DEV_VERB_DEL, "", "missing NAME"));
	CHECK("del takes no settings",
	      refused(DEV_VERB_DEL, "mpvpn1 port 5556",
		      "unexpected argument 'port'"));
	CHECK("del of an invalid name",
	      refused(DEV_VERB_DEL, "a b:c", "unexpected argument") &&
	      refused(DEV_VERB_DEL, "b:c", "invalid device name"));
}

static void test_set(void)
{
	struct dev_args args;
	char err[128];

	CHECK("set mode parses",
	      parse(DEV_VERB_SET, "mpvpn0 mode failover", &args, err,
		    sizeof(err)) == 0 &&
	      args.link.present == HAS(MODE) &&
	      args.link.mode == MPVPN_MODE_FAILOVER);
	CHECK("set without DEV", refused(DEV_VERB_SET, "", "missing DEV"));
	CHECK("set without mode",
	      refused(DEV_VERB_SET, "mpvpn0", "missing 'mode MODE'"));
	CHECK("set of the port is explained",
	      refused(DEV_VERB_SET, "mpvpn0 port 5556", "cannot be changed"));
	CHECK("set of the tunnel id is explained",
	      refused(DEV_VERB_SET, "mpvpn0 tunnel 2 mode failover",
		      "cannot be changed"));
	CHECK("set with an unknown mode",
	      refused(DEV_VERB_SET, "mpvpn0 mode fast", "unknown mode"));
}

int main(void)
{
	test_add();
	test_add_errors();
	test_del();
	test_set();
	return unit_finish();
}
