// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>

#include "event_text.h"

/* Appends at *@used; what does not fit in @len is dropped. */
static void append(char *buf, size_t len, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

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
}

const char *event_to_text(const struct mpvpn_event *event, char *buf,
			  size_t len)
{
	const struct mpvpn_path *path = &event->path;
	size_t used = 0;

	if (!len)
		return buf;
	buf[0] = '\0';

	if (event->ifname[0])
		append(buf, len, &used, "%s: ", event->ifname);
	else
		append(buf, len, &used, "if%u: ", event->ifindex);

	if (event->has_path) {
		if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_NAME))
			append(buf, len, &used, "path %s", path->name);
		else
			append(buf, len, &used, "path id %u", path->id);

		/* A removed path has no state worth printing. */
		if (event->reason == MPVPN_REASON_PATH_REMOVED)
			append(buf, len, &used, " removed");
		else if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_STATE))
			append(buf, len, &used, " %s",
			       mpvpn_path_state_name(path->state));
	} else {
		append(buf, len, &used, "device changed");
	}
	append(buf, len, &used, " (%s); ", mpvpn_reason_name(event->reason));

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
