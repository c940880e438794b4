// SPDX-License-Identifier: GPL-2.0
/*
 * mpvpnd: the mpvpn configuration and probing daemon. This is the
 * placeholder until the daemon issue lands: it only answers --help and
 * --version, and refuses to run rather than pretend to.
 */
#include <stdio.h>
#include <string.h>

#ifndef MPVPN_VERSION
#define MPVPN_VERSION "0.0.0"
#endif

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: mpvpnd [--help] [--version]\n"
		"\n"
		"The mpvpn daemon (JSON configuration, external probes, metrics).\n"
		"Not implemented yet: configure tunnels with ip-link(8) and mpvpnctl(8).\n");
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--version")) {
		printf("mpvpnd %s\n", MPVPN_VERSION);
		return 0;
	}
	usage(stderr);
	return 2;
}
