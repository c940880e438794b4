// SPDX-License-Identifier: GPL-2.0-or-later
/* "path add|set|del|verdict": changes to the paths of a device. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "health_args.h"
#include "path_args.h"

#define ADD_SYNOPSIS	"path add DEV NAME [local ADDR] [dev IFNAME] [remote ADDR:PORT [fixed] | remote any] [prio N] [weight N] [bandwidth RATE] [up|down] [id N] [HEALTH]..."
#define SET_SYNOPSIS	"path set DEV NAME [prio N] [weight N] [bandwidth RATE] [up|down] [remote ADDR:PORT] [fixed|roaming] [local ADDR] [dev IFNAME] [HEALTH]... [health-reset]"
#define DEL_SYNOPSIS	"path del DEV NAME"
#define VERDICT_SYNOPSIS "path verdict DEV NAME PROBE {ok|fail} [rtt MS] [valid TIME]"
#define FORGET_SYNOPSIS	"path verdict DEV NAME PROBE delete"
#define PATH_SYNOPSIS	"path {add|set|del|verdict} DEV NAME ..."

static void print_usage(void)
{
	char valid[UNITS_STRLEN], rate[MPVPN_RATE_STRLEN];

	printf("Usage: %s " ADD_SYNOPSIS "\n"
	       "       %s " SET_SYNOPSIS "\n"
	       "       %s " DEL_SYNOPSIS "\n"
	       "       %s " VERDICT_SYNOPSIS "\n"
	       "       %s " FORGET_SYNOPSIS "\n"
	       "\n"
	       "ADDR is an IPv4 or IPv6 address; an IPv6 endpoint is written [ADDR]:PORT.\n"
	       "The remote endpoint follows the peer's authentic packets (roaming, as\n"
	       "behind NAT) unless it is fixed; \"roaming\" lets a fixed one go again,\n"
	       "and \"fixed\" alone pins the endpoint the path has now. A path added\n"
	       "without a remote (or with \"remote any\") listens: it is down until the\n"
	       "peer's first packet for its id, and takes that packet's source.\n"
	       "Lower prio is preferred (default 1); weight is 1..65535 (default 1);\n"
	       "id is 1..%d and chosen by the kernel when omitted; the peer finds a\n"
	       "path by its id, so both gateways must give a path the same one.\n"
	       "bandwidth is the path's capacity: aggregate mode shares traffic by\n"
	       "it when every path of the tier has one, else by weight. RATE is\n"
	       "kbit/s, or a number with the unit kbit, mbit or gbit in any case\n"
	       "(40000, 40mbit, 2.5mbit, 1gbit), at most %s; 0 is unknown (default).\n"
	       "\n"
	       "HEALTH overrides a threshold of the device (\"dev set\") for this path:\n",
	       PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME,
	       MPVPN_MAX_PATHS,
	       mpvpn_rate_format(MPVPN_BANDWIDTH_KBPS_MAX, rate));
	health_print_usage("  ");
	printf("A path goes down after miss-count probe intervals without an answer,\n"
	       "and degraded when its smoothed RTT, jitter or loss over the last\n"
	       "loss-window probes passes a -fail level; it is up again once every\n"
	       "figure has stayed below its -recover level for hold.\n"
	       "health-reset drops every override of the path.\n"
	       "TIME is a whole number of milliseconds, or of seconds with 's'\n"
	       "(100, 100ms, 2s); PCT a percentage with one decimal (5, 0.5, 5%%).\n"
	       "\n"
	       "\"path verdict\" pushes the outcome of an external probe named PROBE:\n"
	       "fail holds the path down until the verdict expires (valid, default\n"
	       "%s) or is replaced; rtt, in milliseconds (12.5), is shown only.\n"
	       "delete forgets the probe's verdict.\n",
	       format_time_ms(MPVPN_VERDICT_VALID_MS_DEFAULT, valid));
}

/* Runs one request; the verb names it in error messages ("path add"). */
static int run(const char *command, const struct mpvpn_dev_ref *dev,
	       const struct mpvpn_path_info *path,
	       int (*request)(struct mpvpn_client *,
			      const struct mpvpn_dev_ref *,
			      const struct mpvpn_path_info *))
{
	struct mpvpn_client *client = cli_connect(command);
	int ret;

	if (!client)
		return 1;
	ret = request(client, dev, path) < 0 ? cli_fail(command, client) : 0;
	mpvpn_client_free(client);
	return ret;
}

static int add_or_set(enum path_verb verb, int argc, char **argv)
{
	const char *command = verb == PATH_VERB_ADD ? "path add" : "path set";
	const char *synopsis = verb == PATH_VERB_ADD ? ADD_SYNOPSIS :
						       SET_SYNOPSIS;
	struct path_args args;
	char err[128];

	if (path_args_parse(verb, argc, argv, &args, err, sizeof(err)) < 0)
		return cli_usage_error(command, synopsis, "%s", err);

	if (args.local_dev) {
		args.path.local_ifindex = if_nametoindex(args.local_dev);
		if (!args.path.local_ifindex)
			return cli_error(command, "no such device '%s'",
					 args.local_dev);
	}
	return run(command, &(struct mpvpn_dev_ref){ .ifname = args.ifname },
		   &args.path,
		   verb == PATH_VERB_ADD ? mpvpn_path_add : mpvpn_path_set);
}

static int del(int argc, char **argv)
{
	struct mpvpn_path_info path = {
		.present = MPVPN_PATH_HAS(MPVPN_PATH_A_NAME),
	};

	if (argc < 2)
		return cli_usage_error("path del", DEL_SYNOPSIS,
				       argc ? "missing path NAME" : "missing DEV");
	if (argc > 2)
		return cli_usage_error("path del", DEL_SYNOPSIS,
				       "unexpected argument '%s'", argv[2]);
	if (!argv[1][0] || strlen(argv[1]) >= MPVPN_PATH_NAME_LEN)
		return cli_usage_error("path del", DEL_SYNOPSIS,
				       "invalid path name '%s'", argv[1]);
	strcpy(path.name, argv[1]);
	return run("path del", &(struct mpvpn_dev_ref){ .ifname = argv[0] },
		   &path, mpvpn_path_del);
}

static int verdict(int argc, char **argv)
{
	struct mpvpn_client *client;
	struct verdict_args args;
	char err[128];
	int ret;

	if (verdict_args_parse(argc, argv, &args, err, sizeof(err)) < 0)
		return cli_usage_error("path verdict",
				       VERDICT_SYNOPSIS "\n       " PROG_NAME
				       " " FORGET_SYNOPSIS, "%s", err);
	client = cli_connect("path verdict");
	if (!client)
		return 1;
	ret = mpvpn_path_verdict(client,
				 &(struct mpvpn_dev_ref){ .ifname = args.ifname },
				 &args.key, &args.verdict) < 0 ?
	      cli_fail("path verdict", client) : 0;
	mpvpn_client_free(client);
	return ret;
}

int path_main(int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : NULL;

	if (!verb)
		return cli_usage_error("path", PATH_SYNOPSIS, "missing command");
	/* "path --help" and "path add --help" alike. */
	if (is_help_option(verb) || (argc > 2 && is_help_option(argv[2]))) {
		print_usage();
		return 0;
	}
	if (!strcmp(verb, "add"))
		return add_or_set(PATH_VERB_ADD, argc - 2, argv + 2);
	if (!strcmp(verb, "set"))
		return add_or_set(PATH_VERB_SET, argc - 2, argv + 2);
	if (!strcmp(verb, "del") || !strcmp(verb, "delete"))
		return del(argc - 2, argv + 2);
	if (!strcmp(verb, "verdict"))
		return verdict(argc - 2, argv + 2);
	return cli_usage_error("path", PATH_SYNOPSIS, "unknown command '%s'",
			       verb);
}
