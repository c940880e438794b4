// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The parser of mpvpnd.json: what a valid file yields, and every error
 * with the line, column and field it names. The expected position is
 * found by searching the text for a marker (the first character of the
 * offending key or value), counted independently of jsonpos.c; a few
 * cases also spell the position out by hand.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "config.h"
#include "fake_resolve.h"

#define FILE_NAME	"t.json"

/* Line and column (1-based, UTF-8 characters) of the @nth @needle. */
static void position_of(const char *text, const char *needle, int nth,
			int *line, int *column)
{
	const char *at = text;

	for (int i = 0; i < nth && at; i++) {
		at = strstr(at, needle);
		if (at && i + 1 < nth)
			at++;
	}
	*line = 1;
	*column = 1;
	if (!at) {
		*line = -1;
		return;
	}
	for (const char *c = text; c < at; c++) {
		if (*c == '\n') {
			(*line)++;
			*column = 1;
		} else if (((unsigned char)*c & 0xc0) != 0x80) {
			(*column)++;
		}
	}
}

/*
 * @text is refused at the @nth occurrence of @marker, naming @field, with
 * @message in the error.
 */
static void refused_at(const char *name, const char *text, const char *marker,
		       int nth, const char *field, const char *message)
{
	struct config config;
	struct jsonpos_error error;
	char want[256];
	int line, column;
	int ret = config_load_text(FILE_NAME, text, strlen(text), fake_resolve,
				   &config,
				   &error);

	position_of(text, marker, nth, &line, &column);
	/* The whole message: "FILE:LINE:COLUMN: FIELD: message". */
	snprintf(want, sizeof(want), FILE_NAME ":%d:%d: %s%s", line, column,
		 field, field[0] ? ": " : "");
	if (!CHECK(name, ret == -1 && line > 0 && error.line == line &&
			 error.column == column && !strcmp(error.field, field) &&
			 strstr(error.message, message) &&
			 !strncmp(error.text, want, strlen(want)) &&
			 strstr(error.text, message)))
		printf("#   got '%s'\n#   want %d:%d '%s' '%s'\n", error.text,
		       line, column, field, message);
	config_free(&config);
}

/* A device "d" holding @body, the rest of the file valid. */
#define DEV(body)	"{\"devices\": {\"d\": {\"encryption\": \"none\", " body "}}}"
/* A path "p" of device "d" holding @body besides a valid remote. */
#define PATH(body)	DEV("\"paths\": {\"p\": {\"remote\": \"10.0.0.2:5555\"" body "}}")
/* A probe "x" of path "p". */
#define PROBE(body)	PATH(", \"probes\": {\"x\": {" body "}}")

static void test_valid(void)
{
	static const char text[] =
		"{\n"
		"  \"comment\": \"a file with everything\",\n"
		"  \"devices\": {\n"
		"    \"mpvpn0\": {\n"
		"      \"port\": 6000, \"tunnel_id\": 9, \"mode\": \"redundant\",\n"
		"      \"encryption\": \"none\",\n"
		"      \"failback\": \"sticky\", \"revert_delay_ms\": 0, \"tos\": \"inherit\",\n"
		"      \"redundancy\": 3, \"reorder_wait_ms\": 40,\n"
		"      \"addresses\": [\"10.99.0.1/30\", \"fd99::1/64\"],\n"
		"      \"health\": { \"hold_ms\": 500, \"loss_fail_permille\": 80 },\n"
		"      \"paths\": {\n"
		"        \"fiber\": { \"local\": \"10.1.0.1\", \"remote\": \"10.1.0.2:5555\",\n"
		"                   \"priority\": 1, \"weight\": 3, \"id\": 4,\n"
		"                   \"bandwidth\": \"2.5Mbit\" },\n"
		"        \"lte\": { \"dev\": \"wwan0\", \"remote\": \"[fd00::2]:5555\",\n"
		"                 \"priority\": 2, \"admin_up\": false, \"bandwidth\": 500,\n"
		"                 \"health\": { \"latency_fail_ms\": 400, \"latency_recover_ms\": 300 },\n"
		"                 \"probes\": {\n"
		"                   \"web\": { \"type\": \"http\", \"url\": \"https://h/x\", \"expect_body\": \"ok\",\n"
		"                            \"ca_file\": \"/etc/os-release\" },\n"
		"                   \"run\": { \"type\": \"exec\", \"command\": [\"/bin/true\", \"a\"],\n"
		"                            \"interval_ms\": 500 }\n"
		"                 } }\n"
		"      }\n"
		"    },\n"
		"    \"mpvpn1\": { \"encryption\": \"none\" }\n"
		"  },\n"
		"  \"hooks\": [ { \"exec\": [\"/bin/echo\"], \"timeout_ms\": 100 },\n"
		"             { \"exec\": [\"/bin/true\"], \"events\": [\"down\", \"active-path\", \"carrier-lost\"] } ],\n"
		"  \"metrics\": { \"enabled\": true, \"listen\": \"[::1]:9100\" }\n"
		"}\n";
	struct config c;
	struct jsonpos_error e;
	const struct config_device *d, *d1;
	const struct config_path *fiber, *lte;
	struct mpvpn_health_info h;

	CHECK("valid file loads",
	      config_load_text(FILE_NAME, text, sizeof(text) - 1, fake_resolve,
			       &c, &e) == 0);
	CHECK("two devices", c.device_count == 2);
	d = config_find_device(&c, "mpvpn0");
	d1 = config_find_device(&c, "mpvpn1");
	if (!CHECK("devices found by name", d && d1)) {
		config_free(&c);
		return;
	}
	CHECK("port", d->port == 6000);
	CHECK("tunnel id", d->tunnel_id == 9);
	CHECK("mode", d->mode == MPVPN_MODE_REDUNDANT);
	CHECK("redundancy and reorder wait",
	      d->redundancy == 3 && d->reorder_wait_ms == 40);
	CHECK("failback", d->failback == MPVPN_FAILBACK_STICKY);
	CHECK("revert delay 0", d->revert_delay_ms == 0);
	CHECK("tos inherit", d->tos_inherit);
	CHECK("two addresses", d->address_count == 2 &&
	      d->addresses[0].prefix_len == 30 &&
	      d->addresses[1].addr.family == AF_INET6 &&
	      d->addresses[1].prefix_len == 64);
	CHECK("device health marks what the file set",
	      d->health.present == (MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_HOLD_MS) |
				    MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE)) &&
	      d->health.value[MPVPN_HEALTH_A_HOLD_MS] == 500);
	CHECK("defaults of an empty device",
	      d1->port == MPVPN_DEFAULT_PORT && d1->tunnel_id == 0 &&
	      d1->failback == MPVPN_FAILBACK_REVERT && !d1->tos_inherit &&
	      d1->revert_delay_ms == MPVPN_REVERT_DELAY_MS_DEFAULT &&
	      d1->redundancy == MPVPN_REDUNDANCY_DEFAULT &&
	      d1->reorder_wait_ms == MPVPN_REORDER_WAIT_MS_DEFAULT &&
	      d1->path_count == 0 && d1->health.present == 0);
	fiber = config_find_path(d, "fiber");
	lte = config_find_path(d, "lte");
	if (!CHECK("paths found by name", fiber && lte && d->path_count == 2)) {
		config_free(&c);
		return;
	}
	CHECK("fiber local, remote, weight, id",
	      fiber->local.family == AF_INET && fiber->remote_port == 5555 &&
	      fiber->weight == 3 && fiber->id == 4 && fiber->admin_up &&
	      !fiber->local_dev[0]);
	CHECK("lte bound to a device, IPv6, admin down, default weight",
	      !strcmp(lte->local_dev, "wwan0") &&
	      lte->local.family == AF_UNSPEC &&
	      lte->remote.family == AF_INET6 && !lte->admin_up &&
	      lte->weight == 1 && lte->priority == 2);
	CHECK("bandwidth as a rate with a unit, in any case",
	      fiber->bandwidth_kbps == 2500);
	CHECK("bandwidth as a whole number of kbit/s",
	      lte->bandwidth_kbps == 500);
	CHECK("two probes", lte->probe_count == 2);
	CHECK("http probe with defaults",
	      lte->probes[0].type == PROBE_HTTP &&
	      !strcmp(lte->probes[0].name, "web") &&
	      lte->probes[0].expect_status == 200 &&
	      !strcmp(lte->probes[0].expect_body, "ok") &&
	      !strcmp(lte->probes[0].ca_file, "/etc/os-release") &&
	      lte->probes[0].interval_ms == CONFIG_PROBE_INTERVAL_MS_DEFAULT &&
	      lte->probes[0].timeout_ms == CONFIG_PROBE_TIMEOUT_MS_DEFAULT &&
	      lte->probes[0].fail_count == 3 &&
	      lte->probes[0].success_count == 2 &&
	      lte->probes[0].valid_ms == 3000);
	CHECK("exec probe: argv, timeout no longer than its interval",
	      lte->probes[1].type == PROBE_EXEC &&
	      !strcmp(lte->probes[1].command[0], "/bin/true") &&
	      !strcmp(lte->probes[1].command[1], "a") &&
	      !lte->probes[1].command[2] && lte->probes[1].timeout_ms == 500 &&
	      lte->probes[1].valid_ms == 1500);
	config_health_in_force(d, lte, &h);
	CHECK("thresholds in force: path over device over defaults",
	      h.value[MPVPN_HEALTH_A_LATENCY_FAIL_MS] == 400 &&
	      h.value[MPVPN_HEALTH_A_HOLD_MS] == 500 &&
	      h.value[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE] == 80 &&
	      h.value[MPVPN_HEALTH_A_PROBE_INTERVAL_MS] ==
		MPVPN_PROBE_INTERVAL_MS_DEFAULT);
	CHECK("hook", c.hook_count == 2 &&
	      !strcmp(c.hooks[0].argv[0], "/bin/echo") &&
	      c.hooks[0].timeout_ms == 100);
	CHECK("a hook without events runs on all",
	      !c.hooks[0].events.states && !c.hooks[0].events.reasons &&
	      !c.hooks[0].events.active_path);
	CHECK("a hook's events: a state, the active path, a reason",
	      c.hooks[1].events.states == UINT32_C(1) << MPVPN_PATH_STATE_DOWN &&
	      c.hooks[1].events.active_path &&
	      c.hooks[1].events.reasons == UINT64_C(1) << MPVPN_REASON_CARRIER_LOST &&
	      c.hooks[1].timeout_ms == CONFIG_HOOK_TIMEOUT_MS_DEFAULT);
	CHECK("metrics", c.metrics.enabled && c.metrics.port == 9100 &&
	      c.metrics.addr.family == AF_INET6);
	config_free(&c);
}

static void test_empty_and_defaults(void)
{
	struct config c;
	struct jsonpos_error e;

	CHECK("an empty object is a valid file (no devices)",
	      config_load_text(FILE_NAME, "{}", 2, fake_resolve, &c, &e) == 0 &&
	      c.device_count == 0 && c.hook_count == 0);
	CHECK("metrics off, loopback by default",
	      !c.metrics.enabled && c.metrics.port == 9477 &&
	      c.metrics.addr.family == AF_INET &&
	      c.metrics.addr.bytes[0] == 127);
	config_free(&c);
}

static void test_syntax_errors(void)
{
	struct config c;
	struct jsonpos_error e;
	static const char broken[] = "{\n  \"devices\": {\n    \"d\": { \"port\": 1,, }\n  }\n}\n";
	static const char dup[] = "{\"devices\": {\"d\": {}, \"d\": {}}}";

	/* jansson's position: the second comma, the token it stopped at. */
	CHECK("syntax error: jansson's line and column",
	      config_load_text(FILE_NAME, broken, sizeof(broken) - 1,
			       fake_resolve, &c, &e) == -1 &&
	      e.line == 3 && e.column == 22 &&
	      !strncmp(e.text, FILE_NAME ":3:22: ", strlen(FILE_NAME ":3:22: ")));
	config_free(&c);
	CHECK("duplicate device name refused by jansson",
	      config_load_text(FILE_NAME, dup, sizeof(dup) - 1, fake_resolve,
			       &c, &e) == -1 &&
	      e.line == 1 && strstr(e.message, "duplicate object key"));
	config_free(&c);
	CHECK("empty file refused",
	      config_load_text(FILE_NAME, "", 0, fake_resolve, &c, &e) == -1 &&
	      e.line == 1);
	config_free(&c);
	CHECK("unreadable file: the reason, no position",
	      config_load_file("/nonexistent/mpvpnd.json", fake_resolve, &c,
			       &e) == -1 &&
	      e.line == 0 &&
	      !strcmp(e.text, "/nonexistent/mpvpnd.json: No such file or directory"));
	config_free(&c);
}

static void test_positions_by_hand(void)
{
	/* The "0" of weight is on line 4, column 29; é is one column. */
	static const char text[] =
		"{\"devices\": {\n"
		" \"d\": {\"paths\": {\n"
		"  \"p\": {\"remote\": \"10.0.0.2:1\",\n"
		"  \"comment\": \"é\", \"weight\": 0}}}}}\n";
	struct config c;
	struct jsonpos_error e;

	config_load_text(FILE_NAME, text, sizeof(text) - 1, fake_resolve, &c,
			 &e);
	CHECK_STR("error text, position counted by hand", e.text,
		  FILE_NAME ":4:29: devices.d.paths.p.weight: expected a whole number 1..65535, not 0");
	config_free(&c);
}

static void test_top_level(void)
{
	refused_at("top level must be an object", "[]", "[", 1, "",
		   "expected an object, not an array");
	refused_at("unknown top-level key", "{\"devices\": {}, \"device\": 1}",
		   "\"device\"", 1, "device",
		   "unknown field of the configuration; expected one of: devices, hooks, metrics, comment");
	refused_at("comment must be a string", "{\"comment\": 3}", "3", 1,
		   "comment", "expected a string (comments are text)");
	refused_at("devices must be an object", "{\"devices\": []}", "[", 1,
		   "devices", "expected an object, not an array");
}

static void test_device_errors(void)
{
	refused_at("device name with a slash", "{\"devices\": {\"a/b\": {}}}",
		   "\"a/b\"", 1, "devices.a/b", "expected a network device name");
	refused_at("device name too long",
		   "{\"devices\": {\"abcdefghijklmnop\": {}}}", "\"abc", 1,
		   "devices.abcdefghijklmnop", "expected a network device name");
	refused_at("device must be an object", "{\"devices\": {\"d\": 1}}",
		   "1", 1, "devices.d", "expected an object, not a whole number");
	refused_at("unknown device key", DEV("\"prot\": 1"), "\"prot\"", 1,
		   "devices.d.prot", "unknown field of a device");
	refused_at("port must be a number", DEV("\"port\": \"5555\""),
		   "\"5555\"", 1, "devices.d.port",
		   "expected a whole number 1..65535, not a string");
	refused_at("port 0", DEV("\"port\": 0"), "0", 1, "devices.d.port",
		   "expected a whole number 1..65535, not 0");
	refused_at("port past 65535", DEV("\"port\": 65536"), "65536", 1,
		   "devices.d.port", "not 65536");
	refused_at("port with a fraction", DEV("\"port\": 1.5"), "1.5", 1,
		   "devices.d.port", "not a number with a fraction");
	refused_at("negative tunnel id", DEV("\"tunnel_id\": -1"), "-1", 1,
		   "devices.d.tunnel_id", "expected a whole number 0..4294967295, not -1");
	refused_at("tunnel id past 32 bits", DEV("\"tunnel_id\": 4294967296"),
		   "4294967296", 1, "devices.d.tunnel_id", "not 4294967296");
	refused_at("unknown mode", DEV("\"mode\": \"bonding\""), "\"bonding\"",
		   1, "devices.d.mode",
		   "expected a scheduling mode (failover, aggregate, flowhash, lowlatency or redundant), not \"bonding\"");
	refused_at("mode must be a string", DEV("\"mode\": 0"), "0", 1,
		   "devices.d.mode", "expected a string, not a whole number");
	refused_at("unknown failback", DEV("\"failback\": \"never\""),
		   "\"never\"", 1, "devices.d.failback",
		   "expected \"revert\" or \"sticky\", not \"never\"");
	refused_at("unknown tos", DEV("\"tos\": \"dscp\""), "\"dscp\"", 1,
		   "devices.d.tos",
		   "expected \"inherit\" (the DSCP as well) or \"ecn\" (only the ECN field), not \"dscp\"");
	refused_at("tos must be a string", DEV("\"tos\": true"), "true", 1,
		   "devices.d.tos", "expected a string, not a boolean");
	refused_at("revert delay past the kernel's limit",
		   DEV("\"revert_delay_ms\": 3600001"), "3600001", 1,
		   "devices.d.revert_delay_ms", "expected a whole number 0..3600000");
	refused_at("two devices on one port and tunnel id",
		   "{\"devices\": {\"a\": {\"tunnel_id\": 3, \"encryption\": \"none\"}, \"b\": {\"tunnel_id\": 3, \"encryption\": \"none\"}}}",
		   "3", 2, "devices.b.tunnel_id",
		   "port 5555 and tunnel id 3 are taken by device a");
}

static void test_multipath_device_errors(void)
{
	refused_at("redundancy 1: a single copy is not redundant",
		   DEV("\"redundancy\": 1"), "1", 1, "devices.d.redundancy",
		   "expected a whole number 2..4, not 1");
	refused_at("redundancy past the kernel's 4 copies",
		   DEV("\"redundancy\": 5"), "5", 1, "devices.d.redundancy",
		   "expected a whole number 2..4, not 5");
	refused_at("redundancy as a string", DEV("\"redundancy\": \"3\""),
		   "\"3\"", 1, "devices.d.redundancy",
		   "expected a whole number 2..4, not a string");
	refused_at("redundancy past 32 bits",
		   DEV("\"redundancy\": 4294967298"), "4294967298", 1,
		   "devices.d.redundancy", "not 4294967298");
	refused_at("reorder wait 0", DEV("\"reorder_wait_ms\": 0"), "0", 1,
		   "devices.d.reorder_wait_ms",
		   "expected a whole number 1..1000, not 0");
	refused_at("reorder wait past 1 s", DEV("\"reorder_wait_ms\": 1001"),
		   "1001", 1, "devices.d.reorder_wait_ms",
		   "expected a whole number 1..1000, not 1001");
	refused_at("reorder wait with a fraction",
		   DEV("\"reorder_wait_ms\": 2.5"), "2.5", 1,
		   "devices.d.reorder_wait_ms", "not a number with a fraction");
	refused_at("reorder wait with a unit",
		   DEV("\"reorder_wait_ms\": \"50ms\""), "\"50ms\"", 1,
		   "devices.d.reorder_wait_ms", "not a string");
}

static void test_bandwidth_errors(void)
{
	refused_at("bandwidth with an unknown unit",
		   PATH(", \"bandwidth\": \"40mbps\""), "\"40mbps\"", 1,
		   "devices.d.paths.p.bandwidth",
		   "expected a rate such as \"40mbit\", \"2.5mbit\" or \"500kbit\" (units kbit, mbit, gbit), not \"40mbps\"");
	refused_at("bandwidth: an empty string",
		   PATH(", \"bandwidth\": \"\""), "\"\"", 1,
		   "devices.d.paths.p.bandwidth", "not \"\"");
	refused_at("bandwidth: a fraction of a kbit/s",
		   PATH(", \"bandwidth\": \"1.0005mbit\""), "\"1.0005", 1,
		   "devices.d.paths.p.bandwidth", "expected a rate such as");
	refused_at("bandwidth past 100gbit",
		   PATH(", \"bandwidth\": \"101gbit\""), "\"101gbit\"", 1,
		   "devices.d.paths.p.bandwidth",
		   "expected a rate of at most 100gbit, not \"101gbit\"");
	refused_at("bandwidth past 32 bits of kbit/s",
		   PATH(", \"bandwidth\": \"99999999999gbit\""), "\"9999", 1,
		   "devices.d.paths.p.bandwidth",
		   "expected a rate of at most 100gbit");
	refused_at("bandwidth in kbit/s past the kernel's limit",
		   PATH(", \"bandwidth\": 100000001"), "100000001", 1,
		   "devices.d.paths.p.bandwidth",
		   "expected a whole number of kbit/s 0..100000000 (100gbit), not 100000001");
	refused_at("negative bandwidth", PATH(", \"bandwidth\": -1"), "-1", 1,
		   "devices.d.paths.p.bandwidth", "not -1");
	refused_at("bandwidth with a fraction, no unit",
		   PATH(", \"bandwidth\": 2.5"), "2.5", 1,
		   "devices.d.paths.p.bandwidth",
		   "expected a rate such as \"40mbit\" or a whole number of kbit/s, not a number with a fraction");
	refused_at("bandwidth as a boolean", PATH(", \"bandwidth\": true"),
		   "true", 1, "devices.d.paths.p.bandwidth", "not a boolean");
}

/* @text loads; the caller frees @config. */
static bool loads(const char *text, struct config *config)
{
	struct jsonpos_error error;

	if (config_load_text(FILE_NAME, text, strlen(text), fake_resolve,
			     config, &error) == 0)
		return true;
	printf("#   refused: %s\n", error.text);
	return false;
}

static void test_multipath_limits(void)
{
	struct config c;

	CHECK("bandwidth 0 in any unit is unknown",
	      loads(PATH(", \"bandwidth\": \"0gbit\""), &c) &&
	      c.devices[0].paths[0].bandwidth_kbps == 0);
	config_free(&c);
	CHECK("the largest bandwidth, 100000000 kbit/s, is taken",
	      loads(PATH(", \"bandwidth\": 100000000"), &c) &&
	      c.devices[0].paths[0].bandwidth_kbps == MPVPN_BANDWIDTH_KBPS_MAX);
	config_free(&c);
	CHECK("the largest bandwidth as \"100gbit\" is taken",
	      loads(PATH(", \"bandwidth\": \"100gbit\""), &c) &&
	      c.devices[0].paths[0].bandwidth_kbps == MPVPN_BANDWIDTH_KBPS_MAX);
	config_free(&c);
	CHECK("a path without bandwidth: 0, unknown",
	      loads(PATH(""), &c) && c.devices[0].paths[0].bandwidth_kbps == 0);
	config_free(&c);
	CHECK("the upper limits of redundancy and reorder wait are taken",
	      loads(DEV("\"redundancy\": 4, \"reorder_wait_ms\": 1000"), &c) &&
	      c.devices[0].redundancy == MPVPN_REDUNDANCY_MAX &&
	      c.devices[0].reorder_wait_ms == MPVPN_REORDER_WAIT_MS_MAX);
	config_free(&c);
	CHECK("the lower limits of redundancy and reorder wait are taken",
	      loads(DEV("\"redundancy\": 2, \"reorder_wait_ms\": 1"), &c) &&
	      c.devices[0].redundancy == 2 && c.devices[0].reorder_wait_ms == 1);
	config_free(&c);
}

/* Key files of the encryption tests, in a directory of their own. */
static char key_dir[] = "/tmp/mpvpnd-test-XXXXXX";
static char key_ok[64], key_other[64], key_world[64], key_bad[64];

/* The base64 of bytes 0..31, of 32..63 and of 64..95. */
#define KEY_SEQUENCE_0	"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
#define KEY_SEQUENCE_32	"ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8="
#define KEY_SEQUENCE_64	"QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8="

/* Key files hold secrets: mode 0600, as genkey advises, unless a case says. */
static void write_key(char *path, const char *name, const char *content,
		      mode_t mode)
{
	FILE *f;

	snprintf(path, 64, "%s/%s", key_dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(content, f);
		fclose(f);
	}
	chmod(path, mode);
}

static void make_key_files(void)
{
	if (!mkdtemp(key_dir)) {
		perror("mkdtemp");
		exit(1);
	}
	write_key(key_ok, "ok.key", KEY_SEQUENCE_0 "\n", 0600);
	write_key(key_other, "other.key", KEY_SEQUENCE_32 "\n", 0600);
	write_key(key_world, "world.key", KEY_SEQUENCE_0 "\n", 0644);
	write_key(key_bad, "bad.key", "not a key\n", 0600);
}

static void remove_key_files(void)
{
	unlink(key_ok);
	unlink(key_other);
	unlink(key_world);
	unlink(key_bad);
	rmdir(key_dir);
}

/*
 * A device "d" with @before, the private key file @key and the peer's
 * public key @peer (left out when NULL), then @after.
 */
static const char *keyed_with(const char *before, const char *key,
			      const char *peer, const char *after)
{
	static char text[640];
	char peer_member[96] = "";

	if (peer)
		snprintf(peer_member, sizeof(peer_member),
			 ", \"peer_public_key\": \"%s\"", peer);
	snprintf(text, sizeof(text),
		 "{\"devices\": {\"d\": {%s\"private_key_file\": \"%s\"%s%s}}}",
		 before, key, peer_member, after);
	return text;
}

/* The same with the peer key of bytes 32..63. */
static const char *keyed(const char *before, const char *key,
			 const char *after)
{
	return keyed_with(before, key, KEY_SEQUENCE_32, after);
}

/* Whether @device's fingerprint is @fingerprint's. */
static bool same_fingerprint(const struct config *c,
			     const uint8_t *fingerprint)
{
	return !memcmp(c->devices[0].keys_fingerprint, fingerprint,
		       MPVPN_KEYS_FINGERPRINT_LEN);
}

static void test_encryption(void)
{
	uint8_t fingerprint[MPVPN_KEYS_FINGERPRINT_LEN];
	static const uint8_t zero[MPVPN_KEYS_FINGERPRINT_LEN];
	uint8_t key[MPVPN_KEY_LEN], public_key[MPVPN_KEY_LEN];
	struct mpvpn_dev_settings settings;
	char message[640], with_psk[128];
	struct config c;

	mpvpn_key_from_base64(KEY_SEQUENCE_0, key);
	mpvpn_key_public(key, public_key);
	CHECK("a private key file and the peer's public key load",
	      loads(keyed("", key_ok, ""), &c) &&
	      c.devices[0].encryption == MPVPN_ENCRYPTION_CHACHA20_POLY1305 &&
	      !strcmp(c.devices[0].private_key_file, key_ok) &&
	      !c.devices[0].psk_file &&
	      !memcmp(c.devices[0].private_key, key, MPVPN_KEY_LEN) &&
	      c.devices[0].peer_public_key[0] == 32 &&
	      c.devices[0].peer_public_key[31] == 63 &&
	      c.devices[0].rekey_seconds == MPVPN_REKEY_SECONDS_DEFAULT &&
	      memcmp(c.devices[0].keys_fingerprint, zero, sizeof(zero)));
	CHECK("the public key is the private key's, as the kernel reports it",
	      !memcmp(c.devices[0].public_key, public_key, MPVPN_KEY_LEN));
	memcpy(fingerprint, c.devices[0].keys_fingerprint, sizeof(fingerprint));
	memset(&settings, 0, sizeof(settings));
	config_identity_fill(&c.devices[0], &settings);
	CHECK("the identity: private and peer's public key, no pre-shared key",
	      settings.present == (MPVPN_DEV_HAS(MPVPN_A_PRIVATE_KEY) |
				   MPVPN_DEV_HAS(MPVPN_A_PEER_PUBLIC_KEY)) &&
	      config_identity_present(&c.devices[0]) == settings.present &&
	      !memcmp(settings.identity.private_key, key, MPVPN_KEY_LEN) &&
	      !memcmp(settings.identity.peer_public_key,
		      c.devices[0].peer_public_key, MPVPN_KEY_LEN));
	mpvpn_dev_settings_wipe(&settings);
	config_free(&c);

	snprintf(with_psk, sizeof(with_psk), ", \"psk_file\": \"%s\"",
		 key_other);
	CHECK("a pre-shared key file loads with them, and changes the fingerprint",
	      loads(keyed("", key_ok, with_psk), &c) &&
	      !strcmp(c.devices[0].psk_file, key_other) &&
	      c.devices[0].preshared_key[0] == 32 &&
	      !same_fingerprint(&c, fingerprint));
	memset(&settings, 0, sizeof(settings));
	config_identity_fill(&c.devices[0], &settings);
	CHECK("the identity has the pre-shared key too",
	      settings.present == (MPVPN_DEV_HAS(MPVPN_A_PRIVATE_KEY) |
				   MPVPN_DEV_HAS(MPVPN_A_PEER_PUBLIC_KEY) |
				   MPVPN_DEV_HAS(MPVPN_A_PRESHARED_KEY)) &&
	      settings.identity.preshared_key[31] == 63);
	mpvpn_dev_settings_wipe(&settings);
	config_free(&c);
	CHECK("another private key has another fingerprint",
	      loads(keyed("", key_other, ""), &c) &&
	      !same_fingerprint(&c, fingerprint));
	config_free(&c);
	CHECK("another peer has another fingerprint",
	      loads(keyed_with("", key_ok, KEY_SEQUENCE_64, ""), &c) &&
	      !same_fingerprint(&c, fingerprint));
	config_free(&c);
	CHECK("the same keys: the same fingerprint, whatever the tunnel id",
	      loads(keyed("\"comment\": \"x\", \"tunnel_id\": 5, ", key_ok, ""),
		    &c) &&
	      same_fingerprint(&c, fingerprint));
	config_free(&c);
	CHECK("rekey_seconds is taken",
	      loads(keyed("\"rekey_seconds\": 600, ", key_ok, ""), &c) &&
	      c.devices[0].rekey_seconds == 600);
	config_free(&c);
	CHECK("encryption chacha20-poly1305 with keys is taken",
	      loads(keyed("\"encryption\": \"chacha20-poly1305\", ", key_ok, ""),
		    &c) &&
	      c.devices[0].encryption == MPVPN_ENCRYPTION_CHACHA20_POLY1305);
	config_free(&c);
	CHECK("encryption none is taken, without keys",
	      loads(DEV("\"port\": 5555"), &c) &&
	      c.devices[0].encryption == MPVPN_ENCRYPTION_NONE &&
	      !c.devices[0].private_key_file &&
	      config_identity_present(&c.devices[0]) == 0);
	config_free(&c);

	refused_at("a device without encryption",
		   "{\"devices\": {\"d\": {\"port\": 5555}}}", "{\"port", 1,
		   "devices.d.private_key_file",
		   "missing; expected this gateway's private key file (with \"peer_public_key\"), or \"encryption\": \"none\"");
	snprintf(message, sizeof(message),
		 "cannot use the key file: %s: key file is accessible to other users (mode 0644)",
		 key_world);
	refused_at("a private key file others may read",
		   keyed("", key_world, ""), "\"/tmp", 1,
		   "devices.d.private_key_file", message);
	snprintf(message, sizeof(message),
		 "cannot use the key file: %s: not a key: expected one line, the base64 of exactly 32 bytes",
		 key_bad);
	refused_at("a private key file that holds no key",
		   keyed("", key_bad, ""), "\"/tmp", 1,
		   "devices.d.private_key_file", message);
	refused_at("a private key file that is not there",
		   keyed("", "/nonexistent/k.key", ""), "\"/nonexistent", 1,
		   "devices.d.private_key_file",
		   "cannot use the key file: /nonexistent/k.key: No such file or directory");
	refused_at("a relative private key file", keyed("", "k.key", ""),
		   "\"k.key", 1, "devices.d.private_key_file",
		   "expected an absolute path");
	snprintf(with_psk, sizeof(with_psk), ", \"psk_file\": \"%s\"",
		 key_world);
	snprintf(message, sizeof(message),
		 "cannot use the key file: %s: key file is accessible to other users",
		 key_world);
	refused_at("a pre-shared key file others may read",
		   keyed("", key_ok, with_psk), "\"/tmp", 2,
		   "devices.d.psk_file", message);
	refused_at("a private key file without the peer's public key",
		   keyed_with("", key_ok, NULL, ""), "{\"private", 1,
		   "devices.d.peer_public_key",
		   "missing; expected the other gateway's public key");
	refused_at("the peer's public key without a private key file",
		   "{\"devices\": {\"d\": {\"peer_public_key\": \"" KEY_SEQUENCE_32 "\"}}}",
		   "{\"peer", 1, "devices.d.private_key_file",
		   "missing; expected this gateway's private key file, which \"peer_public_key\" goes with");
	refused_at("a peer key that is not base64",
		   keyed_with("", key_ok, "not-a-key", ""), "\"not-a-key", 1,
		   "devices.d.peer_public_key",
		   "expected the peer's public key, the base64 of 32 bytes (44 characters, as \"mpvpnctl pubkey\" prints it), not \"not-a-key\"");
	refused_at("a peer key of 31 bytes",
		   keyed_with("", key_ok,
			      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==", ""),
		   "\"AAEC", 1, "devices.d.peer_public_key",
		   "expected the peer's public key, the base64 of 32 bytes");
	refused_at("a peer key that is a number",
		   "{\"devices\": {\"d\": {\"peer_public_key\": 7}}}", "7", 1,
		   "devices.d.peer_public_key", "expected a string");
	refused_at("keys and encryption none",
		   keyed("\"encryption\": \"none\", ", key_ok, ""), "\"none", 1,
		   "devices.d.encryption",
		   "\"none\" contradicts \"private_key_file\": leave one out");
	refused_at("the peer's key and encryption none",
		   DEV("\"peer_public_key\": \"" KEY_SEQUENCE_32 "\""), "\"none",
		   1, "devices.d.encryption",
		   "\"none\" contradicts \"peer_public_key\"");
	refused_at("side went away with wire version 2",
		   keyed("", key_ok, ", \"side\": \"a\""), "\"side", 1,
		   "devices.d.side",
		   "went away with wire version 2; give \"private_key_file\" and \"peer_public_key\" instead");
	refused_at("side in a plaintext device, the same",
		   DEV("\"side\": \"b\""), "\"side", 1, "devices.d.side",
		   "went away with wire version 2");
	snprintf(with_psk, sizeof(with_psk), "\"psk_file\": \"%s\"", key_ok);
	{
		char text[256];

		snprintf(text, sizeof(text),
			 "{\"devices\": {\"d\": {\"encryption\": \"none\", %s}}}",
			 with_psk);
		refused_at("a pre-shared key file without a private key file",
			   text, "\"psk_file", 1, "devices.d.psk_file",
			   "applies only with \"private_key_file\"");
	}
	refused_at("rekey without keys", DEV("\"rekey_seconds\": 60"),
		   "\"rekey", 1, "devices.d.rekey_seconds",
		   "applies only with \"private_key_file\"");
	refused_at("rekey below its minimum",
		   keyed("\"rekey_seconds\": 1, ", key_ok, ""),
		   "1,", 1, "devices.d.rekey_seconds",
		   "expected a whole number 2..86400, not 1");
	refused_at("encryption unset cannot be asked for",
		   "{\"devices\": {\"d\": {\"encryption\": \"unset\"}}}", "\"unset", 1,
		   "devices.d.encryption", "expected \"none\"");
	refused_at("chacha20-poly1305 without keys",
		   "{\"devices\": {\"d\": {\"encryption\": \"chacha20-poly1305\"}}}",
		   "{\"encryption", 1, "devices.d.private_key_file",
		   "missing; expected this gateway's private key file of chacha20-poly1305");
	mpvpn_wipe(key, sizeof(key));
}

/* The side refused alone: one error, not a second one as an unknown field. */
static void test_side_alone(void)
{
	struct config_report report;
	struct config c;
	const char *text = keyed("", key_ok, ", \"side\": \"a\"");

	CHECK("side: one error, the field's own",
	      config_read_text(FILE_NAME, text, strlen(text), NULL, &c,
			       &report) == -1 &&
	      report.errors.count == 1 &&
	      strstr(report.errors.items[0].text, "devices.d.side: went away"));
	config_report_free(&report);
	config_free(&c);
}

/* The example shipped with the documentation (the tests run in their folder). */
#define EXAMPLE_FILE	"../../../Documentation/mpvpnd.json.example"
/* Quoted: the values of the key files, not the mentions in a comment. */
#define EXAMPLE_KEY_FILE	"\"/etc/mpvpn/private.key\""
#define EXAMPLE_PSK_FILE	"\"/etc/mpvpn/office.psk\""

/* Whole-file reading, for the example; NULL on failure. */
static char *read_text(const char *file)
{
	FILE *f = fopen(file, "r");
	char *text = calloc(1, 65536);
	size_t n;

	if (!f || !text) {
		if (f)
			fclose(f);
		free(text);
		return NULL;
	}
	n = fread(text, 1, 65535, f);
	fclose(f);
	text[n] = '\0';
	return text;
}

/* @text with the first @from replaced by "@to", freed; NULL without it. */
static char *replace_quoted(char *text, const char *from, const char *to)
{
	char *at = text ? strstr(text, from) : NULL;
	char *edited;

	if (!at) {
		free(text);
		return NULL;
	}
	edited = calloc(1, strlen(text) + strlen(to) + 3);
	if (edited)
		sprintf(edited, "%.*s\"%s\"%s", (int)(at - text), text, to,
			at + strlen(from));
	free(text);
	return edited;
}

/*
 * The example names the key files a real gateway has; here they are key
 * files of the test's own, put in their places in the text, so that the
 * rest of the example is checked as shipped.
 */
static char *example_with_keys(const char *key_path, const char *psk_path)
{
	return replace_quoted(replace_quoted(read_text(EXAMPLE_FILE),
					     EXAMPLE_KEY_FILE, key_path),
			      EXAMPLE_PSK_FILE, psk_path);
}

static void test_documented_example(void)
{
	struct config c;
	struct jsonpos_error e;
	const struct config_device *d;
	const struct config_path *fiber, *dsl;
	char *text = example_with_keys(key_ok, key_other);

	if (!CHECK("the example names its key files /etc/mpvpn/private.key and /etc/mpvpn/office.psk",
		   text != NULL))
		return;
	if (!CHECK("the documented example loads",
		   config_load_text(EXAMPLE_FILE, text, strlen(text),
				    fake_resolve, &c,
				    &e) == 0)) {
		printf("#   %s\n", e.text);
		config_free(&c);
		free(text);
		return;
	}
	free(text);
	d = config_find_device(&c, "mpvpn0");
	fiber = d ? config_find_path(d, "fiber") : NULL;
	dsl = d ? config_find_path(d, "dsl") : NULL;
	CHECK("the example's redundancy, reorder wait and bandwidths",
	      d && fiber && dsl && d->redundancy == 2 &&
	      d->reorder_wait_ms == 100 && fiber->bandwidth_kbps == 100000 &&
	      dsl->bandwidth_kbps == 8000);
	CHECK("the example's tos is the default, ecn", d && !d->tos_inherit);
	CHECK("the example's gateway has keys, a pre-shared key and the default rekey",
	      d && d->private_key_file && d->psk_file &&
	      d->encryption == MPVPN_ENCRYPTION_CHACHA20_POLY1305 &&
	      d->rekey_seconds == MPVPN_REKEY_SECONDS_DEFAULT);
	config_free(&c);
}

static void test_health_errors(void)
{
	refused_at("health must be an object", DEV("\"health\": [1]"), "[", 1,
		   "devices.d.health", "expected an object, not an array");
	refused_at("unknown threshold", DEV("\"health\": {\"hold\": 1}"),
		   "\"hold\"", 1, "devices.d.health.hold",
		   "unknown field of health; expected one of: probe_interval_ms, miss_count");
	refused_at("probe interval below 10 ms",
		   DEV("\"health\": {\"probe_interval_ms\": 9}"), "9", 1,
		   "devices.d.health.probe_interval_ms",
		   "expected a whole number 10..10000, not 9");
	refused_at("miss count 0", DEV("\"health\": {\"miss_count\": 0}"), "0",
		   1, "devices.d.health.miss_count", "expected a whole number 1..100");
	refused_at("loss window 3", DEV("\"health\": {\"loss_window\": 3}"),
		   "3", 1, "devices.d.health.loss_window",
		   "expected a whole number 4..64, not 3");
	refused_at("loss past 1000 per mille",
		   DEV("\"health\": {\"loss_fail_permille\": 1001}"), "1001", 1,
		   "devices.d.health.loss_fail_permille", "0..1000");
	refused_at("latency level 0", DEV("\"health\": {\"latency_fail_ms\": 0}"),
		   "0", 1, "devices.d.health.latency_fail_ms", "1..60000");
	refused_at("device: recovery level not below the default failure level",
		   DEV("\"health\": {\"latency_recover_ms\": 200}"), "200", 1,
		   "devices.d.health.latency_recover_ms",
		   "latency_recover_ms (200) must be below latency_fail_ms (200)");
	refused_at("device: failure level at or below the recovery level",
		   DEV("\"health\": {\"jitter_fail_ms\": 20, \"jitter_recover_ms\": 20}"),
		   "20", 2, "devices.d.health.jitter_recover_ms",
		   "jitter_recover_ms (20) must be below jitter_fail_ms (20)");
	refused_at("device: failure level alone below the default recovery",
		   DEV("\"health\": {\"loss_fail_permille\": 10}"), "10", 1,
		   "devices.d.health.loss_fail_permille",
		   "loss_recover_permille (10) must be below loss_fail_permille (10)");
	refused_at("path: its recovery level against the device's failure level",
		   DEV("\"health\": {\"latency_fail_ms\": 100, \"latency_recover_ms\": 50}, "
		       "\"paths\": {\"p\": {\"remote\": \"10.0.0.2:1\", "
		       "\"health\": {\"latency_recover_ms\": 120}}}"),
		   "120", 1, "devices.d.paths.p.health.latency_recover_ms",
		   "latency_recover_ms (120) must be below latency_fail_ms (100)");
}

static void test_address_errors(void)
{
	refused_at("addresses must be an array", DEV("\"addresses\": \"10.0.0.1/30\""),
		   "\"10.", 1, "devices.d.addresses",
		   "expected an array of ADDRESS/PREFIX strings, not a string");
	refused_at("address without a prefix", DEV("\"addresses\": [\"10.0.0.1\"]"),
		   "\"10.", 1, "devices.d.addresses[0]",
		   "expected ADDRESS/PREFIX such as 10.99.0.1/30");
	refused_at("IPv4 prefix past 32",
		   DEV("\"addresses\": [\"10.0.0.5/30\", \"10.0.0.1/33\"]"),
		   "\"10.0.0.1", 1, "devices.d.addresses[1]", "not \"10.0.0.1/33\"");
	refused_at("not an address", DEV("\"addresses\": [\"host/24\"]"),
		   "\"host", 1, "devices.d.addresses[0]", "not \"host/24\"");
	refused_at("empty prefix", DEV("\"addresses\": [\"fd00::1/\"]"),
		   "\"fd00", 1, "devices.d.addresses[0]", "not \"fd00::1/\"");
	refused_at("address twice",
		   DEV("\"addresses\": [\"10.0.0.1/30\", \"10.0.0.1/24\"]"),
		   "\"10.0.0.1/24", 1, "devices.d.addresses[1]",
		   "the same address as addresses[0]");
	refused_at("address not a string", DEV("\"addresses\": [7]"), "7", 1,
		   "devices.d.addresses[0]", "expected a string, not a whole number");
}

static void test_path_errors(void)
{
	char many[4096];
	size_t used;

	refused_at("paths must be an object", DEV("\"paths\": []"), "[", 1,
		   "devices.d.paths", "expected an object, not an array");
	refused_at("path name too long",
		   DEV("\"paths\": {\"abcdefghijklmnop\": {}}"), "\"abc", 1,
		   "devices.d.paths.abcdefghijklmnop",
		   "path names are 1..15 characters");
	refused_at("empty path name", DEV("\"paths\": {\"\": {}}"), "\"\"", 1,
		   "devices.d.paths.", "path names are 1..15 characters");
	refused_at("path must be an object", DEV("\"paths\": {\"p\": true}"),
		   "true", 1, "devices.d.paths.p", "expected an object, not a boolean");
	refused_at("unknown path key", PATH(", \"wieght\": 2"), "\"wieght\"", 1,
		   "devices.d.paths.p.wieght",
		   "unknown field of a path; expected one of: id, local, dev, remote, fixed, priority, weight, bandwidth, admin_up, health, probes, comment");
	refused_at("remote without a port",
		   DEV("\"paths\": {\"p\": {\"remote\": \"10.0.0.2\"}}"),
		   "\"10.0.0.2\"", 1, "devices.d.paths.p.remote",
		   "expected ADDRESS:PORT");
	refused_at("remote port 0",
		   DEV("\"paths\": {\"p\": {\"remote\": \"10.0.0.2:0\"}}"),
		   "\"10.0.0.2:0\"", 1, "devices.d.paths.p.remote",
		   "expected ADDRESS:PORT");
	refused_at("IPv6 remote without brackets",
		   DEV("\"paths\": {\"p\": {\"remote\": \"fd00::2:5555\"}}"),
		   "\"fd00", 1, "devices.d.paths.p.remote", "in brackets");
	refused_at("local not an address", PATH(", \"local\": \"eth0\""),
		   "\"eth0\"", 1, "devices.d.paths.p.local",
		   "expected an IPv4 or IPv6 address, not \"eth0\"");
	refused_at("local of the other family", PATH(", \"local\": \"fd00::1\""),
		   "\"fd00::1\"", 1, "devices.d.paths.p.local",
		   "expected an address of the remote's family (IPv4)");
	refused_at("dev with a colon", PATH(", \"dev\": \"eth0:1\""),
		   "\"eth0:1\"", 1, "devices.d.paths.p.dev",
		   "expected a network device name");
	refused_at("id 0", PATH(", \"id\": 0"), "0}", 1, "devices.d.paths.p.id",
		   "expected a whole number 1..32, not 0");
	refused_at("id 33", PATH(", \"id\": 33"), "33", 1,
		   "devices.d.paths.p.id", "not 33");
	refused_at("id taken",
		   DEV("\"paths\": {\"a\": {\"remote\": \"10.0.0.2:1\", \"id\": 2}, "
		       "\"b\": {\"remote\": \"10.0.0.3:1\", \"id\": 2}}"),
		   "2}", 2, "devices.d.paths.b.id", "id 2 is taken by path a");
	refused_at("negative priority", PATH(", \"priority\": -3"), "-3", 1,
		   "devices.d.paths.p.priority", "not -3");
	refused_at("weight 0", PATH(", \"weight\": 0"), "0}", 1,
		   "devices.d.paths.p.weight", "expected a whole number 1..65535, not 0");
	refused_at("admin_up not a boolean", PATH(", \"admin_up\": \"yes\""),
		   "\"yes\"", 1, "devices.d.paths.p.admin_up",
		   "expected true or false, not a string");
	refused_at("path health: unknown key", PATH(", \"health\": {\"x\": 1}"),
		   "\"x\"", 1, "devices.d.paths.p.health.x", "unknown field of health");

	/* 33 paths: one past the kernel's limit. */
	used = (size_t)snprintf(many, sizeof(many), "{\"devices\": {\"d\": {\"paths\": {");
	for (int i = 0; i < MPVPN_MAX_PATHS + 1; i++)
		used += (size_t)snprintf(many + used, sizeof(many) - used,
					 "%s\"p%d\": {\"remote\": \"10.0.0.%d:1\"}",
					 i ? ", " : "", i, i + 1);
	snprintf(many + used, sizeof(many) - used, "}}}}");
	refused_at("more paths than the kernel takes", many, "{\"p0", 1,
		   "devices.d.paths", "expected at most 32 paths, not 33");
}

/* The one path "p" of device "d" of @text, which must load. */
static bool load_path(const char *text, struct config *c,
		      const struct config_path **p)
{
	struct jsonpos_error e;

	*p = NULL;
	if (config_load_text(FILE_NAME, text, strlen(text), fake_resolve, c,
			     &e) < 0) {
		printf("#   refused: %s\n", e.text);
		return false;
	}
	*p = c->devices[0].paths;
	return c->device_count == 1 && c->devices[0].path_count == 1;
}

static void test_remotes(void)
{
	const struct config_path *p;
	struct config c;

	CHECK("a path without remote listens",
	      load_path(DEV("\"paths\": {\"p\": {\"dev\": \"wwan0\"}}"), &c, &p) &&
	      p->remote.family == AF_UNSPEC && !p->remote_name[0] &&
	      !p->remote_fixed);
	config_free(&c);
	CHECK("a listening path with a local address",
	      load_path(DEV("\"paths\": {\"p\": {\"local\": \"fd00::1\"}}"), &c, &p) &&
	      p->remote.family == AF_UNSPEC && p->local.family == AF_INET6);
	config_free(&c);
	CHECK("a pinned remote",
	      load_path(PATH(", \"fixed\": true"), &c, &p) && p->remote_fixed &&
	      p->remote_port == 5555);
	config_free(&c);
	CHECK("roaming said outright",
	      load_path(PATH(", \"fixed\": false"), &c, &p) && !p->remote_fixed);
	config_free(&c);
	CHECK("a remote by name, resolved",
	      load_path(DEV("\"paths\": {\"p\": {\"remote\": \"hub.example.net:4500\"}}"),
			&c, &p) &&
	      !strcmp(p->remote_name, "hub.example.net") &&
	      p->remote.family == AF_INET && p->remote.bytes[0] == 198 &&
	      p->remote_port == 4500);
	config_free(&c);
	CHECK("the name takes the family of the local address, even after it",
	      load_path(DEV("\"paths\": {\"p\": {\"remote\": \"hub.example.net:4500\", "
			    "\"local\": \"2001:db8::10\", \"fixed\": true}}"), &c, &p) &&
	      p->remote.family == AF_INET6 && p->remote_fixed);
	config_free(&c);
}

static void test_remote_errors(void)
{
	/* Each "remote" refused, with the "local" before it if any. */
	static const struct {
		const char *name, *local, *remote, *message;
	} bad[] = {
		{ "any is spelt by leaving remote out", "", "any",
		  "leave \"remote\" out for a path that listens" },
		{ "a name that does not resolve", "", "nowhere.example.net:5555",
		  "cannot resolve \"nowhere.example.net\": Name or service not known" },
		{ "a name without an address of the local family",
		  "\"local\": \"10.0.0.1\", ", "v6.example.net:5555",
		  "cannot resolve \"v6.example.net\" to an IPv4 address (that of \"local\"): Address family for hostname not supported" },
		{ "a name with its final dot goes to the resolver as written", "",
		  "v6.example.net.:1", "cannot resolve \"v6.example.net.\"" },
		{ "a name without a port", "", "hub.example.net",
		  "or NAME:PORT (hub.example.net:5555), not \"hub.example.net\"" },
		{ "a name with port 0", "", "hub.example.net:0", "NAME:PORT" },
		{ "a mistyped address is no name", "", "10.0.0.300:5555",
		  "not \"10.0.0.300:5555\"" },
		{ "an IPv4 address in brackets", "", "[10.0.0.2]:5555",
		  "ADDRESS:PORT" },
		{ "a label that starts with a hyphen", "", "-hub.example.net:1",
		  "NAME:PORT" },
		{ "an empty label", "", "hub..example.net:1", "NAME:PORT" },
		{ "a name with an underscore", "", "my_hub:1", "NAME:PORT" },
	};
	struct config c;
	struct jsonpos_error e;
	static const char unresolved[] =
		DEV("\"paths\": {\"p\": {\"remote\": \"nowhere.example.net:5555\"}}");

	refused_at("fixed without remote",
		   DEV("\"paths\": {\"p\": {\"dev\": \"wwan0\", \"fixed\": true}}"),
		   "\"fixed\"", 1, "devices.d.paths.p.fixed",
		   "a path without \"remote\" listens and has no endpoint to pin");
	refused_at("fixed not a boolean", PATH(", \"fixed\": 1"), "1}", 1,
		   "devices.d.paths.p.fixed", "expected true or false");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[256], marker[64];

		snprintf(text, sizeof(text),
			 DEV("\"paths\": {\"p\": {%s\"remote\": \"%s\"}}"),
			 bad[i].local, bad[i].remote);
		snprintf(marker, sizeof(marker), "\"%s", bad[i].remote);
		refused_at(bad[i].name, text, marker, 1,
			   "devices.d.paths.p.remote", bad[i].message);
	}
	CHECK("without a resolver a name is refused, an address is not",
	      config_load_text(FILE_NAME, unresolved, sizeof(unresolved) - 1,
			       NULL, &c, &e) == -1 &&
	      strstr(e.text, "names are not resolved here"));
	config_free(&c);
	CHECK("an address needs no resolver",
	      config_load_text(FILE_NAME, PATH(""), strlen(PATH("")), NULL, &c,
			       &e) == 0);
	config_free(&c);
}

/* The ids of device "d"'s paths of @text, "1 2 3". */
static const char *ids_of(const char *text, char *buf, size_t len)
{
	struct config c;
	struct jsonpos_error e;
	size_t used = 0;

	buf[0] = '\0';
	if (config_load_text(FILE_NAME, text, strlen(text), fake_resolve, &c,
			     &e) < 0)
		printf("#   refused: %s\n", e.text);
	for (size_t i = 0; c.device_count && i < c.devices[0].path_count; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%u%s",
					 i ? " " : "", c.devices[0].paths[i].id,
					 c.devices[0].paths[i].id_from_file ?
					 "!" : "");
	config_free(&c);
	return buf;
}

static void test_path_ids(void)
{
	char ids[256];

	CHECK_STR("ids follow the paths' places",
		  ids_of(DEV("\"paths\": {\"c\": {}, \"a\": {}, \"b\": {}}"),
			 ids, sizeof(ids)), "1 2 3");
	CHECK_STR("the file's ids are kept, the others fill in from 1",
		  ids_of(DEV("\"paths\": {\"a\": {}, \"b\": {\"id\": 1}, "
			     "\"c\": {}, \"d\": {\"id\": 3}, \"e\": {}}"),
			 ids, sizeof(ids)), "2 1! 4 3! 5");
	CHECK_STR("a comment is no path",
		  ids_of(DEV("\"paths\": {\"comment\": \"x\", \"a\": {}, \"b\": {}}"),
			 ids, sizeof(ids)), "1 2");
}

static void test_probe_errors(void)
{
	refused_at("probes must be an object", PATH(", \"probes\": []"), "[", 1,
		   "devices.d.paths.p.probes", "expected an object, not an array");
	refused_at("nine probes",
		   PATH(", \"probes\": {\"a\": {}, \"b\": {}, \"c\": {}, \"d\": {}, \"e\": {}, "
			"\"f\": {}, \"g\": {}, \"h\": {}, \"i\": {}}"),
		   "{\"a\"", 1, "devices.d.paths.p.probes",
		   "expected at most 8 probes per path");
	refused_at("probe name too long",
		   PATH(", \"probes\": {\"abcdefghijklmnop\": {}}"), "\"abc", 1,
		   "devices.d.paths.p.probes.abcdefghijklmnop",
		   "probe names are 1..15 characters");
	refused_at("probe must be an object", PATH(", \"probes\": {\"x\": 1}"),
		   "1}", 1, "devices.d.paths.p.probes.x",
		   "expected an object, not a whole number");
	refused_at("probe without a type", PROBE("\"host\": \"10.0.0.2\""),
		   "{\"host", 1, "devices.d.paths.p.probes.x.type",
		   "missing; expected one of icmp, udp, tcp, http, dns, bgp, exec");
	refused_at("probe type not a string", PROBE("\"type\": 1"), "1}", 1,
		   "devices.d.paths.p.probes.x.type", "expected a string");
	refused_at("unknown probe type", PROBE("\"type\": \"snmp\""), "\"snmp\"",
		   1, "devices.d.paths.p.probes.x.type",
		   "expected one of icmp, udp, tcp, http, dns, bgp, exec, not \"snmp\"");
	refused_at("a field of another type",
		   PROBE("\"type\": \"icmp\", \"host\": \"10.0.0.2\", \"url\": \"http://a\""),
		   "\"url\"", 1, "devices.d.paths.p.probes.x.url",
		   "unknown field of icmp probes; expected one of: type, interval_ms, timeout_ms, fail_count, success_count, valid_ms, host, comment");
	refused_at("icmp without a host", PROBE("\"type\": \"icmp\""),
		   "{\"type", 1, "devices.d.paths.p.probes.x.host",
		   "missing; expected the IPv4 or IPv6 address to probe");
	refused_at("host not an address", PROBE("\"type\": \"icmp\", \"host\": \"gw\""),
		   "\"gw\"", 1, "devices.d.paths.p.probes.x.host",
		   "expected an IPv4 or IPv6 address");
	refused_at("tcp without a port",
		   PROBE("\"type\": \"tcp\", \"host\": \"10.0.0.2\""), "{\"type", 1,
		   "devices.d.paths.p.probes.x.port", "missing; expected the port to probe");
	refused_at("udp port 0",
		   PROBE("\"type\": \"udp\", \"host\": \"10.0.0.2\", \"port\": 0"),
		   "0}", 1, "devices.d.paths.p.probes.x.port",
		   "expected a whole number 1..65535, not 0");
	refused_at("dns without a query",
		   PROBE("\"type\": \"dns\", \"host\": \"10.0.0.2\""), "{\"type", 1,
		   "devices.d.paths.p.probes.x.query", "missing; expected the name to resolve");
	refused_at("http without a url", PROBE("\"type\": \"http\""), "{\"type",
		   1, "devices.d.paths.p.probes.x.url",
		   "missing; expected an http:// or https:// URL");
	refused_at("url of another scheme",
		   PROBE("\"type\": \"http\", \"url\": \"ftp://h/\""), "\"ftp", 1,
		   "devices.d.paths.p.probes.x.url",
		   "expected an http:// or https:// URL, not \"ftp://h/\"");
	refused_at("CA file that cannot be read",
		   PROBE("\"type\": \"http\", \"url\": \"https://h/\", \"ca_file\": \"/nonexistent/ca.pem\""),
		   "\"/nonexistent", 1, "devices.d.paths.p.probes.x.ca_file",
		   "cannot read the CA file \"/nonexistent/ca.pem\": No such file or directory");
	refused_at("CA file for a plain http URL",
		   PROBE("\"type\": \"http\", \"url\": \"http://h/\", \"ca_file\": \"/etc/hostname\""),
		   "\"/etc/hostname", 1, "devices.d.paths.p.probes.x.ca_file",
		   "only for https:// URLs, and \"http://h/\" is not one");
	refused_at("expected status 600",
		   PROBE("\"type\": \"http\", \"url\": \"http://h/\", \"expect_status\": 600"),
		   "600", 1, "devices.d.paths.p.probes.x.expect_status",
		   "expected a whole number 100..599, not 600");
	refused_at("empty body match",
		   PROBE("\"type\": \"http\", \"url\": \"http://h/\", \"expect_body\": \"\""),
		   "\"\"", 1, "devices.d.paths.p.probes.x.expect_body",
		   "expected a string that is not empty");
	refused_at("bgp without a neighbor", PROBE("\"type\": \"bgp\""),
		   "{\"type", 1, "devices.d.paths.p.probes.x.neighbor",
		   "missing; expected the BGP neighbor's address");
	refused_at("exec without a command", PROBE("\"type\": \"exec\""),
		   "{\"type", 1, "devices.d.paths.p.probes.x.command",
		   "missing; expected the command to run");
	refused_at("exec command as a string",
		   PROBE("\"type\": \"exec\", \"command\": \"/bin/true\""),
		   "\"/bin/true\"", 1, "devices.d.paths.p.probes.x.command",
		   "expected an array of strings, the program first");
	refused_at("exec command empty",
		   PROBE("\"type\": \"exec\", \"command\": []"), "[]", 1,
		   "devices.d.paths.p.probes.x.command",
		   "expected an array of strings");
	refused_at("exec program not absolute",
		   PROBE("\"type\": \"exec\", \"command\": [\"true\"]"), "\"true\"", 1,
		   "devices.d.paths.p.probes.x.command[0]",
		   "expected an absolute path to the program, not \"true\"");
	refused_at("exec argument not a string",
		   PROBE("\"type\": \"exec\", \"command\": [\"/bin/x\", 2]"), "2]", 1,
		   "devices.d.paths.p.probes.x.command[1]",
		   "expected a string, not a whole number");
	refused_at("interval below 10 ms",
		   PROBE("\"type\": \"icmp\", \"host\": \"10.0.0.2\", \"interval_ms\": 5"),
		   "5}", 1, "devices.d.paths.p.probes.x.interval_ms",
		   "expected a whole number 10..3600000, not 5");
	refused_at("timeout past the interval",
		   PROBE("\"type\": \"icmp\", \"host\": \"10.0.0.2\", \"interval_ms\": 100, \"timeout_ms\": 200"),
		   "200", 1, "devices.d.paths.p.probes.x.timeout_ms",
		   "expected at most interval_ms (100), not 200");
	refused_at("verdict expiring before the next run",
		   PROBE("\"type\": \"icmp\", \"host\": \"10.0.0.2\", \"valid_ms\": 1000"),
		   "1000", 1, "devices.d.paths.p.probes.x.valid_ms",
		   "expected more than interval_ms (1000), not 1000");
	refused_at("fail count 0",
		   PROBE("\"type\": \"icmp\", \"host\": \"10.0.0.2\", \"fail_count\": 0"),
		   "0}", 1, "devices.d.paths.p.probes.x.fail_count",
		   "expected a whole number 1..100, not 0");
	refused_at("success count 101",
		   PROBE("\"type\": \"icmp\", \"host\": \"10.0.0.2\", \"success_count\": 101"),
		   "101", 1, "devices.d.paths.p.probes.x.success_count",
		   "expected a whole number 1..100, not 101");
}

static void test_hook_and_metrics_errors(void)
{
	refused_at("hooks must be an array", "{\"hooks\": {}}", "{}", 1,
		   "hooks", "expected an array of hooks, not an object");
	refused_at("hook must be an object", "{\"hooks\": [\"/bin/x\"]}",
		   "\"/bin", 1, "hooks[0]", "expected an object, not a string");
	refused_at("unknown hook key",
		   "{\"hooks\": [{\"exec\": [\"/bin/x\"], \"when\": 1}]}",
		   "\"when\"", 1, "hooks[0].when",
		   "unknown field of a hook; expected one of: exec, timeout_ms, events, comment");
	refused_at("hook without exec", "{\"hooks\": [{\"exec\": [\"/bin/x\"]}, {\"timeout_ms\": 5}]}",
		   "{\"timeout", 1, "hooks[1].exec",
		   "missing; expected the command to run");
	refused_at("hook timeout 0",
		   "{\"hooks\": [{\"exec\": [\"/bin/x\"], \"timeout_ms\": 0}]}",
		   "0}", 1, "hooks[0].timeout_ms", "expected a whole number 1..3600000");
	refused_at("hook program not absolute",
		   "{\"hooks\": [{\"exec\": [\"notify\"]}]}", "\"notify\"", 1,
		   "hooks[0].exec[0]", "expected an absolute path");
	refused_at("hook events must be an array",
		   "{\"hooks\": [{\"exec\": [\"/bin/x\"], \"events\": \"down\"}]}",
		   "\"down\"", 1, "hooks[0].events",
		   "expected an array of event kinds, such as [\"down\", \"active-path\"]");
	refused_at("hook events not empty",
		   "{\"hooks\": [{\"exec\": [\"/bin/x\"], \"events\": []}]}",
		   "[]", 1, "hooks[0].events", "expected an array of event kinds");
	refused_at("unknown hook event kind",
		   "{\"hooks\": [{\"exec\": [\"/bin/x\"], \"events\": [\"up\", \"master\"]}]}",
		   "\"master\"", 1, "hooks[0].events[1]",
		   "expected a path state (up, degraded, down), \"active-path\" or the name of a reason (mpvpnd.conf(5)), not \"master\"");
	refused_at("metrics must be an object", "{\"metrics\": true}", "true", 1,
		   "metrics", "expected an object, not a boolean");
	refused_at("unknown metrics key", "{\"metrics\": {\"port\": 9}}",
		   "\"port\"", 1, "metrics.port",
		   "unknown field of metrics; expected one of: enabled, listen, comment");
	refused_at("metrics enabled not a boolean", "{\"metrics\": {\"enabled\": 1}}",
		   "1}", 1, "metrics.enabled", "expected true or false");
	refused_at("metrics listen without a port",
		   "{\"metrics\": {\"listen\": \"127.0.0.1\"}}", "\"127", 1,
		   "metrics.listen", "expected ADDRESS:PORT");
}

static void test_comments_in_named_maps(void)
{
	static const char text[] =
		"{\"devices\": {\"comment\": \"the devices\", \"d\": {\"encryption\": \"none\", \"paths\": {"
		"\"comment\": \"the paths\", \"p\": {\"remote\": \"10.0.0.2:1\", "
		"\"probes\": {\"comment\": \"c\", \"x\": {\"type\": \"exec\", "
		"\"command\": [\"/bin/true\"]}}}}}}}";
	struct config c;
	struct jsonpos_error e;

	CHECK("a comment among devices, paths and probes is no entry",
	      config_load_text("t.json", text, strlen(text), fake_resolve, &c,
			       &e) == 0 &&
	      c.device_count == 1 && c.devices[0].path_count == 1 &&
	      c.devices[0].paths[0].probe_count == 1 &&
	      !strcmp(c.devices[0].name, "d"));
	config_free(&c);
	refused_at("a device named comment must be an object",
		   "{\"devices\": {\"comment\": 1}}", "1", 1,
		   "devices.comment", "expected an object, not a whole number");
}

static void test_escaped_keys(void)
{
	/* A key written with escapes is found under its decoded name. */
	refused_at("escaped key decoded in the path",
		   DEV("\"paths\": {\"l\\u0074e\": {\"remote\": \"10.0.0.2:1\", \"weight\": 0}}"),
		   "0}", 1, "devices.d.paths.lte.weight", "not 0");
	refused_at("UTF-8 before the error counts one column a character",
		   "{\"comment\": \"ééé\", \"bad\": 1}", "\"bad\"", 1, "bad",
		   "unknown field of the configuration");
}

/* The texts of @notes, one a line, in a static buffer. */
static const char *texts(const struct jsonpos_notes *notes)
{
	static char buf[4096];
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < notes->count && used < sizeof(buf); i++)
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s\n",
					 notes->items[i].text);
	return buf;
}

/*
 * -t: every error it can find, the warnings, and the offline mode. The
 * positions are counted by hand: the value each error names starts there
 * (a key for an unknown field).
 */
static void test_report(void)
{
	static const char text[] =
		"{\"devices\": {\n"
		" \"a\": {\"encryption\": \"none\", \"port\": 0, \"mode\": \"fast\",\n"
		"  \"paths\": {\"p\": {\"remote\": \"nowhere\", \"weight\": 0},\n"
		"   \"q\": {\"remote\": \"10.0.0.2:1\"}, \"r\": {\"remote\": \"10.0.0.2:1\"}}},\n"
		" \"b\": {\"private_key_file\": \"/nonexistent/b.key\", \"side\": \"a\", \"colour\": 1}},\n"
		" \"hooks\": [{\"exec\": [\"/nonexistent/hook\"], \"timeout_ms\": 0}]}\n";
	const struct config_options offline = { .offline = true };
	struct config_report report;
	struct config c;

	CHECK("a file with errors in many places is refused",
	      config_read_text(FILE_NAME, text, sizeof(text) - 1, NULL, &c,
			       &report) == -1);
	CHECK_STR("every error, in the order of the file", texts(&report.errors),
		  FILE_NAME ":2:38: devices.a.port: expected a whole number 1..65535, not 0\n"
		  FILE_NAME ":2:49: devices.a.mode: expected a scheduling mode (failover, aggregate, flowhash, lowlatency or redundant), not \"fast\"\n"
		  FILE_NAME ":3:29: devices.a.paths.p.remote: expected ADDRESS:PORT (an IPv6 address in brackets, [fd00::1]:5555) or NAME:PORT (hub.example.net:5555), not \"nowhere\"\n"
		  FILE_NAME ":3:50: devices.a.paths.p.weight: expected a whole number 1..65535, not 0\n"
		  FILE_NAME ":5:50: devices.b.side: went away with wire version 2; give \"private_key_file\" and \"peer_public_key\" instead\n"
		  FILE_NAME ":5:63: devices.b.colour: unknown field of a device; expected one of: port, tunnel_id, mode, failback, revert_delay_ms, redundancy, reorder_wait_ms, health, addresses, paths, private_key_file, peer_public_key, psk_file, rekey_seconds, encryption, tos, comment\n"
		  FILE_NAME ":5:28: devices.b.private_key_file: cannot use the key file: /nonexistent/b.key: No such file or directory\n"
		  FILE_NAME ":6:58: hooks[0].timeout_ms: expected a whole number 1..3600000, not 0\n");
	CHECK_STR("warnings: two paths of one link, a hook program not there",
		  texts(&report.warnings),
		  FILE_NAME ":4:51: devices.a.paths.r.remote: the same local and remote end as path q: both go over one link and fail together\n"
		  FILE_NAME ":6:22: hooks[0].exec[0]: cannot run \"/nonexistent/hook\" now: No such file or directory\n");
	config_report_free(&report);
	config_free(&c);

	CHECK("offline: neither the key file nor the hook program is looked at",
	      config_read_text(FILE_NAME, text, sizeof(text) - 1, &offline, &c,
			       &report) == -1 &&
	      report.errors.count == 7 && report.warnings.count == 1 &&
	      strstr(report.warnings.items[0].text, "devices.a.paths.r.remote") &&
	      !strstr(texts(&report.errors), "cannot use the key file"));
	config_report_free(&report);
	config_free(&c);

	CHECK("no devices: valid, with a warning",
	      config_read_text(FILE_NAME, "{}", 2, NULL, &c, &report) == 0 &&
	      report.errors.count == 0 && report.warnings.count == 1 &&
	      strstr(report.warnings.items[0].text, FILE_NAME ":1:1: no devices"));
	config_report_free(&report);
	config_free(&c);

	CHECK("a byte-order mark is named as such",
	      config_read_text(FILE_NAME, "\xef\xbb\xbf{}", 5, NULL, &c,
			       &report) == -1 && report.errors.count == 1 &&
	      strstr(report.errors.items[0].text,
		     FILE_NAME ":1:1: the file starts with a UTF-8 byte-order mark"));
	config_report_free(&report);
	config_free(&c);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_report();
	make_key_files();
	test_valid();
	test_empty_and_defaults();
	test_syntax_errors();
	test_positions_by_hand();
	test_top_level();
	test_device_errors();
	test_multipath_device_errors();
	test_bandwidth_errors();
	test_multipath_limits();
	test_documented_example();
	test_health_errors();
	test_address_errors();
	test_path_errors();
	test_remotes();
	test_remote_errors();
	test_path_ids();
	test_probe_errors();
	test_hook_and_metrics_errors();
	test_comments_in_named_maps();
	test_escaped_keys();
	test_encryption();
	test_side_alone();
	remove_key_files();
	return unit_finish();
}
