// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Events as one line of text, for mpvpnctl monitor and mpvpnd's log alike:
 * an operator comparing the two reads the same words and figures.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "libmpvpn.h"
#include "mpvpn-reason.h"

const char *mpvpn_tenths_format(uint64_t value, unsigned int scale,
				const char *unit,
				char buf[MPVPN_TENTHS_STRLEN])
{
	uint64_t tenths = (value * 10 + scale / 2) / scale;

	snprintf(buf, MPVPN_TENTHS_STRLEN, "%llu.%llu %s",
		 (unsigned long long)(tenths / 10),
		 (unsigned long long)(tenths % 10), unit);
	return buf;
}

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

/*
 * The figures that explain a state change: "; rtt 12.3 ms, jitter 0.4 ms,
 * loss 5.0 %, misses 3", of what the kernel sent. The RTT is the smoothed
 * one, which the latency thresholds judge; RTT and jitter mean nothing
 * before the first answer and are left out until then.
 */
static void append_measure(char *buf, size_t len, size_t *used,
			   const struct mpvpn_measure *measure)
{
	bool answered = !(measure->present &
			  MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_PROBES_ANSWERED)) ||
			measure->probes_answered > 0;
	const char *sep = "; ";
	char text[MPVPN_TENTHS_STRLEN];

	if (answered &&
	    (measure->present & MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_SRTT_US))) {
		append(buf, len, used, "%srtt %s", sep,
		       mpvpn_tenths_format(measure->srtt_us, 1000, "ms", text));
		sep = ", ";
	}
	if (answered &&
	    (measure->present & MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_JITTER_US))) {
		append(buf, len, used, "%sjitter %s", sep,
		       mpvpn_tenths_format(measure->jitter_us, 1000, "ms",
					   text));
		sep = ", ";
	}
	if (measure->present &
	    MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_LOSS_PERMILLE)) {
		append(buf, len, used, "%sloss %s", sep,
		       mpvpn_tenths_format(measure->loss_permille, 10, "%",
					   text));
		sep = ", ";
	}
	if (measure->present & MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_MISSES))
		append(buf, len, used, "%smisses %u", sep, measure->misses);
}

/* "none" for no endpoint, as the kernel's log line has it. */
static const char *endpoint_text(const struct mpvpn_addr *addr, uint16_t port,
				 char buf[MPVPN_ENDPOINT_STRLEN])
{
	if (!mpvpn_addr_len(addr))
		return "none";
	return mpvpn_endpoint_format(addr, port, buf, MPVPN_ENDPOINT_STRLEN);
}

/*
 * " endpoint 198.51.100.9:4500 -> 198.51.100.9:61002": where the peer's
 * packets of the path came from before and where they come from now, the
 * words of the kernel's own log line.
 */
static void append_endpoints(char *buf, size_t len, size_t *used,
			     const struct mpvpn_event *event)
{
	char was[MPVPN_ENDPOINT_STRLEN], now[MPVPN_ENDPOINT_STRLEN];
	const struct mpvpn_path_info *path = &event->path;

	append(buf, len, used, " endpoint %s -> %s",
	       endpoint_text(&event->old_remote, event->old_remote_port, was),
	       endpoint_text(&path->remote, path->remote_port, now));
}

/*
 * "path fiber", then what became of it: " removed", " endpoint A -> B"
 * when the peer roamed, " up -> down" when the kernel said which state
 * the path left, else the state alone.
 * Returns whether the old state was shown.
 */
static bool append_path(char *buf, size_t len, size_t *used,
			const struct mpvpn_event *event)
{
	const struct mpvpn_path_info *path = &event->path;
	bool has_state = path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_STATE);

	if (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_NAME))
		append(buf, len, used, "path %s", path->name);
	else
		append(buf, len, used, "path id %u", path->id);

	/* A removed path has no state worth printing. */
	if (event->reason == MPVPN_REASON_PATH_REMOVED) {
		append(buf, len, used, " removed");
	} else if (event->reason == MPVPN_REASON_ENDPOINT_CHANGED) {
		append_endpoints(buf, len, used, event);
	} else if (event->reason == MPVPN_REASON_MTU_CHANGED &&
		   (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_PMTU))) {
		append(buf, len, used, " mtu %u", path->pmtu);
	} else if (has_state && event->has_old_state) {
		append(buf, len, used, " %s -> %s",
		       mpvpn_path_state_name(event->old_state),
		       mpvpn_path_state_name(path->state));
		return true;
	} else if (has_state) {
		append(buf, len, used, " %s",
		       mpvpn_path_state_name(path->state));
	}
	return false;
}

const char *mpvpn_event_text(const struct mpvpn_event *event, char *buf,
			     size_t len)
{
	bool state_change = false;
	size_t used = 0;

	if (!len)
		return buf;
	buf[0] = '\0';

	if (event->ifname[0])
		append(buf, len, &used, "%s: ", event->ifname);
	else
		append(buf, len, &used, "if%u: ", event->ifindex);

	if (event->has_path)
		state_change = append_path(buf, len, &used, event);
	else
		append(buf, len, &used, "device changed");

	append(buf, len, &used, " (%s", mpvpn_reason_name(event->reason));
	if (event->handshake_failure)
		append(buf, len, &used, ": %s",
		       mpvpn_handshake_failure_name(event->handshake_failure));
	/* Lines without a state change keep their historical form. */
	if (state_change && mpvpn_reason_has_figures(event->reason) &&
	    (event->path.present & MPVPN_PATH_HAS(MPVPN_PATH_A_MEASURE)))
		append_measure(buf, len, &used, &event->path.measure);
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
