/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The external probes of the configuration in force: one thread per
 * probe runs its check every interval (checks.c) and writes the result
 * to a pipe; the poll loop reads them, keeps each probe's verdict
 * (verdict.c) and pushes it to the kernel with mpvpn_path_verdict() and
 * a validity time, so that a daemon that dies cannot pin a path down.
 *
 * The threads share nothing but the pipe: netlink and the verdicts stay
 * in the main thread. A thread reads the configuration it was started
 * with, which must outlive it: probes_stop() joins every thread before
 * the caller frees that configuration.
 */
#ifndef MPVPND_PROBES_H
#define MPVPND_PROBES_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "checks.h"
#include "config.h"
#include "verdict.h"

struct mpvpn_client;

struct probe_job {
	const struct config_probe *probe;
	struct check_binding binding;
	struct verdict verdict;
	/* Results read, and those that failed; kept across reloads. */
	uint64_t runs;
	uint64_t failures;
	uint32_t index;
	uint32_t generation;
	int write_fd;		/* the engine's pipe */
	int stop_fd;		/* eventfd: the thread ends when it is readable */
	pthread_t thread;
	bool running;
};

struct probe_engine {
	int pipe[2];		/* results: threads write, the loop reads */
	struct probe_job *jobs;
	size_t count;
	uint32_t generation;	/* results of older threads are dropped */
};

int probes_init(struct probe_engine *engine);
void probes_free(struct probe_engine *engine);
int probes_fd(const struct probe_engine *engine);

/*
 * Stops the probes running and starts those of @config; a probe of the
 * same device, path, name and type keeps its verdict. The verdicts of
 * probes that are gone are deleted from the kernel through @client.
 */
void probes_restart(struct probe_engine *engine, const struct config *config,
		    struct mpvpn_client *client);
/* Joins every thread; the verdicts pushed stay until they expire. */
void probes_stop(struct probe_engine *engine);
/* Reads the results that arrived and pushes the verdicts due. */
void probes_read(struct probe_engine *engine, struct mpvpn_client *client,
		 uint64_t now_ms);

#endif /* MPVPND_PROBES_H */
