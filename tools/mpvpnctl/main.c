// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mpvpnctl: configure and watch mpvpn devices over generic netlink.
 * Global options come first, then a command; no command means "show".
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#ifndef MPVPN_VERSION
#define MPVPN_VERSION "0.1.0"
#endif

bool json_output;

static const struct {
	const char *name;
	int (*main)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "show",	show_main,	"show devices and their paths" },
	{ "stats",	stats_main,	"show device and path counters" },
	{ "path",	path_main,	"add, change or delete a path" },
	{ "dev",	dev_main,	"create, delete or change a device" },
	{ "monitor",	monitor_main,	"print events as they happen" },
};

#define COMMAND_COUNT	(sizeof(commands) / sizeof(commands[0]))

static void print_usage(FILE *out)
{
	fprintf(out, "Usage: %s [-j] [COMMAND [ARGS]...]\n"
		"       %s --version | --help\n\n"
		"Options:\n"
		"  -j, --json     print JSON (show, stats, monitor)\n"
		"  -V, --version  print the version and exit\n"
		"  -h, --help     print this help and exit\n\n"
		"Commands:\n", PROG_NAME, PROG_NAME);
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-9s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(out, "\nWithout a command, \"show\" is run. "
		"\"%s COMMAND --help\" describes each one.\n", PROG_NAME);
}

int main(int argc, char **argv)
{
	int first = 1;

	for (; first < argc && argv[first][0] == '-'; first++) {
		const char *option = argv[first];

		if (!strcmp(option, "-j") || !strcmp(option, "--json")) {
			json_output = true;
		} else if (!strcmp(option, "-V") ||
			   !strcmp(option, "--version")) {
			printf("%s %s\n", PROG_NAME, MPVPN_VERSION);
			return 0;
		} else if (!strcmp(option, "-h") || !strcmp(option, "--help")) {
			print_usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "%s: unknown option '%s'\n"
				"Try '%s --help'.\n", PROG_NAME, option,
				PROG_NAME);
			return EXIT_USAGE;
		}
	}

	if (first == argc) {
		static char show[] = "show";
		static char *show_argv[] = { show, NULL };

		return show_main(1, show_argv);
	}
	if (!strcmp(argv[first], "help")) {
		print_usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		if (!strcmp(argv[first], commands[i].name))
			return commands[i].main(argc - first, argv + first);

	fprintf(stderr, "%s: unknown command '%s'\nTry '%s --help'.\n",
		PROG_NAME, argv[first], PROG_NAME);
	return EXIT_USAGE;
}
