/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The Prometheus endpoint: GET /metrics answers the text exposition format
 * (version 0.0.4) with what the kernel reports of every mpvpn device and
 * path at that moment, plus what only the daemon knows (failovers seen,
 * when each path last changed state). Served by libmicrohttpd from the
 * daemon's own poll loop (its epoll fd), so requests use the daemon's
 * netlink client in the main thread: no thread, no lock.
 */
#ifndef MPVPND_METRICS_H
#define MPVPND_METRICS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "view.h"

struct mpvpn_client;
struct mpvpn_event;
struct MHD_Daemon;

/* What the events taught the daemon, per device and path. */
#define METRICS_MAX_TRACKED	256

struct metrics_path_mark {
	char device[IF_NAMESIZE];
	char path[MPVPN_PATH_NAME_LEN];
	double last_change;	/* wall clock, seconds; 0: not seen */
};

struct metrics_device_mark {
	char device[IF_NAMESIZE];
	uint64_t failovers;	/* changes of the active path */
};

struct metrics_marks {
	struct metrics_path_mark paths[METRICS_MAX_TRACKED];
	size_t path_count;
	struct metrics_device_mark devices[METRICS_MAX_TRACKED];
	size_t device_count;
};

struct metrics {
	struct MHD_Daemon *httpd;	/* NULL: off */
	struct mpvpn_client *client;
	struct metrics_marks marks;
};

void metrics_init(struct metrics *metrics, struct mpvpn_client *client);
/* Starts, stops or moves the listener as @config says; 0 or -errno. */
int metrics_configure(struct metrics *metrics,
		      const struct config_metrics *config);
void metrics_stop(struct metrics *metrics);
/* The fd to poll for the listener, or -1 when it is off. */
int metrics_fd(const struct metrics *metrics);
void metrics_run(struct metrics *metrics);

/* Counts failovers and stamps state changes. */
void metrics_note_event(struct metrics_marks *marks,
			const struct mpvpn_event *event, double now);

/*
 * The whole exposition text of @view and @marks into @out. Pure: what a
 * scrape shows is decided here, without a kernel or a socket.
 */
void metrics_render(const struct view *view, const struct metrics_marks *marks,
		    FILE *out);

/* metrics_render() of what @client reads now; 0 or a negative errno. */
int metrics_write(struct mpvpn_client *client,
		  const struct metrics_marks *marks, FILE *out);

#endif /* MPVPND_METRICS_H */
