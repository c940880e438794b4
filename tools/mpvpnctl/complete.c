// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "complete": the word lists of shell completion, one word a line, from
 * the same tables the rest of mpvpnctl uses (the spec's names, the health
 * keywords, the keys of the JSON view) and from the kernel (devices,
 * paths), so that the completion script (tools/completion/mpvpnctl)
 * spells out the grammar and nothing else. Errors are silent: a
 * completion that cannot ask the kernel offers nothing.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "health_args.h"
#include "json.h"
#include "snapshot.h"

#define COMPLETE_SYNOPSIS \
	"complete {devices|paths DEV|modes|failbacks|encryptions|health|keys|path-keys}"

static void print_names(const char *(*name)(unsigned int), unsigned int first,
			unsigned int end)
{
	for (unsigned int value = first; value < end; value++)
		puts(name(value));
}

/* Every key of @view, nested ones joined with dots, as "get" takes them. */
static void print_keys(json_t *view, const char *prefix)
{
	const char *key;
	json_t *value;

	json_object_foreach(view, key, value) {
		char dotted[256];

		snprintf(dotted, sizeof(dotted), "%s%s", prefix, key);
		puts(dotted);
		if (json_is_object(value)) {
			strncat(dotted, ".", sizeof(dotted) - strlen(dotted) - 1);
			print_keys(value, dotted);
		}
	}
}

/* Every counter but the pad, which has no name. */
#define ALL_STATS	(~UINT64_C(0) & ~(UINT64_C(1) << MPVPN_STATS_A_PAD))
/* Every threshold; the reset flag is a request. */
#define ALL_HEALTH	(~UINT64_C(0) & ~MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_RESET))

/* A path that has every nest, so that its view has every key. */
static void full_path(struct mpvpn_path_info *path)
{
	memset(path, 0, sizeof(*path));
	path->present = ~UINT64_C(0);
	path->measure.present = ~UINT64_C(0);
	path->history.present = ~UINT64_C(0);
	path->health.present = ALL_HEALTH;
	path->stats.present = ALL_STATS;
}

static int print_json_keys(bool of_path)
{
	struct mpvpn_path_info path;
	struct device_snapshot dev = { .paths = &path };
	json_t *view;

	full_path(&path);
	dev.device.present = ~UINT64_C(0);
	dev.device.health.present = ALL_HEALTH;
	dev.device.stats.present = ALL_STATS;
	dev.device.active_path_id = 1;
	view = of_path ? json_path(&path) : json_device(&dev);
	print_keys(view, "");
	json_decref(view);
	return 0;
}

static int print_kernel_names(const char *ifname)
{
	struct mpvpn_client *client = mpvpn_client_new();
	struct snapshot snap;

	if (!client || mpvpn_client_connect(client) < 0 ||
	    snapshot_load(client, ifname, &snap) < 0) {
		mpvpn_client_free(client);
		return 1;
	}
	for (size_t i = 0; i < snap.count; i++) {
		const struct device_snapshot *dev = &snap.devices[i];

		if (!ifname)
			puts(dev->device.ifname);
		for (size_t p = 0; ifname && p < dev->path_count; p++)
			puts(dev->paths[p].name);
	}
	snapshot_free(&snap);
	mpvpn_client_free(client);
	return 0;
}

static const char *health_name(unsigned int attr)
{
	return health_keyword(attr);
}

int complete_main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	if (argc == 2 && is_help_option(what)) {
		printf("Usage: %s %s\n\nPrints the words shell completion offers, one a line.\n",
		       PROG_NAME, COMPLETE_SYNOPSIS);
		return 0;
	}
	if (argc == 2 && !strcmp(what, "devices"))
		return print_kernel_names(NULL);
	if (argc == 3 && !strcmp(what, "paths"))
		return print_kernel_names(argv[2]);
	if (argc == 2 && !strcmp(what, "modes"))
		print_names(mpvpn_mode_name, 0, __MPVPN_MODE_MAX);
	else if (argc == 2 && !strcmp(what, "failbacks"))
		print_names(mpvpn_failback_name, 0, __MPVPN_FAILBACK_MAX);
	else if (argc == 2 && !strcmp(what, "encryptions"))
		/* Unset is a state, never a request. */
		print_names(mpvpn_encryption_name, MPVPN_ENCRYPTION_NONE,
			    __MPVPN_ENCRYPTION_MAX);
	else if (argc == 2 && !strcmp(what, "health"))
		print_names(health_name, 1, MPVPN_HEALTH_A_RESET);
	else if (argc == 2 && (!strcmp(what, "keys") || !strcmp(what, "path-keys")))
		return print_json_keys(!strcmp(what, "path-keys"));
	else
		return cli_usage_error("complete", COMPLETE_SYNOPSIS,
				       "unknown list '%s'", what);
	return fflush(stdout) == EOF;
}
