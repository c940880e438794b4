// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "json.h"

/* json_object_set_new() steals references; NULL values become null. */
static void set(json_t *object, const char *key, json_t *value)
{
	json_object_set_new(object, key, value ? value : json_null());
}

static json_t *number(uint64_t value)
{
	/* Counters never reach 2^63 in practice; jansson is signed. */
	return json_integer((json_int_t)value);
}

static json_t *address_or_null(const struct mpvpn_addr *addr)
{
	char text[INET6_ADDRSTRLEN];

	if (!mpvpn_addr_len(addr))
		return json_null();
	return json_string(mpvpn_addr_format(addr, text, sizeof(text)));
}

/* "198.51.100.9:61002", "[2001:db8::9]:4500", or null for none. */
static json_t *endpoint_or_null(const struct mpvpn_addr *addr, uint16_t port)
{
	char text[MPVPN_ENDPOINT_STRLEN];

	if (!mpvpn_addr_len(addr))
		return json_null();
	return json_string(mpvpn_endpoint_format(addr, port, text,
						 sizeof(text)));
}

static json_t *active_path(uint32_t id, const char *name)
{
	json_t *object;

	if (!id)
		return json_null();
	object = json_object();
	set(object, "id", number(id));
	set(object, "name", json_string(name));
	return object;
}

json_t *json_stats(const struct mpvpn_stats *stats)
{
	json_t *object = json_object();

	/* The pad is never marked present. */
	for (unsigned int type = 1; type <= MPVPN_STATS_A_MAX; type++)
		if (stats->present & (UINT64_C(1) << type))
			set(object, mpvpn_stats_name(type),
			    number(stats->counter[type]));
	return object;
}

static json_t *json_handshake(const struct mpvpn_handshake_info *handshake)
{
	json_t *object = json_object();

	/* The pad is never marked present. */
	for (unsigned int type = 1; type <= MPVPN_HANDSHAKE_A_MAX; type++)
		if (handshake->present & (UINT64_C(1) << type))
			set(object, mpvpn_handshake_name(type),
			    number(handshake->counter[type]));
	return object;
}

/* A public key in base64, or null when the device sent none. */
static json_t *json_key(bool present, const uint8_t key[MPVPN_KEY_LEN])
{
	char text[MPVPN_KEY_BASE64_LEN + 1];

	if (!present)
		return json_null();
	mpvpn_key_to_base64(key, text);
	return json_string(text);
}

json_t *json_health(const struct mpvpn_health_info *health)
{
	json_t *object = json_object();

	/* The reset flag is a request, never a value in force. */
	for (unsigned int type = 1; type < MPVPN_HEALTH_A_RESET; type++)
		if (health->present & MPVPN_HEALTH_HAS(type))
			set(object, mpvpn_health_name(type),
			    number(health->value[type]));
	return object;
}

/* Sets @key to @value when the kernel sent the measure @type. */
static void set_measure(json_t *object, const struct mpvpn_measure *measure,
			int type, const char *key, uint64_t value)
{
	if (measure->present & MPVPN_MEASURE_HAS(type))
		set(object, key, number(value));
}

json_t *json_measure(const struct mpvpn_measure *measure)
{
	json_t *object = json_object();

	set_measure(object, measure, MPVPN_MEASURE_A_RTT_US, "rtt_us",
		    measure->rtt_us);
	set_measure(object, measure, MPVPN_MEASURE_A_SRTT_US, "srtt_us",
		    measure->srtt_us);
	set_measure(object, measure, MPVPN_MEASURE_A_JITTER_US, "jitter_us",
		    measure->jitter_us);
	set_measure(object, measure, MPVPN_MEASURE_A_LOSS_PERMILLE,
		    "loss_permille", measure->loss_permille);
	set_measure(object, measure, MPVPN_MEASURE_A_MISSES, "misses",
		    measure->misses);
	set_measure(object, measure, MPVPN_MEASURE_A_PROBES_SENT,
		    "probes_sent", measure->probes_sent);
	set_measure(object, measure, MPVPN_MEASURE_A_PROBES_ANSWERED,
		    "probes_answered", measure->probes_answered);
	set_measure(object, measure, MPVPN_MEASURE_A_RATE_KBPS, "rate_kbps",
		    measure->rate_kbps);
	set_measure(object, measure, MPVPN_MEASURE_A_QUEUE_US, "queue_us",
		    measure->queue_us);
	set_measure(object, measure, MPVPN_MEASURE_A_LOSS_LATELY_PERMILLE,
		    "loss_lately_permille", measure->loss_lately_permille);
	/* Absent means nothing ever arrived: say so rather than omit it. */
	set(object, "last_seen_ms",
	    (measure->present &
	     MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_LAST_SEEN_MS)) ?
	    number(measure->last_seen_ms) : NULL);
	return object;
}

json_t *json_verdicts(const struct mpvpn_path_info *path)
{
	json_t *array = json_array();

	for (unsigned int i = 0; i < path->verdict_count; i++) {
		const struct mpvpn_verdict_info *verdict = &path->verdicts[i];
		json_t *entry = json_object();

		set(entry, "name", json_string(verdict->name));
		set(entry, "ok", json_boolean(verdict->ok));
		if (verdict->has_rtt)
			set(entry, "rtt_us", number(verdict->rtt_us));
		if (verdict->has_valid)
			set(entry, "valid_ms", number(verdict->valid_ms));
		json_array_append_new(array, entry);
	}
	return array;
}

json_t *json_history(const struct mpvpn_history *history,
		     const struct timespec *now)
{
	json_t *object = json_object();

	for (unsigned int type = 1; type < MPVPN_HISTORY_A_PAD; type++)
		if (history->present & MPVPN_HISTORY_HAS(type))
			set(object, mpvpn_history_name(type),
			    number(history->value[type]));
	/* The age of the last change as a time, for people and logs. */
	if (history->present & MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_LAST_CHANGE_MS)) {
		char text[MPVPN_TIME_STRLEN];
		struct timespec then;

		mpvpn_time_before(now, history->value[MPVPN_HISTORY_A_LAST_CHANGE_MS],
				  &then);
		set(object, "last_change", json_string(mpvpn_time_format(&then, true,
									 text)));
	}
	return object;
}

/* Whether the kernel sent the attribute @type of @path. */
static bool path_has(const struct mpvpn_path_info *path, int type)
{
	return path->present & MPVPN_PATH_HAS(type);
}

/* A flag of @path, or null when the kernel did not send it. */
static json_t *path_flag(const struct mpvpn_path_info *path, int type,
			 bool value)
{
	return path_has(path, type) ? json_boolean(value) : NULL;
}

/*
 * The remote endpoint: "remote" as one string, null for a path that has
 * none (it listens); whether it is pinned, and whether it came from the
 * peer's packets (null from a module that predates roaming).
 */
static void set_remote(json_t *object, const struct mpvpn_path_info *path)
{
	bool has_remote = mpvpn_path_has_remote(path);

	set(object, "remote", endpoint_or_null(&path->remote,
					       path->remote_port));
	set(object, "remote_addr", address_or_null(&path->remote));
	set(object, "remote_port", has_remote ? number(path->remote_port) :
						NULL);
	set(object, "remote_fixed", path_flag(path, MPVPN_PATH_A_REMOTE_FIXED,
					      path->remote_fixed));
	set(object, "remote_learned",
	    path_flag(path, MPVPN_PATH_A_REMOTE_LEARNED, path->remote_learned));
}

json_t *json_path(const struct mpvpn_path_info *path)
{
	json_t *object = json_object();
	char ifname[IF_NAMESIZE];
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);

	set(object, "id", number(path->id));
	set(object, "name", json_string(path->name));
	set(object, "local_addr", address_or_null(&path->local));
	set(object, "local_ifindex", number(path->local_ifindex));
	set(object, "local_dev", path->local_ifindex ?
	    json_string(ifindex_to_name(path->local_ifindex, ifname)) : NULL);
	set_remote(object, path);
	set(object, "priority", number(path->priority));
	set(object, "weight", number(path->weight));
	/* 0: unknown; null from a module that predates the bandwidth. */
	set(object, "bandwidth_kbps",
	    path_has(path, MPVPN_PATH_A_BANDWIDTH_KBPS) ?
	    number(path->bandwidth_kbps) : NULL);
	set(object, "admin_up", json_boolean(path->admin_up));
	set(object, "state", json_string(mpvpn_path_state_name(path->state)));
	set(object, "carrier", json_boolean(path->carrier));
	set(object, "active", json_boolean(path->active));
	set(object, "mtu", number(path->mtu));
	/* null from a module that predates the path MTU. */
	set(object, "pmtu", path_has(path, MPVPN_PATH_A_PMTU) ?
	    number(path->pmtu) : NULL);
	set(object, "stats", json_stats(&path->stats));
	/* null from a module that predates path health. */
	set(object, "state_reason",
	    path_has(path, MPVPN_PATH_A_STATE_REASON) ?
	    json_string(mpvpn_reason_name(path->state_reason)) : NULL);
	set(object, "measure", path_has(path, MPVPN_PATH_A_MEASURE) ?
	    json_measure(&path->measure) : NULL);
	set(object, "health", path_has(path, MPVPN_PATH_A_HEALTH) ?
	    json_health(&path->health) : NULL);
	set(object, "verdicts", json_verdicts(path));
	/* null from a module that predates the history. */
	set(object, "history", path_has(path, MPVPN_PATH_A_HISTORY) ?
	    json_history(&path->history, &now) : NULL);
	return object;
}

/* Whether the kernel sent the attribute @type of @device. */
static bool device_has(const struct mpvpn_device_info *device, int type)
{
	return device->present & MPVPN_DEV_HAS(type);
}

/* A number the module reports only from some version on: null before. */
static json_t *number_if(const struct mpvpn_device_info *device, int type,
			 uint64_t value)
{
	return device_has(device, type) ? number(value) : NULL;
}

json_t *json_device(const struct device_snapshot *dev)
{
	const struct mpvpn_device_info *device = &dev->device;
	json_t *object = json_object();
	json_t *paths = json_array();

	set(object, "ifindex", number(device->ifindex));
	set(object, "ifname", json_string(device->ifname));
	set(object, "mode", json_string(mpvpn_mode_name(device->mode)));
	set(object, "port", number(device->port));
	set(object, "tunnel_id", number(device->tunnel_id));
	set(object, "mtu", number(device->mtu));
	set(object, "active_path", active_path(device->active_path_id,
					       device->active_path_name));
	set(object, "path_count", number(device->path_count));
	set(object, "stats", json_stats(&device->stats));
	/* null from a module that predates path health. */
	set(object, "health", device_has(device, MPVPN_A_HEALTH) ?
	    json_health(&device->health) : NULL);
	set(object, "failback", device_has(device, MPVPN_A_FAILBACK) ?
	    json_string(mpvpn_failback_name(device->failback)) : NULL);
	set(object, "revert_delay_ms", number_if(device, MPVPN_A_REVERT_DELAY_MS,
						  device->revert_delay_ms));
	/* null from a module that predates the scheduling modes. */
	set(object, "redundancy", number_if(device, MPVPN_A_REDUNDANCY,
					     device->redundancy));
	set(object, "reorder_wait_ms", number_if(device, MPVPN_A_REORDER_WAIT_MS,
						  device->reorder_wait_ms));
	set(object, "reorder_wait_us", number_if(device, MPVPN_A_REORDER_WAIT_US,
						  device->reorder_wait_us));
	/* null from a module that predates encryption. */
	set(object, "encryption", device_has(device, MPVPN_A_ENCRYPTION) ?
	    json_string(mpvpn_encryption_name(device->encryption)) : NULL);
	set(object, "rekey_seconds", number_if(device, MPVPN_A_REKEY_SECONDS,
						device->rekey_seconds));
	/* null from a module that predates tos-inherit. */
	set(object, "tos_inherit", device_has(device, MPVPN_A_TOS_INHERIT) ?
	    json_boolean(device->tos_inherit) : NULL);
	/* null without keys, or from a module that predates the handshake. */
	set(object, "public_key", json_key(device_has(device, MPVPN_A_PUBLIC_KEY),
					   device->public_key));
	set(object, "peer_public_key",
	    json_key(device_has(device, MPVPN_A_PEER_PUBLIC_KEY),
		     device->peer_public_key));
	set(object, "handshake", device_has(device, MPVPN_A_HANDSHAKE) ?
	    json_handshake(&device->handshake) : NULL);
	for (size_t i = 0; i < dev->path_count; i++)
		json_array_append_new(paths, json_path(&dev->paths[i]));
	set(object, "paths", paths);
	return object;
}

json_t *json_device_stats(const struct device_snapshot *dev)
{
	json_t *object = json_object();
	json_t *paths = json_array();

	set(object, "ifindex", number(dev->device.ifindex));
	set(object, "ifname", json_string(dev->device.ifname));
	set(object, "stats", json_stats(&dev->device.stats));
	for (size_t i = 0; i < dev->path_count; i++) {
		const struct mpvpn_path_info *path = &dev->paths[i];
		json_t *entry = json_object();

		set(entry, "id", number(path->id));
		set(entry, "name", json_string(path->name));
		set(entry, "stats", json_stats(&path->stats));
		json_array_append_new(paths, entry);
	}
	set(object, "paths", paths);
	return object;
}

json_t *json_event(const struct mpvpn_event *event)
{
	const struct mpvpn_path_info *path = &event->path;
	json_t *object = json_object();

	set(object, "ifindex", number(event->ifindex));
	set(object, "ifname", json_string(event->ifname));
	set(object, "reason", json_string(mpvpn_reason_name(event->reason)));
	set(object, "active_path", active_path(event->active_path_id,
					       event->active_path_name));
	/*
	 * Both ids are numbers, 0 for none, so that a change of the active
	 * path reads ".active_path_id != .old_active_path_id" in jq.
	 */
	set(object, "active_path_id", number(event->active_path_id));
	if (event->has_path) {
		json_t *entry = json_object();

		/* Events carry a subset of the path; show only what came. */
		if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_ID))
			set(entry, "id", number(path->id));
		if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_NAME))
			set(entry, "name", json_string(path->name));
		if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_STATE))
			set(entry, "state", json_string(
				mpvpn_path_state_name(path->state)));
		if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_CARRIER))
			set(entry, "carrier", json_boolean(path->carrier));
		if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_ADMIN_UP))
			set(entry, "admin_up", json_boolean(path->admin_up));
		if (path_has(path, MPVPN_PATH_A_STATE_REASON))
			set(entry, "state_reason", json_string(
				mpvpn_reason_name(path->state_reason)));
		if (path_has(path, MPVPN_PATH_A_MEASURE))
			set(entry, "measure", json_measure(&path->measure));
		if (path_has(path, MPVPN_PATH_A_MTU))
			set(entry, "mtu", number(path->mtu));
		if (path_has(path, MPVPN_PATH_A_PMTU))
			set(entry, "pmtu", number(path->pmtu));
		/*
		 * A module that reports whether a remote was learned also
		 * leaves the address out of a path that has none.
		 */
		if (path_has(path, MPVPN_PATH_A_REMOTE_ADDR) ||
		    path_has(path, MPVPN_PATH_A_REMOTE_LEARNED))
			set_remote(entry, path);
		if (path_has(path, MPVPN_PATH_A_HISTORY)) {
			struct timespec now;

			clock_gettime(CLOCK_REALTIME, &now);
			set(entry, "history", json_history(&path->history, &now));
		}
		set(object, "path", entry);
	}
	/* Where the peer's packets came from before it roamed; null: none. */
	if (event->reason == MPVPN_REASON_ENDPOINT_CHANGED)
		set(object, "old_remote",
		    endpoint_or_null(&event->old_remote,
				     event->old_remote_port));
	if (event->has_old_state)
		set(object, "old_state",
		    json_string(mpvpn_path_state_name(event->old_state)));
	if (event->has_old_active_path)
		set(object, "old_active_path_id",
		    number(event->old_active_path_id));
	if (event->handshake_failure)
		set(object, "handshake_failure", json_string(
			mpvpn_handshake_failure_name(event->handshake_failure)));
	return object;
}

int json_print(json_t *value, bool compact)
{
	size_t flags = JSON_SORT_KEYS |
		       (compact ? JSON_COMPACT : JSON_INDENT(2));
	int ret = json_dumpf(value, stdout, flags);

	json_decref(value);
	if (ret < 0 || fputc('\n', stdout) == EOF)
		return -EIO;
	return 0;
}

json_t *json_lookup(json_t *view, const char *dotted_key)
{
	const char *key = dotted_key;

	while (view && json_is_object(view)) {
		const char *dot = strchr(key, '.');
		size_t len = dot ? (size_t)(dot - key) : strlen(key);

		view = json_object_getn(view, key, len);
		if (!dot)
			return view;
		key = dot + 1;
	}
	return NULL;
}

int json_print_scalar(json_t *value)
{
	size_t flags = JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY;

	if (json_is_string(value)) {
		if (fputs(json_string_value(value), stdout) == EOF)
			return -EIO;
	} else if (json_dumpf(value, stdout, flags) < 0) {
		return -EIO;
	}
	return fputc('\n', stdout) == EOF ? -EIO : 0;
}
