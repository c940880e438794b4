/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Hook commands: each configured command runs once for every kernel event
 * of the kinds it asks for (all by default), with the event in its
 * environment (events.h). They run in the background, in order for each
 * device: one hook at a time per device, the hooks of an event in the
 * order of the file and the events in the order they came, so that a
 * script sees "down" before the "up" that followed it. Devices do not
 * wait for each other. The poll loop reaps the hooks and kills those that
 * outlive their timeout, so a hung script holds up neither the daemon nor,
 * for longer than its timeout, the device's next hook.
 */
#ifndef MPVPND_HOOKS_H
#define MPVPND_HOOKS_H

#include <stdint.h>
#include <sys/types.h>

#include "config.h"
#include "events.h"

/* More waiting than this means hooks hang: new ones are skipped. */
#define HOOKS_MAX_QUEUED	256

/* One hook for one event, waiting for its turn or running. */
struct hook_job {
	char device[IF_NAMESIZE];
	uint64_t seq;		/* the event's */
	char **argv;		/* a copy: a reload may free the file's */
	uint32_t timeout_ms;
	struct event_env env;
	pid_t pid;		/* 0: waiting */
	uint64_t deadline_ms;	/* CLOCK_MONOTONIC, once it runs */
};

/* Since the daemon started; the metrics report them. */
struct hook_counts {
	uint64_t started;
	uint64_t failed;	/* exit status not 0, killed, or not started */
	uint64_t skipped;	/* the queue was full */
};

struct hooks {
	/*
	 * In the order they came; each job is allocated on its own, since
	 * its environment points into itself.
	 */
	struct hook_job **jobs;
	size_t count;
	size_t capacity;
	struct hook_counts counts;
};

void hooks_init(struct hooks *hooks);
/* Forgets the hooks that wait; those running finish on their own. */
void hooks_free(struct hooks *hooks);
/* Queues every hook of @config that wants @event, and starts what may. */
void hooks_start(struct hooks *hooks, const struct config *config,
		 const struct mpvpn_event *event, const struct event_env *env,
		 uint64_t seq, uint64_t now_ms);
/* Collects the hooks that ended (SIGCHLD), logs failures, starts the next. */
void hooks_reap(struct hooks *hooks, uint64_t now_ms);
/* Kills those past their deadline. */
void hooks_expire(struct hooks *hooks, uint64_t now_ms);
/* Milliseconds to the next deadline, or -1 when nothing runs. */
int hooks_timeout_ms(const struct hooks *hooks, uint64_t now_ms);

#endif /* MPVPND_HOOKS_H */
