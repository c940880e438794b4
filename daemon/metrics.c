// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <microhttpd.h>

#include "log.h"
#include "metrics.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- what the events tell ---- */

static struct metrics_device_mark *device_mark(struct metrics_marks *marks,
					       const char *device)
{
	for (size_t i = 0; i < marks->device_count; i++)
		if (!strcmp(marks->devices[i].device, device))
			return &marks->devices[i];
	if (marks->device_count == METRICS_MAX_TRACKED)
		return NULL;
	snprintf(marks->devices[marks->device_count].device, IF_NAMESIZE, "%s",
		 device);
	marks->devices[marks->device_count].failovers = 0;
	return &marks->devices[marks->device_count++];
}

void metrics_note_event(struct metrics_marks *marks,
			const struct mpvpn_event *event)
{
	struct metrics_device_mark *mark;

	if (!event->has_old_active_path ||
	    event->old_active_path_id == event->active_path_id)
		return;
	mark = device_mark(marks, event->ifname);
	if (mark)
		mark->failovers++;
}

void metrics_note_config(struct metrics_source *source, bool ok)
{
	struct timespec now;

	source->config_ok = ok;
	if (!ok)
		return;
	clock_gettime(CLOCK_REALTIME, &now);
	source->config_ok_time = (double)now.tv_sec + now.tv_nsec / 1e9;
}

/* ---- the kernel's view ---- */

/* Every mpvpn device and its paths; the caller frees @view. */
static int view_read(struct mpvpn_client *client, struct view *view)
{
	int ret;

	memset(view, 0, sizeof(*view));
	ret = mpvpn_dev_dump(client, view_add_device, view);
	for (size_t i = 0; !ret && i < view->device_count; i++) {
		struct view_device *vd = &view->devices[i];
		const struct mpvpn_dev_ref ref = { .ifindex = vd->device.ifindex };

		ret = mpvpn_path_dump(client, &ref, view_add_path, vd);
		/* A device deleted meanwhile has no paths to show. */
		if (ret == -ENODEV)
			ret = 0;
	}
	return ret;
}

/* ---- exposition ---- */

/* A label value: backslash, double quote and newline escaped. */
static void put_label(FILE *out, const char *name, const char *value)
{
	fprintf(out, "%s=\"", name);
	for (const char *c = value; *c; c++) {
		if (*c == '\\' || *c == '"')
			fprintf(out, "\\%c", *c);
		else if (*c == '\n')
			fputs("\\n", out);
		else
			fputc(*c, out);
	}
	fputc('"', out);
}

static void header(FILE *out, const char *name, const char *type,
		   const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* "name{device="d",path="p"" without the closing brace. */
static void open_sample(FILE *out, const char *name, const char *device,
			const char *path)
{
	fprintf(out, "%s{", name);
	put_label(out, "device", device);
	if (path) {
		fputc(',', out);
		put_label(out, "path", path);
	}
}

static void sample(FILE *out, const char *name, const char *device,
		   const char *path, const char *label, const char *value,
		   double number)
{
	open_sample(out, name, device, path);
	if (label) {
		fputc(',', out);
		put_label(out, label, value);
	}
	/*
	 * Counters and most gauges are whole: no exponent. Fractions get 15
	 * significant digits, what a double holds exactly: µs / 1e6 reads
	 * back as written (0.043806, not 0.0438059999), and a wall-clock
	 * timestamp keeps its seconds and milliseconds (9 digits would round
	 * 1767225605.25 to 1767225610).
	 */
	if (number > -9e18 && number < 9e18 &&
	    number == (double)(long long)number)
		fprintf(out, "} %lld\n", (long long)number);
	else
		fprintf(out, "} %.15g\n", number);
}

/* The counter families of a device or of its paths. */
enum stats_family {
	STATS_PACKETS,
	STATS_BYTES,
	STATS_DROPPED,
	STATS_EVENTS,		/* devices only: their paths have none */
	STATS_FAMILIES
};

static const struct {
	const char *suffix;
	const char *help;
} stats_families[] = {
	[STATS_PACKETS] = { "packets_total", "Packets carried, by direction." },
	[STATS_BYTES] = { "bytes_total", "Bytes carried, by direction." },
	[STATS_DROPPED] = { "dropped_packets_total",
			    "Packets dropped, by reason (the kernel's counter names)." },
	[STATS_EVENTS] = { "receive_events_total",
			   "What the receiver noted, not faults of this end: duplicates (redundant mode), packets held for order, late ones, holes given up (the kernel's counter names)." },
};

/* The family counter @attr is a sample of, and its label. */
static enum stats_family stats_family_of(unsigned int attr,
					 const char **label,
					 const char **value)
{
	switch (mpvpn_stats_kind(attr)) {
	case MPVPN_STATS_KIND_TRAFFIC:
		*label = "direction";
		*value = attr == MPVPN_STATS_A_TX_PACKETS ||
			 attr == MPVPN_STATS_A_TX_BYTES ? "tx" : "rx";
		return attr == MPVPN_STATS_A_TX_PACKETS ||
		       attr == MPVPN_STATS_A_RX_PACKETS ? STATS_PACKETS :
							  STATS_BYTES;
	case MPVPN_STATS_KIND_INFO:
		*label = "event";
		*value = mpvpn_stats_name(attr);
		return STATS_EVENTS;
	case MPVPN_STATS_KIND_DROP:
		break;
	}
	*label = "reason";
	*value = mpvpn_stats_name(attr);
	return STATS_DROPPED;
}

/* Each counter family of the devices (or their paths), with its samples. */
static void write_stats(FILE *out, const char *prefix,
			const struct view *view, bool paths)
{
	char name[96];

	for (int family = 0; family < STATS_FAMILIES; family++) {
		if (paths && family == STATS_EVENTS)
			continue;
		snprintf(name, sizeof(name), "%s_%s", prefix,
			 stats_families[family].suffix);
		header(out, name, "counter", stats_families[family].help);
		for (size_t d = 0; d < view->device_count; d++) {
			const struct view_device *sd = &view->devices[d];
			size_t n = paths ? sd->path_count : 1;

			for (size_t p = 0; p < n; p++) {
				const struct mpvpn_stats *st = paths ?
					&sd->paths[p].stats : &sd->device.stats;
				const char *path = paths ? sd->paths[p].name : NULL;

				for (unsigned int a = 1; a < __MPVPN_STATS_A_MAX; a++) {
					const char *label, *value;

					if (!(st->present & (1ULL << a)) ||
					    a == MPVPN_STATS_A_PAD ||
					    stats_family_of(a, &label, &value) !=
					    (enum stats_family)family)
						continue;
					sample(out, name, sd->device.ifname, path,
					       label, value, (double)st->counter[a]);
				}
			}
		}
	}
}

/* Every path of a view in turn, with the name of its device. */
struct path_walk {
	const struct view *view;
	size_t device;
	size_t next;
	const char *ifname;	/* the device of the path last returned */
};

static const struct mpvpn_path_info *next_path(struct path_walk *walk)
{
	while (walk->device < walk->view->device_count) {
		const struct view_device *vd = &walk->view->devices[walk->device];

		if (walk->next < vd->path_count) {
			walk->ifname = vd->device.ifname;
			return &vd->paths[walk->next++];
		}
		walk->device++;
		walk->next = 0;
	}
	return NULL;
}

/* One sample per path of metric @metric, its value @expr of "path". */
#define PATH_METRIC(out, view, metric, type, help, expr)		\
	do {								\
		struct path_walk walk_ = { .view = (view) };		\
		const struct mpvpn_path_info *path;			\
									\
		header(out, metric, type, help);			\
		while ((path = next_path(&walk_)))			\
			sample(out, metric, walk_.ifname, path->name,	\
			       NULL, NULL, (double)(expr));		\
	} while (0)

static bool measured(const struct mpvpn_path_info *path, unsigned int attr)
{
	return (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_MEASURE)) &&
	       (path->measure.present & MPVPN_MEASURE_HAS(attr));
}

/* A measure in its base unit: seconds, a ratio, bytes per second. */
static double measure_value(const struct mpvpn_measure *measure,
			    unsigned int attr)
{
	switch (attr) {
	case MPVPN_MEASURE_A_SRTT_US:
		return measure->srtt_us / 1e6;
	case MPVPN_MEASURE_A_JITTER_US:
		return measure->jitter_us / 1e6;
	case MPVPN_MEASURE_A_LOSS_PERMILLE:
		return measure->loss_permille / 1000.0;
	case MPVPN_MEASURE_A_LOSS_LATELY_PERMILLE:
		return measure->loss_lately_permille / 1000.0;
	case MPVPN_MEASURE_A_RATE_KBPS:
		return measure->rate_kbps * 125.0;
	}
	return 0;
}

/* One gauge per path that has the measure @attr (and, if asked, an answer). */
static void write_measure(FILE *out, const struct view *view,
			  const char *name, const char *help,
			  unsigned int attr, bool need_answer)
{
	struct path_walk walk = { .view = view };
	const struct mpvpn_path_info *path;

	header(out, name, "gauge", help);
	while ((path = next_path(&walk)))
		if (measured(path, attr) &&
		    (!need_answer || path->measure.probes_answered))
			sample(out, name, walk.ifname, path->name, NULL, NULL,
			       measure_value(&path->measure, attr));
}

/* 0/1 per path of the flag @attr, from a module that reports it. */
static void write_flag(FILE *out, const struct view *view, const char *name,
		       const char *help, unsigned int attr,
		       bool (*flag)(const struct mpvpn_path_info *path))
{
	struct path_walk walk = { .view = view };
	const struct mpvpn_path_info *path;

	header(out, name, "gauge", help);
	while ((path = next_path(&walk)))
		if (path->present & MPVPN_PATH_HAS(attr))
			sample(out, name, walk.ifname, path->name, NULL, NULL,
			       flag(path));
}

static bool remote_learned(const struct mpvpn_path_info *path)
{
	return path->remote_learned;
}

static bool remote_fixed(const struct mpvpn_path_info *path)
{
	return path->remote_fixed;
}

/*
 * Where each path sends now, as a label of an info metric: one series per
 * path whatever the peer does (a move changes the label, the old series
 * goes stale), so roaming cannot grow the number of series.
 */
static void write_endpoints(FILE *out, const struct view *view)
{
	struct path_walk walk = { .view = view };
	const struct mpvpn_path_info *path;

	header(out, "mpvpn_path_endpoint_info", "gauge",
	       "The path's remote endpoint now as the label remote, \"none\" while a listening path has heard nothing; the value is 1. It follows the peer when the peer roams.");
	while ((path = next_path(&walk))) {
		char remote[MPVPN_ENDPOINT_STRLEN] = "none";

		if (mpvpn_path_has_remote(path))
			mpvpn_endpoint_format(&path->remote, path->remote_port,
					      remote, sizeof(remote));
		sample(out, "mpvpn_path_endpoint_info", walk.ifname,
		       path->name, "remote", remote, 1);
	}
	write_flag(out, view, "mpvpn_path_remote_learned",
		   "1 when the path's remote endpoint came from the peer's packets (roaming, or a listening path that heard from the peer), 0 when it was configured.",
		   MPVPN_PATH_A_REMOTE_LEARNED, remote_learned);
	write_flag(out, view, "mpvpn_path_remote_fixed",
		   "1 when the path's remote endpoint is pinned and never follows the peer.",
		   MPVPN_PATH_A_REMOTE_FIXED, remote_fixed);
}

static bool has_history(const struct mpvpn_path_info *path, unsigned int attr)
{
	return (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_HISTORY)) &&
	       (path->history.present & MPVPN_HISTORY_HAS(attr));
}

/* The value of history figure @attr in its base unit, at @now. */
static double history_value(const struct mpvpn_history *history,
			    unsigned int attr, double now)
{
	double value = (double)history->value[attr];

	if (attr == MPVPN_HISTORY_A_CHANGES)
		return value;
	/* Whole milliseconds: the scrape's own clock is finer. */
	if (attr == MPVPN_HISTORY_A_LAST_CHANGE_MS)
		return (double)(long long)(now * 1e3 - value) / 1e3;
	return value / 1e3;
}

/* The failover history the kernel keeps for each path. */
static void write_history(FILE *out, const struct view *view, double now)
{
	static const struct {
		const char *name;
		const char *type;
		const char *help;
		unsigned int attr;	/* 0: the time in each state */
	} families[] = {
		{ "mpvpn_path_state_changes_total", "counter",
		  "Changes of the path's state since it was added.",
		  MPVPN_HISTORY_A_CHANGES },
		{ "mpvpn_path_state_seconds_total", "counter",
		  "Time the path spent in each state since it was added.", 0 },
		{ "mpvpn_path_last_change_timestamp_seconds", "gauge",
		  "When the path's state last changed, or the path was added.",
		  MPVPN_HISTORY_A_LAST_CHANGE_MS },
	};

	for (size_t f = 0; f < ARRAY_SIZE(families); f++) {
		unsigned int states = families[f].attr ? 1 : __MPVPN_PATH_STATE_MAX;

		header(out, families[f].name, families[f].type, families[f].help);
		for (size_t d = 0; d < view->device_count; d++)
			for (size_t p = 0; p < view->devices[d].path_count; p++) {
				const struct mpvpn_path_info *path =
					&view->devices[d].paths[p];

				for (unsigned int s = 0; s < states; s++) {
					unsigned int attr = families[f].attr ?
						families[f].attr :
						mpvpn_history_state_attr(s);

					if (!has_history(path, attr))
						continue;
					sample(out, families[f].name,
					       view->devices[d].device.ifname,
					       path->name,
					       families[f].attr ? NULL : "state",
					       mpvpn_path_state_name(s),
					       history_value(&path->history,
							     attr, now));
				}
			}
	}
}

static void write_paths(FILE *out, const struct view *view, double now)
{
	struct path_walk walk = { .view = view };
	const struct mpvpn_path_info *path;

	header(out, "mpvpn_path_state", "gauge",
	       "1 for the state the path is in (up, degraded, down), 0 for the others.");
	while ((path = next_path(&walk)))
		for (unsigned int s = 0; s < __MPVPN_PATH_STATE_MAX; s++)
			sample(out, "mpvpn_path_state", walk.ifname, path->name,
			       "state", mpvpn_path_state_name(s),
			       path->state == s ? 1 : 0);
	PATH_METRIC(out, view, "mpvpn_path_active", "gauge",
		   "1 when the path carries the traffic now.", path->active);
	PATH_METRIC(out, view, "mpvpn_path_admin_up", "gauge",
		   "1 when the path is administratively up.", path->admin_up);
	PATH_METRIC(out, view, "mpvpn_path_carrier", "gauge",
		   "1 when the path's underlay has carrier.", path->carrier);
	PATH_METRIC(out, view, "mpvpn_path_priority", "gauge",
		   "Priority of the path, lower is preferred.", path->priority);
	PATH_METRIC(out, view, "mpvpn_path_weight", "gauge", "Weight of the path.",
		   path->weight);
	PATH_METRIC(out, view, "mpvpn_path_mtu_bytes", "gauge",
		   "Largest outer packet the path carries now (path MTU), IP header included.",
		   path->pmtu ? path->pmtu : path->mtu);
	write_endpoints(out, view);
	/* RTT and jitter mean nothing before the first answer: no sample. */
	write_measure(out, view, "mpvpn_path_rtt_seconds",
		      "Smoothed round-trip time of the in-band probes.",
		      MPVPN_MEASURE_A_SRTT_US, true);
	write_measure(out, view, "mpvpn_path_jitter_seconds",
		      "Jitter of the in-band probes.",
		      MPVPN_MEASURE_A_JITTER_US, true);
	write_measure(out, view, "mpvpn_path_loss_ratio",
		      "Probe loss over the loss window, 0..1.",
		      MPVPN_MEASURE_A_LOSS_PERMILLE, false);
	write_measure(out, view, "mpvpn_path_loss_lately_ratio",
		      "Probe loss over the last 128 probes, less those lost while the path was queueing, 0..1; aggregate mode leaves out a path above the cleanest.",
		      MPVPN_MEASURE_A_LOSS_LATELY_PERMILLE, false);
	write_measure(out, view, "mpvpn_path_delivery_rate_bytes_per_second",
		      "The best rate the peer acknowledged on the path lately (absent: it carried nothing measurable).",
		      MPVPN_MEASURE_A_RATE_KBPS, false);
	PATH_METRIC(out, view, "mpvpn_path_probes_sent_total", "counter",
		   "In-band probes sent.", path->measure.probes_sent);
	PATH_METRIC(out, view, "mpvpn_path_probes_answered_total", "counter",
		   "In-band probes answered.", path->measure.probes_answered);

	write_history(out, view, now);
	header(out, "mpvpn_path_probe_verdict", "gauge",
	       "Verdict of an external probe pushed to the kernel: 1 ok, 0 failed.");
	walk = (struct path_walk){ .view = view };
	while ((path = next_path(&walk)))
		for (unsigned int v = 0; v < path->verdict_count; v++)
			sample(out, "mpvpn_path_probe_verdict", walk.ifname,
			       path->name, "probe", path->verdicts[v].name,
			       path->verdicts[v].ok);
	write_stats(out, "mpvpn_path", view, true);
}

/*
 * One family of one handshake figure a device: @attr's value divided by
 * @divisor, for the devices whose module sent it.
 */
static void handshake_family(FILE *out, const struct view *view,
			     const char *name, const char *type,
			     const char *help, unsigned int attr,
			     double divisor)
{
	header(out, name, type, help);
	for (size_t d = 0; d < view->device_count; d++) {
		const struct mpvpn_device_info *dev = &view->devices[d].device;

		if (dev->handshake.present & (UINT64_C(1) << attr))
			sample(out, name, dev->ifname, NULL, NULL, NULL,
			       dev->handshake.counter[attr] / divisor);
	}
}

/*
 * The handshake of each device with keys: its message counters by name,
 * the sessions made, and the age of the last one (none before the first).
 */
static void write_handshakes(FILE *out, const struct view *view)
{
	header(out, "mpvpn_device_handshake_messages_total", "counter",
	       "Handshake messages sent, received and dropped, by counter (mpvpnctl show's handshake).");
	for (size_t d = 0; d < view->device_count; d++) {
		const struct mpvpn_device_info *dev = &view->devices[d].device;

		for (unsigned int a = 1; a < MPVPN_HANDSHAKE_A_PAD; a++)
			if (dev->handshake.present & (UINT64_C(1) << a))
				sample(out, "mpvpn_device_handshake_messages_total",
				       dev->ifname, NULL, "counter",
				       mpvpn_handshake_name(a),
				       (double)dev->handshake.counter[a]);
	}
	handshake_family(out, view, "mpvpn_device_sessions_total", "counter",
			 "Sessions the handshake made, in either role: the first, then one a rekey.",
			 MPVPN_HANDSHAKE_A_SESSIONS, 1);
	handshake_family(out, view, "mpvpn_device_handshake_seconds", "gauge",
			 "How long the last handshake this side initiated took: about a round trip.",
			 MPVPN_HANDSHAKE_A_LAST_HANDSHAKE_US, 1e6);
	handshake_family(out, view, "mpvpn_device_session_age_seconds", "gauge",
			 "Age of the last session made; none before the first.",
			 MPVPN_HANDSHAKE_A_LAST_SESSION_MS, 1000);
}

static void write_devices(FILE *out, const struct view *view,
			  const struct metrics_marks *marks)
{
	header(out, "mpvpn_device_info", "gauge",
	       "Settings of the device as labels; the value is 1.");
	for (size_t d = 0; d < view->device_count; d++) {
		const struct mpvpn_device_info *dev = &view->devices[d].device;
		char port[8], tunnel[16];

		snprintf(port, sizeof(port), "%u", dev->port);
		snprintf(tunnel, sizeof(tunnel), "%u", dev->tunnel_id);
		open_sample(out, "mpvpn_device_info", dev->ifname, NULL);
		fputc(',', out);
		put_label(out, "mode", mpvpn_mode_name(dev->mode));
		fputc(',', out);
		put_label(out, "port", port);
		fputc(',', out);
		put_label(out, "tunnel_id", tunnel);
		fputs("} 1\n", out);
	}
	header(out, "mpvpn_device_paths", "gauge", "Paths of the device.");
	for (size_t d = 0; d < view->device_count; d++)
		sample(out, "mpvpn_device_paths", view->devices[d].device.ifname,
		       NULL, NULL, NULL, view->devices[d].path_count);
	header(out, "mpvpn_device_active_path_id", "gauge",
	       "Id of the path carrying the traffic, 0 for none.");
	for (size_t d = 0; d < view->device_count; d++)
		sample(out, "mpvpn_device_active_path_id",
		       view->devices[d].device.ifname, NULL, NULL, NULL,
		       view->devices[d].device.active_path_id);
	header(out, "mpvpn_device_encrypted", "gauge",
	       "1 when tunnel packets are authenticated and encrypted, 0 in plaintext or without keys.");
	for (size_t d = 0; d < view->device_count; d++) {
		const struct mpvpn_device_info *dev = &view->devices[d].device;

		/* No sample from a module that predates encryption. */
		if (!(dev->present & MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION)))
			continue;
		sample(out, "mpvpn_device_encrypted", dev->ifname, NULL, NULL,
		       NULL, dev->encryption ==
			     MPVPN_ENCRYPTION_CHACHA20_POLY1305);
	}
	write_handshakes(out, view);
	header(out, "mpvpn_device_failovers_total", "counter",
	       "Changes of the active path mpvpnd saw since it started.");
	for (size_t d = 0; d < view->device_count; d++) {
		uint64_t failovers = 0;

		for (size_t i = 0; i < marks->device_count; i++)
			if (!strcmp(marks->devices[i].device,
				    view->devices[d].device.ifname))
				failovers = marks->devices[i].failovers;
		sample(out, "mpvpn_device_failovers_total",
		       view->devices[d].device.ifname, NULL, NULL, NULL,
		       (double)failovers);
	}
	write_stats(out, "mpvpn_device", view, false);
}

/* A family of one sample without a label: what the daemon itself knows. */
static void daemon_sample(FILE *out, const char *name, const char *type,
			  const char *help, double value)
{
	header(out, name, type, help);
	fprintf(out, "%s %.15g\n", name, value);
}

/* One sample per external probe: runs or failures. */
static void write_probes(FILE *out, const struct probe_engine *probes,
			 bool failures)
{
	const char *name = failures ? "mpvpnd_probe_failures_total" :
				      "mpvpnd_probe_runs_total";

	header(out, name, "counter", failures ?
	       "Runs of the external probe that failed." :
	       "Runs of the external probe, each a result read.");
	for (size_t i = 0; probes && i < probes->count; i++) {
		const struct probe_job *job = &probes->jobs[i];

		open_sample(out, name, job->binding.device, job->binding.path);
		fputc(',', out);
		put_label(out, "probe", job->probe->name);
		fputc(',', out);
		put_label(out, "type", probe_type_name(job->probe->type));
		fprintf(out, "} %llu\n", (unsigned long long)
			(failures ? job->failures : job->runs));
	}
}

static void write_daemon(FILE *out, const struct metrics_source *source)
{
	static const struct hook_counts no_hooks;
	const struct hook_counts *hooks = source->hooks ? source->hooks :
							  &no_hooks;

	header(out, "mpvpnd_build_info", "gauge",
	       "The version of mpvpnd as a label; the value is 1.");
	fputs("mpvpnd_build_info{", out);
	put_label(out, "version", source->version ? source->version : "");
	fputs("} 1\n", out);
	daemon_sample(out, "mpvpnd_config_last_reload_successful", "gauge",
		      "1 when the last load of the configuration file (start or reload) was taken, 0 when it was refused.",
		      source->config_ok);
	daemon_sample(out, "mpvpnd_config_last_reload_success_timestamp_seconds",
		      "gauge", "When the configuration file was last taken.",
		      source->config_ok_time);
	daemon_sample(out, "mpvpnd_hook_runs_total", "counter",
		      "Hook commands started.", (double)hooks->started);
	daemon_sample(out, "mpvpnd_hook_failures_total", "counter",
		      "Hook commands that exited with a status other than 0, were killed (timeout) or could not start.",
		      (double)hooks->failed);
	daemon_sample(out, "mpvpnd_hook_skipped_total", "counter",
		      "Hook commands not run because too many waited already.",
		      (double)hooks->skipped);
	write_probes(out, source->probes, false);
	write_probes(out, source->probes, true);
}

void metrics_render(const struct view *view, const struct metrics_marks *marks,
		    const struct metrics_daemon *daemon, FILE *out)
{
	write_devices(out, view, marks);
	write_paths(out, view, daemon->now);
	write_daemon(out, daemon->source);
}

int metrics_write(const struct metrics *metrics, FILE *out)
{
	struct metrics_daemon daemon = { .source = &metrics->source };
	struct timespec now;
	struct view view;
	int ret = view_read(metrics->client, &view);

	clock_gettime(CLOCK_REALTIME, &now);
	daemon.now = (double)now.tv_sec + now.tv_nsec / 1e9;
	if (!ret)
		metrics_render(&view, &metrics->marks, &daemon, out);
	view_free(&view);
	return ret;
}

/* ---- the listener ---- */

static enum MHD_Result answer(struct MHD_Connection *connection,
			      unsigned int status, char *body, size_t len,
			      enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response *response =
		MHD_create_response_from_buffer(len, body, mode);
	enum MHD_Result ret;

	if (!response)
		return MHD_NO;
	MHD_add_response_header(response, "Content-Type",
				status == MHD_HTTP_OK ?
				"text/plain; version=0.0.4; charset=utf-8" :
				"text/plain; charset=utf-8");
	ret = MHD_queue_response(connection, status, response);
	MHD_destroy_response(response);
	return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *connection,
			      const char *url, const char *method,
			      const char *version, const char *upload_data,
			      size_t *upload_data_size, void **request)
{
	struct metrics *metrics = cls;
	char *body = NULL;
	size_t len = 0;
	FILE *out;
	int ret;

	(void)version;
	(void)upload_data;
	(void)upload_data_size;
	(void)request;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return answer(connection, MHD_HTTP_METHOD_NOT_ALLOWED,
			      "GET only\n", 9, MHD_RESPMEM_PERSISTENT);
	if (strcmp(url, "/metrics"))
		return answer(connection, MHD_HTTP_NOT_FOUND,
			      "see /metrics\n", 13, MHD_RESPMEM_PERSISTENT);
	out = open_memstream(&body, &len);
	if (!out)
		return MHD_NO;
	ret = metrics_write(metrics, out);
	fclose(out);
	if (ret) {
		free(body);
		log_warn("metrics: %s", mpvpn_client_error(metrics->client));
		return answer(connection, MHD_HTTP_INTERNAL_SERVER_ERROR,
			      "cannot read the kernel's state\n", 31,
			      MHD_RESPMEM_PERSISTENT);
	}
	return answer(connection, MHD_HTTP_OK, body, len,
		      MHD_RESPMEM_MUST_FREE);
}

void metrics_init(struct metrics *metrics, struct mpvpn_client *client)
{
	memset(metrics, 0, sizeof(*metrics));
	metrics->client = client;
}

void metrics_stop(struct metrics *metrics)
{
	if (metrics->httpd)
		MHD_stop_daemon(metrics->httpd);
	metrics->httpd = NULL;
}

int metrics_configure(struct metrics *metrics,
		      const struct config_metrics *config)
{
	struct sockaddr_storage ss = { 0 };
	char text[MPVPN_ENDPOINT_STRLEN];
	unsigned int flags = MHD_USE_EPOLL;

	/* A reload restarts the listener: cheap, and the address may move. */
	metrics_stop(metrics);
	if (!config->enabled)
		return 0;
	if (config->addr.family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(config->port);
		memcpy(&sin->sin_addr, config->addr.bytes, 4);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(config->port);
		memcpy(&sin6->sin6_addr, config->addr.bytes, 16);
		flags |= MHD_USE_IPv6;
	}
	metrics->httpd = MHD_start_daemon(flags, config->port, NULL, NULL,
					  handle, metrics,
					  MHD_OPTION_SOCK_ADDR, &ss,
					  MHD_OPTION_CONNECTION_TIMEOUT,
					  (unsigned int)10,
					  MHD_OPTION_CONNECTION_LIMIT,
					  (unsigned int)16,
					  MHD_OPTION_END);
	mpvpn_endpoint_format(&config->addr, config->port, text, sizeof(text));
	if (!metrics->httpd) {
		log_err("metrics: cannot listen on %s", text);
		return -EADDRNOTAVAIL;
	}
	log_info("metrics on http://%s/metrics", text);
	return 0;
}

int metrics_fd(const struct metrics *metrics)
{
	const union MHD_DaemonInfo *info;

	if (!metrics->httpd)
		return -1;
	info = MHD_get_daemon_info(metrics->httpd,
				   MHD_DAEMON_INFO_EPOLL_FD);
	return info ? info->epoll_fd : -1;
}

void metrics_run(struct metrics *metrics)
{
	if (metrics->httpd)
		MHD_run(metrics->httpd);
}
