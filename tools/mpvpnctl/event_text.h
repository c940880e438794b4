/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef MPVPNCTL_EVENT_TEXT_H
#define MPVPNCTL_EVENT_TEXT_H

#include <stddef.h>

#include "libmpvpn.h"

/*
 * One human line for an event, without the newline, e.g.
 * "mpvpn0: path fiber down (carrier-lost); active path lte", or, when the
 * event says which state the path left, with that state, and the figures
 * behind the change when the probes caused it:
 * "mpvpn0: path fiber up -> down (carrier-lost); active path lte",
 * "mpvpn0: path fiber up -> degraded (latency; rtt 212.0 ms,
 * jitter 0.4 ms, loss 0.0 %, misses 0); active path lte".
 */
const char *event_to_text(const struct mpvpn_event *event, char *buf,
			  size_t len);

#endif /* MPVPNCTL_EVENT_TEXT_H */
