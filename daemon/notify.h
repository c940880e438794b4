/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * systemd's readiness protocol (sd_notify(3)), written here rather than
 * linked from libsystemd: one datagram of "VAR=value" lines to the
 * AF_UNIX socket named by $NOTIFY_SOCKET (a path, or "@name" in the
 * abstract namespace). Without the variable (not started by systemd as
 * Type=notify) nothing is sent and nothing fails. mpvpnd says READY=1
 * once the first configuration is applied, RELOADING=1 then READY=1
 * around a reload, STOPPING=1 when it ends, and STATUS= a line that
 * "systemctl status" shows.
 */
#ifndef MPVPND_NOTIFY_H
#define MPVPND_NOTIFY_H

#include <stddef.h>

#include "config.h"

/* Room for a STATUS= line; systemd keeps one line. */
#define NOTIFY_STATUS_LEN	256

/*
 * Sends @state ("READY=1\nSTATUS=...") to the service manager. 0 when
 * sent or when there is no manager to tell; a negative errno otherwise.
 */
int notify_send(const char *state);

/*
 * The status line: what @config holds and the last event line, if any:
 * "1 device, 3 paths, 1 hook; last event 10:11:12: mpvpn0: path fiber
 * up -> down (carrier-lost); active path lte".
 */
const char *notify_status(const struct config *config, const char *last_event,
			  char buf[NOTIFY_STATUS_LEN]);

#endif /* MPVPND_NOTIFY_H */
