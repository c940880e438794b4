// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>

#include "log.h"
#include "probes.h"

/* One result through the pipe; smaller than PIPE_BUF, so written whole. */
struct probe_message {
	uint32_t index;
	uint32_t generation;
	struct check_result result;
};

_Static_assert(sizeof(struct probe_message) <= 512, "atomic pipe write");

static uint64_t monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int probes_init(struct probe_engine *engine)
{
	memset(engine, 0, sizeof(*engine));
	if (pipe2(engine->pipe, O_CLOEXEC) < 0)
		return -errno;
	/* The loop drains it; the threads may block on a full one. */
	if (fcntl(engine->pipe[0], F_SETFL, O_NONBLOCK) < 0)
		return -errno;
	return 0;
}

void probes_free(struct probe_engine *engine)
{
	probes_stop(engine);
	free(engine->jobs);
	close(engine->pipe[0]);
	close(engine->pipe[1]);
	memset(engine, 0, sizeof(*engine));
}

int probes_fd(const struct probe_engine *engine)
{
	return engine->pipe[0];
}

static void *probe_thread(void *arg)
{
	const struct probe_job *job = arg;
	uint64_t next = monotonic_ms();

	for (;;) {
		struct pollfd stop = { .fd = job->stop_fd, .events = POLLIN };
		struct probe_message message = {
			.index = job->index, .generation = job->generation,
		};
		uint64_t now = monotonic_ms();
		int wait = next > now ? (int)(next - now) : 0;

		if (poll(&stop, 1, wait) != 0)
			break;		/* asked to stop (or poll broke) */
		check_run(job->probe, &job->binding, &message.result);
		if (write(job->write_fd, &message, sizeof(message)) < 0)
			break;
		/* A fixed rhythm; a run that overran starts the next at once. */
		next += job->probe->interval_ms;
		if (next < monotonic_ms())
			next = monotonic_ms();
	}
	return NULL;
}

void probes_stop(struct probe_engine *engine)
{
	for (size_t i = 0; i < engine->count; i++) {
		struct probe_job *job = &engine->jobs[i];

		if (job->running)
			eventfd_write(job->stop_fd, 1);
	}
	/* A thread in a check ends when the check's timeout does. */
	for (size_t i = 0; i < engine->count; i++) {
		struct probe_job *job = &engine->jobs[i];

		if (job->running)
			pthread_join(job->thread, NULL);
		if (job->stop_fd >= 0)
			close(job->stop_fd);
		job->running = false;
		job->stop_fd = -1;
	}
}

static const struct probe_job *find_job(const struct probe_job *jobs,
					size_t count,
					const struct probe_job *like)
{
	for (size_t i = 0; i < count; i++)
		if (!strcmp(jobs[i].binding.device, like->binding.device) &&
		    !strcmp(jobs[i].binding.path, like->binding.path) &&
		    !strcmp(jobs[i].probe->name, like->probe->name) &&
		    jobs[i].probe->type == like->probe->type)
			return &jobs[i];
	return NULL;
}

static size_t count_probes(const struct config *config)
{
	size_t count = 0;

	for (size_t d = 0; d < config->device_count; d++)
		for (size_t p = 0; p < config->devices[d].path_count; p++)
			count += config->devices[d].paths[p].probe_count;
	return count;
}

static void forget_verdict(struct mpvpn_client *client,
			   const struct probe_job *job)
{
	const struct mpvpn_dev_ref dev = { .ifname = job->binding.device };
	struct mpvpn_path_info key = {
		.present = MPVPN_PATH_HAS(MPVPN_PATH_A_NAME),
	};
	struct mpvpn_verdict_info verdict = { .remove = true };

	snprintf(key.name, sizeof(key.name), "%s", job->binding.path);
	snprintf(verdict.name, sizeof(verdict.name), "%s", job->probe->name);
	/* The path or the device may be gone already, with its verdicts. */
	if (mpvpn_path_verdict(client, &dev, &key, &verdict) == 0)
		log_info("%s: path %s: probe %s removed", job->binding.device,
			 job->binding.path, job->probe->name);
}

void probes_restart(struct probe_engine *engine, const struct config *config,
		    struct mpvpn_client *client)
{
	struct probe_job *old = engine->jobs;
	size_t old_count = engine->count;
	size_t count = count_probes(config), n = 0;
	struct probe_job *jobs = calloc(count + 1, sizeof(*jobs));

	probes_stop(engine);
	if (!jobs) {
		log_err("probes: out of memory; no probe runs");
		count = 0;
	}
	engine->generation++;
	for (size_t d = 0; jobs && d < config->device_count; d++) {
		const struct config_device *device = &config->devices[d];

		for (size_t p = 0; p < device->path_count; p++) {
			const struct config_path *path = &device->paths[p];

			for (size_t i = 0; i < path->probe_count; i++) {
				struct probe_job *job = &jobs[n];
				const struct probe_job *before;

				job->probe = &path->probes[i];
				snprintf(job->binding.device,
					 sizeof(job->binding.device), "%s",
					 device->name);
				snprintf(job->binding.path,
					 sizeof(job->binding.path), "%s",
					 path->name);
				snprintf(job->binding.dev,
					 sizeof(job->binding.dev), "%s",
					 path->local_dev);
				job->binding.local = path->local;
				job->index = (uint32_t)n;
				job->generation = engine->generation;
				job->write_fd = engine->pipe[1];
				job->stop_fd = -1;
				before = find_job(old, old_count, job);
				if (before) {
					job->verdict = before->verdict;
					job->runs = before->runs;
					job->failures = before->failures;
				} else {
					verdict_init(&job->verdict);
				}
				n++;
			}
		}
	}
	/* Verdicts of probes that are gone would hold their paths down. */
	for (size_t i = 0; i < old_count; i++)
		if (old[i].verdict.value != VERDICT_UNKNOWN &&
		    !find_job(jobs, n, &old[i]))
			forget_verdict(client, &old[i]);
	free(old);
	engine->jobs = jobs;
	engine->count = n;

	for (size_t i = 0; i < n; i++) {
		struct probe_job *job = &jobs[i];
		int ret;

		job->stop_fd = eventfd(0, EFD_CLOEXEC);
		ret = job->stop_fd < 0 ? errno :
		      pthread_create(&job->thread, NULL, probe_thread, job);
		if (ret) {
			log_err("%s: path %s: probe %s cannot run: %s",
				job->binding.device, job->binding.path,
				job->probe->name, strerror(ret));
			continue;
		}
		job->running = true;
	}
	if (n)
		log_info("%zu external probes running", n);
}

static void push(struct mpvpn_client *client, struct probe_job *job,
		 const struct check_result *result, uint64_t now_ms)
{
	const struct mpvpn_dev_ref dev = { .ifname = job->binding.device };
	struct mpvpn_path_info key = {
		.present = MPVPN_PATH_HAS(MPVPN_PATH_A_NAME),
	};
	struct mpvpn_verdict_info verdict = {
		.ok = job->verdict.value == VERDICT_OK,
		.has_rtt = result->has_rtt,
		.rtt_us = result->rtt_us,
		.has_valid = true,
		.valid_ms = job->probe->valid_ms,
	};

	snprintf(key.name, sizeof(key.name), "%s", job->binding.path);
	snprintf(verdict.name, sizeof(verdict.name), "%s", job->probe->name);
	if (mpvpn_path_verdict(client, &dev, &key, &verdict) < 0) {
		log_err("%s: path %s: pushing the verdict of probe %s: %s",
			job->binding.device, job->binding.path,
			job->probe->name, mpvpn_client_error(client));
		return;
	}
	job->verdict.pushed_ms = now_ms;
}

static void record(struct probe_engine *engine, struct mpvpn_client *client,
		   const struct probe_message *message, uint64_t now_ms)
{
	struct probe_job *job;
	bool changed;

	if (message->generation != engine->generation ||
	    message->index >= engine->count)
		return;		/* from a probe of an older configuration */
	job = &engine->jobs[message->index];
	job->runs++;
	job->failures += !message->result.success;
	changed = verdict_record(&job->verdict, message->result.success,
				 job->probe->fail_count,
				 job->probe->success_count);
	if (!message->result.success)
		log_debug("%s: path %s: probe %s failed: %s",
			  job->binding.device, job->binding.path,
			  job->probe->name, message->result.detail);
	if (changed)
		log_msg(job->verdict.value == VERDICT_FAIL ? LOG_WARNING :
							     LOG_INFO,
			"%s: path %s: probe %s (%s) %s after %u %s in a row%s%s",
			job->binding.device, job->binding.path,
			job->probe->name, probe_type_name(job->probe->type),
			verdict_name(job->verdict.value),
			message->result.success ? job->verdict.successes :
						  job->verdict.failures,
			message->result.success ? "successes" : "failures",
			message->result.detail[0] ? ": " : "",
			message->result.detail);
	if (verdict_due(&job->verdict, changed, now_ms, job->probe->valid_ms))
		push(client, job, &message->result, now_ms);
}

void probes_read(struct probe_engine *engine, struct mpvpn_client *client,
		 uint64_t now_ms)
{
	struct probe_message message;

	while (read(engine->pipe[0], &message, sizeof(message)) ==
	       sizeof(message))
		record(engine, client, &message, now_ms);
}
