// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

bool is_help_option(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help") ||
	       !strcmp(arg, "help");
}

int cli_simple_args(const char *command, const char *synopsis,
		    const char *description, int max_args, int argc,
		    char **argv)
{
	if (argc == 2 && is_help_option(argv[1])) {
		printf("Usage: %s %s\n\n%s", PROG_NAME, synopsis, description);
		return 0;
	}
	if (argc > max_args + 1)
		return cli_usage_error(command, synopsis,
				       "unexpected argument '%s'",
				       argv[max_args + 1]);
	return CLI_GO_ON;
}

struct mpvpn_client *cli_connect(const char *command)
{
	struct mpvpn_client *client = mpvpn_client_new();

	if (!client) {
		cli_error(command, "out of memory");
		return NULL;
	}
	if (mpvpn_client_connect(client) < 0) {
		cli_fail(command, client);
		mpvpn_client_free(client);
		return NULL;
	}
	return client;
}

int cli_fail(const char *command, const struct mpvpn_client *client)
{
	return cli_error(command, "%s", mpvpn_client_error(client));
}

static void vreport(const char *command, const char *fmt, va_list ap)
{
	/* Whatever was printed so far must come before the error. */
	fflush(stdout);
	fprintf(stderr, "%s: %s: ", PROG_NAME, command);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(command, fmt, ap);
	va_end(ap);
	return 1;
}

int cli_usage_error(const char *command, const char *synopsis,
		    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(command, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Usage: %s %s\n", PROG_NAME, synopsis);
	return EXIT_USAGE;
}

const char *ifindex_to_name(uint32_t ifindex, char buf[IF_NAMESIZE])
{
	/* The device may live in another namespace or be gone already. */
	if (!if_indextoname(ifindex, buf))
		snprintf(buf, IF_NAMESIZE, "if%u", ifindex);
	return buf;
}
