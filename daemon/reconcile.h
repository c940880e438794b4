/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Makes the kernel match a configuration through libmpvpn: reads what the
 * kernel has (the devices the configurations name, and their paths), asks
 * diff.c for the plan, and carries it out, logging each action. Start-up
 * is the same as a reload without a previous configuration, so a daemon
 * restarted over running tunnels adopts them and changes nothing that
 * already matches.
 */
#ifndef MPVPND_RECONCILE_H
#define MPVPND_RECONCILE_H

#include "config.h"

struct mpvpn_client;

struct reconcile_result {
	unsigned int changes;	/* actions carried out */
	unsigned int failures;	/* actions refused; worth a retry later */
};

/*
 * @wanted's paths get their @local_ifindex resolved here. A negative errno
 * when the kernel's state could not be read (nothing was changed);
 * otherwise 0, with failed actions counted in @result.
 */
int reconcile(struct mpvpn_client *client, const struct config *previous,
	      struct config *wanted, struct reconcile_result *result);

#endif /* MPVPND_RECONCILE_H */
