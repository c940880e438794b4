/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The Prometheus endpoint: GET /metrics answers the text exposition format
 * (version 0.0.4) with what the kernel reports of every mpvpn device and
 * path at that moment (the paths' failover history included), plus what
 * only the daemon knows: failovers seen, its version, whether the last
 * load of the configuration was taken, and how often probes and hooks
 * ran and failed. Served by libmicrohttpd from the daemon's own poll loop
 * (its epoll fd), so requests use the daemon's netlink client in the main
 * thread: no thread, no lock.
 */
#ifndef MPVPND_METRICS_H
#define MPVPND_METRICS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "hooks.h"
#include "probes.h"
#include "view.h"

struct mpvpn_client;
struct mpvpn_event;
struct MHD_Daemon;

/* What the events taught the daemon, per device. */
#define METRICS_MAX_TRACKED	256

struct metrics_device_mark {
	char device[IF_NAMESIZE];
	uint64_t failovers;	/* changes of the active path */
};

struct metrics_marks {
	struct metrics_device_mark devices[METRICS_MAX_TRACKED];
	size_t device_count;
};

/* Where the daemon's own figures are; main.c fills it in. */
struct metrics_source {
	const char *version;
	const struct hook_counts *hooks;
	const struct probe_engine *probes;
	/* The outcome of the last load of the file (start-up or reload). */
	bool config_ok;
	double config_ok_time;	/* wall clock of the last one taken; s */
};

/* What only the daemon knows, at the moment of a scrape. */
struct metrics_daemon {
	double now;		/* wall clock, seconds */
	const struct metrics_source *source;
};

struct metrics {
	struct MHD_Daemon *httpd;	/* NULL: off */
	struct mpvpn_client *client;
	struct metrics_marks marks;
	struct metrics_source source;
};

void metrics_init(struct metrics *metrics, struct mpvpn_client *client);
/* Starts, stops or moves the listener as @config says; 0 or -errno. */
int metrics_configure(struct metrics *metrics,
		      const struct config_metrics *config);
void metrics_stop(struct metrics *metrics);
/* The fd to poll for the listener, or -1 when it is off. */
int metrics_fd(const struct metrics *metrics);
void metrics_run(struct metrics *metrics);

/* Counts failovers. */
void metrics_note_event(struct metrics_marks *marks,
			const struct mpvpn_event *event);
/* Records the outcome of a load of the configuration file. */
void metrics_note_config(struct metrics_source *source, bool ok);

/*
 * The whole exposition text of @view, @marks and @daemon into @out. Pure:
 * what a scrape shows is decided here, without a kernel or a socket.
 */
void metrics_render(const struct view *view, const struct metrics_marks *marks,
		    const struct metrics_daemon *daemon, FILE *out);

/* metrics_render() of what @metrics->client reads now; 0 or -errno. */
int metrics_write(const struct metrics *metrics, FILE *out);

#endif /* MPVPND_METRICS_H */
