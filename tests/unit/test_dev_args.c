// SPDX-License-Identifier: GPL-2.0-or-later
/* The command-line grammar of "mpvpnctl dev add", "dev del" and "dev set". */
#include <errno.h>
#include <stdio.h>
#include <string.h>

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

#define SET(attr)	MPVPN_DEV_HAS(MPVPN_A_##attr)
#define HEALTH(attr)	MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_##attr)

static void test_set(void)
{
	struct dev_args args;
	char err[128];

	CHECK("set mode parses",
	      parse(DEV_VERB_SET, "mpvpn0 mode failover", &args, err,
		    sizeof(err)) == 0 &&
	      args.settings.present == SET(MODE) &&
	      args.settings.mode == MPVPN_MODE_FAILOVER);
	CHECK("set without DEV", refused(DEV_VERB_SET, "", "missing DEV"));
	CHECK("set of nothing",
	      refused(DEV_VERB_SET, "mpvpn0", "nothing to change"));
	CHECK("set of the port is explained",
	      refused(DEV_VERB_SET, "mpvpn0 port 5556", "cannot be changed"));
	CHECK("set of the tunnel id is explained",
	      refused(DEV_VERB_SET, "mpvpn0 tunnel 2 mode failover",
		      "cannot be changed"));
	CHECK("set with an unknown mode",
	      refused(DEV_VERB_SET, "mpvpn0 mode fast", "unknown mode"));
}

static void test_set_failback(void)
{
	struct dev_args args;
	char err[128];

	CHECK("failback sticky parses",
	      parse(DEV_VERB_SET, "mpvpn0 failback sticky", &args, err,
		    sizeof(err)) == 0 &&
	      args.settings.present == SET(FAILBACK) &&
	      args.settings.failback == MPVPN_FAILBACK_STICKY);
	CHECK("failback revert with a delay in seconds",
	      parse(DEV_VERB_SET, "mpvpn0 failback revert revert-delay 30s",
		    &args, err, sizeof(err)) == 0 &&
	      args.settings.present == (SET(FAILBACK) | SET(REVERT_DELAY_MS)) &&
	      args.settings.failback == MPVPN_FAILBACK_REVERT &&
	      args.settings.revert_delay_ms == 30000);
	CHECK("revert delay alone, in ms",
	      parse(DEV_VERB_SET, "mpvpn0 revert-delay 750ms", &args, err,
		    sizeof(err)) == 0 &&
	      args.settings.present == SET(REVERT_DELAY_MS) &&
	      args.settings.revert_delay_ms == 750);
	CHECK("unknown failback",
	      refused(DEV_VERB_SET, "mpvpn0 failback never",
		      "unknown failback 'never'"));
	CHECK("bad revert delay",
	      refused(DEV_VERB_SET, "mpvpn0 revert-delay 5min",
		      "invalid revert-delay '5min'"));
	CHECK("failback twice",
	      refused(DEV_VERB_SET, "mpvpn0 failback revert failback sticky",
		      "'failback' given twice"));
	CHECK("failback without value",
	      refused(DEV_VERB_SET, "mpvpn0 failback",
		      "'failback' needs a value"));
}

/* "tos inherit|ecn": each line parses to @inherit, or is refused so. */
static void test_set_tos(void)
{
	static const struct {
		const char *name;
		const char *line;
		bool inherit;
		const char *refusal;	/* NULL: the line parses */
	} cases[] = {
		{ "tos inherit parses", "mpvpn0 tos inherit", true, NULL },
		{ "tos ecn parses and is sent",
		  "mpvpn0 failback sticky tos ecn", false, NULL },
		{ "unknown tos names the accepted values", "mpvpn0 tos dscp",
		  false, "unknown tos 'dscp': expected inherit or ecn" },
		{ "tos twice", "mpvpn0 tos ecn tos inherit", false,
		  "'tos' given twice" },
		{ "tos without value", "mpvpn0 tos", false,
		  "'tos' needs a value" },
		{ "tos is no device name", "tos inherit", false,
		  "'tos' is a keyword" },
		{ "nothing to change names tos", "mpvpn0", false,
		  "revert-delay, tos, private-key" },
	};
	struct dev_args args;
	char err[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (cases[i].refusal) {
			CHECK(cases[i].name, refused(DEV_VERB_SET, cases[i].line,
						     cases[i].refusal));
			continue;
		}
		CHECK(cases[i].name,
		      parse(DEV_VERB_SET, cases[i].line, &args, err,
			    sizeof(err)) == 0 &&
		      (args.settings.present & SET(TOS_INHERIT)) &&
		      args.settings.tos_inherit == cases[i].inherit);
	}
	CHECK("tos is not set at creation",
	      refused(DEV_VERB_ADD, "mpvpn0 tos inherit", "use 'dev set'"));
}

static void test_set_health(void)
{
	struct dev_args args;
	char err[128];
	const struct mpvpn_health_info *health = &args.settings.health;

	CHECK("every health key parses",
	      parse(DEV_VERB_SET,
		    "mpvpn0 probe-interval 50 miss-count 4 loss-window 32 "
		    "latency-fail 300ms latency-recover 250ms jitter-fail 1s "
		    "jitter-recover 500 loss-fail 7.5% loss-recover 0.5 "
		    "hold 3s", &args, err, sizeof(err)) == 0);
	CHECK("health alone is present", args.settings.present == SET(HEALTH));
	CHECK("every threshold is marked",
	      health->present == (HEALTH(PROBE_INTERVAL_MS) |
				  HEALTH(MISS_COUNT) | HEALTH(LOSS_WINDOW) |
				  HEALTH(LATENCY_FAIL_MS) |
				  HEALTH(LATENCY_RECOVER_MS) |
				  HEALTH(JITTER_FAIL_MS) |
				  HEALTH(JITTER_RECOVER_MS) |
				  HEALTH(LOSS_FAIL_PERMILLE) |
				  HEALTH(LOSS_RECOVER_PERMILLE) |
				  HEALTH(HOLD_MS)));
	CHECK("times in milliseconds",
	      health->value[MPVPN_HEALTH_A_PROBE_INTERVAL_MS] == 50 &&
	      health->value[MPVPN_HEALTH_A_LATENCY_FAIL_MS] == 300 &&
	      health->value[MPVPN_HEALTH_A_LATENCY_RECOVER_MS] == 250 &&
	      health->value[MPVPN_HEALTH_A_JITTER_FAIL_MS] == 1000 &&
	      health->value[MPVPN_HEALTH_A_JITTER_RECOVER_MS] == 500 &&
	      health->value[MPVPN_HEALTH_A_HOLD_MS] == 3000);
	CHECK("counts as given",
	      health->value[MPVPN_HEALTH_A_MISS_COUNT] == 4 &&
	      health->value[MPVPN_HEALTH_A_LOSS_WINDOW] == 32);
	CHECK("percentages in permille",
	      health->value[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE] == 75 &&
	      health->value[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE] == 5);

	CHECK("mode, failback and health together",
	      parse(DEV_VERB_SET, "mpvpn0 hold 1s mode failover failback sticky",
		    &args, err, sizeof(err)) == 0 &&
	      args.settings.present == (SET(HEALTH) | SET(MODE) |
					SET(FAILBACK)) &&
	      health->present == HEALTH(HOLD_MS));
	CHECK("ranges are the kernel's: miss-count 0 is sent",
	      parse(DEV_VERB_SET, "mpvpn0 miss-count 0", &args, err,
		    sizeof(err)) == 0 &&
	      health->value[MPVPN_HEALTH_A_MISS_COUNT] == 0);
	CHECK("bad time", refused(DEV_VERB_SET, "mpvpn0 hold 2h",
				  "invalid hold '2h'"));
	CHECK("bad count", refused(DEV_VERB_SET, "mpvpn0 miss-count 3.5",
				   "invalid miss-count '3.5'"));
	CHECK("bad percentage",
	      refused(DEV_VERB_SET, "mpvpn0 loss-fail 0.25",
		      "invalid loss-fail '0.25'"));
	CHECK("percentage above 100",
	      refused(DEV_VERB_SET, "mpvpn0 loss-fail 150%",
		      "invalid loss-fail"));
	CHECK("health key twice",
	      refused(DEV_VERB_SET, "mpvpn0 hold 1s hold 2s",
		      "'hold' given twice"));
	CHECK("health key without value",
	      refused(DEV_VERB_SET, "mpvpn0 mode failover jitter-fail",
		      "'jitter-fail' needs a value"));
	CHECK("reset is a path matter",
	      refused(DEV_VERB_SET, "mpvpn0 health-reset",
		      "unknown keyword 'health-reset'"));
	CHECK("health keys are not taken at creation",
	      refused(DEV_VERB_ADD, "mpvpn0 hold 1s", "use 'dev set'") &&
	      refused(DEV_VERB_ADD, "mpvpn0 failback sticky", "use 'dev set'"));
	CHECK("a health key is no device name",
	      refused(DEV_VERB_SET, "hold 1s", "'hold' is a keyword"));
}

static void test_modes(void)
{
	static const struct {
		const char *name;
		enum mpvpn_mode mode;
	} modes[] = {
		{ "failover", MPVPN_MODE_FAILOVER },
		{ "aggregate", MPVPN_MODE_AGGREGATE },
		{ "flowhash", MPVPN_MODE_FLOWHASH },
		{ "lowlatency", MPVPN_MODE_LOWLATENCY },
		{ "redundant", MPVPN_MODE_REDUNDANT },
	};
	struct dev_args args;
	char line[64];
	char err[128];
	bool set_ok = true, add_ok = true, names_ok = true;

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		snprintf(line, sizeof(line), "mpvpn0 mode %s", modes[i].name);
		set_ok &= parse(DEV_VERB_SET, line, &args, err,
				sizeof(err)) == 0 &&
			  args.settings.present == SET(MODE) &&
			  args.settings.mode == modes[i].mode;
		add_ok &= parse(DEV_VERB_ADD, line, &args, err,
				sizeof(err)) == 0 &&
			  args.link.present == HAS(MODE) &&
			  args.link.mode == modes[i].mode;
		names_ok &= !strcmp(mpvpn_mode_name(modes[i].mode),
				    modes[i].name);
	}
	CHECK("every mode is set by its name", set_ok);
	CHECK("every mode is taken at creation", add_ok);
	CHECK("every mode prints as the name it is set by", names_ok);
	CHECK("the table above lists every mode",
	      sizeof(modes) / sizeof(modes[0]) == __MPVPN_MODE_MAX);
	CHECK("mode names are whole words",
	      refused(DEV_VERB_SET, "mpvpn0 mode aggr",
		      "unknown mode 'aggr'") &&
	      refused(DEV_VERB_SET, "mpvpn0 mode Redundant", "unknown mode") &&
	      refused(DEV_VERB_SET, "mpvpn0 mode low-latency",
		      "unknown mode") &&
	      refused(DEV_VERB_SET, "mpvpn0 mode flow-hash", "unknown mode"));
	CHECK("an unknown mode is answered with the list of modes",
	      refused(DEV_VERB_SET, "mpvpn0 mode roundrobin",
		      "unknown mode 'roundrobin': expected failover, "
		      "aggregate, flowhash, lowlatency or redundant") &&
	      refused(DEV_VERB_ADD, "mpvpn0 mode roundrobin",
		      "expected failover, aggregate"));
	CHECK("a value beyond the modes has no name",
	      !strcmp(mpvpn_mode_name(__MPVPN_MODE_MAX), "unknown"));
}

static void test_set_redundancy(void)
{
	struct dev_args args;
	char err[128];

	CHECK("redundancy parses with its mode",
	      parse(DEV_VERB_SET, "mpvpn0 mode redundant redundancy 3", &args,
		    err, sizeof(err)) == 0 &&
	      args.settings.present == (SET(MODE) | SET(REDUNDANCY)) &&
	      args.settings.mode == MPVPN_MODE_REDUNDANT &&
	      args.settings.redundancy == 3);
	CHECK("redundancy alone, lowest",
	      parse(DEV_VERB_SET, "mpvpn0 redundancy 2", &args, err,
		    sizeof(err)) == 0 &&
	      args.settings.present == SET(REDUNDANCY) &&
	      args.settings.redundancy == 2);
	CHECK("redundancy, highest",
	      parse(DEV_VERB_SET, "mpvpn0 redundancy 4", &args, err,
		    sizeof(err)) == 0 &&
	      args.settings.redundancy == MPVPN_REDUNDANCY_MAX);
	CHECK("redundancy 1 is no redundancy",
	      refused(DEV_VERB_SET, "mpvpn0 redundancy 1",
		      "invalid redundancy '1': expected 2..4 copies"));
	CHECK("redundancy 0",
	      refused(DEV_VERB_SET, "mpvpn0 redundancy 0",
		      "invalid redundancy '0'"));
	CHECK("redundancy 5 is past the limit",
	      refused(DEV_VERB_SET, "mpvpn0 redundancy 5",
		      "invalid redundancy '5': expected 2..4 copies"));
	CHECK("redundancy 258 does not wrap to 2",
	      refused(DEV_VERB_SET, "mpvpn0 redundancy 258",
		      "invalid redundancy '258'"));
	CHECK("redundancy abc",
	      refused(DEV_VERB_SET, "mpvpn0 redundancy abc",
		      "invalid redundancy 'abc'"));
	CHECK("redundancy with sign, fraction or unit",
	      refused(DEV_VERB_SET, "mpvpn0 redundancy -2",
		      "invalid redundancy") &&
	      refused(DEV_VERB_SET, "mpvpn0 redundancy +2",
		      "invalid redundancy") &&
	      refused(DEV_VERB_SET, "mpvpn0 redundancy 2.5",
		      "invalid redundancy") &&
	      refused(DEV_VERB_SET, "mpvpn0 redundancy 2x",
		      "invalid redundancy"));
	CHECK("redundancy twice",
	      refused(DEV_VERB_SET, "mpvpn0 redundancy 2 redundancy 3",
		      "'redundancy' given twice"));
	CHECK("redundancy without value",
	      refused(DEV_VERB_SET, "mpvpn0 mode redundant redundancy",
		      "'redundancy' needs a value"));
	CHECK("redundancy is not set at creation",
	      refused(DEV_VERB_ADD, "mpvpn0 mode redundant redundancy 2",
		      "'redundancy' is not set at creation; use 'dev set'"));
	CHECK("redundancy is no device name",
	      refused(DEV_VERB_SET, "redundancy 2",
		      "'redundancy' is a keyword"));
}

static void test_set_reorder_wait(void)
{
	struct dev_args args;
	char err[128];

	CHECK("reorder-wait in ms",
	      parse(DEV_VERB_SET, "mpvpn0 reorder-wait 100ms", &args, err,
		    sizeof(err)) == 0 &&
	      args.settings.present == SET(REORDER_WAIT_MS) &&
	      args.settings.reorder_wait_ms == 100);
	CHECK("reorder-wait as a bare number is ms",
	      parse(DEV_VERB_SET, "mpvpn0 reorder-wait 1", &args, err,
		    sizeof(err)) == 0 && args.settings.reorder_wait_ms == 1);
	CHECK("reorder-wait of the largest cap, in s and in ms",
	      parse(DEV_VERB_SET, "mpvpn0 reorder-wait 1s", &args, err,
		    sizeof(err)) == 0 &&
	      args.settings.reorder_wait_ms == MPVPN_REORDER_WAIT_MS_MAX &&
	      parse(DEV_VERB_SET, "mpvpn0 reorder-wait 1000ms", &args, err,
		    sizeof(err)) == 0 &&
	      args.settings.reorder_wait_ms == MPVPN_REORDER_WAIT_MS_MAX);
	CHECK("mode, redundancy and reorder-wait with the older settings",
	      parse(DEV_VERB_SET,
		    "mpvpn0 mode aggregate reorder-wait 50ms failback sticky "
		    "redundancy 2 hold 1s", &args, err, sizeof(err)) == 0 &&
	      args.settings.present == (SET(MODE) | SET(REORDER_WAIT_MS) |
					SET(FAILBACK) | SET(REDUNDANCY) |
					SET(HEALTH)) &&
	      args.settings.mode == MPVPN_MODE_AGGREGATE &&
	      args.settings.reorder_wait_ms == 50 &&
	      args.settings.redundancy == 2);
	CHECK("reorder-wait 0",
	      refused(DEV_VERB_SET, "mpvpn0 reorder-wait 0",
		      "invalid reorder-wait '0': expected a time from 1ms to 1s"));
	CHECK("reorder-wait 0ms and 0s",
	      refused(DEV_VERB_SET, "mpvpn0 reorder-wait 0ms",
		      "invalid reorder-wait '0ms'") &&
	      refused(DEV_VERB_SET, "mpvpn0 reorder-wait 0s",
		      "invalid reorder-wait '0s'"));
	CHECK("reorder-wait above the cap",
	      refused(DEV_VERB_SET, "mpvpn0 reorder-wait 1001ms",
		      "invalid reorder-wait '1001ms': expected a time from 1ms to 1s") &&
	      refused(DEV_VERB_SET, "mpvpn0 reorder-wait 2s",
		      "invalid reorder-wait '2s'"));
	CHECK("reorder-wait beyond 32 bits",
	      refused(DEV_VERB_SET, "mpvpn0 reorder-wait 4294967296",
		      "invalid reorder-wait"));
	CHECK("reorder-wait garbage",
	      refused(DEV_VERB_SET, "mpvpn0 reorder-wait soon",
		      "invalid reorder-wait 'soon'") &&
	      refused(DEV_VERB_SET, "mpvpn0 reorder-wait 0.5s",
		      "invalid reorder-wait '0.5s'") &&
	      refused(DEV_VERB_SET, "mpvpn0 reorder-wait 100us",
		      "invalid reorder-wait '100us'") &&
	      refused(DEV_VERB_SET, "mpvpn0 reorder-wait -1",
		      "invalid reorder-wait '-1'"));
	CHECK("reorder-wait twice",
	      refused(DEV_VERB_SET, "mpvpn0 reorder-wait 1 reorder-wait 2",
		      "'reorder-wait' given twice"));
	CHECK("reorder-wait without value",
	      refused(DEV_VERB_SET, "mpvpn0 reorder-wait",
		      "'reorder-wait' needs a value"));
	CHECK("reorder-wait is not set at creation",
	      refused(DEV_VERB_ADD, "mpvpn0 reorder-wait 100ms",
		      "use 'dev set'"));
	CHECK("reorder-wait is no device name",
	      refused(DEV_VERB_SET, "reorder-wait 100ms", "is a keyword"));
	CHECK("nothing to change names the new settings",
	      refused(DEV_VERB_SET, "mpvpn0", "redundancy, reorder-wait"));
}

#define SET_HAS(attr)	MPVPN_DEV_HAS(MPVPN_A_##attr)

static void test_set_encryption(void)
{
	struct dev_args args;
	char err[128];

	CHECK("rekey alone parses",
	      parse(DEV_VERB_SET, "mpvpn0 rekey 3600", &args, err,
		    sizeof(err)) == 0 &&
	      args.settings.present == SET_HAS(REKEY_SECONDS) &&
	      args.settings.rekey_seconds == 3600 && !args.private_key_file);
	CHECK("rekey range ends",
	      parse(DEV_VERB_SET, "mpvpn0 rekey 2", &args, err,
		    sizeof(err)) == 0 &&
	      parse(DEV_VERB_SET, "mpvpn0 rekey 86400", &args, err,
		    sizeof(err)) == 0);
	CHECK("rekey below the minimum",
	      refused(DEV_VERB_SET, "mpvpn0 rekey 1",
		      "invalid rekey '1': expected 2..86400 seconds"));
	CHECK("rekey above the maximum",
	      refused(DEV_VERB_SET, "mpvpn0 rekey 86401", "invalid rekey"));
	CHECK("rekey with a unit is refused",
	      refused(DEV_VERB_SET, "mpvpn0 rekey 1h", "invalid rekey"));
	CHECK("encryption none parses",
	      parse(DEV_VERB_SET, "mpvpn0 encryption none", &args, err,
		    sizeof(err)) == 0 &&
	      args.settings.present == SET_HAS(ENCRYPTION) &&
	      args.settings.encryption == MPVPN_ENCRYPTION_NONE);
	CHECK("encryption chacha20-poly1305 parses (keys installed before)",
	      parse(DEV_VERB_SET, "mpvpn0 encryption chacha20-poly1305", &args,
		    err, sizeof(err)) == 0 &&
	      args.settings.encryption == MPVPN_ENCRYPTION_CHACHA20_POLY1305);
	CHECK("encryption unset cannot be asked for",
	      refused(DEV_VERB_SET, "mpvpn0 encryption unset",
		      "unknown encryption 'unset'"));
	CHECK("private-key and encryption none contradict",
	      refused(DEV_VERB_SET, "mpvpn0 private-key k.key peer-public-key "
		      "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo= encryption none",
		      "contradict"));
	CHECK("psk and side of wire version 1 are gone",
	      refused(DEV_VERB_SET, "mpvpn0 psk k.psk side a",
		      "unknown keyword 'psk'") &&
	      refused(DEV_VERB_SET, "mpvpn0 side a", "unknown keyword 'side'"));
	CHECK("encryption is not set at creation",
	      refused(DEV_VERB_ADD, "mpvpn0 encryption none", "use 'dev set'"));
	CHECK("rekey is no device name",
	      refused(DEV_VERB_SET, "rekey 60", "is a keyword"));
	CHECK("nothing to change names the encryption settings",
	      refused(DEV_VERB_SET, "mpvpn0", "private-key, encryption, rekey"));
}

/* RFC 7748's Alice: a public key, and its bytes. */
#define ALICE_PUBLIC	"hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo="

static void test_set_identity(void)
{
	static const uint8_t alice[MPVPN_KEY_LEN] = {
		0x85, 0x20, 0xf0, 0x09, 0x89, 0x30, 0xa7, 0x54,
		0x74, 0x8b, 0x7d, 0xdc, 0xb4, 0x3e, 0xf7, 0x5a,
		0x0d, 0xbf, 0x3a, 0x0d, 0x26, 0x38, 0x1a, 0xf4,
		0xeb, 0xa4, 0xa9, 0x8e, 0xaa, 0x9b, 0x4e, 0x6a,
	};
	struct dev_args args;
	char err[128];

	CHECK("private-key with peer-public-key parses",
	      parse(DEV_VERB_SET, "mpvpn0 private-key gw.key peer-public-key "
		    ALICE_PUBLIC, &args, err, sizeof(err)) == 0);
	CHECK("the key file is kept for later, the public key decoded",
	      args.private_key_file && !strcmp(args.private_key_file, "gw.key") &&
	      !args.preshared_key_file &&
	      args.settings.present == SET_HAS(PEER_PUBLIC_KEY) &&
	      !memcmp(args.settings.identity.peer_public_key, alice,
		      sizeof(alice)));
	CHECK("a pre-shared key with them, in any order",
	      parse(DEV_VERB_SET, "mpvpn0 preshared-key q.psk peer-public-key "
		    ALICE_PUBLIC " private-key gw.key", &args, err,
		    sizeof(err)) == 0 &&
	      !strcmp(args.preshared_key_file, "q.psk"));
	CHECK("private-key alone",
	      refused(DEV_VERB_SET, "mpvpn0 private-key gw.key",
		      "'private-key FILE' and 'peer-public-key KEY' go together"));
	CHECK("peer-public-key alone",
	      refused(DEV_VERB_SET, "mpvpn0 peer-public-key " ALICE_PUBLIC,
		      "go together"));
	CHECK("preshared-key alone",
	      refused(DEV_VERB_SET, "mpvpn0 preshared-key q.psk",
		      "'preshared-key' needs 'private-key FILE'"));
	CHECK("a public key that is not base64 of 32 bytes",
	      refused(DEV_VERB_SET, "mpvpn0 private-key gw.key peer-public-key "
		      "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTm==",
		      "invalid peer-public-key"));
	CHECK("private-key twice",
	      refused(DEV_VERB_SET, "mpvpn0 private-key a private-key b",
		      "'private-key' given twice"));
	CHECK("peer-public-key twice",
	      refused(DEV_VERB_SET, "mpvpn0 peer-public-key " ALICE_PUBLIC
		      " peer-public-key " ALICE_PUBLIC, "given twice"));
}

int main(void)
{
	test_add();
	test_add_errors();
	test_del();
	test_set();
	test_set_failback();
	test_set_tos();
	test_set_health();
	test_modes();
	test_set_redundancy();
	test_set_reorder_wait();
	test_set_encryption();
	test_set_identity();
	return unit_finish();
}
