// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "events.h"

static void append(char *buf, size_t len, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Appends at *@used; what does not fit is cut. */
static void append(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*used >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *used, len - *used, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used += (size_t)n;
	if (*used >= len)
		*used = len;
}

/* Whether the probes' figures explain a change for this reason. */
static bool reason_has_figures(unsigned int reason)
{
	return reason == MPVPN_REASON_PROBES_LOST ||
	       reason == MPVPN_REASON_LATENCY ||
	       reason == MPVPN_REASON_JITTER || reason == MPVPN_REASON_LOSS ||
	       reason == MPVPN_REASON_RECOVERED;
}

static void append_figures(char *buf, size_t len, size_t *used,
			   const struct mpvpn_measure *m)
{
	/* RTT and jitter mean nothing before the first answer. */
	bool answered = !(m->present &
			  MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_PROBES_ANSWERED)) ||
			m->probes_answered > 0;

	if (answered && (m->present & MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_SRTT_US)))
		append(buf, len, used, "; rtt %u.%u ms", m->srtt_us / 1000,
		       m->srtt_us % 1000 / 100);
	if (answered &&
	    (m->present & MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_JITTER_US)))
		append(buf, len, used, ", jitter %u.%u ms", m->jitter_us / 1000,
		       m->jitter_us % 1000 / 100);
	if (m->present & MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_LOSS_PERMILLE))
		append(buf, len, used, ", loss %u.%u %%", m->loss_permille / 10,
		       m->loss_permille % 10);
}

const char *event_format(const struct mpvpn_event *event, char *buf,
			 size_t len)
{
	const struct mpvpn_path *path = &event->path;
	bool has_state = path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_STATE);
	size_t used = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	if (event->ifname[0])
		append(buf, len, &used, "%s: ", event->ifname);
	else
		append(buf, len, &used, "if%u: ", event->ifindex);
	if (!event->has_path)
		append(buf, len, &used, "device changed");
	else if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_NAME))
		append(buf, len, &used, "path %s", path->name);
	else
		append(buf, len, &used, "path id %u", path->id);

	if (event->has_path && event->reason == MPVPN_REASON_PATH_REMOVED)
		append(buf, len, &used, " removed");
	else if (event->has_path && has_state && event->has_old_state)
		append(buf, len, &used, " %s -> %s",
		       mpvpn_path_state_name(event->old_state),
		       mpvpn_path_state_name(path->state));
	else if (event->has_path && has_state)
		append(buf, len, &used, " %s",
		       mpvpn_path_state_name(path->state));

	append(buf, len, &used, " (%s", mpvpn_reason_name(event->reason));
	if (event->has_path && event->has_old_state &&
	    reason_has_figures(event->reason) &&
	    (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_MEASURE)))
		append_figures(buf, len, &used, &path->measure);
	append(buf, len, &used, "); ");
	if (!event->active_path_id)
		append(buf, len, &used, "no active path");
	else if (event->active_path_name[0])
		append(buf, len, &used, "active path %s",
		       event->active_path_name);
	else
		append(buf, len, &used, "active path id %u",
		       event->active_path_id);
	return buf;
}

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

void event_env(const struct mpvpn_event *event, struct event_env *env)
{
	const struct mpvpn_path *path = &event->path;
	const struct mpvpn_measure *m = &path->measure;
	char line[512];

	env->count = 0;
	env->used = 0;
	env->vars[0] = NULL;
	put_var(env, "MPVPN_EVENT=%s", event_format(event, line, sizeof(line)));
	put_var(env, "MPVPN_DEVICE=%s", event->ifname);
	put_var(env, "MPVPN_IFINDEX=%u", event->ifindex);
	put_var(env, "MPVPN_REASON=%s", mpvpn_reason_name(event->reason));
	put_var(env, "MPVPN_ACTIVE_PATH=%s", event->active_path_name);
	put_var(env, "MPVPN_ACTIVE_PATH_ID=%u", event->active_path_id);
	if (event->has_old_active_path)
		put_var(env, "MPVPN_OLD_ACTIVE_PATH_ID=%u",
			event->old_active_path_id);
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
	if (!(path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_MEASURE)))
		return;
	if (m->present & MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_SRTT_US))
		put_var(env, "MPVPN_RTT_US=%u", m->srtt_us);
	if (m->present & MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_JITTER_US))
		put_var(env, "MPVPN_JITTER_US=%u", m->jitter_us);
	if (m->present & MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_LOSS_PERMILLE))
		put_var(env, "MPVPN_LOSS_PERMILLE=%u", m->loss_permille);
}
