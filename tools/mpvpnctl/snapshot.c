// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
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

/* 0, or -EIO when stdout took less than all of it. */
static int print_devices(const struct snapshot *snap,
			 const struct snapshot_printer *printer)
{
	if (printer->document)
		return json_print(printer->document(snap), false);
	if (json_output && printer->json) {
		json_t *devices = json_array();

		for (size_t i = 0; i < snap->count; i++)
			json_array_append_new(devices,
					      printer->json(&snap->devices[i]));
		return json_print(devices, false);
	}
	for (size_t i = 0; i < snap->count; i++) {
		if (i)
			putchar('\n');
		printer->text(&snap->devices[i]);
	}
	return 0;
}

int snapshot_print(const char *command, const char *ifname,
		   const struct snapshot_printer *printer)
{
	struct mpvpn_client *client = cli_connect(command);
	struct snapshot snap;
	int printed;

	if (!client)
		return 1;
	if (snapshot_load(client, ifname, &snap) < 0) {
		int status = cli_fail(command, client);

		mpvpn_client_free(client);
		return status;
	}
	printed = print_devices(&snap, printer);
	snapshot_free(&snap);
	mpvpn_client_free(client);
	/* fflush() first: its failure counts even when printing went well. */
	if (fflush(stdout) == EOF || printed < 0)
		return cli_error(command, "cannot write the output");
	return 0;
}
