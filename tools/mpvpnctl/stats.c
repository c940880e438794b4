// SPDX-License-Identifier: GPL-2.0-or-later
/* "stats": every counter the kernel keeps, device and per path. */
#include <stdio.h>

#include "cli.h"
#include "json.h"
#include "snapshot.h"

#define STATS_SYNOPSIS	"[-j] stats [DEV]"

static void print_counters(const struct mpvpn_stats *stats, int indent)
{
	/* The pad is never marked present. */
	for (unsigned int type = 1; type <= MPVPN_STATS_A_MAX; type++)
		if (stats->present & (UINT64_C(1) << type))
			printf("%*s%-20s %llu\n", indent, "",
			       mpvpn_stats_name(type),
			       (unsigned long long)stats->counter[type]);
}

static void print_device_stats(const struct device_snapshot *dev)
{
	printf("device: %s\n", dev->device.ifname);
	print_counters(&dev->device.stats, 2);
	for (size_t i = 0; i < dev->path_count; i++) {
		const struct mpvpn_path_info *path = &dev->paths[i];

		printf("  path: %s (id %u)\n", path->name, path->id);
		print_counters(&path->stats, 4);
	}
}

int stats_main(int argc, char **argv)
{
	static const struct snapshot_printer printer = {
		.json = json_device_stats,
		.text = print_device_stats,
	};
	int ret;

	ret = cli_simple_args("stats", STATS_SYNOPSIS,
			      "Shows the counters of DEV, or of every mpvpn device, and of their\n"
			      "paths, including each reason a received packet was dropped for.\n",
			      1, argc, argv);
	if (ret != CLI_GO_ON)
		return ret;
	return snapshot_print("stats", argc == 2 ? argv[1] : NULL, &printer);
}
