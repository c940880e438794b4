// SPDX-License-Identifier: LGPL-2.1-or-later
/* Times for people and tools: when an event came, when a path changed. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "libmpvpn.h"

const char *mpvpn_time_format(const struct timespec *when, bool utc,
			      char buf[MPVPN_TIME_STRLEN])
{
	int ms = (int)(when->tv_nsec / 1000000 % 1000);
	char offset[8] = "Z";
	struct tm tm;
	size_t n;

	if (utc) {
		gmtime_r(&when->tv_sec, &tm);
	} else {
		int minutes;

		localtime_r(&when->tv_sec, &tm);
		/* strftime's %z has no colon, and RFC 3339 wants one. */
		minutes = (int)(tm.tm_gmtoff / 60) % (24 * 60);
		snprintf(offset, sizeof(offset), "%c%02d:%02d",
			 minutes < 0 ? '-' : '+', abs(minutes) / 60,
			 abs(minutes) % 60);
	}
	n = strftime(buf, MPVPN_TIME_STRLEN, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, MPVPN_TIME_STRLEN - n, ".%03d%s", ms, offset);
	return buf;
}

void mpvpn_time_before(const struct timespec *now, uint64_t ms,
		       struct timespec *then)
{
	int64_t ns = (int64_t)now->tv_nsec - (int64_t)(ms % 1000) * 1000000;

	then->tv_sec = now->tv_sec - (time_t)(ms / 1000);
	if (ns < 0) {
		ns += 1000000000;
		then->tv_sec--;
	}
	then->tv_nsec = (long)ns;
}
