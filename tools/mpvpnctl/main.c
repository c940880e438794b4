// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mpvpnctl: configure and watch mpvpn devices over generic netlink.
 * Global options come first, then a command; no command means "show".
 */
#define _GNU_SOURCE	/* setns() */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
	{ "get",	get_main,	"print single fields, for scripts" },
	{ "stats",	stats_main,	"show device and path counters" },
	{ "showconf",	showconf_main,	"print devices as an mpvpnd configuration" },
	{ "path",	path_main,	"add, change or delete a path" },
	{ "dev",	dev_main,	"create, delete or change a device" },
	{ "monitor",	monitor_main,	"print events as they happen" },
	{ "genkey",	genkey_main,	"print a new private key" },
	{ "pubkey",	pubkey_main,	"print the public key of a private key" },
	{ "complete",	complete_main,	"word lists for shell completion" },
};

#define COMMAND_COUNT	(sizeof(commands) / sizeof(commands[0]))

static void print_usage(FILE *out)
{
	fprintf(out, "Usage: %s [-j] [-n NETNS] [COMMAND [ARGS]...]\n"
		"       %s --version | --help\n\n"
		"Options:\n"
		"  -j, --json     print JSON (show, stats, monitor)\n"
		"  -n, --netns NETNS\n"
		"                 work in the named network namespace, as \"ip -n\"\n"
		"  -V, --version  print the version and exit\n"
		"  -h, --help     print this help and exit\n\n"
		"Commands:\n", PROG_NAME, PROG_NAME);
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-9s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(out, "\nWithout a command, \"show\" is run. "
		"\"%s COMMAND --help\" describes each one.\n", PROG_NAME);
}

/*
 * Moves the process into the network namespace that "ip netns add NAME"
 * made, before any socket is opened: netlink and interface names are then
 * that namespace's. Cheaper than "ip netns exec", which starts a second
 * program and remounts /sys for it.
 */
static int enter_netns(const char *name)
{
	char path[sizeof(NETNS_RUN_DIR) + NAME_MAX + 1];
	int fd, ret;

	if (!*name || strchr(name, '/') || strlen(name) > NAME_MAX ||
	    !strcmp(name, ".") || !strcmp(name, "..")) {
		fprintf(stderr, "%s: '%s' is not a network namespace name\n",
			PROG_NAME, name);
		return EXIT_USAGE;
	}
	snprintf(path, sizeof(path), NETNS_RUN_DIR "/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "%s: network namespace '%s': %s\n", PROG_NAME,
			name, strerror(errno));
		return 1;
	}
	ret = setns(fd, CLONE_NEWNET);
	if (ret < 0)
		fprintf(stderr, "%s: cannot enter network namespace '%s': %s\n",
			PROG_NAME, name, strerror(errno));
	close(fd);
	return ret < 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	int first = 1;
	int ret;

	for (; first < argc && argv[first][0] == '-'; first++) {
		const char *option = argv[first];

		if (!strcmp(option, "-j") || !strcmp(option, "--json")) {
			json_output = true;
		} else if (!strcmp(option, "-n") || !strcmp(option, "--netns")) {
			if (++first == argc) {
				fprintf(stderr, "%s: %s needs a namespace name\n"
					"Try '%s --help'.\n", PROG_NAME, option,
					PROG_NAME);
				return EXIT_USAGE;
			}
			ret = enter_netns(argv[first]);
			if (ret)
				return ret;
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
