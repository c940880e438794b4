/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel events as the daemon reports them: one log line each, the line
 * mpvpnctl monitor prints (mpvpn_event_text()), and the environment its
 * hook commands get (keepalived's notify scripts are the model: the event
 * in variables, the command free to do what it wants).
 */
#ifndef MPVPND_EVENTS_H
#define MPVPND_EVENTS_H

#include <stddef.h>

#include "libmpvpn.h"

/* Room for the variables event_env() sets, and their text. */
#define EVENT_ENV_MAX		20
#define EVENT_ENV_TEXT		2048

struct event_env {
	char *vars[EVENT_ENV_MAX + 1];	/* "NAME=value", NULL-terminated */
	size_t count;
	char text[EVENT_ENV_TEXT];
	size_t used;
};

/*
 * MPVPN_EVENT (the log line), MPVPN_DEVICE, MPVPN_IFINDEX, MPVPN_REASON,
 * MPVPN_ACTIVE_PATH, MPVPN_ACTIVE_PATH_ID, and when the kernel sent them
 * MPVPN_OLD_ACTIVE_PATH_ID, MPVPN_PATH, MPVPN_PATH_ID, MPVPN_STATE,
 * MPVPN_OLD_STATE, MPVPN_REMOTE, MPVPN_OLD_REMOTE (endpoint-changed),
 * MPVPN_RTT_US, MPVPN_JITTER_US, MPVPN_LOSS_PERMILLE.
 * mpvpnd.8 lists them; they are an interface.
 */
void event_env(const struct mpvpn_event *event, struct event_env *env);

#endif /* MPVPND_EVENTS_H */
