// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The daemon's hooks, run for real (/bin/sh): one at a time per device,
 * in the order of the events and of the file, devices side by side; the
 * events a hook asks for only; a hook past its timeout killed and the
 * next one started; the counts the metrics report.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "unit.h"
#include "hooks.h"
#include "log.h"

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static char dir[] = "/tmp/mpvpnd-hooks-XXXXXX";

/* A hook that appends "TAG SEQ start|end DEVICE" to the log around a nap. */
static char **script(const char *tag, const char *nap)
{
	char *argv[] = {
		"/bin/sh", "-c",
		"echo \"$0 $MPVPN_SEQ start $MPVPN_DEVICE\" >>\"$1\"; sleep \"$2\"; "
		"echo \"$0 $MPVPN_SEQ end $MPVPN_DEVICE\" >>\"$1\"",
		(char *)tag, NULL, (char *)nap, NULL,
	};
	char log[64];

	snprintf(log, sizeof(log), "%s/log", dir);
	argv[4] = log;
	return config_argv_dup(argv);
}

static struct mpvpn_event event_of(const char *device, uint8_t state)
{
	struct mpvpn_event e = {
		.reason = MPVPN_REASON_CARRIER_LOST, .has_path = true,
		.has_old_state = true, .old_state = MPVPN_PATH_STATE_UP,
	};

	snprintf(e.ifname, sizeof(e.ifname), "%s", device);
	e.path.present = MPVPN_PATH_HAS(MPVPN_PATH_A_STATE);
	e.path.state = state;
	return e;
}

static void fire(struct hooks *hooks, const struct config *config,
		 const char *device, uint8_t state, uint64_t seq)
{
	struct mpvpn_event e = event_of(device, state);
	struct event_stamp stamp = { .seq = seq };
	struct event_env env;

	event_env(&e, &stamp, &env);
	hooks_start(hooks, config, &e, &env, seq, now_ms());
}

/* Reaps until nothing waits or runs, or @limit_ms passed. */
static bool drain(struct hooks *hooks, uint64_t limit_ms)
{
	uint64_t end = now_ms() + limit_ms;

	while (hooks->count && now_ms() < end) {
		usleep(10000);
		hooks_expire(hooks, now_ms());
		hooks_reap(hooks, now_ms());
	}
	return hooks->count == 0;
}

static char *read_log(void)
{
	static char text[4096];
	char path[64];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/log", dir);
	f = fopen(path, "r");
	n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
	text[n] = '\0';
	if (f)
		fclose(f);
	unlink(path);
	return text;
}

/* The lines of @text that end with " DEVICE", in order, joined by '|'. */
static const char *lines_of(const char *text, const char *device)
{
	static char out[4096];
	char suffix[32];
	const char *line = text;

	out[0] = '\0';
	snprintf(suffix, sizeof(suffix), " %s", device);
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (len > strlen(suffix) &&
		    !strncmp(line + len - strlen(suffix), suffix, strlen(suffix))) {
			if (out[0])
				strcat(out, "|");
			strncat(out, line, len - strlen(suffix));
		}
		line += len + (end != NULL);
	}
	return out;
}

static void test_order(void)
{
	struct config_hook list[2] = {
		{ .argv = script("first", "0.1"), .timeout_ms = 5000 },
		{ .argv = script("second", "0"), .timeout_ms = 5000 },
	};
	struct config config = { .hooks = list, .hook_count = 2 };
	struct hooks hooks;
	const char *text;

	hooks_init(&hooks);
	/* The first hook naps, so that the next ones would overtake it. */
	fire(&hooks, &config, "mpvpn0", MPVPN_PATH_STATE_DOWN, 1);
	fire(&hooks, &config, "mpvpn0", MPVPN_PATH_STATE_UP, 2);
	fire(&hooks, &config, "mpvpn1", MPVPN_PATH_STATE_DOWN, 3);
	CHECK("one hook per device runs at a time",
	      hooks.count == 6 && hooks.jobs[0]->pid && !hooks.jobs[1]->pid &&
	      !hooks.jobs[2]->pid && !hooks.jobs[3]->pid && hooks.jobs[4]->pid &&
	      !hooks.jobs[5]->pid);
	CHECK("every hook ends", drain(&hooks, 10000));
	text = read_log();
	CHECK_STR("a device's hooks in the order of events and of the file",
		  lines_of(text, "mpvpn0"),
		  "first 1 start|first 1 end|second 1 start|second 1 end|"
		  "first 2 start|first 2 end|second 2 start|second 2 end");
	CHECK_STR("another device's hooks in their own order",
		  lines_of(text, "mpvpn1"),
		  "first 3 start|first 3 end|second 3 start|second 3 end");
	CHECK("another device did not wait",
	      strstr(text, "first 3 start") < strstr(text, "first 1 end"));
	CHECK("counted: 6 started, none failed",
	      hooks.counts.started == 6 && hooks.counts.failed == 0 &&
	      hooks.counts.skipped == 0);
	hooks_free(&hooks);
	for (int i = 0; i < 2; i++)
		config_argv_free(list[i].argv);
}

static void test_filter_timeout_failure(void)
{
	static char *sleeper[] = { "/bin/sleep", "10", NULL };
	static char *failing[] = { "/bin/false", NULL };
	struct config_hook list[3] = {
		{ .argv = sleeper, .timeout_ms = 100 },
		{ .argv = failing, .timeout_ms = 5000 },
		{ .argv = script("up-only", "0"), .timeout_ms = 5000 },
	};
	struct config config = { .hooks = list, .hook_count = 3 };
	struct hooks hooks;
	uint64_t start;

	event_filter_add(&list[2].events, "up");
	hooks_init(&hooks);
	start = now_ms();
	fire(&hooks, &config, "mpvpn0", MPVPN_PATH_STATE_DOWN, 1);
	CHECK("the hook for \"up\" is not queued for a path going down",
	      hooks.count == 2);
	CHECK("the sleeper is killed at its timeout and the next one runs",
	      drain(&hooks, 5000) && now_ms() - start < 5000);
	CHECK("killed and failed count as failures",
	      hooks.counts.started == 2 && hooks.counts.failed == 2);
	CHECK("nothing logged by the hook for \"up\"", !*read_log());
	hooks_free(&hooks);
	config_argv_free(list[2].argv);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	log_open(LOG_TARGET_NONE, false);
	if (!mkdtemp(dir)) {
		printf("not ok - a directory for the hooks' log\n");
		return 1;
	}
	test_order();
	test_filter_timeout_failure();
	rmdir(dir);
	return unit_finish();
}
