/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Devices with their paths, read once for "show" and "stats". */
#ifndef MPVPNCTL_SNAPSHOT_H
#define MPVPNCTL_SNAPSHOT_H

#include <stddef.h>
#include <jansson.h>

#include "libmpvpn.h"

struct device_snapshot {
	struct mpvpn_device_info device;
	struct mpvpn_path_info *paths;
	size_t path_count;
};

struct snapshot {
	struct device_snapshot *devices;
	size_t count;
};

/* @ifname NULL: every device. Returns 0 or a negative errno. */
int snapshot_load(struct mpvpn_client *client, const char *ifname,
		  struct snapshot *snap);
void snapshot_free(struct snapshot *snap);

/*
 * How a command that reads a snapshot prints it: @json gives one device's
 * JSON object (the command prints an array of them with -j; NULL when the
 * command has no JSON form), @text prints a device for people; or
 * @document gives the whole snapshot as one JSON document, printed with
 * or without -j.
 */
struct snapshot_printer {
	json_t *(*json)(const struct device_snapshot *dev);
	void (*text)(const struct device_snapshot *dev);
	json_t *(*document)(const struct snapshot *snap);
};

/*
 * Connects, reads DEV @ifname (NULL: every device) and prints it with
 * @printer, devices apart by a blank line; @command names it in errors.
 * The exit status: 0, or 1 after an error message (also when the output
 * cannot be written).
 */
int snapshot_print(const char *command, const char *ifname,
		   const struct snapshot_printer *printer);

#endif /* MPVPNCTL_SNAPSHOT_H */
