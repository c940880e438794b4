/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Command-line grammar of "path add", "path set" and "path verdict", kept
 * free of netlink and of output so the unit tests can drive it directly.
 */
#ifndef MPVPNCTL_PATH_ARGS_H
#define MPVPNCTL_PATH_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "libmpvpn.h"

enum path_verb {
	PATH_VERB_ADD,
	PATH_VERB_SET,
};

struct path_args {
	const char *ifname;	/* DEV */
	/*
	 * NAME and every keyword given, marked present; health keywords
	 * (and "health-reset") mark MPVPN_PATH_A_HEALTH and fill
	 * @path.health.
	 */
	struct mpvpn_path_info path;
	const char *local_dev;	/* "dev IFNAME", resolved by the caller */
	/*
	 * "remote any" on add: said outright, the path listens (as it does
	 * without "remote"). Nothing is sent for it.
	 */
	bool remote_any;
};

/*
 * Parses "DEV NAME [keyword value]...". Returns 0, or -EINVAL with a
 * one-line explanation in @err.
 */
int path_args_parse(enum path_verb verb, int argc, char **argv,
		    struct path_args *args, char *err, size_t err_len);

struct verdict_args {
	const char *ifname;		/* DEV */
	struct mpvpn_path_info key;		/* NAME, marked present */
	struct mpvpn_verdict_info verdict;
};

/*
 * Parses "DEV NAME PROBE ok|fail [rtt MS] [valid TIME]" and
 * "DEV NAME PROBE delete". Returns 0, or -EINVAL with a one-line
 * explanation in @err.
 */
int verdict_args_parse(int argc, char **argv, struct verdict_args *args,
		       char *err, size_t err_len);

#endif /* MPVPNCTL_PATH_ARGS_H */
