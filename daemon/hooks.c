// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "hooks.h"
#include "log.h"

extern char **environ;

void hooks_init(struct hooks *hooks)
{
	memset(hooks, 0, sizeof(*hooks));
}

/* @env's variables point into its own text: moved with it. */
static void copy_env(struct event_env *dst, const struct event_env *src)
{
	*dst = *src;
	for (size_t i = 0; i < src->count; i++)
		dst->vars[i] = dst->text + (src->vars[i] - src->text);
}

static void free_job(struct hook_job *job)
{
	config_argv_free(job->argv);
	free(job);
}

static void forget(struct hooks *hooks, size_t i)
{
	free_job(hooks->jobs[i]);
	memmove(&hooks->jobs[i], &hooks->jobs[i + 1],
		(hooks->count - i - 1) * sizeof(hooks->jobs[0]));
	hooks->count--;
}

void hooks_free(struct hooks *hooks)
{
	size_t waiting = 0;

	for (size_t i = 0; i < hooks->count; i++) {
		waiting += !hooks->jobs[i]->pid;
		free_job(hooks->jobs[i]);
	}
	if (waiting)
		log_warn("%zu hooks that waited for their turn are not run",
			 waiting);
	free(hooks->jobs);
	memset(hooks, 0, sizeof(*hooks));
}

/*
 * The daemon's environment plus the event's variables, built before the
 * fork: the probe threads make the child of a multi-threaded process,
 * where only async-signal-safe calls are allowed (no malloc, no stdio).
 */
static char **hook_environment(const struct event_env *env)
{
	size_t inherited = 0;
	char **envp;

	while (environ && environ[inherited])
		inherited++;
	envp = calloc(inherited + env->count + 1, sizeof(*envp));
	if (!envp)
		return NULL;
	for (size_t i = 0; i < inherited; i++)
		envp[i] = environ[i];
	for (size_t i = 0; i < env->count; i++)
		envp[inherited + i] = env->vars[i];
	return envp;
}

static void run_child(char *const argv[], char *const envp[])
{
	static const char failed[] = "mpvpnd: a hook could not be run\n";
	sigset_t none;
	int null;

	/* The daemon blocks the signals it reads from a signalfd. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	null = open("/dev/null", O_RDONLY);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		close(null);
	}
	execve(argv[0], argv, envp);
	/* A failed write changes nothing: the reaper logs status 127 anyway. */
	if (write(STDERR_FILENO, failed, sizeof(failed) - 1) < 0)
		_exit(127);
	_exit(127);
}

/* Starts @job; 0, or -1 when it could not (logged, counted). */
static int launch(struct hooks *hooks, struct hook_job *job, uint64_t now_ms)
{
	char **envp = hook_environment(&job->env);
	pid_t pid = envp ? fork() : -1;

	if (pid == 0)
		run_child(job->argv, envp);
	free(envp);
	if (pid < 0) {
		log_err("hook %s (event %llu): %s", job->argv[0],
			(unsigned long long)job->seq,
			envp ? strerror(errno) : "out of memory");
		hooks->counts.failed++;
		return -1;
	}
	job->pid = pid;
	job->deadline_ms = now_ms + job->timeout_ms;
	hooks->counts.started++;
	return 0;
}

/* Whether a job before @i is of the same device: @i waits for it. */
static bool device_busy(const struct hooks *hooks, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (!strcmp(hooks->jobs[j]->device, hooks->jobs[i]->device))
			return true;
	return false;
}

/* Starts the first job of each device that does not run yet. */
static void dispatch(struct hooks *hooks, uint64_t now_ms)
{
	for (size_t i = 0; i < hooks->count;) {
		struct hook_job *job = hooks->jobs[i];

		if (job->pid || device_busy(hooks, i) ||
		    launch(hooks, job, now_ms) == 0) {
			i++;
			continue;
		}
		forget(hooks, i);	/* the device's next job gets its turn */
	}
}

static int enqueue(struct hooks *hooks, const struct config_hook *hook,
		   const char *device, const struct event_env *env,
		   uint64_t seq)
{
	struct hook_job *job;

	if (hooks->count == hooks->capacity) {
		size_t capacity = hooks->capacity ? 2 * hooks->capacity : 8;
		struct hook_job **jobs = realloc(hooks->jobs,
						 capacity * sizeof(*jobs));

		if (!jobs)
			return -ENOMEM;
		hooks->jobs = jobs;
		hooks->capacity = capacity;
	}
	job = calloc(1, sizeof(*job));
	if (!job)
		return -ENOMEM;
	job->argv = config_argv_dup(hook->argv);
	if (!job->argv) {
		free(job);
		return -ENOMEM;
	}
	snprintf(job->device, sizeof(job->device), "%s", device);
	job->seq = seq;
	job->timeout_ms = hook->timeout_ms;
	copy_env(&job->env, env);
	hooks->jobs[hooks->count++] = job;
	return 0;
}

void hooks_start(struct hooks *hooks, const struct config *config,
		 const struct mpvpn_event *event, const struct event_env *env,
		 uint64_t seq, uint64_t now_ms)
{
	for (size_t i = 0; i < config->hook_count; i++) {
		const struct config_hook *hook = &config->hooks[i];

		if (!event_filter_match(&hook->events, event))
			continue;
		if (hooks->count >= HOOKS_MAX_QUEUED) {
			log_warn("hook %s skipped for event %llu: %d hooks wait or run already",
				 hook->argv[0], (unsigned long long)seq,
				 HOOKS_MAX_QUEUED);
			hooks->counts.skipped++;
			continue;
		}
		if (enqueue(hooks, hook, event->ifname, env, seq) < 0) {
			log_err("hook %s (event %llu): out of memory",
				hook->argv[0], (unsigned long long)seq);
			hooks->counts.failed++;
		}
	}
	dispatch(hooks, now_ms);
}

void hooks_reap(struct hooks *hooks, uint64_t now_ms)
{
	for (size_t i = 0; i < hooks->count;) {
		struct hook_job *job = hooks->jobs[i];
		int status;
		pid_t pid = job->pid ? waitpid(job->pid, &status, WNOHANG) : 0;

		if (pid == 0) {
			i++;
			continue;
		}
		if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status)) {
			log_warn("hook %s (event %llu) exited with status %d",
				 job->argv[0], (unsigned long long)job->seq,
				 WEXITSTATUS(status));
			hooks->counts.failed++;
		} else if (pid > 0 && WIFSIGNALED(status)) {
			log_warn("hook %s (event %llu) killed by signal %d",
				 job->argv[0], (unsigned long long)job->seq,
				 WTERMSIG(status));
			hooks->counts.failed++;
		}
		forget(hooks, i);
	}
	dispatch(hooks, now_ms);
}

void hooks_expire(struct hooks *hooks, uint64_t now_ms)
{
	for (size_t i = 0; i < hooks->count; i++) {
		struct hook_job *job = hooks->jobs[i];

		if (!job->pid || now_ms < job->deadline_ms)
			continue;
		log_warn("hook %s (event %llu, pid %d) ran past its timeout: killed",
			 job->argv[0], (unsigned long long)job->seq,
			 (int)job->pid);
		kill(job->pid, SIGKILL);
		/* Reaped with the SIGCHLD that follows; no second kill. */
		job->deadline_ms = UINT64_MAX;
	}
}

int hooks_timeout_ms(const struct hooks *hooks, uint64_t now_ms)
{
	uint64_t next = UINT64_MAX;

	for (size_t i = 0; i < hooks->count; i++)
		if (hooks->jobs[i]->pid && hooks->jobs[i]->deadline_ms < next)
			next = hooks->jobs[i]->deadline_ms;
	if (next == UINT64_MAX)
		return -1;
	return next <= now_ms ? 0 : (int)(next - now_ms > 60000 ? 60000 :
					  next - now_ms);
}
