/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel events as the daemon reports them: one log line each, the line
 * mpvpnctl monitor prints (mpvpn_event_text()), and the environment its
 * hook commands get (keepalived's notify scripts are the model: the event
 * in variables, the command free to do what it wants).
 */
#ifndef MPVPND_EVENTS_H
#define MPVPND_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "libmpvpn.h"

/* Room for the variables event_env() sets, and their text. */
#define EVENT_ENV_MAX		24
#define EVENT_ENV_TEXT		2048

struct event_env {
	char *vars[EVENT_ENV_MAX + 1];	/* "NAME=value", NULL-terminated */
	size_t count;
	char text[EVENT_ENV_TEXT];
	size_t used;
};

/*
 * An event as the daemon received it: its number since the daemon
 * started, from 1, and the wall-clock time it came (the kernel's events
 * carry none).
 */
struct event_stamp {
	uint64_t seq;
	struct timespec time;
};

/*
 * MPVPN_EVENT (the log line), MPVPN_SEQ, MPVPN_TIME (RFC 3339, UTC),
 * MPVPN_DEVICE, MPVPN_IFINDEX, MPVPN_REASON, MPVPN_ACTIVE_PATH,
 * MPVPN_ACTIVE_PATH_ID, and when the kernel sent them
 * MPVPN_OLD_ACTIVE_PATH_ID, MPVPN_PATH, MPVPN_PATH_ID, MPVPN_STATE,
 * MPVPN_OLD_STATE, MPVPN_STATE_CHANGES, MPVPN_REMOTE, MPVPN_OLD_REMOTE
 * (endpoint-changed), MPVPN_RTT_US, MPVPN_JITTER_US, MPVPN_LOSS_PERMILLE.
 * mpvpnd.8 lists them; they are an interface.
 * The variables are copied into @env: it outlives @event.
 */
void event_env(const struct mpvpn_event *event, const struct event_stamp *stamp,
	       struct event_env *env);

/*
 * What a hook may ask to run on ("events" in mpvpnd.conf(5)): a path
 * entering a state (its name), a change of the active path
 * (EVENT_ACTIVE_PATH), or an event's reason (its name).
 */
#define EVENT_ACTIVE_PATH	"active-path"

struct event_filter {
	uint32_t states;	/* bit (1 << enum mpvpn_path_state) */
	uint64_t reasons;	/* bit (1 << enum mpvpn_reason) */
	bool active_path;
};

/* Adds the kind @name to @filter; -EINVAL when it names none. */
int event_filter_add(struct event_filter *filter, const char *name);
/* Whether @event is of a kind @filter names; an empty filter takes all. */
bool event_filter_match(const struct event_filter *filter,
			const struct mpvpn_event *event);

#endif /* MPVPND_EVENTS_H */
