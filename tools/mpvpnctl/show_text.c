// SPDX-License-Identifier: GPL-2.0-or-later
/* The human view of "show": a device, its settings, then each path. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "health_args.h"
#include "show_text.h"
#include "units.h"

/* Lists are wrapped to stay within this many columns. */
#define WRAP_COLUMN	80

static const char *up_down(bool up)
{
	return up ? "up" : "down";
}

/*
 * A comma-separated list after "@label: ", wrapped before WRAP_COLUMN
 * with the continuation lines aligned under the first item. Nothing at
 * all is printed for an empty list.
 */
struct list {
	int indent;
	const char *label;
	int column;	/* 0: nothing printed yet */
	int start;	/* column of the first item */
};

static void list_item(struct list *list, const char *item)
{
	int len = (int)strlen(item);

	if (!list->column) {
		list->start = printf("%*s%s: ", list->indent, "", list->label);
		list->column = list->start;
	} else if (list->column + 2 + len + 1 > WRAP_COLUMN) {
		/* The + 1 keeps room for the comma that may follow. */
		printf(",\n%*s", list->start, "");
		list->column = list->start;
	} else {
		list->column += printf(", ");
	}
	list->column += printf("%s", item);
}

static void list_end(const struct list *list)
{
	if (list->column)
		putchar('\n');
}

/*
 * The thresholds of @health as "keyword value" items, e.g. "hold 2s";
 * with @base, only those that differ from it.
 */
static void print_health(const struct mpvpn_health_info *health,
			 const struct mpvpn_health_info *base, int indent,
			 const char *label)
{
	struct list list = { .indent = indent, .label = label };

	for (unsigned int attr = 1; attr < MPVPN_HEALTH_A_RESET; attr++) {
		uint32_t bit = MPVPN_HEALTH_HAS(attr);
		char value[UNITS_STRLEN];
		char item[64];

		if (!(health->present & bit))
			continue;
		if (base && (base->present & bit) &&
		    base->value[attr] == health->value[attr])
			continue;
		snprintf(item, sizeof(item), "%s %s", health_keyword(attr),
			 health_format(attr, health->value[attr], value));
		list_item(&list, item);
	}
	list_end(&list);
}

static bool measured(const struct mpvpn_measure *measure, int type)
{
	return measure->present & MPVPN_MEASURE_HAS(type);
}

/* "rtt: 12.3 ms (smoothed 11.8 ms), jitter: 0.4 ms, loss: 5.0 %, misses: 0" */
static void print_figures(const struct mpvpn_measure *measure)
{
	bool answered = !measured(measure, MPVPN_MEASURE_A_PROBES_ANSWERED) ||
			measure->probes_answered > 0;
	char text[UNITS_STRLEN];

	printf("    rtt: ");
	/* Before the first answer the RTT and jitter are mere zeros. */
	if (!answered) {
		printf("no answer yet");
	} else {
		printf("%s", measured(measure, MPVPN_MEASURE_A_RTT_US) ?
		       format_us_ms(measure->rtt_us, text) : "?");
		if (measured(measure, MPVPN_MEASURE_A_SRTT_US))
			printf(" (smoothed %s)",
			       format_us_ms(measure->srtt_us, text));
		if (measured(measure, MPVPN_MEASURE_A_JITTER_US))
			printf(", jitter: %s",
			       format_us_ms(measure->jitter_us, text));
	}
	if (measured(measure, MPVPN_MEASURE_A_LOSS_PERMILLE))
		printf(", loss: %s", format_permille(measure->loss_permille,
						     text));
	if (measured(measure, MPVPN_MEASURE_A_LOSS_LATELY_PERMILLE))
		printf(" (%s lately)",
		       format_permille(measure->loss_lately_permille, text));
	if (measured(measure, MPVPN_MEASURE_A_MISSES))
		printf(", misses: %u", measure->misses);
	putchar('\n');
}

/* "last seen: 40 ms ago, probes: 1234 sent, 1200 answered" */
static void print_probes(const struct mpvpn_measure *measure)
{
	char text[UNITS_STRLEN];

	printf("    last seen: ");
	if (!measured(measure, MPVPN_MEASURE_A_LAST_SEEN_MS))
		printf("never");
	else if (measure->last_seen_ms < 1000)
		printf("%u ms ago", measure->last_seen_ms);
	else
		printf("%s ago", format_ms_s(measure->last_seen_ms, text));
	if (measured(measure, MPVPN_MEASURE_A_PROBES_SENT))
		printf(", probes: %llu sent",
		       (unsigned long long)measure->probes_sent);
	if (measured(measure, MPVPN_MEASURE_A_PROBES_ANSWERED))
		printf(", %llu answered",
		       (unsigned long long)measure->probes_answered);
	putchar('\n');
}

/* "delivers: 38.2 Mbit/s at best lately, queue 3.1 ms" */
static void print_delivery(const struct mpvpn_measure *measure)
{
	char best[UNITS_STRLEN], queue[UNITS_STRLEN];

	if (!measured(measure, MPVPN_MEASURE_A_RATE_KBPS))
		return;
	printf("    delivers: %s at best lately, queue %s\n",
	       format_kbps_mbps(measure->rate_kbps, best),
	       format_us_ms(measure->queue_us, queue));
}

/* "ping ok (rtt 12.5 ms, 8.2 s left)", "dns fail (3.0 s left)" */
static const char *verdict_text(const struct mpvpn_verdict_info *verdict,
				char *buf, size_t len)
{
	char rtt[UNITS_STRLEN], left[UNITS_STRLEN];
	size_t used;

	snprintf(buf, len, "%s %s", verdict->name, verdict->ok ? "ok" : "fail");
	used = strlen(buf);
	if (verdict->has_rtt)
		format_us_ms(verdict->rtt_us, rtt);
	if (verdict->has_valid)
		format_ms_s(verdict->valid_ms, left);
	if (verdict->has_rtt && verdict->has_valid)
		snprintf(buf + used, len - used, " (rtt %s, %s left)", rtt,
			 left);
	else if (verdict->has_rtt)
		snprintf(buf + used, len - used, " (rtt %s)", rtt);
	else if (verdict->has_valid)
		snprintf(buf + used, len - used, " (%s left)", left);
	return buf;
}

static void print_verdicts(const struct mpvpn_path_info *path)
{
	struct list list = { .indent = 4, .label = "verdicts" };

	for (unsigned int i = 0; i < path->verdict_count; i++) {
		char item[96];

		list_item(&list, verdict_text(&path->verdicts[i], item,
					      sizeof(item)));
	}
	list_end(&list);
}

static bool has_history(const struct mpvpn_path_info *path, unsigned int type)
{
	return (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_HISTORY)) &&
	       (path->history.present & MPVPN_HISTORY_HAS(type));
}

/* "degraded (latency) for 2m 5s": the state, why, and since when. */
static void print_state(const struct mpvpn_path_info *path)
{
	printf("%s", mpvpn_path_state_name(path->state));
	if ((path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_STATE_REASON)) &&
	    path->state_reason != MPVPN_REASON_NONE)
		printf(" (%s)", mpvpn_reason_name(path->state_reason));
	if (has_history(path, MPVPN_HISTORY_A_LAST_CHANGE_MS)) {
		char since[UNITS_STRLEN];

		printf(" for %s", format_duration_ms(
			path->history.value[MPVPN_HISTORY_A_LAST_CHANGE_MS],
			since));
	}
}

/* "history: 3 changes; up 3d 4h, degraded 12s, down 1m 5s" */
static void print_history(const struct mpvpn_path_info *path)
{
	const char *sep = "; ";

	if (!has_history(path, MPVPN_HISTORY_A_CHANGES))
		return;
	printf("    history: %llu change%s",
	       (unsigned long long)path->history.value[MPVPN_HISTORY_A_CHANGES],
	       path->history.value[MPVPN_HISTORY_A_CHANGES] == 1 ? "" : "s");
	for (unsigned int state = 0; state < __MPVPN_PATH_STATE_MAX; state++) {
		unsigned int attr = mpvpn_history_state_attr(state);
		char time[UNITS_STRLEN];

		if (!has_history(path, attr))
			continue;
		printf("%s%s %s", sep, mpvpn_path_state_name(state),
		       format_duration_ms(path->history.value[attr], time));
		sep = ", ";
	}
	putchar('\n');
}

/*
 * "remote: 198.51.100.9:61002 (learned)": the endpoint the path sends to
 * now, and whether it came from the peer's packets or is pinned; a path
 * that has none listens for the peer's first packet.
 */
static void print_remote(const struct mpvpn_path_info *path)
{
	char remote[MPVPN_ENDPOINT_STRLEN];
	const char *sep = " (";

	if (!mpvpn_path_has_remote(path)) {
		printf("    remote: any (listening)\n");
		return;
	}
	printf("    remote: %s",
	       mpvpn_endpoint_format(&path->remote, path->remote_port, remote,
				     sizeof(remote)));
	if (path->remote_learned) {
		printf("%slearned", sep);
		sep = ", ";
	}
	if (path->remote_fixed) {
		printf("%sfixed", sep);
		sep = ", ";
	}
	printf("%s\n", sep[0] == ',' ? ")" : "");
}

static void print_path(const struct mpvpn_path_info *path,
		       const struct mpvpn_device_info *device)
{
	char local[INET6_ADDRSTRLEN];

	printf("\n  path: %s (id %u)%s\n", path->name, path->id,
	       path->active ? " [active]" : "");

	printf("    local: %s",
	       mpvpn_addr_len(&path->local) ?
	       mpvpn_addr_format(&path->local, local, sizeof(local)) : "any");
	if (path->local_ifindex) {
		char ifname[IF_NAMESIZE];

		printf(" dev %s", ifindex_to_name(path->local_ifindex, ifname));
	}
	putchar('\n');

	print_remote(path);
	printf("    priority: %u, weight: %u\n", path->priority, path->weight);
	/* 0 is unknown: the path shares by its weight. */
	if ((path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_BANDWIDTH_KBPS)) &&
	    path->bandwidth_kbps) {
		char rate[MPVPN_RATE_STRLEN];

		printf("    bandwidth: %s\n",
		       mpvpn_rate_format(path->bandwidth_kbps, rate));
	}
	printf("    admin: %s, state: ", up_down(path->admin_up));
	print_state(path);
	printf(", carrier: %s\n", up_down(path->carrier));
	print_history(path);
	if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_MEASURE)) {
		print_figures(&path->measure);
		print_probes(&path->measure);
		print_delivery(&path->measure);
	}
	print_verdicts(path);
	/* The values in force; only those of the path's own are news. */
	if ((path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_HEALTH)) &&
	    (device->present & MPVPN_DEV_HAS(MPVPN_A_HEALTH)))
		print_health(&path->health, &device->health, 4,
			     "health overrides");
	if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_PMTU))
		printf("    mtu: %u, path mtu: %u\n", path->mtu, path->pmtu);
	else if (path->mtu)
		printf("    mtu: %u\n", path->mtu);
	printf("    packets: %llu sent, %llu received\n",
	       (unsigned long long)path->stats.counter[MPVPN_STATS_A_TX_PACKETS],
	       (unsigned long long)path->stats.counter[MPVPN_STATS_A_RX_PACKETS]);
}

/* "failback: revert, revert delay: 5s" */
static void print_failback(const struct mpvpn_device_info *device)
{
	printf("  failback: %s", mpvpn_failback_name(device->failback));
	if (device->present & MPVPN_DEV_HAS(MPVPN_A_REVERT_DELAY_MS)) {
		char delay[UNITS_STRLEN];

		printf(", revert delay: %s",
		       format_time_ms(device->revert_delay_ms, delay));
	}
	putchar('\n');
}

/*
 * "reorder wait: 2.0 ms (cap 100ms)": the receive side, which follows
 * what the peer sends whatever the mode of this device.
 */
static void print_reorder_wait(const struct mpvpn_device_info *device)
{
	bool has_now = device->present & MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_US);
	bool has_cap = device->present & MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_MS);
	char now[UNITS_STRLEN];

	if (!has_now && !has_cap)
		return;
	printf("  reorder wait: %s",
	       has_now ? format_us_ms(device->reorder_wait_us, now) : "?");
	if (has_cap) {
		char cap[UNITS_STRLEN];

		printf(" (cap %s)",
		       format_time_ms(device->reorder_wait_ms, cap));
	}
	putchar('\n');
}

/*
 * Right under the device's name, since it decides whether the tunnel is
 * safe at all: a device in plaintext or without keys must not go unseen.
 */
static void print_encryption(const struct mpvpn_device_info *device)
{
	/* Nothing from a module that predates encryption. */
	if (!(device->present & MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION)))
		return;
	switch (device->encryption) {
	case MPVPN_ENCRYPTION_UNSET:
		printf("  encryption: not configured - the device sends and accepts nothing\n");
		return;
	case MPVPN_ENCRYPTION_NONE:
		printf("  encryption: NONE - tunnel packets are neither authenticated nor encrypted\n");
		return;
	case MPVPN_ENCRYPTION_CHACHA20_POLY1305:
		printf("  encryption: %s",
		       mpvpn_encryption_name(device->encryption));
		if (device->present & MPVPN_DEV_HAS(MPVPN_A_REKEY_SECONDS))
			printf(", rekey %us", device->rekey_seconds);
		putchar('\n');
		return;
	default:
		printf("  encryption: unknown (%u)\n", device->encryption);
	}
}

/*
 * The handshake's keys and what it did: "public key: ...", "peer: ...",
 * "handshake: 3 sessions, the last 42s ago (its handshake 20.4 ms); 3
 * initiations sent, ..." and
 * its drops, when there were any.
 */
static void print_handshake(const struct mpvpn_device_info *device)
{
	const struct mpvpn_handshake_info *hs = &device->handshake;
	char key[MPVPN_KEY_BASE64_LEN + 1];
	bool any_drop = false;

	if (device->present & MPVPN_DEV_HAS(MPVPN_A_PUBLIC_KEY)) {
		mpvpn_key_to_base64(device->public_key, key);
		printf("  public key: %s\n", key);
	}
	if (device->present & MPVPN_DEV_HAS(MPVPN_A_PEER_PUBLIC_KEY)) {
		mpvpn_key_to_base64(device->peer_public_key, key);
		printf("  peer public key: %s\n", key);
	}
	if (!(device->present & MPVPN_DEV_HAS(MPVPN_A_HANDSHAKE)) ||
	    !(device->present & MPVPN_DEV_HAS(MPVPN_A_PUBLIC_KEY)))
		return;
	printf("  handshake: %" PRIu64 " sessions",
	       hs->counter[MPVPN_HANDSHAKE_A_SESSIONS]);
	if (hs->present & (UINT64_C(1) << MPVPN_HANDSHAKE_A_LAST_SESSION_MS)) {
		char ago[UNITS_STRLEN];

		printf(", the last %s ago",
		       format_time_ms(hs->counter[MPVPN_HANDSHAKE_A_LAST_SESSION_MS] >
				      UINT32_MAX ? UINT32_MAX :
				      (uint32_t)hs->counter[MPVPN_HANDSHAKE_A_LAST_SESSION_MS],
				      ago));
	}
	if (hs->present & (UINT64_C(1) << MPVPN_HANDSHAKE_A_LAST_HANDSHAKE_US))
		printf(" (its handshake %.1f ms)",
		       hs->counter[MPVPN_HANDSHAKE_A_LAST_HANDSHAKE_US] / 1000.0);
	printf("; initiations %" PRIu64 " sent, %" PRIu64 " received; responses %" PRIu64 " sent, %" PRIu64 " received\n",
	       hs->counter[MPVPN_HANDSHAKE_A_INITIATIONS_SENT],
	       hs->counter[MPVPN_HANDSHAKE_A_INITIATIONS_RECEIVED],
	       hs->counter[MPVPN_HANDSHAKE_A_RESPONSES_SENT],
	       hs->counter[MPVPN_HANDSHAKE_A_RESPONSES_RECEIVED]);
	for (unsigned int type = MPVPN_HANDSHAKE_A_COOKIE_REPLIES_SENT;
	     type <= MPVPN_HANDSHAKE_A_RX_RATELIMITED; type++) {
		if (type == MPVPN_HANDSHAKE_A_INITIATIONS_RECEIVED ||
		    type == MPVPN_HANDSHAKE_A_RESPONSES_RECEIVED ||
		    !hs->counter[type])
			continue;
		printf("%s%s %" PRIu64, any_drop ? ", " : "             ",
		       mpvpn_handshake_name(type), hs->counter[type]);
		any_drop = true;
	}
	if (any_drop)
		putchar('\n');
}

void show_print_device(const struct device_snapshot *dev)
{
	const struct mpvpn_device_info *device = &dev->device;

	printf("device: %s\n", device->ifname);
	print_encryption(device);
	print_handshake(device);
	printf("  mode: %s\n", mpvpn_mode_name(device->mode));
	/* The copies matter in redundant mode alone. */
	if (device->mode == MPVPN_MODE_REDUNDANT &&
	    (device->present & MPVPN_DEV_HAS(MPVPN_A_REDUNDANCY)))
		printf("  redundancy: %u copies\n", device->redundancy);
	if (device->present & MPVPN_DEV_HAS(MPVPN_A_FAILBACK))
		print_failback(device);
	print_reorder_wait(device);
	/* "tos: ecn": what of the inner header the paths see. */
	if (device->present & MPVPN_DEV_HAS(MPVPN_A_TOS_INHERIT))
		printf("  tos: %s\n", mpvpn_tos_name(device->tos_inherit));
	printf("  port: %u\n", device->port);
	printf("  tunnel id: %u\n", device->tunnel_id);
	printf("  mtu: %u\n", device->mtu);
	if (device->active_path_id)
		printf("  active path: %s (id %u)\n",
		       device->active_path_name, device->active_path_id);
	else
		printf("  active path: none\n");
	printf("  paths: %u\n", device->path_count);
	print_health(&device->health, NULL, 2, "health");

	for (size_t i = 0; i < dev->path_count; i++)
		print_path(&dev->paths[i], device);
}

