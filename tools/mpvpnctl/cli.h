/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the subcommands of mpvpnctl. */
#ifndef MPVPNCTL_CLI_H
#define MPVPNCTL_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>

#include "libmpvpn.h"

#define PROG_NAME	"mpvpnctl"

/* Where "ip netns add" leaves its namespaces. */
#define NETNS_RUN_DIR	"/var/run/netns"

/* Exit status of a command line the program could not make sense of. */
#define EXIT_USAGE	2

/* -j: native JSON instead of the human view. */
extern bool json_output;

int show_main(int argc, char **argv);
int get_main(int argc, char **argv);
int stats_main(int argc, char **argv);
int showconf_main(int argc, char **argv);
int path_main(int argc, char **argv);
int dev_main(int argc, char **argv);
int monitor_main(int argc, char **argv);
int complete_main(int argc, char **argv);
int genkey_main(int argc, char **argv);
int pubkey_main(int argc, char **argv);

/* common.c */
bool is_help_option(const char *arg);
/*
 * The argument checks of a command of one verb that takes at most
 * @max_args words: "-h" alone prints the usage and @description, more words
 * are a usage error. Returns the exit status to end with, or CLI_GO_ON.
 */
#define CLI_GO_ON	(-1)
int cli_simple_args(const char *command, const char *synopsis,
		    const char *description, int max_args, int argc,
		    char **argv);
struct mpvpn_client *cli_connect(const char *command);
int cli_fail(const char *command, const struct mpvpn_client *client);
int cli_error(const char *command, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int cli_usage_error(const char *command, const char *synopsis,
		    const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *ifindex_to_name(uint32_t ifindex, char buf[IF_NAMESIZE]);

#endif /* MPVPNCTL_CLI_H */
