// SPDX-License-Identifier: GPL-2.0-or-later
/* The command-line grammar of "mpvpnctl path add" and "path set". */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

#include "args.h"
#include "path_args.h"
#include "unit.h"

#define HAS(attr)	MPVPN_PATH_HAS(MPVPN_PATH_A_##attr)

/* Splits @line at spaces and parses it; @args points into the words. */
static int parse(enum path_verb verb, const char *line, struct path_args *args,
		 char *err, size_t err_len)
{
	char *argv[UNIT_MAX_WORDS];
	int argc = unit_split(line, argv);

	return path_args_parse(verb, argc, argv, args, err, err_len);
}

static bool refused(enum path_verb verb, const char *line, const char *want)
{
	struct path_args args;
	char err[128];

	return unit_refused(parse(verb, line, &args, err, sizeof(err)), err,
			    want);
}

static void test_add_full(void)
{
	struct path_args args;
	char err[128];
	int ret;

	ret = parse(PATH_VERB_ADD,
		    "mpvpn0 fiber local 192.0.2.1 dev eth0 remote 198.51.100.1:5555 prio 10 weight 3 down id 7",
		    &args, err, sizeof(err));
	CHECK("full add parses", ret == 0);
	CHECK_STR("device name", args.ifname, "mpvpn0");
	CHECK_STR("path name", args.path.name, "fiber");
	CHECK("every given field is present",
	      args.path.present == (HAS(NAME) | HAS(LOCAL_ADDR) |
				    HAS(LOCAL_IFINDEX) | HAS(REMOTE_ADDR) |
				    HAS(REMOTE_PORT) | HAS(PRIORITY) |
				    HAS(WEIGHT) | HAS(ADMIN_UP) | HAS(ID)));
	CHECK("local address", args.path.local.family == AF_INET &&
	      args.path.local.bytes[0] == 192 && args.path.local.bytes[3] == 1);
	CHECK("local dev kept for resolution",
	      args.local_dev && !strcmp(args.local_dev, "eth0"));
	CHECK("remote address and port",
	      args.path.remote.family == AF_INET &&
	      args.path.remote.bytes[0] == 198 &&
	      args.path.remote_port == 5555);
	CHECK("priority", args.path.priority == 10);
	CHECK("weight", args.path.weight == 3);
	CHECK("down means admin down", !args.path.admin_up);
	CHECK("id", args.path.id == 7);
}

static void test_add_minimal(void)
{
	struct path_args args;
	char err[128];

	CHECK("minimal add parses",
	      parse(PATH_VERB_ADD, "mpvpn0 lte remote [2001:db8::2]:4000",
		    &args, err, sizeof(err)) == 0);
	CHECK("only name and remote are present",
	      args.path.present == (HAS(NAME) | HAS(REMOTE_ADDR) |
				    HAS(REMOTE_PORT)));
	CHECK("IPv6 remote", args.path.remote.family == AF_INET6 &&
	      args.path.remote_port == 4000);
	CHECK("no local dev", args.local_dev == NULL);
	CHECK("priority alias parses",
	      parse(PATH_VERB_ADD, "mpvpn0 lte remote 192.0.2.9:1 priority 0 up",
		    &args, err, sizeof(err)) == 0 &&
	      args.path.priority == 0 && args.path.admin_up &&
	      (args.path.present & HAS(PRIORITY)));
}

static void test_add_errors(void)
{
	CHECK("no arguments", refused(PATH_VERB_ADD, "", "missing DEV"));
	CHECK("no name", refused(PATH_VERB_ADD, "mpvpn0", "missing path NAME"));
	CHECK("keyword in place of name",
	      refused(PATH_VERB_ADD, "mpvpn0 remote 192.0.2.1:5", "keyword"));
	CHECK("remote without port",
	      refused(PATH_VERB_ADD, "mpvpn0 fiber remote 192.0.2.1",
		      "invalid remote"));
	CHECK("keyword without value",
	      refused(PATH_VERB_ADD, "mpvpn0 fiber remote 192.0.2.1:5 prio",
		      "'prio' needs a value"));
	CHECK("unknown keyword",
	      refused(PATH_VERB_ADD, "mpvpn0 fiber remote 192.0.2.1:5 color red",
		      "unknown keyword 'color'"));
	CHECK("stray word at the end",
	      refused(PATH_VERB_ADD, "mpvpn0 fiber remote 192.0.2.1:5 extra",
		      "unknown keyword 'extra'"));
	CHECK("weight 0",
	      refused(PATH_VERB_ADD, "mpvpn0 fiber remote 192.0.2.1:5 weight 0",
		      "invalid weight"));
	CHECK("weight 65536",
	      refused(PATH_VERB_ADD,
		      "mpvpn0 fiber remote 192.0.2.1:5 weight 65536",
		      "invalid weight"));
	CHECK("negative priority",
	      refused(PATH_VERB_ADD, "mpvpn0 fiber remote 192.0.2.1:5 prio -1",
		      "invalid priority"));
	CHECK("priority above 32 bits",
	      refused(PATH_VERB_ADD,
		      "mpvpn0 fiber remote 192.0.2.1:5 prio 4294967296",
		      "invalid priority"));
	CHECK("id 0", refused(PATH_VERB_ADD,
			      "mpvpn0 fiber remote 192.0.2.1:5 id 0",
			      "invalid id"));
	CHECK("id above the path limit",
	      refused(PATH_VERB_ADD, "mpvpn0 fiber remote 192.0.2.1:5 id 33",
		      "invalid id"));
	CHECK("keyword twice",
	      refused(PATH_VERB_ADD,
		      "mpvpn0 fiber remote 192.0.2.1:5 prio 1 prio 2",
		      "given twice"));
	CHECK("up and down",
	      refused(PATH_VERB_ADD, "mpvpn0 fiber remote 192.0.2.1:5 up down",
		      "given twice"));
	CHECK("bad local address",
	      refused(PATH_VERB_ADD,
		      "mpvpn0 fiber local 192.0.2.1:5 remote 192.0.2.1:5",
		      "invalid local address"));
	CHECK("mixed address families",
	      refused(PATH_VERB_ADD,
		      "mpvpn0 fiber local 2001:db8::1 remote 192.0.2.1:5",
		      "different families"));
	CHECK("name too long",
	      refused(PATH_VERB_ADD,
		      "mpvpn0 abcdefghijklmnop remote 192.0.2.1:5",
		      "invalid path name"));
	CHECK("device name too long",
	      refused(PATH_VERB_ADD,
		      "abcdefghijklmnop fiber remote 192.0.2.1:5",
		      "invalid device name"));
}

static void test_set(void)
{
	struct path_args args;
	char err[128];

	CHECK("set of one field parses",
	      parse(PATH_VERB_SET, "mpvpn0 fiber prio 5", &args, err,
		    sizeof(err)) == 0);
	CHECK("set sends only what was given",
	      args.path.present == (HAS(NAME) | HAS(PRIORITY)) &&
	      args.path.priority == 5);
	CHECK("set of admin state parses",
	      parse(PATH_VERB_SET, "mpvpn0 fiber up", &args, err,
		    sizeof(err)) == 0 &&
	      args.path.present == (HAS(NAME) | HAS(ADMIN_UP)) &&
	      args.path.admin_up);
	CHECK("set without remote is fine",
	      parse(PATH_VERB_SET, "mpvpn0 fiber weight 2 dev lo", &args, err,
		    sizeof(err)) == 0 &&
	      !(args.path.present & HAS(REMOTE_ADDR)));
	CHECK("set with nothing to change",
	      refused(PATH_VERB_SET, "mpvpn0 fiber", "nothing to change"));
	CHECK("set cannot change the id",
	      refused(PATH_VERB_SET, "mpvpn0 fiber id 3", "unknown keyword 'id'"));
}

/* Whether @line parses as @verb's grammar, into @args. */
static bool parses(enum path_verb verb, const char *line,
		   struct path_args *args)
{
	char err[128];

	return parse(verb, line, args, err, sizeof(err)) == 0;
}

static void test_remote_forms(void)
{
	struct path_args args;

	CHECK("add without a remote listens",
	      parses(PATH_VERB_ADD, "mpvpn0 lte dev lo prio 2", &args) &&
	      !(args.path.present & (HAS(REMOTE_ADDR) | HAS(REMOTE_PORT) |
				     HAS(REMOTE_FIXED))) &&
	      !args.remote_any);
	CHECK("remote any listens, said outright",
	      parses(PATH_VERB_ADD, "mpvpn0 lte remote any dev lo", &args) &&
	      args.remote_any &&
	      args.path.present == (HAS(NAME) | HAS(LOCAL_IFINDEX)));
	CHECK("remote any with a local address",
	      parses(PATH_VERB_ADD, "mpvpn0 lte local 2001:db8::1 remote any",
		     &args) &&
	      args.path.local.family == AF_INET6 && args.remote_any);
	CHECK("a fixed remote",
	      parses(PATH_VERB_ADD, "mpvpn0 lte remote 198.51.100.9:4500 fixed",
		     &args) &&
	      args.path.present == (HAS(NAME) | HAS(REMOTE_ADDR) |
				    HAS(REMOTE_PORT) | HAS(REMOTE_FIXED)) &&
	      args.path.remote_fixed && args.path.remote_port == 4500);
	CHECK("roaming said outright on add",
	      parses(PATH_VERB_ADD, "mpvpn0 lte remote 198.51.100.9:4500 roaming",
		     &args) &&
	      (args.path.present & HAS(REMOTE_FIXED)) &&
	      !args.path.remote_fixed);
	CHECK("fixed before the remote",
	      parses(PATH_VERB_ADD, "mpvpn0 lte fixed remote 198.51.100.9:4500",
		     &args) &&
	      args.path.remote_fixed);
	CHECK("set pins the remote it gives",
	      parses(PATH_VERB_SET, "mpvpn0 lte remote [2001:db8::9]:4500 fixed",
		     &args) &&
	      args.path.present == (HAS(NAME) | HAS(REMOTE_ADDR) |
				    HAS(REMOTE_PORT) | HAS(REMOTE_FIXED)) &&
	      args.path.remote.family == AF_INET6 && args.path.remote_fixed);
	CHECK("set fixed alone pins the endpoint the path has",
	      parses(PATH_VERB_SET, "mpvpn0 lte fixed", &args) &&
	      args.path.present == (HAS(NAME) | HAS(REMOTE_FIXED)) &&
	      args.path.remote_fixed);
	CHECK("set roaming lets it go",
	      parses(PATH_VERB_SET, "mpvpn0 lte roaming", &args) &&
	      args.path.present == (HAS(NAME) | HAS(REMOTE_FIXED)) &&
	      !args.path.remote_fixed);

	CHECK("a listening path has nothing to pin",
	      refused(PATH_VERB_ADD, "mpvpn0 lte fixed",
		      "'fixed' needs 'remote ADDR:PORT'") &&
	      refused(PATH_VERB_ADD, "mpvpn0 lte remote any fixed",
		      "'fixed' needs 'remote ADDR:PORT'"));
	CHECK("fixed and roaming together",
	      refused(PATH_VERB_SET, "mpvpn0 lte fixed roaming",
		      "'fixed|roaming' given twice"));
	CHECK("remote twice, any or not",
	      refused(PATH_VERB_ADD, "mpvpn0 lte remote any remote 192.0.2.1:5",
		      "'remote' given twice") &&
	      refused(PATH_VERB_ADD, "mpvpn0 lte remote 192.0.2.1:5 remote any",
		      "'remote' given twice") &&
	      refused(PATH_VERB_SET,
		      "mpvpn0 lte remote 192.0.2.1:5 remote 192.0.2.1:6",
		      "'remote' given twice"));
	CHECK("set cannot make a path forget its remote",
	      refused(PATH_VERB_SET, "mpvpn0 lte remote any",
		      "'remote any' is for 'path add'"));
	CHECK("the error names the forms each verb takes",
	      refused(PATH_VERB_ADD, "mpvpn0 lte remote anywhere",
		      "invalid remote 'anywhere': expected ADDR:PORT or [ADDR]:PORT, or any") &&
	      refused(PATH_VERB_SET, "mpvpn0 lte remote 192.0.2.1",
		      "expected ADDR:PORT or [ADDR]:PORT"));
	CHECK("no names in the kernel's grammar",
	      refused(PATH_VERB_ADD, "mpvpn0 lte remote hub.example.net:1",
		      "invalid remote 'hub.example.net:1'"));
	CHECK("fixed and roaming are no path names",
	      refused(PATH_VERB_SET, "mpvpn0 fixed", "'fixed' is a keyword") &&
	      refused(PATH_VERB_ADD, "mpvpn0 roaming", "'roaming' is a keyword"));
	CHECK("any is a path name",
	      parses(PATH_VERB_ADD, "mpvpn0 any remote any", &args) &&
	      !strcmp(args.path.name, "any"));
}

#define HEALTH(attr)	MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_##attr)

static void test_health(void)
{
	struct path_args args;
	const struct mpvpn_health_info *health = &args.path.health;
	char err[128];

	CHECK("add with health overrides parses",
	      parse(PATH_VERB_ADD,
		    "mpvpn0 lte remote 192.0.2.1:5 prio 2 latency-fail 400ms loss-fail 10% hold 5s",
		    &args, err, sizeof(err)) == 0);
	CHECK("health marks the path's health present",
	      args.path.present == (HAS(NAME) | HAS(REMOTE_ADDR) |
				    HAS(REMOTE_PORT) | HAS(PRIORITY) |
				    HAS(HEALTH)));
	CHECK("only the given thresholds are sent",
	      health->present == (HEALTH(LATENCY_FAIL_MS) |
				  HEALTH(LOSS_FAIL_PERMILLE) | HEALTH(HOLD_MS)) &&
	      health->value[MPVPN_HEALTH_A_LATENCY_FAIL_MS] == 400 &&
	      health->value[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE] == 100 &&
	      health->value[MPVPN_HEALTH_A_HOLD_MS] == 5000);
	CHECK("add without health sends none",
	      parse(PATH_VERB_ADD, "mpvpn0 lte remote 192.0.2.1:5", &args, err,
		    sizeof(err)) == 0 &&
	      !(args.path.present & HAS(HEALTH)) && health->present == 0);
	CHECK("set of a health key alone is a change",
	      parse(PATH_VERB_SET, "mpvpn0 lte miss-count 5", &args, err,
		    sizeof(err)) == 0 &&
	      args.path.present == (HAS(NAME) | HAS(HEALTH)) &&
	      health->present == HEALTH(MISS_COUNT) &&
	      health->value[MPVPN_HEALTH_A_MISS_COUNT] == 5);
	CHECK("health-reset parses",
	      parse(PATH_VERB_SET, "mpvpn0 lte health-reset", &args, err,
		    sizeof(err)) == 0 &&
	      args.path.present == (HAS(NAME) | HAS(HEALTH)) &&
	      health->present == HEALTH(RESET));
	CHECK("health-reset with other settings",
	      parse(PATH_VERB_SET, "mpvpn0 lte prio 3 health-reset down", &args,
		    err, sizeof(err)) == 0 &&
	      args.path.present == (HAS(NAME) | HAS(PRIORITY) | HAS(HEALTH) |
				    HAS(ADMIN_UP)) &&
	      health->present == HEALTH(RESET) && !args.path.admin_up);
	CHECK("health-reset with health settings",
	      refused(PATH_VERB_SET, "mpvpn0 lte health-reset hold 1s",
		      "cannot be combined"));
	CHECK("health-reset twice",
	      refused(PATH_VERB_SET, "mpvpn0 lte health-reset health-reset",
		      "given twice"));
	CHECK("health-reset on add",
	      refused(PATH_VERB_ADD,
		      "mpvpn0 lte remote 192.0.2.1:5 health-reset",
		      "is for 'path set'"));
	CHECK("bad health value",
	      refused(PATH_VERB_SET, "mpvpn0 lte jitter-fail 1.5ms",
		      "invalid jitter-fail '1.5ms'"));
	CHECK("health key without value",
	      refused(PATH_VERB_SET, "mpvpn0 lte loss-window",
		      "'loss-window' needs a value"));
	CHECK("a health key is no path name",
	      refused(PATH_VERB_SET, "mpvpn0 hold 1s", "'hold' is a keyword") &&
	      refused(PATH_VERB_SET, "mpvpn0 health-reset", "is a keyword"));
}

/* "path set mpvpn0 fiber bandwidth @rate" sends @want kbit/s. */
static bool bandwidth_is(const char *rate, uint32_t want)
{
	struct path_args args;
	char line[128];
	char err[128];

	snprintf(line, sizeof(line), "mpvpn0 fiber bandwidth %s", rate);
	return parse(PATH_VERB_SET, line, &args, err, sizeof(err)) == 0 &&
	       args.path.present == (HAS(NAME) | HAS(BANDWIDTH_KBPS)) &&
	       args.path.bandwidth_kbps == want;
}

/* "path set mpvpn0 fiber bandwidth @rate" is refused with @want. */
static bool bandwidth_refused(const char *rate, const char *want)
{
	char line[128];

	snprintf(line, sizeof(line), "mpvpn0 fiber bandwidth %s", rate);
	return refused(PATH_VERB_SET, line, want);
}

static void test_bandwidth(void)
{
	struct path_args args;
	char err[128];

	CHECK("add with a bandwidth",
	      parse(PATH_VERB_ADD,
		    "mpvpn0 fiber remote 192.0.2.1:5 weight 2 bandwidth 40mbit",
		    &args, err, sizeof(err)) == 0 &&
	      args.path.present == (HAS(NAME) | HAS(REMOTE_ADDR) |
				    HAS(REMOTE_PORT) | HAS(WEIGHT) |
				    HAS(BANDWIDTH_KBPS)) &&
	      args.path.bandwidth_kbps == 40000 && args.path.weight == 2);
	CHECK("add without a bandwidth sends none",
	      parse(PATH_VERB_ADD, "mpvpn0 fiber remote 192.0.2.1:5", &args,
		    err, sizeof(err)) == 0 &&
	      !(args.path.present & HAS(BANDWIDTH_KBPS)));
	CHECK("mbit", bandwidth_is("40mbit", 40000));
	CHECK("kbit", bandwidth_is("40000kbit", 40000));
	CHECK("plain number is kbit/s", bandwidth_is("40000", 40000));
	CHECK("gbit", bandwidth_is("1gbit", 1000000));
	CHECK("fractions that come to whole kbit/s",
	      bandwidth_is("2.5mbit", 2500) &&
	      bandwidth_is("1.5gbit", 1500000) &&
	      bandwidth_is("0.001mbit", 1));
	CHECK("units in any case",
	      bandwidth_is("40Mbit", 40000) && bandwidth_is("1GBIT", 1000000) &&
	      bandwidth_is("512Kbit", 512));
	CHECK("0 sets the bandwidth back to unknown",
	      bandwidth_is("0", 0) && bandwidth_is("0mbit", 0));
	CHECK("the largest bandwidth",
	      bandwidth_is("100gbit", MPVPN_BANDWIDTH_KBPS_MAX) &&
	      bandwidth_is("100000000", MPVPN_BANDWIDTH_KBPS_MAX));
	CHECK("1 kbit/s above the largest",
	      bandwidth_refused("100000001",
				"invalid bandwidth '100000001': at most 100gbit"));
	CHECK("above the largest in gbit",
	      bandwidth_refused("101gbit", "at most 100gbit") &&
	      bandwidth_refused("100.000001gbit", "at most 100gbit"));
	CHECK("beyond 32 bits of kbit/s",
	      bandwidth_refused("4294967296", "at most 100gbit") &&
	      bandwidth_refused("5000gbit", "at most 100gbit") &&
	      bandwidth_refused("99999999999999999999999", "at most 100gbit"));
	CHECK("not a rate",
	      bandwidth_refused("fast",
				"invalid bandwidth 'fast': expected a rate such as 40mbit"));
	CHECK("bytes per second are not taken for bits",
	      bandwidth_refused("40mbps", "invalid bandwidth '40mbps'") &&
	      bandwidth_refused("40MB", "invalid bandwidth '40MB'") &&
	      bandwidth_refused("40kbps", "invalid bandwidth '40kbps'"));
	CHECK("unknown or partial units",
	      bandwidth_refused("40m", "invalid bandwidth '40m'") &&
	      bandwidth_refused("40mb", "invalid bandwidth '40mb'") &&
	      bandwidth_refused("40tbit", "invalid bandwidth '40tbit'") &&
	      bandwidth_refused("40mbit/s", "invalid bandwidth '40mbit/s'") &&
	      bandwidth_refused("40bit", "invalid bandwidth '40bit'"));
	CHECK("a unit alone", bandwidth_refused("mbit", "invalid bandwidth"));
	CHECK("signs, hex and exponents",
	      bandwidth_refused("-1", "invalid bandwidth '-1'") &&
	      bandwidth_refused("+40mbit", "invalid bandwidth") &&
	      bandwidth_refused("0x100", "invalid bandwidth") &&
	      bandwidth_refused("4e4", "invalid bandwidth"));
	CHECK("fractions of a kbit/s",
	      bandwidth_refused("1.5", "invalid bandwidth '1.5'") &&
	      bandwidth_refused("1.5kbit", "invalid bandwidth") &&
	      bandwidth_refused("1.0005mbit", "invalid bandwidth") &&
	      bandwidth_refused("1.0000005gbit", "invalid bandwidth"));
	CHECK("dangling or leading point",
	      bandwidth_refused("40.mbit", "invalid bandwidth") &&
	      bandwidth_refused(".5mbit", "invalid bandwidth"));
	CHECK("bandwidth twice",
	      refused(PATH_VERB_SET, "mpvpn0 fiber bandwidth 1 bandwidth 2",
		      "'bandwidth' given twice"));
	CHECK("bandwidth without value",
	      refused(PATH_VERB_SET, "mpvpn0 fiber weight 2 bandwidth",
		      "'bandwidth' needs a value"));
	CHECK("bandwidth is no path name",
	      refused(PATH_VERB_SET, "mpvpn0 bandwidth 40mbit",
		      "'bandwidth' is a keyword"));
}

/* Splits @line and parses it as "path verdict". */
static int parse_verdict(const char *line, struct verdict_args *args,
			 char *err, size_t err_len)
{
	char *argv[UNIT_MAX_WORDS];
	int argc = unit_split(line, argv);

	return verdict_args_parse(argc, argv, args, err, err_len);
}

static bool verdict_refused(const char *line, const char *want)
{
	struct verdict_args args;
	char err[128];

	return unit_refused(parse_verdict(line, &args, err, sizeof(err)), err,
			    want);
}

static void test_verdict(void)
{
	struct verdict_args args;
	const struct mpvpn_verdict_info *verdict = &args.verdict;
	char err[128];

	CHECK("full verdict parses",
	      parse_verdict("mpvpn0 fiber ping ok rtt 12.5 valid 30s", &args,
			    err, sizeof(err)) == 0);
	CHECK("verdict names device, path and probe",
	      !strcmp(args.ifname, "mpvpn0") &&
	      args.key.present == HAS(NAME) && !strcmp(args.key.name, "fiber") &&
	      !strcmp(verdict->name, "ping"));
	CHECK("verdict values",
	      verdict->ok && !verdict->remove && verdict->has_rtt &&
	      verdict->rtt_us == 12500 && verdict->has_valid &&
	      verdict->valid_ms == 30000);
	CHECK("bare fail leaves rtt and lifetime out",
	      parse_verdict("mpvpn0 fiber http fail", &args, err,
			    sizeof(err)) == 0 &&
	      !verdict->ok && !verdict->remove && !verdict->has_rtt &&
	      !verdict->has_valid);
	CHECK("options in any order",
	      parse_verdict("mpvpn0 fiber dns fail valid 500 rtt 3", &args,
			    err, sizeof(err)) == 0 &&
	      verdict->valid_ms == 500 && verdict->rtt_us == 3000);
	CHECK("delete parses",
	      parse_verdict("mpvpn0 fiber ping delete", &args, err,
			    sizeof(err)) == 0 &&
	      verdict->remove && !strcmp(verdict->name, "ping"));
	CHECK("delete takes nothing more",
	      verdict_refused("mpvpn0 fiber ping delete valid 1s",
			      "unexpected argument 'valid'"));
	CHECK("missing probe", verdict_refused("mpvpn0 fiber", "missing PROBE"));
	CHECK("outcome in place of the probe",
	      verdict_refused("mpvpn0 fiber ok", "'ok' is a keyword"));
	CHECK("missing outcome",
	      verdict_refused("mpvpn0 fiber ping", "missing ok, fail or delete"));
	CHECK("unknown outcome",
	      verdict_refused("mpvpn0 fiber ping maybe",
			      "expected ok, fail or delete"));
	CHECK("probe name too long",
	      verdict_refused("mpvpn0 fiber abcdefghijklmnop ok",
			      "invalid probe name"));
	CHECK("bad rtt",
	      verdict_refused("mpvpn0 fiber ping ok rtt 1.2345",
			      "invalid rtt '1.2345'"));
	CHECK("bad lifetime",
	      verdict_refused("mpvpn0 fiber ping ok valid soon",
			      "invalid valid 'soon'"));
	CHECK("rtt twice",
	      verdict_refused("mpvpn0 fiber ping ok rtt 1 rtt 2",
			      "'rtt' given twice"));
	CHECK("rtt without value",
	      verdict_refused("mpvpn0 fiber ping ok rtt", "'rtt' needs a value"));
	CHECK("unknown keyword",
	      verdict_refused("mpvpn0 fiber ping ok prio 1",
			      "unknown keyword 'prio'"));
	CHECK("missing path", verdict_refused("mpvpn0", "missing path NAME"));
}

static void test_numbers(void)
{
	uint32_t value = 0;

	CHECK("u32 max", parse_u32("4294967295", 0, UINT32_MAX, &value) == 0 &&
	      value == UINT32_MAX);
	CHECK("leading space refused",
	      parse_u32(" 1", 0, 10, &value) == -EINVAL);
	CHECK("plus sign refused", parse_u32("+1", 0, 10, &value) == -EINVAL);
	CHECK("hex refused", parse_u32("0x10", 0, 100, &value) == -EINVAL);
	CHECK("below range refused", parse_u32("0", 1, 10, &value) == -EINVAL);
	CHECK("empty refused", parse_u32("", 0, 10, &value) == -EINVAL);
}

int main(void)
{
	test_add_full();
	test_add_minimal();
	test_add_errors();
	test_set();
	test_remote_forms();
	test_health();
	test_bandwidth();
	test_verdict();
	test_numbers();
	return unit_finish();
}
