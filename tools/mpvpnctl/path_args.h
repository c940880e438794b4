/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Command-line grammar of "path add" and "path set", kept free of netlink
 * and of output so the unit tests can drive it directly.
 */
#ifndef MPVPNCTL_PATH_ARGS_H
#define MPVPNCTL_PATH_ARGS_H

#include <stddef.h>

#include "libmpvpn.h"

enum path_verb {
	PATH_VERB_ADD,
	PATH_VERB_SET,
};

struct path_args {
	const char *ifname;	/* DEV */
	struct mpvpn_path path;	/* NAME and every keyword given, marked present */
	const char *local_dev;	/* "dev IFNAME", resolved by the caller */
};

/*
 * Parses "DEV NAME [keyword value]...". Returns 0, or -EINVAL with a
 * one-line explanation in @err.
 */
int path_args_parse(enum path_verb verb, int argc, char **argv,
		    struct path_args *args, char *err, size_t err_len);

#endif /* MPVPNCTL_PATH_ARGS_H */
