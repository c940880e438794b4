/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Hook commands: each configured command runs once per kernel event, with
 * the event in its environment (events.h). They run in the background; the
 * poll loop reaps them and kills those that outlive their timeout, so a
 * hung script holds up neither the daemon nor the next event.
 */
#ifndef MPVPND_HOOKS_H
#define MPVPND_HOOKS_H

#include <stdint.h>
#include <sys/types.h>

#include "config.h"
#include "events.h"

/* More running at once than this means hooks hang: new ones are skipped. */
#define HOOKS_MAX_RUNNING	32

struct hook_run {
	pid_t pid;
	uint64_t deadline_ms;	/* CLOCK_MONOTONIC */
	char program[64];
};

struct hooks {
	struct hook_run runs[HOOKS_MAX_RUNNING];
	size_t count;
};

void hooks_init(struct hooks *hooks);
/* Starts every hook of @config for one event. */
void hooks_start(struct hooks *hooks, const struct config *config,
		 const struct event_env *env, uint64_t now_ms);
/* Collects the hooks that ended (SIGCHLD) and logs failures. */
void hooks_reap(struct hooks *hooks);
/* Kills those past their deadline. */
void hooks_expire(struct hooks *hooks, uint64_t now_ms);
/* Milliseconds to the next deadline, or -1 when nothing runs. */
int hooks_timeout_ms(const struct hooks *hooks, uint64_t now_ms);

#endif /* MPVPND_HOOKS_H */
