// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The Prometheus exposition of mpvpnd, rendered from a view made up here
 * (no kernel, no HTTP): the exact sample lines with their names, labels
 * and values, one HELP and one TYPE ahead of each family's samples, label
 * values escaped, and the whole text accepted by "promtool check metrics"
 * (Debian's prometheus package, which tools/install-deps installs).
 */
#include <stdlib.h>
#include <sys/wait.h>

#include "unit.h"
#include "metrics.h"

#define PATH_HAS(attr)		MPVPN_PATH_HAS(MPVPN_PATH_A_##attr)
#define MEASURE_HAS(attr)	MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_##attr)

/* A path name and a probe name with every character a label escapes. */
#define ODD_PATH	"sat\"1\\x"
#define ODD_PROBE	"a\nb"

static void count(struct mpvpn_stats *stats, unsigned int attr,
		  uint64_t value)
{
	stats->present |= UINT64_C(1) << attr;
	stats->counter[attr] = value;
}

static struct mpvpn_device_info *set_device(struct view_device *vd,
					    const char *name, uint16_t port,
					    uint32_t tunnel_id, uint8_t mode)
{
	snprintf(vd->device.ifname, sizeof(vd->device.ifname), "%s", name);
	vd->device.port = port;
	vd->device.tunnel_id = tunnel_id;
	vd->device.mode = mode;
	return &vd->device;
}

static struct mpvpn_path_info *add_path(struct view_device *vd,
					const char *name, uint32_t id,
					uint8_t state)
{
	struct mpvpn_path_info *path = &vd->paths[vd->path_count++];

	memset(path, 0, sizeof(*path));
	path->present = PATH_HAS(ID) | PATH_HAS(NAME) | PATH_HAS(STATE) |
			PATH_HAS(PRIORITY) | PATH_HAS(WEIGHT) |
			PATH_HAS(ADMIN_UP) | PATH_HAS(CARRIER) |
			PATH_HAS(ACTIVE) | PATH_HAS(STATS);
	path->id = id;
	snprintf(path->name, sizeof(path->name), "%s", name);
	path->state = state;
	path->priority = id;
	path->weight = 1;
	path->admin_up = true;
	path->carrier = true;
	return path;
}

/* The remote endpoint, and the flags of a module that knows roaming. */
static void set_remote(struct mpvpn_path_info *path, const char *addr,
		       uint16_t port, bool fixed, bool learned)
{
	path->present |= PATH_HAS(REMOTE_ADDR) | PATH_HAS(REMOTE_PORT) |
			 PATH_HAS(REMOTE_FIXED) | PATH_HAS(REMOTE_LEARNED);
	mpvpn_addr_parse(addr, &path->remote);
	path->remote_port = port;
	path->remote_fixed = fixed;
	path->remote_learned = learned;
}

static void add_verdict(struct mpvpn_path_info *path, const char *probe,
			bool ok)
{
	struct mpvpn_verdict_info *verdict =
		&path->verdicts[path->verdict_count++];

	snprintf(verdict->name, sizeof(verdict->name), "%s", probe);
	verdict->ok = ok;
}

/*
 * mpvpn0 (failover, fiber active and measured and its remote pinned, lte
 * down and never answered and its remote learned, a third path with an
 * odd name and no remote nor flags) and mpvpn1 (aggregate, no paths);
 * three failovers seen on mpvpn0.
 */
static void fixture(struct view *view, struct metrics_marks *marks)
{
	struct view_device *vd;
	struct mpvpn_path_info *path;

	memset(marks, 0, sizeof(*marks));
	view->device_count = 2;
	view->devices = calloc(2, sizeof(*view->devices));
	if (!view->devices)
		exit(1);

	vd = &view->devices[0];
	set_device(vd, "mpvpn0", 5555, 7, MPVPN_MODE_FAILOVER)->active_path_id = 1;
	count(&vd->device.stats, MPVPN_STATS_A_TX_PACKETS, 1000);
	count(&vd->device.stats, MPVPN_STATS_A_RX_PACKETS, 990);
	count(&vd->device.stats, MPVPN_STATS_A_TX_BYTES, 150000);
	count(&vd->device.stats, MPVPN_STATS_A_RX_BYTES, 148500);
	count(&vd->device.stats, MPVPN_STATS_A_TX_NO_PATH, 4);
	count(&vd->device.stats, MPVPN_STATS_A_RX_DUPLICATE, 0);
	count(&vd->device.stats, MPVPN_STATS_A_RX_NOT_AUTHENTIC, 6);
	count(&vd->device.stats, MPVPN_STATS_A_TX_NO_KEY, 0);
	count(&vd->device.stats, MPVPN_STATS_A_RX_NO_KEY, 2);
	vd->device.present |= MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION);
	vd->device.encryption = MPVPN_ENCRYPTION_CHACHA20_POLY1305;
	vd->device.handshake.present =
		(UINT64_C(1) << MPVPN_HANDSHAKE_A_INITIATIONS_SENT) |
		(UINT64_C(1) << MPVPN_HANDSHAKE_A_RX_NOT_AUTHENTIC) |
		(UINT64_C(1) << MPVPN_HANDSHAKE_A_SESSIONS) |
		(UINT64_C(1) << MPVPN_HANDSHAKE_A_LAST_SESSION_MS) |
		(UINT64_C(1) << MPVPN_HANDSHAKE_A_LAST_HANDSHAKE_US);
	vd->device.handshake.counter[MPVPN_HANDSHAKE_A_LAST_HANDSHAKE_US] = 20500;
	vd->device.handshake.counter[MPVPN_HANDSHAKE_A_INITIATIONS_SENT] = 4;
	vd->device.handshake.counter[MPVPN_HANDSHAKE_A_RX_NOT_AUTHENTIC] = 9;
	vd->device.handshake.counter[MPVPN_HANDSHAKE_A_SESSIONS] = 3;
	vd->device.handshake.counter[MPVPN_HANDSHAKE_A_LAST_SESSION_MS] = 61500;
	vd->paths = calloc(3, sizeof(*vd->paths));
	if (!vd->paths)
		exit(1);

	path = add_path(vd, "fiber", 1, MPVPN_PATH_STATE_UP);
	path->active = true;
	path->mtu = 1500;
	path->pmtu = 1280;
	path->present |= PATH_HAS(MEASURE);
	path->measure.present = MEASURE_HAS(SRTT_US) | MEASURE_HAS(JITTER_US) |
				MEASURE_HAS(LOSS_PERMILLE) |
				MEASURE_HAS(PROBES_SENT) |
				MEASURE_HAS(PROBES_ANSWERED) |
				MEASURE_HAS(RATE_KBPS) | MEASURE_HAS(QUEUE_US) |
				MEASURE_HAS(LOSS_LATELY_PERMILLE);
	path->measure.loss_lately_permille = 23;
	path->measure.rate_kbps = 38200;
	path->measure.queue_us = 3100;
	path->measure.srtt_us = 12345;
	path->measure.jitter_us = 1500;
	path->measure.loss_permille = 50;
	path->measure.probes_sent = 100;
	path->measure.probes_answered = 95;
	count(&path->stats, MPVPN_STATS_A_TX_PACKETS, 1000);
	count(&path->stats, MPVPN_STATS_A_TX_BYTES, 150000);
	count(&path->stats, MPVPN_STATS_A_TX_ERRORS, 2);
	add_verdict(path, "web", true);
	set_remote(path, "203.0.113.1", 5555, true, false);

	path = add_path(vd, "lte", 2, MPVPN_PATH_STATE_DOWN);
	path->carrier = false;
	path->present |= PATH_HAS(MEASURE);
	path->measure.present = MEASURE_HAS(SRTT_US) | MEASURE_HAS(JITTER_US) |
				MEASURE_HAS(LOSS_PERMILLE) |
				MEASURE_HAS(PROBES_SENT);
	path->measure.loss_permille = 1000;
	path->measure.probes_sent = 40;
	add_verdict(path, "ping", false);
	set_remote(path, "2001:db8::9", 61002, false, true);

	path = add_path(vd, ODD_PATH, 3, MPVPN_PATH_STATE_DEGRADED);
	path->admin_up = false;
	add_verdict(path, ODD_PROBE, true);

	set_device(&view->devices[1], "mpvpn1", 6000, 1, MPVPN_MODE_AGGREGATE);
	view->devices[1].device.present |= MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION);
	view->devices[1].device.encryption = MPVPN_ENCRYPTION_NONE;

	marks->device_count = 1;
	snprintf(marks->devices[0].device, IF_NAMESIZE, "mpvpn0");
	marks->devices[0].failovers = 3;
}

/* The scrape's clock: a wall-clock time whose digits must all survive. */
#define NOW	1767225605.25

/* fiber: 3 changes, up for the last 4.5 s; lte without a history. */
static void add_history(struct view *view)
{
	struct mpvpn_history *h = &view->devices[0].paths[0].history;

	view->devices[0].paths[0].present |= PATH_HAS(HISTORY);
	/* Every figure but the pad, which is last. */
	for (unsigned int attr = 1; attr < MPVPN_HISTORY_A_PAD; attr++)
		h->present |= MPVPN_HISTORY_HAS(attr);
	h->value[MPVPN_HISTORY_A_CHANGES] = 3;
	h->value[MPVPN_HISTORY_A_LAST_CHANGE_MS] = 4500;
	h->value[MPVPN_HISTORY_A_DOWN_MS] = 2250;
	h->value[MPVPN_HISTORY_A_UP_MS] = 86400000;
	h->value[MPVPN_HISTORY_A_DEGRADED_MS] = 0;
}

/* Two probes of fiber that ran; hooks that ran, failed and were skipped. */
static struct probe_config {
	struct config_probe probes[2];
	struct probe_job jobs[2];
	struct probe_engine engine;
	struct hook_counts hooks;
	struct metrics_source source;
} daemon_fixture;

static const struct metrics_source *daemon_source(void)
{
	struct probe_config *f = &daemon_fixture;

	memset(f, 0, sizeof(*f));
	snprintf(f->probes[0].name, sizeof(f->probes[0].name), "web");
	f->probes[0].type = PROBE_HTTP;
	snprintf(f->probes[1].name, sizeof(f->probes[1].name), ODD_PROBE);
	f->probes[1].type = PROBE_ICMP;
	for (int i = 0; i < 2; i++) {
		snprintf(f->jobs[i].binding.device, IF_NAMESIZE, "mpvpn0");
		snprintf(f->jobs[i].binding.path, MPVPN_PATH_NAME_LEN, "fiber");
		f->jobs[i].probe = &f->probes[i];
		f->jobs[i].runs = 10 + (uint64_t)i;
		f->jobs[i].failures = (uint64_t)i;
	}
	f->engine.jobs = f->jobs;
	f->engine.count = 2;
	f->hooks = (struct hook_counts){ .started = 9, .failed = 2, .skipped = 1 };
	f->source = (struct metrics_source){
		.version = "1.2.3", .hooks = &f->hooks, .probes = &f->engine,
		.config_ok = true, .config_ok_time = 1767225000.5,
	};
	return &f->source;
}

/* The exposition of @view, @marks and @source, in a string to free. */
static char *render_with(const struct view *view,
			 const struct metrics_marks *marks,
			 const struct metrics_source *source)
{
	const struct metrics_daemon daemon = { .now = NOW, .source = source };
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (!out)
		exit(1);
	metrics_render(view, marks, &daemon, out);
	fclose(out);
	return text;
}

static char *render(const struct view *view, const struct metrics_marks *marks)
{
	return render_with(view, marks, daemon_source());
}

/* Whether @text has @line, whole, as one of its lines. */
static bool has_line(const char *text, const char *line)
{
	size_t len = strlen(line);

	for (const char *at = text; (at = strstr(at, line)); at++)
		if ((at == text || at[-1] == '\n') && at[len] == '\n')
			return true;
	return false;
}

/* Whether some line of @text starts with @prefix. */
static bool has_line_starting(const char *text, const char *prefix)
{
	size_t len = strlen(prefix);

	for (const char *at = text; (at = strstr(at, prefix)); at += len)
		if (at == text || at[-1] == '\n')
			return true;
	return false;
}

#define CHECK_LINE(text, line)						\
	do {								\
		if (!CHECK(line, has_line((text), (line))))		\
			printf("#   no such line in the exposition\n");	\
	} while (0)

#define CHECK_NO_LINE(name, text, prefix)				\
	CHECK(name, !has_line_starting((text), (prefix)))

/* Every family the endpoint serves, in the order it serves them. */
static const struct {
	const char *name;
	const char *type;
} families[] = {
	{ "mpvpn_device_info", "gauge" },
	{ "mpvpn_device_paths", "gauge" },
	{ "mpvpn_device_active_path_id", "gauge" },
	{ "mpvpn_device_encrypted", "gauge" },
	{ "mpvpn_device_handshake_messages_total", "counter" },
	{ "mpvpn_device_sessions_total", "counter" },
	{ "mpvpn_device_handshake_seconds", "gauge" },
	{ "mpvpn_device_session_age_seconds", "gauge" },
	{ "mpvpn_device_failovers_total", "counter" },
	{ "mpvpn_device_packets_total", "counter" },
	{ "mpvpn_device_bytes_total", "counter" },
	{ "mpvpn_device_dropped_packets_total", "counter" },
	{ "mpvpn_device_receive_events_total", "counter" },
	{ "mpvpn_path_state", "gauge" },
	{ "mpvpn_path_active", "gauge" },
	{ "mpvpn_path_admin_up", "gauge" },
	{ "mpvpn_path_carrier", "gauge" },
	{ "mpvpn_path_priority", "gauge" },
	{ "mpvpn_path_weight", "gauge" },
	{ "mpvpn_path_mtu_bytes", "gauge" },
	{ "mpvpn_path_endpoint_info", "gauge" },
	{ "mpvpn_path_remote_learned", "gauge" },
	{ "mpvpn_path_remote_fixed", "gauge" },
	{ "mpvpn_path_rtt_seconds", "gauge" },
	{ "mpvpn_path_jitter_seconds", "gauge" },
	{ "mpvpn_path_loss_ratio", "gauge" },
	{ "mpvpn_path_loss_lately_ratio", "gauge" },
	{ "mpvpn_path_delivery_rate_bytes_per_second", "gauge" },
	{ "mpvpn_path_probes_sent_total", "counter" },
	{ "mpvpn_path_probes_answered_total", "counter" },
	{ "mpvpn_path_state_changes_total", "counter" },
	{ "mpvpn_path_state_seconds_total", "counter" },
	{ "mpvpn_path_last_change_timestamp_seconds", "gauge" },
	{ "mpvpn_path_probe_verdict", "gauge" },
	{ "mpvpn_path_packets_total", "counter" },
	{ "mpvpn_path_bytes_total", "counter" },
	{ "mpvpn_path_dropped_packets_total", "counter" },
	{ "mpvpnd_build_info", "gauge" },
	{ "mpvpnd_config_last_reload_successful", "gauge" },
	{ "mpvpnd_config_last_reload_success_timestamp_seconds", "gauge" },
	{ "mpvpnd_hook_runs_total", "counter" },
	{ "mpvpnd_hook_failures_total", "counter" },
	{ "mpvpnd_hook_skipped_total", "counter" },
	{ "mpvpnd_probe_runs_total", "counter" },
	{ "mpvpnd_probe_failures_total", "counter" },
};

#define FAMILY_COUNT	(sizeof(families) / sizeof(families[0]))

/*
 * The text's structure: each line a HELP, a TYPE or a sample; the HELP
 * and TYPE of the families above in that order, each once; every sample
 * right among its own family's. Says what broke the rule, or NULL.
 */
static const char *structure_error(const char *text, char *why, size_t len)
{
	size_t family = 0;
	bool typed = false;

	for (const char *line = text; *line; ) {
		const char *end = strchr(line, '\n');
		char head[160], want[160];
		size_t n;

		if (!end)
			return "the text does not end with a newline";
		n = (size_t)(end - line) < sizeof(head) - 1 ?
		    (size_t)(end - line) : sizeof(head) - 1;
		memcpy(head, line, n);
		head[n] = '\0';
		line = end + 1;
		if (!strncmp(head, "# HELP ", 7)) {
			if (family >= FAMILY_COUNT) {
				snprintf(why, len, "a family past the known ones: %s", head);
				return why;
			}
			snprintf(want, sizeof(want), "# HELP %s ", families[family].name);
			if (strncmp(head, want, strlen(want)) || head[strlen(want)] == '\0') {
				snprintf(why, len, "'%s' where '%s...' was due", head, want);
				return why;
			}
			typed = false;
			continue;
		}
		if (!strncmp(head, "# TYPE ", 7)) {
			snprintf(want, sizeof(want), "# TYPE %s %s",
				 families[family].name, families[family].type);
			if (typed || strcmp(head, want)) {
				snprintf(why, len, "'%s' where '%s' was due", head, want);
				return why;
			}
			typed = true;
			family++;
			continue;
		}
		snprintf(want, sizeof(want), "%s",
			 family ? families[family - 1].name : "");
		n = strlen(want);
		if (!typed || strncmp(head, want, n) ||
		    (head[n] != '{' && head[n] != ' ')) {
			snprintf(why, len, "sample '%s' outside its family", head);
			return why;
		}
	}
	if (family != FAMILY_COUNT) {
		snprintf(why, len, "%zu of %zu families", family, FAMILY_COUNT);
		return why;
	}
	return NULL;
}

static void test_structure(const char *text)
{
	struct view empty = { 0 };
	struct metrics_marks none = { 0 };
	char why[512];
	const char *error;
	char *bare;

	error = structure_error(text, why, sizeof(why));
	if (!CHECK("every family once, HELP then TYPE, its samples after them",
		   error == NULL))
		printf("#   %s\n", error);
	CHECK_LINE(text, "# HELP mpvpn_path_rtt_seconds Smoothed round-trip time of the in-band probes.");
	CHECK_LINE(text, "# TYPE mpvpn_device_failovers_total counter");

	bare = render_with(&empty, &none, &(struct metrics_source){ 0 });
	error = structure_error(bare, why, sizeof(why));
	if (!CHECK("no device, probe or version: every family's HELP and TYPE, only the daemon's own samples",
		   error == NULL && !strstr(bare, "{device=") &&
		   has_line(bare, "mpvpnd_build_info{version=\"\"} 1") &&
		   has_line(bare, "mpvpnd_hook_runs_total 0")))
		printf("#   %s\n", error ? error : "a sample of a device or probe");
	free(bare);
}

static void test_devices(const char *text)
{
	CHECK_LINE(text, "mpvpn_device_info{device=\"mpvpn0\",mode=\"failover\",port=\"5555\",tunnel_id=\"7\"} 1");
	CHECK_LINE(text, "mpvpn_device_info{device=\"mpvpn1\",mode=\"aggregate\",port=\"6000\",tunnel_id=\"1\"} 1");
	CHECK_LINE(text, "mpvpn_device_paths{device=\"mpvpn0\"} 3");
	CHECK_LINE(text, "mpvpn_device_paths{device=\"mpvpn1\"} 0");
	CHECK_LINE(text, "mpvpn_device_active_path_id{device=\"mpvpn0\"} 1");
	CHECK_LINE(text, "mpvpn_device_active_path_id{device=\"mpvpn1\"} 0");
	CHECK_LINE(text, "mpvpn_device_encrypted{device=\"mpvpn0\"} 1");
	CHECK_LINE(text, "mpvpn_device_encrypted{device=\"mpvpn1\"} 0");
	CHECK_LINE(text, "mpvpn_device_handshake_messages_total{device=\"mpvpn0\",counter=\"initiations_sent\"} 4");
	CHECK_LINE(text, "mpvpn_device_handshake_messages_total{device=\"mpvpn0\",counter=\"rx_not_authentic\"} 9");
	CHECK_LINE(text, "mpvpn_device_sessions_total{device=\"mpvpn0\"} 3");
	CHECK_LINE(text, "mpvpn_device_handshake_seconds{device=\"mpvpn0\"} 0.0205");
	CHECK_LINE(text, "mpvpn_device_session_age_seconds{device=\"mpvpn0\"} 61.5");
	CHECK("no handshake sample of a device without one",
	      !strstr(text, "mpvpn_device_sessions_total{device=\"mpvpn1\"}"));
	CHECK_LINE(text, "mpvpn_device_dropped_packets_total{device=\"mpvpn0\",reason=\"rx_not_authentic\"} 6");
	CHECK_LINE(text, "mpvpn_device_dropped_packets_total{device=\"mpvpn0\",reason=\"tx_no_key\"} 0");
	CHECK_LINE(text, "mpvpn_device_dropped_packets_total{device=\"mpvpn0\",reason=\"rx_no_key\"} 2");
	CHECK_LINE(text, "mpvpn_device_failovers_total{device=\"mpvpn0\"} 3");
	CHECK_LINE(text, "mpvpn_device_failovers_total{device=\"mpvpn1\"} 0");
	CHECK_LINE(text, "mpvpn_device_packets_total{device=\"mpvpn0\",direction=\"tx\"} 1000");
	CHECK_LINE(text, "mpvpn_device_packets_total{device=\"mpvpn0\",direction=\"rx\"} 990");
	CHECK_LINE(text, "mpvpn_device_bytes_total{device=\"mpvpn0\",direction=\"tx\"} 150000");
	CHECK_LINE(text, "mpvpn_device_bytes_total{device=\"mpvpn0\",direction=\"rx\"} 148500");
	CHECK_LINE(text, "mpvpn_device_dropped_packets_total{device=\"mpvpn0\",reason=\"tx_no_path\"} 4");
	CHECK_LINE(text, "mpvpn_device_receive_events_total{device=\"mpvpn0\",event=\"rx_duplicate\"} 0");
	CHECK_NO_LINE("a duplicate is no drop reason", text,
		      "mpvpn_device_dropped_packets_total{device=\"mpvpn0\",reason=\"rx_duplicate\"}");
	CHECK_NO_LINE("a counter the kernel did not send has no sample", text,
		      "mpvpn_device_dropped_packets_total{device=\"mpvpn0\",reason=\"rx_short\"}");
	CHECK_NO_LINE("packets and bytes are no drop reasons", text,
		      "mpvpn_device_dropped_packets_total{device=\"mpvpn0\",reason=\"tx_packets\"}");
	CHECK_NO_LINE("a device without counters has no traffic samples", text,
		      "mpvpn_device_packets_total{device=\"mpvpn1\"");
}

static void test_paths(const char *text)
{
	CHECK_LINE(text, "mpvpn_path_state{device=\"mpvpn0\",path=\"fiber\",state=\"down\"} 0");
	CHECK_LINE(text, "mpvpn_path_state{device=\"mpvpn0\",path=\"fiber\",state=\"up\"} 1");
	CHECK_LINE(text, "mpvpn_path_state{device=\"mpvpn0\",path=\"fiber\",state=\"degraded\"} 0");
	CHECK_LINE(text, "mpvpn_path_state{device=\"mpvpn0\",path=\"lte\",state=\"down\"} 1");
	CHECK_LINE(text, "mpvpn_path_active{device=\"mpvpn0\",path=\"fiber\"} 1");
	CHECK_LINE(text, "mpvpn_path_active{device=\"mpvpn0\",path=\"lte\"} 0");
	CHECK_LINE(text, "mpvpn_path_carrier{device=\"mpvpn0\",path=\"lte\"} 0");
	CHECK_LINE(text, "mpvpn_path_priority{device=\"mpvpn0\",path=\"lte\"} 2");
	CHECK_LINE(text, "mpvpn_path_weight{device=\"mpvpn0\",path=\"fiber\"} 1");
	CHECK_LINE(text, "mpvpn_path_mtu_bytes{device=\"mpvpn0\",path=\"fiber\"} 1280");
	CHECK_LINE(text, "mpvpn_path_rtt_seconds{device=\"mpvpn0\",path=\"fiber\"} 0.012345");
	CHECK_LINE(text, "mpvpn_path_jitter_seconds{device=\"mpvpn0\",path=\"fiber\"} 0.0015");
	CHECK_LINE(text, "mpvpn_path_loss_ratio{device=\"mpvpn0\",path=\"fiber\"} 0.05");
	CHECK_LINE(text, "mpvpn_path_loss_ratio{device=\"mpvpn0\",path=\"lte\"} 1");
	CHECK_NO_LINE("no RTT before the first answer", text,
		      "mpvpn_path_rtt_seconds{device=\"mpvpn0\",path=\"lte\"}");
	CHECK_NO_LINE("no jitter before the first answer", text,
		      "mpvpn_path_jitter_seconds{device=\"mpvpn0\",path=\"lte\"}");
	CHECK_NO_LINE("no loss when the kernel measured none", text,
		      "mpvpn_path_loss_ratio{device=\"mpvpn0\",path=\"sat");
	CHECK_LINE(text, "mpvpn_path_loss_lately_ratio{device=\"mpvpn0\",path=\"fiber\"} 0.023");
	CHECK_NO_LINE("no loss lately from a module without it", text,
		      "mpvpn_path_loss_lately_ratio{device=\"mpvpn0\",path=\"lte\"}");
	CHECK_LINE(text, "mpvpn_path_delivery_rate_bytes_per_second{device=\"mpvpn0\",path=\"fiber\"} 4775000");
	CHECK_NO_LINE("no delivery rate for a path that carried nothing", text,
		      "mpvpn_path_delivery_rate_bytes_per_second{device=\"mpvpn0\",path=\"lte\"}");
	CHECK_LINE(text, "mpvpn_path_probes_sent_total{device=\"mpvpn0\",path=\"fiber\"} 100");
	CHECK_LINE(text, "mpvpn_path_probes_answered_total{device=\"mpvpn0\",path=\"fiber\"} 95");
	CHECK_LINE(text, "mpvpn_path_probes_answered_total{device=\"mpvpn0\",path=\"lte\"} 0");
	CHECK_LINE(text, "mpvpn_path_probe_verdict{device=\"mpvpn0\",path=\"fiber\",probe=\"web\"} 1");
	CHECK_LINE(text, "mpvpn_path_probe_verdict{device=\"mpvpn0\",path=\"lte\",probe=\"ping\"} 0");
	CHECK_LINE(text, "mpvpn_path_packets_total{device=\"mpvpn0\",path=\"fiber\",direction=\"tx\"} 1000");
	CHECK_LINE(text, "mpvpn_path_bytes_total{device=\"mpvpn0\",path=\"fiber\",direction=\"tx\"} 150000");
	CHECK_LINE(text, "mpvpn_path_dropped_packets_total{device=\"mpvpn0\",path=\"fiber\",reason=\"tx_errors\"} 2");
}

static void test_endpoints(const char *text)
{
	CHECK_LINE(text, "mpvpn_path_endpoint_info{device=\"mpvpn0\",path=\"fiber\",remote=\"203.0.113.1:5555\"} 1");
	CHECK_LINE(text, "mpvpn_path_endpoint_info{device=\"mpvpn0\",path=\"lte\",remote=\"[2001:db8::9]:61002\"} 1");
	CHECK_LINE(text, "mpvpn_path_endpoint_info{device=\"mpvpn0\",path=\"sat\\\"1\\\\x\",remote=\"none\"} 1");
	CHECK("one endpoint series a path",
	      strstr(strstr(text, "mpvpn_path_endpoint_info{device=\"mpvpn0\",path=\"lte\""),
		     "\n") == strstr(text, "mpvpn_path_endpoint_info{device=\"mpvpn0\",path=\"sat") - 1);
	CHECK_LINE(text, "mpvpn_path_remote_learned{device=\"mpvpn0\",path=\"fiber\"} 0");
	CHECK_LINE(text, "mpvpn_path_remote_learned{device=\"mpvpn0\",path=\"lte\"} 1");
	CHECK_LINE(text, "mpvpn_path_remote_fixed{device=\"mpvpn0\",path=\"fiber\"} 1");
	CHECK_LINE(text, "mpvpn_path_remote_fixed{device=\"mpvpn0\",path=\"lte\"} 0");
	CHECK_NO_LINE("no flags from a module that does not report them", text,
		      "mpvpn_path_remote_learned{device=\"mpvpn0\",path=\"sat");
}

static void test_history(const char *text)
{
	CHECK_LINE(text, "mpvpn_path_state_changes_total{device=\"mpvpn0\",path=\"fiber\"} 3");
	CHECK_LINE(text, "mpvpn_path_state_seconds_total{device=\"mpvpn0\",path=\"fiber\",state=\"down\"} 2.25");
	CHECK_LINE(text, "mpvpn_path_state_seconds_total{device=\"mpvpn0\",path=\"fiber\",state=\"up\"} 86400");
	CHECK_LINE(text, "mpvpn_path_state_seconds_total{device=\"mpvpn0\",path=\"fiber\",state=\"degraded\"} 0");
	/* 9 significant digits would have said 1767225600: 0.75 s off. */
	CHECK_LINE(text, "mpvpn_path_last_change_timestamp_seconds{device=\"mpvpn0\",path=\"fiber\"} 1767225600.75");
	CHECK_NO_LINE("a path without a history has no timestamp", text,
		      "mpvpn_path_last_change_timestamp_seconds{device=\"mpvpn0\",path=\"lte\"}");
	CHECK_NO_LINE("nor changes", text,
		      "mpvpn_path_state_changes_total{device=\"mpvpn0\",path=\"lte\"}");
}

static void test_daemon(const char *text)
{
	CHECK_LINE(text, "mpvpnd_build_info{version=\"1.2.3\"} 1");
	CHECK_LINE(text, "mpvpnd_config_last_reload_successful 1");
	CHECK_LINE(text, "mpvpnd_config_last_reload_success_timestamp_seconds 1767225000.5");
	CHECK_LINE(text, "mpvpnd_hook_runs_total 9");
	CHECK_LINE(text, "mpvpnd_hook_failures_total 2");
	CHECK_LINE(text, "mpvpnd_hook_skipped_total 1");
	CHECK_LINE(text, "mpvpnd_probe_runs_total{device=\"mpvpn0\",path=\"fiber\",probe=\"web\",type=\"http\"} 10");
	CHECK_LINE(text, "mpvpnd_probe_failures_total{device=\"mpvpn0\",path=\"fiber\",probe=\"web\",type=\"http\"} 0");
	CHECK_LINE(text, "mpvpnd_probe_failures_total{device=\"mpvpn0\",path=\"fiber\",probe=\"a\\nb\",type=\"icmp\"} 1");
}

static void test_escaping(const char *text)
{
	/* Backslash, double quote and newline, as the text format wants. */
	CHECK_LINE(text, "mpvpn_path_admin_up{device=\"mpvpn0\",path=\"sat\\\"1\\\\x\"} 0");
	CHECK_LINE(text, "mpvpn_path_state{device=\"mpvpn0\",path=\"sat\\\"1\\\\x\",state=\"degraded\"} 1");
	CHECK_LINE(text, "mpvpn_path_probe_verdict{device=\"mpvpn0\",path=\"sat\\\"1\\\\x\",probe=\"a\\nb\"} 1");
	CHECK("no raw newline inside a label value",
	      !strstr(text, "probe=\"a\nb\""));
}

/*
 * promtool's own parser and linter on the fixture's text. Without
 * promtool the check is reported as skipped, never passed.
 */
static void test_promtool(const char *text)
{
	char file[] = "/tmp/mpvpnd-metrics-XXXXXX";
	char command[256];
	FILE *out;
	int fd, status;

	if (system("command -v promtool >/dev/null 2>&1") != 0) {
		unit_skip("promtool check metrics",
			  "promtool is not installed (Debian package prometheus; tools/install-deps installs it)");
		return;
	}
	fd = mkstemp(file);
	out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!CHECK("a file for promtool", out != NULL))
		return;
	fputs(text, out);
	fclose(out);
	/* Its findings go to the test's output, where a failure shows them. */
	snprintf(command, sizeof(command),
		 "bash -c 'promtool check metrics <%s 2>&1 | sed \"s/^/#   promtool: /\"; exit ${PIPESTATUS[0]}'",
		 file);
	fflush(stdout);
	status = system(command);
	CHECK("promtool check metrics: no error, no lint finding",
	      status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	unlink(file);
}

int main(void)
{
	struct view view = { 0 };
	struct metrics_marks marks;
	char *text;

	setvbuf(stdout, NULL, _IOLBF, 0);
	fixture(&view, &marks);
	add_history(&view);
	text = render(&view, &marks);
	test_structure(text);
	test_devices(text);
	test_paths(text);
	test_endpoints(text);
	test_history(text);
	test_daemon(text);
	test_escaping(text);
	test_promtool(text);
	free(text);
	view_free(&view);
	return unit_finish();
}
