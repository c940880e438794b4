/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Devices with their paths, read once for "show" and "stats". */
#ifndef MPVPNCTL_SNAPSHOT_H
#define MPVPNCTL_SNAPSHOT_H

#include <stddef.h>

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

#endif /* MPVPNCTL_SNAPSHOT_H */
