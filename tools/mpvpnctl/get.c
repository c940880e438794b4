// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "get": single fields of the JSON view, one a line. A hook script or a
 * health check that wants "is fiber up?" would otherwise pipe "-j show"
 * into jq, and on a small gateway (or the emulated test VM) starting jq
 * costs more than the netlink dump itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "snapshot.h"

#define GET_SYNOPSIS	"get DEV [path NAME] KEY..."

static const char get_description[] =
	"Prints the fields KEY of DEV, or of its path NAME, one a line, as\n"
	"\"mpvpnctl -j show DEV\" has them; nested fields join their keys with\n"
	"dots (measure.srtt_us, stats.rx_packets, health.hold_ms). Strings are\n"
	"printed bare, objects and arrays as one line of JSON.\n";

/* Prints every value, or nothing when one of the keys is missing. */
static int print_fields(json_t *view, const char *what, char **keys,
			int key_count)
{
	json_t *values[key_count];

	for (int i = 0; i < key_count; i++) {
		values[i] = json_lookup(view, keys[i]);
		if (!values[i])
			return cli_error("get", "%s has no field '%s'", what,
					 keys[i]);
	}
	for (int i = 0; i < key_count; i++)
		if (json_print_scalar(values[i]) < 0)
			return cli_error("get", "cannot write the output");
	return 0;
}

static int get_fields(const struct device_snapshot *dev, const char *path_name,
		      char **keys, int key_count)
{
	char what[64];
	json_t *view = NULL;
	int ret;

	if (!path_name) {
		view = json_device(dev);
		snprintf(what, sizeof(what), "device %s", dev->device.ifname);
	} else {
		for (size_t i = 0; i < dev->path_count && !view; i++)
			if (!strcmp(dev->paths[i].name, path_name))
				view = json_path(&dev->paths[i]);
		if (!view)
			return cli_error("get", "%s has no path '%s'",
					 dev->device.ifname, path_name);
		snprintf(what, sizeof(what), "path %s", path_name);
	}
	ret = print_fields(view, what, keys, key_count);
	json_decref(view);
	return ret;
}

int get_main(int argc, char **argv)
{
	struct mpvpn_client *client;
	const char *path_name = NULL;
	struct snapshot snap;
	int first_key = 2;
	int ret;

	if (argc == 2 && is_help_option(argv[1])) {
		printf("Usage: %s %s\n\n%s", PROG_NAME, GET_SYNOPSIS,
		       get_description);
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[2], "path")) {
		if (argc < 4)
			return cli_usage_error("get", GET_SYNOPSIS,
					       "'path' needs a path name");
		path_name = argv[3];
		first_key = 4;
	}
	if (argc <= first_key)
		return cli_usage_error("get", GET_SYNOPSIS,
				       "name at least one field");

	client = cli_connect("get");
	if (!client)
		return 1;
	ret = snapshot_load(client, argv[1], &snap);
	if (ret < 0) {
		ret = cli_fail("get", client);
		mpvpn_client_free(client);
		return ret;
	}
	ret = get_fields(&snap.devices[0], path_name, argv + first_key,
			 argc - first_key);
	snapshot_free(&snap);
	mpvpn_client_free(client);
	if (!ret && fflush(stdout) == EOF)
		return cli_error("get", "cannot write the output");
	return ret;
}
