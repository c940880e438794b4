// SPDX-License-Identifier: GPL-2.0-or-later
/* "show": devices and their paths, for people (default) or tools (-j). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "snapshot.h"

#define SHOW_SYNOPSIS	"[-j] show [DEV]"

static const char *up_down(bool up)
{
	return up ? "up" : "down";
}

static void print_path(const struct mpvpn_path *path)
{
	char local[INET6_ADDRSTRLEN];
	char remote[MPVPN_ENDPOINT_STRLEN];

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

	printf("    remote: %s\n",
	       mpvpn_endpoint_format(&path->remote, path->remote_port, remote,
				     sizeof(remote)));
	printf("    priority: %u, weight: %u\n", path->priority, path->weight);
	printf("    admin: %s, state: %s, carrier: %s\n",
	       up_down(path->admin_up), mpvpn_path_state_name(path->state),
	       up_down(path->carrier));
	if (path->mtu)
		printf("    mtu: %u\n", path->mtu);
	printf("    packets: %llu sent, %llu received\n",
	       (unsigned long long)path->stats.counter[MPVPN_STATS_A_TX_PACKETS],
	       (unsigned long long)path->stats.counter[MPVPN_STATS_A_RX_PACKETS]);
}

static void print_device(const struct device_snapshot *dev)
{
	const struct mpvpn_device *device = &dev->device;

	printf("device: %s\n", device->ifname);
	printf("  mode: %s\n", mpvpn_mode_name(device->mode));
	printf("  port: %u\n", device->port);
	printf("  tunnel id: %u\n", device->tunnel_id);
	printf("  mtu: %u\n", device->mtu);
	if (device->active_path_id)
		printf("  active path: %s (id %u)\n",
		       device->active_path_name, device->active_path_id);
	else
		printf("  active path: none\n");
	printf("  paths: %u\n", device->path_count);

	for (size_t i = 0; i < dev->path_count; i++)
		print_path(&dev->paths[i]);
}

static int print_json(const struct snapshot *snap)
{
	json_t *devices = json_array();

	for (size_t i = 0; i < snap->count; i++)
		json_array_append_new(devices, json_device(&snap->devices[i]));
	return json_print(devices, false);
}

int show_main(int argc, char **argv)
{
	struct mpvpn_client *client;
	struct snapshot snap;
	const char *ifname = NULL;
	int ret;

	ret = cli_simple_args("show", SHOW_SYNOPSIS,
			      "Shows DEV, or every mpvpn device, with its paths.\n",
			      1, argc, argv);
	if (ret != CLI_GO_ON)
		return ret;
	if (argc == 2)
		ifname = argv[1];

	client = cli_connect("show");
	if (!client)
		return 1;
	ret = snapshot_load(client, ifname, &snap);
	if (ret < 0) {
		ret = cli_fail("show", client);
		mpvpn_client_free(client);
		return ret;
	}

	if (json_output) {
		ret = print_json(&snap) < 0;
	} else {
		for (size_t i = 0; i < snap.count; i++) {
			if (i)
				putchar('\n');
			print_device(&snap.devices[i]);
		}
		ret = 0;
	}
	snapshot_free(&snap);
	mpvpn_client_free(client);
	if (fflush(stdout) == EOF || ret)
		return cli_error("show", "cannot write the output");
	return 0;
}
