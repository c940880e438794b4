// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"

static int append_device(const struct mpvpn_device_info *device, void *arg)
{
	struct snapshot *snap = arg;
	struct device_snapshot *devices;

	devices = realloc(snap->devices, (snap->count + 1) * sizeof(*devices));
	if (!devices)
		return -ENOMEM;
	snap->devices = devices;
	memset(&devices[snap->count], 0, sizeof(devices[0]));
	devices[snap->count++].device = *device;
	return 0;
}

static int append_path(const struct mpvpn_path_info *path, void *arg)
{
	struct device_snapshot *dev = arg;
	struct mpvpn_path_info *paths;

	paths = realloc(dev->paths, (dev->path_count + 1) * sizeof(*paths));
	if (!paths)
		return -ENOMEM;
	dev->paths = paths;
	paths[dev->path_count++] = *path;
	return 0;
}

int snapshot_load(struct mpvpn_client *client, const char *ifname,
		  struct snapshot *snap)
{
	size_t kept = 0;
	int ret;

	memset(snap, 0, sizeof(*snap));
	if (ifname) {
		struct mpvpn_dev_ref ref = { .ifname = ifname };
		struct mpvpn_device_info device;

		ret = mpvpn_dev_get(client, &ref, &device);
		if (ret == 0)
			ret = append_device(&device, snap);
	} else {
		ret = mpvpn_dev_dump(client, append_device, snap);
	}
	if (ret < 0)
		goto fail;

	for (size_t i = 0; i < snap->count; i++) {
		struct device_snapshot *dev = &snap->devices[i];
		struct mpvpn_dev_ref ref = { .ifindex = dev->device.ifindex };

		ret = mpvpn_path_dump(client, &ref, append_path, dev);
		/* A device deleted since the listing is simply not shown. */
		if (!ifname && (ret == -ENODEV || ret == -ENOENT)) {
			free(dev->paths);
			continue;
		}
		if (ret < 0) {
			/* Slots from @kept on were moved down or freed. */
			free(dev->paths);
			snap->count = kept;
			goto fail;
		}
		snap->devices[kept++] = *dev;
	}
	snap->count = kept;
	return 0;

fail:
	snapshot_free(snap);
	return ret;
}

void snapshot_free(struct snapshot *snap)
{
	for (size_t i = 0; i < snap->count; i++)
		free(snap->devices[i].paths);
	free(snap->devices);
	memset(snap, 0, sizeof(*snap));
}
