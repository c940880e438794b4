// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What mpvpnctl prints: the monitor line, the text of "show" and the JSON
 * documents, whose field names scripts depend on.
 */
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>

#include "conf.h"
#include "json.h"
#include "show_text.h"
#include "unit.h"

#define MEASURE(attr)	MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_##attr)

/* Referenced by cli.h; the JSON builders do not depend on it. */
bool json_output;

static struct mpvpn_event carrier_lost(void)
{
	struct mpvpn_event event = {
		.ifindex = 5, .ifname = "mpvpn0",
		.reason = MPVPN_REASON_CARRIER_LOST, .has_path = true,
		.active_path_id = 2, .active_path_name = "lte",
	};

	event.path.present = MPVPN_PATH_HAS(MPVPN_PATH_A_ID) |
			     MPVPN_PATH_HAS(MPVPN_PATH_A_NAME) |
			     MPVPN_PATH_HAS(MPVPN_PATH_A_STATE) |
			     MPVPN_PATH_HAS(MPVPN_PATH_A_CARRIER) |
			     MPVPN_PATH_HAS(MPVPN_PATH_A_ADMIN_UP);
	event.path.id = 1;
	strcpy(event.path.name, "fiber");
	event.path.state = MPVPN_PATH_STATE_DOWN;
	event.path.admin_up = true;
	return event;
}

static void test_event_text(void)
{
	struct mpvpn_event event = carrier_lost();
	char line[256];
	char tiny[8];

	CHECK_STR("carrier lost line", mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber down (carrier-lost); active path lte");

	event.reason = MPVPN_REASON_PATH_REMOVED;
	event.active_path_id = 0;
	event.active_path_name[0] = '\0';
	CHECK_STR("removed path, nothing active",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber removed (path-removed); no active path");

	/* A handshake's event: the path's id and name, no state. */
	event = carrier_lost();
	event.path.present = MPVPN_PATH_HAS(MPVPN_PATH_A_ID) |
			     MPVPN_PATH_HAS(MPVPN_PATH_A_NAME);
	event.reason = MPVPN_REASON_HANDSHAKE_FAILED;
	event.handshake_failure = MPVPN_HANDSHAKE_FAILURE_NOT_AUTHENTIC;
	CHECK_STR("a failed handshake says why",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber (handshake-failed: not-authentic); active path lte");
	event.reason = MPVPN_REASON_HANDSHAKE_COMPLETED;
	event.handshake_failure = MPVPN_HANDSHAKE_FAILURE_NONE;
	CHECK_STR("a completed handshake",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber (handshake-completed); active path lte");

	event = carrier_lost();
	event.has_path = false;
	event.reason = MPVPN_REASON_CONFIG;
	CHECK_STR("device-level event",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: device changed (config); active path lte");

	event = carrier_lost();
	event.ifname[0] = '\0';
	event.path.present &= ~MPVPN_PATH_HAS(MPVPN_PATH_A_NAME);
	event.reason = MPVPN_REASON_CARRIER_UP;
	event.path.state = MPVPN_PATH_STATE_UP;
	CHECK_STR("nameless device and path",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "if5: path id 1 up (carrier-up); active path lte");

	CHECK_STR("truncates without overflowing",
		  mpvpn_event_text(&event, tiny, sizeof(tiny)), "if5: pa");
}

/* Compact, sorted, so the expected text is exact. */
static char *dump(json_t *value)
{
	char *text = json_dumps(value, JSON_SORT_KEYS | JSON_COMPACT);

	json_decref(value);
	return text;
}

static void test_json_event(void)
{
	struct mpvpn_event event = carrier_lost();
	char *text = dump(json_event(&event));

	CHECK_STR("event JSON", text,
		  "{\"active_path\":{\"id\":2,\"name\":\"lte\"},"
		  "\"active_path_id\":2,"
		  "\"ifindex\":5,\"ifname\":\"mpvpn0\","
		  "\"path\":{\"admin_up\":true,\"carrier\":false,\"id\":1,"
		  "\"name\":\"fiber\",\"state\":\"down\"},"
		  "\"reason\":\"carrier-lost\"}");
	free(text);

	event.has_path = false;
	event.active_path_id = 0;
	text = dump(json_event(&event));
	CHECK_STR("event JSON without path or active path", text,
		  "{\"active_path\":null,\"active_path_id\":0,"
		  "\"ifindex\":5,\"ifname\":\"mpvpn0\","
		  "\"reason\":\"carrier-lost\"}");
	free(text);
}

static void test_json_device(void)
{
	static const uint8_t remote[4] = { 198, 51, 100, 1 };
	struct mpvpn_path_info path = {
		.id = 1, .name = "fiber", .remote_port = 5555, .priority = 1,
		.weight = 1, .admin_up = true, .state = MPVPN_PATH_STATE_UP,
		.carrier = true, .active = true, .mtu = 1500,
	};
	struct device_snapshot dev = {
		.device = {
			.ifindex = 5, .ifname = "mpvpn0", .port = 5555,
			.tunnel_id = 1, .mode = MPVPN_MODE_FAILOVER,
			.mtu = 1420, .active_path_id = 1,
			.active_path_name = "fiber", .path_count = 1,
		},
		.paths = &path,
		.path_count = 1,
	};
	char *text;

	mpvpn_addr_set_bytes(&path.remote, remote, 4);
	path.stats.present = UINT64_C(1) << MPVPN_STATS_A_TX_PACKETS;
	path.stats.counter[MPVPN_STATS_A_TX_PACKETS] = 10;
	dev.device.stats.present =
		(UINT64_C(1) << MPVPN_STATS_A_RX_BAD_INNER) |
		(UINT64_C(1) << MPVPN_STATS_A_TX_NO_PATH);
	dev.device.stats.counter[MPVPN_STATS_A_RX_BAD_INNER] = 3;

	text = dump(json_device(&dev));
	/* From a module without path health: its keys are there, empty. */
	CHECK_STR("device JSON", text,
		  "{\"active_path\":{\"id\":1,\"name\":\"fiber\"},"
		  "\"encryption\":null,"
		  "\"failback\":null,\"handshake\":null,\"health\":null,"
		  "\"ifindex\":5,\"ifname\":\"mpvpn0\","
		  "\"mode\":\"failover\","
		  "\"mtu\":1420,\"path_count\":1,"
		  "\"paths\":[{\"active\":true,\"admin_up\":true,"
		  "\"bandwidth_kbps\":null,"
		  "\"carrier\":true,\"health\":null,\"history\":null,\"id\":1,"
		  "\"local_addr\":null,"
		  "\"local_dev\":null,\"local_ifindex\":0,\"measure\":null,"
		  "\"mtu\":1500,"
		  "\"name\":\"fiber\",\"pmtu\":null,\"priority\":1,"
		  "\"remote\":\"198.51.100.1:5555\","
		  "\"remote_addr\":\"198.51.100.1\","
		  "\"remote_fixed\":null,\"remote_learned\":null,"
		  "\"remote_port\":5555,"
		  "\"state\":\"up\",\"state_reason\":null,"
		  "\"stats\":{\"tx_packets\":10},"
		  "\"verdicts\":[],\"weight\":1}],"
		  "\"peer_public_key\":null,"
		  "\"port\":5555,\"public_key\":null,\"redundancy\":null,"
		  "\"rekey_seconds\":null,"
		  "\"reorder_wait_ms\":null,\"reorder_wait_us\":null,"
		  "\"revert_delay_ms\":null,"
		  "\"stats\":{\"rx_bad_inner\":3,\"tx_no_path\":0},"
		  "\"tos_inherit\":null,\"tunnel_id\":1}");
	free(text);

	text = dump(json_device_stats(&dev));
	CHECK_STR("stats JSON", text,
		  "{\"ifindex\":5,\"ifname\":\"mpvpn0\","
		  "\"paths\":[{\"id\":1,\"name\":\"fiber\","
		  "\"stats\":{\"tx_packets\":10}}],"
		  "\"stats\":{\"rx_bad_inner\":3,\"tx_no_path\":0}}");
	free(text);
}


/* A fibre path gone bad, as a module with path health reports it. */
static struct mpvpn_event probes_lost(void)
{
	struct mpvpn_event event = carrier_lost();

	event.reason = MPVPN_REASON_PROBES_LOST;
	event.has_old_state = true;
	event.old_state = MPVPN_PATH_STATE_UP;
	event.has_old_active_path = true;
	event.old_active_path_id = 1;
	event.path.present |= MPVPN_PATH_HAS(MPVPN_PATH_A_MEASURE) |
			      MPVPN_PATH_HAS(MPVPN_PATH_A_STATE_REASON);
	event.path.state_reason = MPVPN_REASON_PROBES_LOST;
	event.path.measure = (struct mpvpn_measure){
		.present = MEASURE(RTT_US) | MEASURE(SRTT_US) |
			   MEASURE(JITTER_US) | MEASURE(LOSS_PERMILLE) |
			   MEASURE(MISSES) | MEASURE(LAST_SEEN_MS) |
			   MEASURE(PROBES_SENT) | MEASURE(PROBES_ANSWERED),
		.rtt_us = 15000, .srtt_us = 12345, .jitter_us = 420,
		.loss_permille = 50, .misses = 3, .last_seen_ms = 310,
		.probes_sent = 400, .probes_answered = 380,
	};
	return event;
}

static void test_state_change_text(void)
{
	struct mpvpn_event event = probes_lost();
	char line[256];

	CHECK_STR("state change with its figures",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber up -> down (probes-lost; rtt 12.3 ms, "
		  "jitter 0.4 ms, loss 5.0 %, misses 3); active path lte");

	event.path.state = MPVPN_PATH_STATE_DEGRADED;
	event.reason = MPVPN_REASON_LATENCY;
	event.path.measure.present &= ~(MEASURE(JITTER_US) | MEASURE(MISSES));
	CHECK_STR("only the figures sent are shown",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber up -> degraded (latency; rtt 12.3 ms, "
		  "loss 5.0 %); active path lte");

	event = probes_lost();
	event.path.measure.probes_answered = 0;
	CHECK_STR("no rtt or jitter before the first answer",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber up -> down (probes-lost; loss 5.0 %, "
		  "misses 3); active path lte");

	event = probes_lost();
	event.old_state = MPVPN_PATH_STATE_DEGRADED;
	event.path.state = MPVPN_PATH_STATE_UP;
	event.reason = MPVPN_REASON_RECOVERED;
	event.path.measure.misses = 0;
	event.path.measure.loss_permille = 0;
	CHECK_STR("recovery with its figures",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber degraded -> up (recovered; rtt 12.3 ms, "
		  "jitter 0.4 ms, loss 0.0 %, misses 0); active path lte");

	event = probes_lost();
	event.reason = MPVPN_REASON_CARRIER_LOST;
	CHECK_STR("a change the probes did not cause has no figures",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber up -> down (carrier-lost); active path lte");

	event.reason = MPVPN_REASON_PUSHED_PROBE;
	CHECK_STR("a failing pushed verdict",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber up -> down (pushed-probe); active path lte");

	event = probes_lost();
	event.path.present &= ~MPVPN_PATH_HAS(MPVPN_PATH_A_MEASURE);
	CHECK_STR("figures the kernel did not send",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber up -> down (probes-lost); active path lte");

	event = probes_lost();
	event.has_old_state = false;
	event.reason = MPVPN_REASON_CARRIER_LOST;
	CHECK_STR("without the old state the line is as it always was",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber down (carrier-lost); active path lte");

	event = probes_lost();
	event.reason = MPVPN_REASON_PATH_REMOVED;
	event.active_path_id = 0;
	CHECK_STR("a removed path stays a removed path",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber removed (path-removed); no active path");

	event = probes_lost();
	event.reason = MPVPN_REASON_MTU_CHANGED;
	event.has_old_state = false;
	event.path.present |= MPVPN_PATH_HAS(MPVPN_PATH_A_PMTU);
	event.path.pmtu = 1280;
	CHECK_STR("a path MTU change says the new MTU",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber mtu 1280 (mtu-changed); active path lte");
}

static void test_json_state_change(void)
{
	struct mpvpn_event event = probes_lost();
	char *text = dump(json_event(&event));

	CHECK_STR("state change event JSON", text,
		  "{\"active_path\":{\"id\":2,\"name\":\"lte\"},"
		  "\"active_path_id\":2,"
		  "\"ifindex\":5,\"ifname\":\"mpvpn0\","
		  "\"old_active_path_id\":1,\"old_state\":\"up\","
		  "\"path\":{\"admin_up\":true,\"carrier\":false,\"id\":1,"
		  "\"measure\":{\"jitter_us\":420,\"last_seen_ms\":310,"
		  "\"loss_permille\":50,\"misses\":3,\"probes_answered\":380,"
		  "\"probes_sent\":400,\"rtt_us\":15000,\"srtt_us\":12345},"
		  "\"name\":\"fiber\",\"state\":\"down\","
		  "\"state_reason\":\"probes-lost\"},"
		  "\"reason\":\"probes-lost\"}");
	free(text);

	event.old_active_path_id = 0;
	event.path.measure.present = MEASURE(MISSES);
	text = dump(json_event(&event));
	CHECK("no old active path is 0, never seen is null",
	      strstr(text, "\"old_active_path_id\":0,") &&
	      strstr(text, "\"measure\":{\"last_seen_ms\":null,\"misses\":3}"));
	free(text);

	event.reason = MPVPN_REASON_MTU_CHANGED;
	event.path.present |= MPVPN_PATH_HAS(MPVPN_PATH_A_PMTU);
	event.path.pmtu = 1280;
	text = dump(json_event(&event));
	CHECK("an event's path carries its path MTU",
	      strstr(text, "\"pmtu\":1280") &&
	      strstr(text, "\"reason\":\"mtu-changed\""));
	free(text);
}

/* Everything a module with path health reports about a device. */
struct health_fixture {
	struct mpvpn_path_info paths[2];
	struct device_snapshot dev;
};

static void set_defaults(struct mpvpn_health_info *health)
{
	static const uint32_t defaults[] = {
		[MPVPN_HEALTH_A_PROBE_INTERVAL_MS] = 100,
		[MPVPN_HEALTH_A_MISS_COUNT] = 3,
		[MPVPN_HEALTH_A_LOSS_WINDOW] = 20,
		[MPVPN_HEALTH_A_LATENCY_FAIL_MS] = 200,
		[MPVPN_HEALTH_A_LATENCY_RECOVER_MS] = 150,
		[MPVPN_HEALTH_A_JITTER_FAIL_MS] = 50,
		[MPVPN_HEALTH_A_JITTER_RECOVER_MS] = 25,
		[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE] = 50,
		[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE] = 5,
		[MPVPN_HEALTH_A_HOLD_MS] = 2000,
	};

	for (int attr = 1; attr < MPVPN_HEALTH_A_RESET; attr++) {
		health->present |= MPVPN_HEALTH_HAS(attr);
		health->value[attr] = defaults[attr];
	}
}

static void health_fixture_init(struct health_fixture *f)
{
	static const uint8_t remote[4] = { 198, 51, 100, 1 };
	struct mpvpn_path_info *fiber = &f->paths[0];
	struct mpvpn_path_info *lte = &f->paths[1];
	struct mpvpn_device_info *device = &f->dev.device;

	memset(f, 0, sizeof(*f));
	*device = (struct mpvpn_device_info){
		.present = MPVPN_DEV_HAS(MPVPN_A_HEALTH) |
			   MPVPN_DEV_HAS(MPVPN_A_FAILBACK) |
			   MPVPN_DEV_HAS(MPVPN_A_REVERT_DELAY_MS) |
			   MPVPN_DEV_HAS(MPVPN_A_TOS_INHERIT),
		.ifindex = 5, .ifname = "mpvpn0", .port = 5555, .tunnel_id = 1,
		.mtu = 1420, .active_path_id = 1, .active_path_name = "fiber",
		.path_count = 2, .failback = MPVPN_FAILBACK_STICKY,
		.revert_delay_ms = 5000, .tos_inherit = true,
	};
	set_defaults(&device->health);
	f->dev.paths = f->paths;
	f->dev.path_count = 2;

	for (int i = 0; i < 2; i++) {
		struct mpvpn_path_info *path = &f->paths[i];

		path->present = MPVPN_PATH_HAS(MPVPN_PATH_A_HEALTH) |
				MPVPN_PATH_HAS(MPVPN_PATH_A_MEASURE) |
				MPVPN_PATH_HAS(MPVPN_PATH_A_STATE_REASON) |
				MPVPN_PATH_HAS(MPVPN_PATH_A_VERDICTS);
		path->id = (uint32_t)i + 1;
		path->priority = (uint32_t)i + 1;
		path->weight = 1;
		path->admin_up = true;
		path->remote_port = 5555;
		mpvpn_addr_set_bytes(&path->remote, remote, 4);
		set_defaults(&path->health);
	}
	strcpy(fiber->name, "fiber");
	fiber->state = MPVPN_PATH_STATE_DEGRADED;
	fiber->state_reason = MPVPN_REASON_LATENCY;
	fiber->carrier = true;
	fiber->active = true;
	fiber->health.value[MPVPN_HEALTH_A_LATENCY_FAIL_MS] = 300;
	fiber->health.value[MPVPN_HEALTH_A_HOLD_MS] = 5000;
	fiber->measure = probes_lost().path.measure;
	fiber->measure.rtt_us = 212000;
	fiber->measure.srtt_us = 205300;
	fiber->measure.misses = 0;
	fiber->measure.last_seen_ms = 40;
	fiber->measure.present |= MEASURE(RATE_KBPS) | MEASURE(QUEUE_US) |
				  MEASURE(LOSS_LATELY_PERMILLE);
	fiber->measure.rate_kbps = 38200;
	fiber->measure.queue_us = 3100;
	fiber->measure.loss_lately_permille = 23;
	fiber->verdict_count = 2;
	fiber->verdicts[0] = (struct mpvpn_verdict_info){
		.name = "ping", .ok = true, .has_rtt = true, .rtt_us = 12500,
		.has_valid = true, .valid_ms = 8200,
	};
	fiber->verdicts[1] = (struct mpvpn_verdict_info){
		.name = "http-check", .has_valid = true, .valid_ms = 3000,
	};

	strcpy(lte->name, "lte");
	lte->state = MPVPN_PATH_STATE_DOWN;
	lte->state_reason = MPVPN_REASON_PROBING;
	lte->measure = (struct mpvpn_measure){
		.present = MEASURE(LOSS_PERMILLE) | MEASURE(MISSES) |
			   MEASURE(PROBES_SENT) | MEASURE(PROBES_ANSWERED),
		.loss_permille = 1000, .misses = 3, .probes_sent = 3,
	};
}

static void test_json_health(void)
{
	struct health_fixture f;
	json_t *device;
	json_t *fiber;
	char *text;

	health_fixture_init(&f);
	device = json_device(&f.dev);
	fiber = json_array_get(json_object_get(device, "paths"), 0);

	text = dump(json_incref(json_object_get(device, "health")));
	CHECK_STR("device health defaults", text,
		  "{\"hold_ms\":2000,\"jitter_fail_ms\":50,"
		  "\"jitter_recover_ms\":25,\"latency_fail_ms\":200,"
		  "\"latency_recover_ms\":150,\"loss_fail_permille\":50,"
		  "\"loss_recover_permille\":5,\"loss_window\":20,"
		  "\"miss_count\":3,\"probe_interval_ms\":100}");
	free(text);
	CHECK_STR("device failback",
		  json_string_value(json_object_get(device, "failback")),
		  "sticky");
	CHECK("device revert delay",
	      json_integer_value(json_object_get(device, "revert_delay_ms")) ==
	      5000);
	CHECK("device tos_inherit is a boolean",
	      json_is_true(json_object_get(device, "tos_inherit")));

	CHECK_STR("path state and its reason",
		  json_string_value(json_object_get(fiber, "state")),
		  "degraded");
	CHECK_STR("path state reason",
		  json_string_value(json_object_get(fiber, "state_reason")),
		  "latency");
	CHECK("path health is the values in force",
	      json_integer_value(json_object_get(
		      json_object_get(fiber, "health"), "latency_fail_ms")) == 300 &&
	      json_object_size(json_object_get(fiber, "health")) == 10);
	text = dump(json_incref(json_object_get(fiber, "measure")));
	CHECK_STR("path measure", text,
		  "{\"jitter_us\":420,\"last_seen_ms\":40,"
		  "\"loss_lately_permille\":23,"
		  "\"loss_permille\":50,\"misses\":0,\"probes_answered\":380,"
		  "\"probes_sent\":400,\"queue_us\":3100,\"rate_kbps\":38200,"
		  "\"rtt_us\":212000,\"srtt_us\":205300}");
	free(text);
	text = dump(json_incref(json_object_get(fiber, "verdicts")));
	CHECK_STR("path verdicts", text,
		  "[{\"name\":\"ping\",\"ok\":true,\"rtt_us\":12500,"
		  "\"valid_ms\":8200},"
		  "{\"name\":\"http-check\",\"ok\":false,\"valid_ms\":3000}]");
	free(text);
	text = dump(json_incref(json_object_get(
		json_array_get(json_object_get(device, "paths"), 1), "measure")));
	CHECK_STR("a path never heard from", text,
		  "{\"last_seen_ms\":null,\"loss_permille\":1000,\"misses\":3,"
		  "\"probes_answered\":0,\"probes_sent\":3}");
	free(text);
	json_decref(device);

	f.dev.device.stats.present = UINT64_C(1) << MPVPN_STATS_A_RX_BAD_PROBE;
	f.dev.device.stats.counter[MPVPN_STATS_A_RX_BAD_PROBE] = 7;
	text = dump(json_stats(&f.dev.device.stats));
	CHECK_STR("the counter after the pad", text, "{\"rx_bad_probe\":7}");
	free(text);
}

/* What @print(@arg) writes on stdout, in a malloc()ed string. */
static char *capture(void (*print)(const void *arg), const void *arg)
{
	FILE *file = tmpfile();
	int saved = dup(STDOUT_FILENO);
	char *text = calloc(1, 4096);

	if (!file || saved < 0 || !text) {
		free(text);
		return NULL;
	}
	fflush(stdout);
	dup2(fileno(file), STDOUT_FILENO);
	print(arg);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	rewind(file);
	if (fread(text, 1, 4095, file) == 0)
		text[0] = '\0';
	fclose(file);
	return text;
}

static void print_device(const void *dev)
{
	show_print_device(dev);
}

/* What show_print_device() writes on stdout, in a malloc()ed string. */
static char *capture_show(const struct device_snapshot *dev)
{
	return capture(print_device, dev);
}

static void print_scalar(const void *value)
{
	json_print_scalar((json_t *)value);
}

/* "mpvpnctl get": the fields found by their dotted keys, as printed. */
static void test_json_lookup(void)
{
	struct health_fixture f;
	json_t *device;
	char *text;

	health_fixture_init(&f);
	device = json_device(&f.dev);
	CHECK("lookup: a nested field",
	      json_integer_value(json_lookup(device, "health.hold_ms")) == 2000);
	CHECK_STR("lookup: a top-level field",
		  json_string_value(json_lookup(device, "failback")), "sticky");
	CHECK("lookup: an unknown field", !json_lookup(device, "nope"));
	CHECK("lookup: an unknown nested field",
	      !json_lookup(device, "health.nope"));
	CHECK("lookup: a key past a scalar", !json_lookup(device, "failback.x"));
	CHECK("lookup: an empty key", !json_lookup(device, "health."));
	CHECK("lookup: a prefix of a key is not the key",
	      !json_lookup(device, "health.hold"));

	text = capture(print_scalar, json_lookup(device, "failback"));
	CHECK_STR("get prints a string bare", text ? text : "", "sticky\n");
	free(text);
	text = capture(print_scalar, json_lookup(device, "health.hold_ms"));
	CHECK_STR("get prints a number", text ? text : "", "2000\n");
	free(text);
	text = capture(print_scalar, json_lookup(device, "tos_inherit"));
	CHECK_STR("get prints tos_inherit", text ? text : "", "true\n");
	free(text);
	CHECK("lookup: arrays are not indexed", !json_lookup(device, "paths.0"));
	text = capture(print_scalar, json_object_get(
		json_array_get(json_lookup(device, "paths"), 0), "verdicts"));
	CHECK_STR("get prints an array as one line of JSON", text ? text : "",
		  "[{\"name\":\"ping\",\"ok\":true,\"rtt_us\":12500,"
		  "\"valid_ms\":8200},"
		  "{\"name\":\"http-check\",\"ok\":false,\"valid_ms\":3000}]\n");
	free(text);
	text = capture(print_scalar, json_object_get(
		json_array_get(json_lookup(device, "paths"), 1), "active"));
	CHECK_STR("get prints false", text ? text : "", "false\n");
	free(text);
	text = capture(print_scalar, json_lookup(json_object_get(
		json_array_get(json_lookup(device, "paths"), 1), "measure"),
		"last_seen_ms"));
	CHECK_STR("get prints null", text ? text : "", "null\n");
	free(text);
	json_decref(device);
}

static void test_show_text(void)
{
	struct health_fixture f;
	char *text;

	health_fixture_init(&f);
	text = capture_show(&f.dev);
	CHECK("show text captured", text != NULL);
	if (!text)
		return;
	CHECK_STR("show text with path health", text,
		  "device: mpvpn0\n"
		  "  mode: failover\n"
		  "  failback: sticky, revert delay: 5s\n"
		  "  tos: inherit\n"
		  "  port: 5555\n"
		  "  tunnel id: 1\n"
		  "  mtu: 1420\n"
		  "  active path: fiber (id 1)\n"
		  "  paths: 2\n"
		  "  health: probe-interval 100ms, miss-count 3, loss-window 20,\n"
		  "          latency-fail 200ms, latency-recover 150ms, jitter-fail 50ms,\n"
		  "          jitter-recover 25ms, loss-fail 5%, loss-recover 0.5%, hold 2s\n"
		  "\n"
		  "  path: fiber (id 1) [active]\n"
		  "    local: any\n"
		  "    remote: 198.51.100.1:5555\n"
		  "    priority: 1, weight: 1\n"
		  "    admin: up, state: degraded (latency), carrier: up\n"
		  "    rtt: 212.0 ms (smoothed 205.3 ms), jitter: 0.4 ms, loss: 5.0 % (2.3 % lately), misses: 0\n"
		  "    last seen: 40 ms ago, probes: 400 sent, 380 answered\n"
		  "    delivers: 38.2 Mbit/s at best lately, queue 3.1 ms\n"
		  "    verdicts: ping ok (rtt 12.5 ms, 8.2 s left), http-check fail (3.0 s left)\n"
		  "    health overrides: latency-fail 300ms, hold 5s\n"
		  "    packets: 0 sent, 0 received\n"
		  "\n"
		  "  path: lte (id 2)\n"
		  "    local: any\n"
		  "    remote: 198.51.100.1:5555\n"
		  "    priority: 2, weight: 1\n"
		  "    admin: up, state: down (probing), carrier: down\n"
		  "    rtt: no answer yet, loss: 100.0 %, misses: 3\n"
		  "    last seen: never, probes: 3 sent, 0 answered\n"
		  "    packets: 0 sent, 0 received\n");
	free(text);

	/* The default: only the ECN field crosses. */
	f.dev.device.tos_inherit = false;
	text = capture_show(&f.dev);
	CHECK("show text of tos ecn",
	      text && strstr(text, "  failback: sticky, revert delay: 5s\n"
				   "  tos: ecn\n"));
	free(text);

	/* A module without path health: the lines of old, nothing more. */
	f.dev.device.present = 0;
	memset(&f.dev.device.health, 0, sizeof(f.dev.device.health));
	f.paths[1].present = 0;
	f.dev.paths = &f.paths[1];
	f.dev.path_count = 1;
	text = capture_show(&f.dev);
	CHECK_STR("show text from an older module", text ? text : "",
		  "device: mpvpn0\n"
		  "  mode: failover\n"
		  "  port: 5555\n"
		  "  tunnel id: 1\n"
		  "  mtu: 1420\n"
		  "  active path: fiber (id 1)\n"
		  "  paths: 2\n"
		  "\n"
		  "  path: lte (id 2)\n"
		  "    local: any\n"
		  "    remote: 198.51.100.1:5555\n"
		  "    priority: 2, weight: 1\n"
		  "    admin: up, state: down, carrier: down\n"
		  "    packets: 0 sent, 0 received\n");
	free(text);
}

/* A device of the scheduling modes: two paths, one of known bandwidth. */
static void scheduling_fixture_init(struct health_fixture *f,
				    enum mpvpn_mode mode)
{
	struct mpvpn_device_info *device = &f->dev.device;

	health_fixture_init(f);
	/* The health lines are tested above; leave them out here. */
	device->present = MPVPN_DEV_HAS(MPVPN_A_REDUNDANCY) |
			  MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_MS) |
			  MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_US);
	memset(&device->health, 0, sizeof(device->health));
	device->mode = (uint8_t)mode;
	device->redundancy = 3;
	device->reorder_wait_ms = 100;
	device->reorder_wait_us = 2345;
	for (int i = 0; i < 2; i++) {
		f->paths[i].present =
			MPVPN_PATH_HAS(MPVPN_PATH_A_BANDWIDTH_KBPS);
		f->paths[i].verdict_count = 0;
	}
	f->paths[0].bandwidth_kbps = 40000;
	f->paths[0].weight = 4;
	f->paths[1].bandwidth_kbps = 0;
	f->paths[1].priority = 1;
	f->paths[1].active = true;
}

static void test_json_scheduling(void)
{
	static const int counters[] = {
		MPVPN_STATS_A_RX_DUPLICATE, MPVPN_STATS_A_RX_STALE,
		MPVPN_STATS_A_RX_REORDERED, MPVPN_STATS_A_RX_LATE,
		MPVPN_STATS_A_RX_REORDER_TIMEOUT,
		MPVPN_STATS_A_RX_REORDER_OVERFLOW,
	};
	struct mpvpn_stats *stats;
	struct health_fixture f;
	json_t *device, *paths;
	char *text;

	scheduling_fixture_init(&f, MPVPN_MODE_REDUNDANT);
	stats = &f.dev.device.stats;
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		stats->present |= UINT64_C(1) << counters[i];
		stats->counter[counters[i]] = 10 + i;
	}
	device = json_device(&f.dev);
	paths = json_object_get(device, "paths");

	CHECK_STR("mode redundant",
		  json_string_value(json_object_get(device, "mode")),
		  "redundant");
	CHECK("redundancy",
	      json_integer_value(json_object_get(device, "redundancy")) == 3);
	CHECK("reorder wait cap and wait in force",
	      json_integer_value(json_object_get(device, "reorder_wait_ms")) ==
	      100 &&
	      json_integer_value(json_object_get(device, "reorder_wait_us")) ==
	      2345);
	CHECK("path bandwidth",
	      json_integer_value(json_object_get(json_array_get(paths, 0),
						 "bandwidth_kbps")) == 40000);
	CHECK("an unknown bandwidth is 0, not null",
	      json_is_integer(json_object_get(json_array_get(paths, 1),
					      "bandwidth_kbps")) &&
	      json_integer_value(json_object_get(json_array_get(paths, 1),
						 "bandwidth_kbps")) == 0);
	text = dump(json_incref(json_object_get(device, "stats")));
	CHECK_STR("duplicate and reorder counters with the stats", text,
		  "{\"rx_duplicate\":10,\"rx_late\":13,"
		  "\"rx_reorder_overflow\":15,\"rx_reorder_timeout\":14,"
		  "\"rx_reordered\":12,\"rx_stale\":11}");
	free(text);
	json_decref(device);

	text = dump(json_device_stats(&f.dev));
	CHECK("the counters in the stats JSON too",
	      text && strstr(text, "\"stats\":{\"rx_duplicate\":10,") &&
	      strstr(text, "\"rx_reorder_overflow\":15,"));
	free(text);

	f.dev.device.mode = MPVPN_MODE_LOWLATENCY;
	device = json_device(&f.dev);
	CHECK("redundancy is reported in any mode",
	      json_integer_value(json_object_get(device, "redundancy")) == 3);
	CHECK_STR("mode lowlatency",
		  json_string_value(json_object_get(device, "mode")),
		  "lowlatency");
	json_decref(device);
}

static void test_show_scheduling(void)
{
	struct health_fixture f;
	char *text;

	scheduling_fixture_init(&f, MPVPN_MODE_REDUNDANT);
	text = capture_show(&f.dev);
	CHECK_STR("show text in redundant mode", text ? text : "",
		  "device: mpvpn0\n"
		  "  mode: redundant\n"
		  "  redundancy: 3 copies\n"
		  "  reorder wait: 2.3 ms (cap 100ms)\n"
		  "  port: 5555\n"
		  "  tunnel id: 1\n"
		  "  mtu: 1420\n"
		  "  active path: fiber (id 1)\n"
		  "  paths: 2\n"
		  "\n"
		  "  path: fiber (id 1) [active]\n"
		  "    local: any\n"
		  "    remote: 198.51.100.1:5555\n"
		  "    priority: 1, weight: 4\n"
		  "    bandwidth: 40mbit\n"
		  "    admin: up, state: degraded, carrier: up\n"
		  "    packets: 0 sent, 0 received\n"
		  "\n"
		  "  path: lte (id 2) [active]\n"
		  "    local: any\n"
		  "    remote: 198.51.100.1:5555\n"
		  "    priority: 1, weight: 1\n"
		  "    admin: up, state: down, carrier: down\n"
		  "    packets: 0 sent, 0 received\n");
	free(text);

	scheduling_fixture_init(&f, MPVPN_MODE_AGGREGATE);
	f.paths[0].bandwidth_kbps = 2500;
	f.paths[1].bandwidth_kbps = 1000000;
	text = capture_show(&f.dev);
	CHECK("aggregate mode has no redundancy line",
	      text && strstr(text, "  mode: aggregate\n"
				   "  reorder wait: 2.3 ms (cap 100ms)\n") &&
	      !strstr(text, "redundancy"));
	CHECK("bandwidths in the unit they read best in",
	      text && strstr(text, "    bandwidth: 2500kbit\n") &&
	      strstr(text, "    bandwidth: 1gbit\n"));
	free(text);

	/* The cap without the wait in force, or neither. */
	scheduling_fixture_init(&f, MPVPN_MODE_FLOWHASH);
	f.dev.device.present &= ~MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_US);
	text = capture_show(&f.dev);
	CHECK("a reorder cap without the wait in force",
	      text && strstr(text, "  reorder wait: ? (cap 100ms)\n"));
	free(text);
	f.dev.device.present = 0;
	f.paths[0].present = 0;
	text = capture_show(&f.dev);
	CHECK("nothing of the scheduling from an older module",
	      text && !strstr(text, "reorder") && !strstr(text, "bandwidth") &&
	      strstr(text, "  mode: flowhash\n  port: 5555\n"));
	free(text);
}

/* The device of the scheduling tests, as a module with encryption says. */
static void encryption_fixture_init(struct health_fixture *f,
				    enum mpvpn_encryption encryption)
{
	struct mpvpn_device_info *device = &f->dev.device;

	scheduling_fixture_init(f, MPVPN_MODE_FAILOVER);
	device->present = MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION) |
			  MPVPN_DEV_HAS(MPVPN_A_REKEY_SECONDS);
	device->encryption = (uint8_t)encryption;
	device->rekey_seconds = 120;
	f->dev.path_count = 0;
}

static void test_show_encryption(void)
{
	struct health_fixture f;
	char *text;

	encryption_fixture_init(&f, MPVPN_ENCRYPTION_CHACHA20_POLY1305);
	text = capture_show(&f.dev);
	CHECK("encryption right under the device name, with the rekey",
	      text && strstr(text, "device: mpvpn0\n"
				   "  encryption: chacha20-poly1305, rekey 120s\n"
				   "  mode: failover\n") == text);
	free(text);

	encryption_fixture_init(&f, MPVPN_ENCRYPTION_NONE);
	text = capture_show(&f.dev);
	CHECK("plaintext says so loudly",
	      text && strstr(text, "device: mpvpn0\n"
				   "  encryption: NONE - tunnel packets are neither authenticated nor encrypted\n"));
	CHECK("no rekey for plaintext", text && !strstr(text, "rekey"));
	free(text);

	encryption_fixture_init(&f, MPVPN_ENCRYPTION_UNSET);
	text = capture_show(&f.dev);
	CHECK("a device without keys says it carries nothing",
	      text && strstr(text, "device: mpvpn0\n"
				   "  encryption: not configured - the device sends and accepts nothing\n"));
	free(text);

	f.dev.device.present = 0;
	text = capture_show(&f.dev);
	CHECK("nothing of encryption from an older module",
	      text && !strstr(text, "encryption"));
	free(text);
}

static void test_json_encryption(void)
{
	static const int counters[] = {
		MPVPN_STATS_A_TX_NO_KEY, MPVPN_STATS_A_RX_NO_KEY,
		MPVPN_STATS_A_RX_NOT_AUTHENTIC,
	};
	struct health_fixture f;
	json_t *device;
	char *text;

	encryption_fixture_init(&f, MPVPN_ENCRYPTION_CHACHA20_POLY1305);
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		f.dev.device.stats.present |= UINT64_C(1) << counters[i];
		f.dev.device.stats.counter[counters[i]] = 1 + i;
	}
	device = json_device(&f.dev);
	CHECK_STR("encryption chacha20-poly1305",
		  json_string_value(json_object_get(device, "encryption")),
		  "chacha20-poly1305");
	CHECK("rekey seconds",
	      json_integer_value(json_object_get(device, "rekey_seconds")) ==
	      120 && !json_object_get(device, "key_epoch"));
	json_decref(device);

	text = dump(json_device_stats(&f.dev));
	CHECK("the key counters in the stats JSON",
	      text && strstr(text, "\"stats\":{\"rx_no_key\":2,"
				   "\"rx_not_authentic\":3,\"tx_no_key\":1}"));
	free(text);

	f.dev.device.encryption = MPVPN_ENCRYPTION_NONE;
	device = json_device(&f.dev);
	CHECK_STR("encryption none",
		  json_string_value(json_object_get(device, "encryption")),
		  "none");
	json_decref(device);
	f.dev.device.encryption = MPVPN_ENCRYPTION_UNSET;
	device = json_device(&f.dev);
	CHECK_STR("encryption unset",
		  json_string_value(json_object_get(device, "encryption")),
		  "unset");
	json_decref(device);
}

/* A path 3 changes old, up for 3 days and 4 hours now. */
static void history_fixture_init(struct health_fixture *f)
{
	struct mpvpn_history *h;

	health_fixture_init(f);
	h = &f->paths[0].history;
	f->dev.path_count = 1;
	f->paths[0].present |= MPVPN_PATH_HAS(MPVPN_PATH_A_HISTORY);
	f->paths[0].state = MPVPN_PATH_STATE_UP;
	f->paths[0].state_reason = MPVPN_REASON_RECOVERED;
	h->present = MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_CHANGES) |
		     MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_LAST_CHANGE_MS) |
		     MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_DOWN_MS) |
		     MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_UP_MS) |
		     MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_DEGRADED_MS);
	h->value[MPVPN_HISTORY_A_CHANGES] = 3;
	h->value[MPVPN_HISTORY_A_LAST_CHANGE_MS] = (3 * 24 + 4) * 3600000ULL;
	h->value[MPVPN_HISTORY_A_DOWN_MS] = 65000;
	h->value[MPVPN_HISTORY_A_UP_MS] = (3 * 24 + 4) * 3600000ULL + 9000;
	h->value[MPVPN_HISTORY_A_DEGRADED_MS] = 12400;
}

static void test_history(void)
{
	struct timespec now = { .tv_sec = 1767225600 + 3 * 86400 + 4 * 3600,
				.tv_nsec = 250000000 };
	struct health_fixture f;
	char *text;

	history_fixture_init(&f);
	text = dump(json_history(&f.paths[0].history, &now));
	CHECK_STR("history JSON", text,
		  "{\"changes\":3,\"degraded_ms\":12400,\"down_ms\":65000,"
		  "\"last_change\":\"2026-01-01T00:00:00.250Z\","
		  "\"last_change_ms\":273600000,\"up_ms\":273609000}");
	free(text);

	text = capture_show(&f.dev);
	CHECK("show with history: how long in the state",
	      text && strstr(text, "    admin: up, state: up (recovered) for 3d 4h, carrier: up\n"));
	CHECK("show with history: the changes and the time in each state",
	      text && strstr(text, "\n    history: 3 changes; down 1m 5s, up 3d 4h, degraded 12s\n"));
	free(text);

	f.paths[0].history.value[MPVPN_HISTORY_A_CHANGES] = 1;
	f.paths[0].history.present &= ~MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_DEGRADED_MS);
	text = capture_show(&f.dev);
	CHECK("show with history: one change, a state not reported",
	      text && strstr(text, "\n    history: 1 change; down 1m 5s, up 3d 4h\n"));
	free(text);
}

/* showconf: the device as mpvpnd.json would make it, defaults left out. */
static void test_showconf(void)
{
	static char *addresses[] = { "10.99.0.1/30", "fd99::1/64" };
	struct health_fixture f;
	json_t *conf;
	char *text;

	health_fixture_init(&f);
	f.paths[1].bandwidth_kbps = 40000;
	f.paths[1].admin_up = false;
	f.paths[1].local_ifindex = 0;
	mpvpn_addr_parse("10.2.0.1", &f.paths[1].local);
	f.dev.device.present |= MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION) |
				MPVPN_DEV_HAS(MPVPN_A_REKEY_SECONDS);
	f.dev.device.encryption = MPVPN_ENCRYPTION_NONE;
	f.dev.device.health.value[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE] = 10;
	text = dump(conf_device(&f.dev, addresses, 2));
	CHECK_STR("showconf of a plaintext device", text,
		  "{\"addresses\":[\"10.99.0.1/30\",\"fd99::1/64\"],"
		  "\"encryption\":\"none\",\"failback\":\"sticky\","
		  "\"mode\":\"failover\","
		  "\"paths\":{\"fiber\":{\"health\":{\"hold_ms\":5000,"
		  "\"latency_fail_ms\":300,\"loss_recover_permille\":5},"
		  "\"id\":1,\"priority\":1,\"remote\":\"198.51.100.1:5555\"},"
		  "\"lte\":{\"admin_up\":false,\"bandwidth\":\"40mbit\","
		  "\"health\":{\"loss_recover_permille\":5},\"id\":2,"
		  "\"local\":\"10.2.0.1\",\"priority\":2,"
		  "\"remote\":\"198.51.100.1:5555\"}},"
		  "\"port\":5555,\"tos\":\"inherit\",\"tunnel_id\":1}");
	free(text);

	f.dev.device.encryption = MPVPN_ENCRYPTION_CHACHA20_POLY1305;
	f.dev.device.rekey_seconds = 600;
	f.dev.device.revert_delay_ms = 1000;
	f.dev.path_count = 0;
	text = dump(conf_device(&f.dev, NULL, 0));
	CHECK_STR("showconf of a keyed device without public keys: what the operator must add",
		  text,
		  "{\"comment\":\"keys are never shown: add \\\"private_key_file\\\" and "
		  "\\\"peer_public_key\\\" (mpvpnd.conf(5)); mpvpnd refuses the file until then\","
		  "\"encryption\":\"chacha20-poly1305\",\"failback\":\"sticky\","
		  "\"mode\":\"failover\",\"paths\":{},\"port\":5555,"
		  "\"rekey_seconds\":600,\"revert_delay_ms\":1000,"
		  "\"tos\":\"inherit\",\"tunnel_id\":1}");
	free(text);

	/* The public keys the kernel reports: the peer's goes into the file. */
	f.dev.device.present |= MPVPN_DEV_HAS(MPVPN_A_PUBLIC_KEY) |
				MPVPN_DEV_HAS(MPVPN_A_PEER_PUBLIC_KEY);
	for (int i = 0; i < MPVPN_KEY_LEN; i++) {
		f.dev.device.public_key[i] = (uint8_t)i;
		f.dev.device.peer_public_key[i] = (uint8_t)(i + 32);
	}
	text = dump(conf_device(&f.dev, NULL, 0));
	CHECK_STR("showconf of a keyed device: the peer's public key, and which private key to add",
		  text,
		  "{\"comment\":\"secret keys are never shown: add \\\"private_key_file\\\" "
		  "(the key whose public key is AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=) "
		  "and \\\"psk_file\\\" if the tunnel has a pre-shared key (mpvpnd.conf(5)); "
		  "mpvpnd refuses the file until then\","
		  "\"encryption\":\"chacha20-poly1305\",\"failback\":\"sticky\","
		  "\"mode\":\"failover\",\"paths\":{},"
		  "\"peer_public_key\":\"ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=\","
		  "\"port\":5555,\"rekey_seconds\":600,\"revert_delay_ms\":1000,"
		  "\"tos\":\"inherit\",\"tunnel_id\":1}");
	free(text);

	/* Roaming: a pinned remote, and one the kernel learned. */
	health_fixture_init(&f);
	f.dev.device.tos_inherit = false;
	f.paths[0].remote_fixed = true;
	f.paths[1].remote_learned = true;
	conf = conf_device(&f.dev, NULL, 0);
	text = dump(json_incref(json_object_get(conf, "paths")));
	json_decref(conf);
	CHECK("showconf: a pinned remote is fixed",
	      strstr(text, "\"fixed\":true,") && strstr(text, "\"remote\":\"198.51.100.1:5555\""));
	CHECK("showconf: a learned remote is left out, the path listens",
	      strstr(text, "\"lte\":{\"comment\":\"the remote was learned from the peer") &&
	      !strstr(strstr(text, "\"lte\""), "\"remote\""));
	free(text);
}

/* The lte path of a hub: it listened, then the peer's packets came. */
static struct mpvpn_event endpoint_changed(void)
{
	static const uint8_t old[4] = { 198, 51, 100, 9 };
	struct mpvpn_event event = carrier_lost();

	event.reason = MPVPN_REASON_ENDPOINT_CHANGED;
	strcpy(event.path.name, "lte");
	event.path.id = 2;
	event.path.state = MPVPN_PATH_STATE_UP;
	event.path.carrier = true;
	event.path.present |= MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_ADDR) |
			      MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_PORT) |
			      MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_FIXED) |
			      MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_LEARNED);
	mpvpn_addr_set_bytes(&event.path.remote, old, 4);
	event.path.remote_port = 61002;
	event.path.remote_learned = true;
	mpvpn_addr_set_bytes(&event.old_remote, old, 4);
	event.old_remote_port = 4500;
	event.active_path_id = 1;
	strcpy(event.active_path_name, "fiber");
	return event;
}

static void test_roaming_event(void)
{
	struct mpvpn_event event = endpoint_changed();
	char line[256];
	char *text;

	CHECK_STR("a roamed endpoint, as the kernel logs it",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path lte endpoint 198.51.100.9:4500 -> "
		  "198.51.100.9:61002 (endpoint-changed); active path fiber");
	text = dump(json_event(&event));
	CHECK_STR("a roamed endpoint in JSON", text,
		  "{\"active_path\":{\"id\":1,\"name\":\"fiber\"},"
		  "\"active_path_id\":1,"
		  "\"ifindex\":5,\"ifname\":\"mpvpn0\","
		  "\"old_remote\":\"198.51.100.9:4500\","
		  "\"path\":{\"admin_up\":true,\"carrier\":true,\"id\":2,"
		  "\"name\":\"lte\","
		  "\"remote\":\"198.51.100.9:61002\","
		  "\"remote_addr\":\"198.51.100.9\","
		  "\"remote_fixed\":false,\"remote_learned\":true,"
		  "\"remote_port\":61002,\"state\":\"up\"},"
		  "\"reason\":\"endpoint-changed\"}");
	free(text);

	memset(&event.old_remote, 0, sizeof(event.old_remote));
	event.old_remote_port = 0;
	CHECK_STR("a listening path's first endpoint",
		  mpvpn_event_text(&event, line, sizeof(line)),
		  "mpvpn0: path lte endpoint none -> 198.51.100.9:61002 "
		  "(endpoint-changed); active path fiber");
	text = dump(json_event(&event));
	CHECK("no old endpoint is null",
	      strstr(text, "\"old_remote\":null,") != NULL);
	free(text);

	event = carrier_lost();
	text = dump(json_event(&event));
	CHECK("other events have no old endpoint, and no remote unless sent",
	      !strstr(text, "old_remote") && !strstr(text, "\"remote"));
	free(text);
	event.path.present |= MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_LEARNED);
	text = dump(json_event(&event));
	CHECK("a module that reports learning tells a path without remote",
	      strstr(text, "\"remote\":null,") &&
	      strstr(text, "\"remote_port\":null"));
	free(text);
}

static void test_roaming_show(void)
{
	struct health_fixture f;
	struct mpvpn_path_info *lte;
	json_t *path;
	char *text;

	health_fixture_init(&f);
	lte = &f.paths[1];
	f.paths[0].remote_fixed = true;
	f.paths[0].present |= MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_FIXED) |
			      MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_LEARNED);
	lte->present |= MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_FIXED) |
			MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_LEARNED);
	memset(&lte->remote, 0, sizeof(lte->remote));
	lte->remote_port = 0;
	lte->state_reason = MPVPN_REASON_LISTENING;
	text = capture_show(&f.dev);
	CHECK("a pinned remote is marked",
	      text && strstr(text, "    remote: 198.51.100.1:5555 (fixed)\n"));
	CHECK("a listening path has any remote, and says so",
	      text && strstr(text, "    remote: any (listening)\n") &&
	      strstr(text, "state: down (listening)"));
	free(text);

	path = json_path(lte);
	CHECK("a listening path in JSON",
	      json_is_null(json_object_get(path, "remote")) &&
	      json_is_null(json_object_get(path, "remote_addr")) &&
	      json_is_null(json_object_get(path, "remote_port")) &&
	      json_is_false(json_object_get(path, "remote_learned")) &&
	      json_is_false(json_object_get(path, "remote_fixed")));
	json_decref(path);

	lte->remote = f.paths[0].remote;
	lte->remote_port = 61002;
	lte->remote_learned = true;
	lte->state_reason = MPVPN_REASON_PROBING;
	text = capture_show(&f.dev);
	CHECK("a learned remote is marked",
	      text && strstr(text, "    remote: 198.51.100.1:61002 (learned)\n"));
	free(text);
	lte->remote_fixed = true;
	text = capture_show(&f.dev);
	CHECK("a learned remote pinned",
	      text &&
	      strstr(text, "    remote: 198.51.100.1:61002 (learned, fixed)\n"));
	free(text);

	path = json_path(lte);
	CHECK_STR("get finds the endpoint",
		  json_string_value(json_lookup(path, "remote")),
		  "198.51.100.1:61002");
	CHECK("get finds the flags",
	      json_is_true(json_lookup(path, "remote_learned")) &&
	      json_is_true(json_lookup(path, "remote_fixed")));
	json_decref(path);

	lte->present &= ~(MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_FIXED) |
			  MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_LEARNED));
	path = json_path(lte);
	CHECK("an older module: the flags are null",
	      json_is_null(json_object_get(path, "remote_learned")) &&
	      json_is_null(json_object_get(path, "remote_fixed")));
	json_decref(path);
}

int main(void)
{
	test_showconf();
	test_history();
	test_event_text();
	test_roaming_event();
	test_roaming_show();
	test_json_event();
	test_json_device();
	test_state_change_text();
	test_json_state_change();
	test_json_health();
	test_show_text();
	test_json_scheduling();
	test_show_scheduling();
	test_show_encryption();
	test_json_encryption();
	test_json_lookup();
	return unit_finish();
}
