// SPDX-License-Identifier: GPL-2.0-or-later
/* "show": devices and their paths, for people (default) or tools (-j). */
#include <stdio.h>

#include "cli.h"
#include "json.h"
#include "show_text.h"
#include "snapshot.h"

#define SHOW_SYNOPSIS	"[-j] show [DEV]"

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
			show_print_device(&snap.devices[i]);
		}
		ret = 0;
	}
	snapshot_free(&snap);
	mpvpn_client_free(client);
	if (fflush(stdout) == EOF || ret)
		return cli_error("show", "cannot write the output");
	return 0;
}
