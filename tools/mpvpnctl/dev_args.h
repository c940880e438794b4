/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Command-line grammar of "dev add", "dev del" and "dev set", kept free of
 * netlink and of output so the unit tests can drive it directly.
 */
#ifndef MPVPNCTL_DEV_ARGS_H
#define MPVPNCTL_DEV_ARGS_H

#include <stddef.h>

#include "libmpvpn.h"

enum dev_verb {
	DEV_VERB_ADD,
	DEV_VERB_DEL,
	DEV_VERB_SET,
};

struct dev_args {
	const char *ifname;		/* NAME or DEV */
	/* "add": every keyword given, marked present. */
	struct mpvpn_link_config link;
	/* "set": every keyword given, marked present; at least one. */
	struct mpvpn_dev_settings settings;
	/*
	 * The handshake's key files, read once parsing is done; the peer's
	 * public key is in @settings already.
	 */
	const char *private_key_file;	/* "private-key FILE" */
	const char *preshared_key_file;	/* "preshared-key FILE" */
};

/*
 * Parses the words after the verb: "NAME [port N] [tunnel N] [mode MODE]"
 * for add, "NAME" for del, "DEV [mode MODE] [redundancy N]
 * [reorder-wait TIME] [failback revert|sticky] [revert-delay TIME]
 * [tos inherit|ecn]
 * [private-key FILE peer-public-key KEY [preshared-key FILE]]
 * [encryption none|chacha20-poly1305] [rekey SECONDS] [HEALTH...]" for
 * set. private-key and peer-public-key go together, preshared-key only
 * with them, and private-key with "encryption none" is refused. Returns 0, or -EINVAL with a one-line explanation in @err.
 */
int dev_args_parse(enum dev_verb verb, int argc, char **argv,
		   struct dev_args *args, char *err, size_t err_len);

#endif /* MPVPNCTL_DEV_ARGS_H */
