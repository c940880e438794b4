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

void hooks_start(struct hooks *hooks, const struct config *config,
		 const struct event_env *env, uint64_t now_ms)
{
	char **envp = config->hook_count ? hook_environment(env) : NULL;

	if (config->hook_count && !envp) {
		log_err("hooks: out of memory");
		return;
	}
	for (size_t i = 0; i < config->hook_count; i++) {
		const struct config_hook *hook = &config->hooks[i];
		struct hook_run *run;
		pid_t pid;

		if (hooks->count == HOOKS_MAX_RUNNING) {
			log_warn("hook %s skipped: %d hooks still running",
				 hook->argv[0], HOOKS_MAX_RUNNING);
			continue;
		}
		pid = fork();
		if (pid < 0) {
			log_err("hook %s: fork: %s", hook->argv[0],
				strerror(errno));
			continue;
		}
		if (pid == 0)
			run_child(hook->argv, envp);
		run = &hooks->runs[hooks->count++];
		run->pid = pid;
		run->deadline_ms = now_ms + hook->timeout_ms;
		snprintf(run->program, sizeof(run->program), "%s",
			 hook->argv[0]);
	}
	free(envp);
}

static void forget(struct hooks *hooks, size_t i)
{
	hooks->runs[i] = hooks->runs[--hooks->count];
}

void hooks_reap(struct hooks *hooks)
{
	for (size_t i = 0; i < hooks->count;) {
		struct hook_run *run = &hooks->runs[i];
		int status;
		pid_t pid = waitpid(run->pid, &status, WNOHANG);

		if (pid == 0) {
			i++;
			continue;
		}
		if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status))
			log_warn("hook %s exited with status %d", run->program,
				 WEXITSTATUS(status));
		else if (pid > 0 && WIFSIGNALED(status))
			log_warn("hook %s killed by signal %d", run->program,
				 WTERMSIG(status));
		forget(hooks, i);
	}
}

void hooks_expire(struct hooks *hooks, uint64_t now_ms)
{
	for (size_t i = 0; i < hooks->count; i++) {
		struct hook_run *run = &hooks->runs[i];

		if (now_ms < run->deadline_ms)
			continue;
		log_warn("hook %s (pid %d) ran past its timeout: killed",
			 run->program, (int)run->pid);
		kill(run->pid, SIGKILL);
		/* Reaped with the SIGCHLD that follows; no second kill. */
		run->deadline_ms = UINT64_MAX;
	}
}

int hooks_timeout_ms(const struct hooks *hooks, uint64_t now_ms)
{
	uint64_t next = UINT64_MAX;

	for (size_t i = 0; i < hooks->count; i++)
		if (hooks->runs[i].deadline_ms < next)
			next = hooks->runs[i].deadline_ms;
	if (next == UINT64_MAX)
		return -1;
	return next <= now_ms ? 0 : (int)(next - now_ms > 60000 ? 60000 :
					  next - now_ms);
}
