// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "events.h"

static void put_var(struct event_env *env, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put_var(struct event_env *env, const char *fmt, ...)
{
	size_t room = sizeof(env->text) - env->used;
	va_list ap;
	int n;

	if (env->count >= EVENT_ENV_MAX || room < 2)
		return;
	va_start(ap, fmt);
	n = vsnprintf(env->text + env->used, room, fmt, ap);
	va_end(ap);
	/* A variable cut short would lie: leave it out. */
	if (n < 0 || (size_t)n >= room)
		return;
	env->vars[env->count++] = env->text + env->used;
	env->vars[env->count] = NULL;
	env->used += (size_t)n + 1;
}

void event_env(const struct mpvpn_event *event, const struct event_stamp *stamp,
	       struct event_env *env)
{
	const struct mpvpn_path_info *path = &event->path;
	const struct mpvpn_measure *m = &path->measure;
	char endpoint[MPVPN_ENDPOINT_STRLEN];
	char line[512], time[MPVPN_TIME_STRLEN];

	env->count = 0;
	env->used = 0;
	env->vars[0] = NULL;
	put_var(env, "MPVPN_EVENT=%s", mpvpn_event_text(event, line, sizeof(line)));
	put_var(env, "MPVPN_SEQ=%llu", (unsigned long long)stamp->seq);
	put_var(env, "MPVPN_TIME=%s", mpvpn_time_format(&stamp->time, true, time));
	put_var(env, "MPVPN_DEVICE=%s", event->ifname);
	put_var(env, "MPVPN_IFINDEX=%u", event->ifindex);
	put_var(env, "MPVPN_REASON=%s", mpvpn_reason_name(event->reason));
	put_var(env, "MPVPN_ACTIVE_PATH=%s", event->active_path_name);
	put_var(env, "MPVPN_ACTIVE_PATH_ID=%u", event->active_path_id);
	if (event->has_old_active_path)
		put_var(env, "MPVPN_OLD_ACTIVE_PATH_ID=%u",
			event->old_active_path_id);
	if (event->handshake_failure)
		put_var(env, "MPVPN_HANDSHAKE_FAILURE=%s",
			mpvpn_handshake_failure_name(event->handshake_failure));
	if (!event->has_path)
		return;
	if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_NAME))
		put_var(env, "MPVPN_PATH=%s", path->name);
	if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_ID))
		put_var(env, "MPVPN_PATH_ID=%u", path->id);
	if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_STATE))
		put_var(env, "MPVPN_STATE=%s", mpvpn_path_state_name(path->state));
	if (event->has_old_state)
		put_var(env, "MPVPN_OLD_STATE=%s",
			mpvpn_path_state_name(event->old_state));
	if ((path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_HISTORY)) &&
	    (path->history.present & MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_CHANGES)))
		put_var(env, "MPVPN_STATE_CHANGES=%llu", (unsigned long long)
			path->history.value[MPVPN_HISTORY_A_CHANGES]);
	if (mpvpn_path_has_remote(path))
		put_var(env, "MPVPN_REMOTE=%s",
			mpvpn_endpoint_format(&path->remote, path->remote_port,
					      endpoint, sizeof(endpoint)));
	/* Empty: a listening path's first endpoint had none before it. */
	if (event->reason == MPVPN_REASON_ENDPOINT_CHANGED)
		put_var(env, "MPVPN_OLD_REMOTE=%s",
			mpvpn_endpoint_format(&event->old_remote,
					      event->old_remote_port, endpoint,
					      sizeof(endpoint)));
	if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_PMTU))
		put_var(env, "MPVPN_PATH_MTU=%u", path->pmtu);
	if (!(path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_MEASURE)))
		return;
	if (m->present & MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_SRTT_US))
		put_var(env, "MPVPN_RTT_US=%u", m->srtt_us);
	if (m->present & MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_JITTER_US))
		put_var(env, "MPVPN_JITTER_US=%u", m->jitter_us);
	if (m->present & MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_LOSS_PERMILLE))
		put_var(env, "MPVPN_LOSS_PERMILLE=%u", m->loss_permille);
}

_Static_assert(__MPVPN_PATH_STATE_MAX <= 32, "state filter bits");
_Static_assert(__MPVPN_REASON_MAX <= 64, "reason filter bits");

int event_filter_add(struct event_filter *filter, const char *name)
{
	if (!strcmp(name, EVENT_ACTIVE_PATH)) {
		filter->active_path = true;
		return 0;
	}
	for (unsigned int s = 0; s < __MPVPN_PATH_STATE_MAX; s++)
		if (!strcmp(name, mpvpn_path_state_name(s))) {
			filter->states |= UINT32_C(1) << s;
			return 0;
		}
	for (unsigned int r = 0; r < __MPVPN_REASON_MAX; r++)
		if (!strcmp(name, mpvpn_reason_name(r))) {
			filter->reasons |= UINT64_C(1) << r;
			return 0;
		}
	return -EINVAL;
}

bool event_filter_match(const struct event_filter *filter,
			const struct mpvpn_event *event)
{
	const struct mpvpn_path_info *path = &event->path;

	if (!filter->states && !filter->reasons && !filter->active_path)
		return true;
	/* A path enters a state when the event says which it left. */
	if (event->has_path && event->has_old_state &&
	    (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_STATE)) &&
	    path->state < __MPVPN_PATH_STATE_MAX &&
	    (filter->states & (UINT32_C(1) << path->state)))
		return true;
	if (filter->active_path && event->has_old_active_path &&
	    event->old_active_path_id != event->active_path_id)
		return true;
	return event->reason < __MPVPN_REASON_MAX &&
	       (filter->reasons & (UINT64_C(1) << event->reason));
}
