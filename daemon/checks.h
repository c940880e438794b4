/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The external checks themselves: one run of one probe, blocking, bounded
 * by the probe's timeout. Each leaves through its path: its sockets are
 * bound to the path's underlay device (SO_BINDTODEVICE) and/or source
 * address, libcurl gets the same as CURLOPT_INTERFACE, and exec commands
 * get the binding in their environment. The bgp check asks the local FRR
 * (vtysh), which has no path to take.
 *
 * Called from the probe threads of probes.c: no global state, nothing
 * that is not thread-safe (curl_global_init() is the caller's, once).
 */
#ifndef MPVPND_CHECKS_H
#define MPVPND_CHECKS_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"

/* Where a probe of a path leaves from. */
struct check_binding {
	char device[IF_NAMESIZE];	/* the mpvpn device, for exec's environment */
	char path[MPVPN_PATH_NAME_LEN];
	char dev[IF_NAMESIZE];		/* the path's underlay device, or "" */
	struct mpvpn_addr local;	/* its source address, or AF_UNSPEC */
};

struct check_result {
	bool success;
	bool has_rtt;
	uint32_t rtt_us;
	char detail[160];	/* why it failed, or what it saw */
};

void check_run(const struct config_probe *probe,
	       const struct check_binding *binding, struct check_result *out);

/* FRR's vtysh, found on PATH; MPVPND_VTYSH overrides it (tests). */
#define CHECK_VTYSH_DEFAULT	"vtysh"

#endif /* MPVPND_CHECKS_H */
