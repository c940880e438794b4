// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>

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

	for (unsigned int type = 1; type < MPVPN_STATS_A_PAD; type++)
		if (stats->present & (UINT64_C(1) << type))
			set(object, mpvpn_stats_name(type),
			    number(stats->counter[type]));
	return object;
}

json_t *json_path(const struct mpvpn_path *path)
{
	json_t *object = json_object();
	char ifname[IF_NAMESIZE];

	set(object, "id", number(path->id));
	set(object, "name", json_string(path->name));
	set(object, "local_addr", address_or_null(&path->local));
	set(object, "local_ifindex", number(path->local_ifindex));
	set(object, "local_dev", path->local_ifindex ?
	    json_string(ifindex_to_name(path->local_ifindex, ifname)) : NULL);
	set(object, "remote_addr", address_or_null(&path->remote));
	set(object, "remote_port", number(path->remote_port));
	set(object, "priority", number(path->priority));
	set(object, "weight", number(path->weight));
	set(object, "admin_up", json_boolean(path->admin_up));
	set(object, "state", json_string(mpvpn_path_state_name(path->state)));
	set(object, "carrier", json_boolean(path->carrier));
	set(object, "active", json_boolean(path->active));
	set(object, "mtu", number(path->mtu));
	set(object, "stats", json_stats(&path->stats));
	return object;
}

json_t *json_device(const struct device_snapshot *dev)
{
	const struct mpvpn_device *device = &dev->device;
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
		const struct mpvpn_path *path = &dev->paths[i];
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
	const struct mpvpn_path *path = &event->path;
	json_t *object = json_object();

	set(object, "ifindex", number(event->ifindex));
	set(object, "ifname", json_string(event->ifname));
	set(object, "reason", json_string(mpvpn_reason_name(event->reason)));
	set(object, "active_path", active_path(event->active_path_id,
					       event->active_path_name));
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
		set(object, "path", entry);
	}
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
