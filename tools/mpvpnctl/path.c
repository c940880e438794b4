// SPDX-License-Identifier: GPL-2.0-or-later
/* "path add|set|del": changes to the paths of a device. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "path_args.h"

#define ADD_SYNOPSIS	"path add DEV NAME [local ADDR] [dev IFNAME] remote ADDR:PORT [prio N] [weight N] [up|down] [id N]"
#define SET_SYNOPSIS	"path set DEV NAME [prio N] [weight N] [up|down] [remote ADDR:PORT] [local ADDR] [dev IFNAME]"
#define DEL_SYNOPSIS	"path del DEV NAME"
#define PATH_SYNOPSIS	"path {add|set|del} DEV NAME ..."

static void print_usage(void)
{
	printf("Usage: %s " ADD_SYNOPSIS "\n"
	       "       %s " SET_SYNOPSIS "\n"
	       "       %s " DEL_SYNOPSIS "\n"
	       "\n"
	       "ADDR is an IPv4 or IPv6 address; an IPv6 endpoint is written [ADDR]:PORT.\n"
	       "Lower prio is preferred (default 1); weight is 1..65535 (default 1);\n"
	       "id is 1..%d and chosen by the kernel when omitted.\n",
	       PROG_NAME, PROG_NAME, PROG_NAME, MPVPN_MAX_PATHS);
}

/* Runs one request; the verb names it in error messages ("path add"). */
static int run(const char *command, const struct mpvpn_dev_ref *dev,
	       const struct mpvpn_path *path,
	       int (*request)(struct mpvpn_client *,
			      const struct mpvpn_dev_ref *,
			      const struct mpvpn_path *))
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
	struct mpvpn_path path = {
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
	return cli_usage_error("path", PATH_SYNOPSIS, "unknown command '%s'",
			       verb);
}
