// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The environment of the daemon's hooks, and which events a hook asks
 * for; the event line is libmpvpn's, tested with mpvpnctl's output
 * (tests/unit/test_output.c).
 */
#include "unit.h"
#include "events.h"

static struct mpvpn_event carrier_lost(void)
{
	struct mpvpn_event e = {
		.ifindex = 5, .ifname = "mpvpn0",
		.reason = MPVPN_REASON_CARRIER_LOST, .has_path = true,
		.has_old_state = true, .old_state = MPVPN_PATH_STATE_UP,
		.active_path_id = 2, .active_path_name = "lte",
		.has_old_active_path = true, .old_active_path_id = 1,
	};

	e.path.present = MPVPN_PATH_HAS(MPVPN_PATH_A_ID) |
			 MPVPN_PATH_HAS(MPVPN_PATH_A_NAME) |
			 MPVPN_PATH_HAS(MPVPN_PATH_A_STATE) |
			 MPVPN_PATH_HAS(MPVPN_PATH_A_MEASURE);
	e.path.id = 1;
	strcpy(e.path.name, "fiber");
	e.path.state = MPVPN_PATH_STATE_DOWN;
	e.path.measure.present = MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_SRTT_US) |
				 MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_JITTER_US) |
				 MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_LOSS_PERMILLE);
	e.path.measure.srtt_us = 12345;
	e.path.measure.jitter_us = 400;
	e.path.measure.loss_permille = 55;
	return e;
}

static bool env_has(const struct event_env *env, const char *var)
{
	for (size_t i = 0; i < env->count; i++)
		if (!strcmp(env->vars[i], var))
			return true;
	return false;
}

static void test_env(void)
{
	struct mpvpn_event e = carrier_lost();
	const struct event_stamp stamp = {
		.seq = 42, .time = { .tv_sec = 1767225605, .tv_nsec = 250000000 },
	};
	struct event_env env;

	event_env(&e, &stamp, &env);
	CHECK("the line", env_has(&env, "MPVPN_EVENT=mpvpn0: path fiber up -> down (carrier-lost); active path lte"));
	CHECK("sequence number and time",
	      env_has(&env, "MPVPN_SEQ=42") &&
	      env_has(&env, "MPVPN_TIME=2026-01-01T00:00:05.250Z"));
	CHECK("device, index, reason",
	      env_has(&env, "MPVPN_DEVICE=mpvpn0") &&
	      env_has(&env, "MPVPN_IFINDEX=5") &&
	      env_has(&env, "MPVPN_REASON=carrier-lost"));
	CHECK("path, id, states",
	      env_has(&env, "MPVPN_PATH=fiber") && env_has(&env, "MPVPN_PATH_ID=1") &&
	      env_has(&env, "MPVPN_STATE=down") &&
	      env_has(&env, "MPVPN_OLD_STATE=up"));
	CHECK("active paths",
	      env_has(&env, "MPVPN_ACTIVE_PATH=lte") &&
	      env_has(&env, "MPVPN_ACTIVE_PATH_ID=2") &&
	      env_has(&env, "MPVPN_OLD_ACTIVE_PATH_ID=1"));
	CHECK("figures",
	      env_has(&env, "MPVPN_RTT_US=12345") &&
	      env_has(&env, "MPVPN_JITTER_US=400") &&
	      env_has(&env, "MPVPN_LOSS_PERMILLE=55"));
	CHECK("no history from a module without it",
	      !env_has(&env, "MPVPN_STATE_CHANGES=0"));
	CHECK("NULL-terminated", env.count == 16 && env.vars[env.count] == NULL);

	e.path.present |= MPVPN_PATH_HAS(MPVPN_PATH_A_HISTORY);
	e.path.history.present = MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_CHANGES);
	e.path.history.value[MPVPN_HISTORY_A_CHANGES] = 7;
	event_env(&e, &stamp, &env);
	CHECK("the path's state changes", env_has(&env, "MPVPN_STATE_CHANGES=7"));

	e.has_path = false;
	e.has_old_active_path = false;
	event_env(&e, &stamp, &env);
	CHECK("without a path: no path variables",
	      env.count == 8 && !env_has(&env, "MPVPN_PATH=fiber"));
}

static struct event_filter filter_of(const char *const *names)
{
	struct event_filter filter = { 0 };

	for (; *names; names++)
		if (event_filter_add(&filter, *names) < 0)
			printf("# not a kind: %s\n", *names);
	return filter;
}

static void test_filter(void)
{
	static const char *const downs[] = { "down", NULL };
	static const char *const ups[] = { "up", "degraded", NULL };
	static const char *const active[] = { EVENT_ACTIVE_PATH, NULL };
	static const char *const carrier[] = { "carrier-lost", NULL };
	struct event_filter none = { 0 };
	struct event_filter f;
	struct mpvpn_event e = carrier_lost();

	CHECK("no filter: every event", event_filter_match(&none, &e));
	f = filter_of(downs);
	CHECK("a path that went down", event_filter_match(&f, &e));
	f = filter_of(ups);
	CHECK("not a path that went up or degraded", !event_filter_match(&f, &e));
	f = filter_of(active);
	CHECK("the active path changed", event_filter_match(&f, &e));
	f = filter_of(carrier);
	CHECK("by reason", event_filter_match(&f, &e));

	/* The same path down again for another reason, fiber still active. */
	e.old_state = MPVPN_PATH_STATE_DOWN;
	e.reason = MPVPN_REASON_PUSHED_PROBE;
	e.old_active_path_id = e.active_path_id;
	f = filter_of(active);
	CHECK("the active path did not change", !event_filter_match(&f, &e));
	f = filter_of(carrier);
	CHECK("another reason", !event_filter_match(&f, &e));
	e.has_old_state = false;
	f = filter_of(downs);
	CHECK("no state change: no state kind", !event_filter_match(&f, &e));

	CHECK("unknown kinds are refused",
	      event_filter_add(&f, "sideways") == -EINVAL &&
	      event_filter_add(&f, "") == -EINVAL &&
	      event_filter_add(&f, "Down") == -EINVAL);
}

static void test_roaming_env(void)
{
	struct mpvpn_event e = carrier_lost();
	const struct event_stamp stamp = { .seq = 1 };
	struct event_env env;

	e.reason = MPVPN_REASON_ENDPOINT_CHANGED;
	e.has_old_state = false;
	e.path.present = MPVPN_PATH_HAS(MPVPN_PATH_A_NAME) |
			 MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_ADDR) |
			 MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_PORT);
	mpvpn_addr_parse("2001:db8::9", &e.path.remote);
	e.path.remote_port = 61002;
	mpvpn_addr_parse("198.51.100.9", &e.old_remote);
	e.old_remote_port = 4500;
	event_env(&e, &stamp, &env);
	CHECK("the endpoint before and after",
	      env_has(&env, "MPVPN_REMOTE=[2001:db8::9]:61002") &&
	      env_has(&env, "MPVPN_OLD_REMOTE=198.51.100.9:4500") &&
	      env_has(&env, "MPVPN_REASON=endpoint-changed") &&
	      env_has(&env, "MPVPN_EVENT=mpvpn0: path fiber endpoint 198.51.100.9:4500 -> [2001:db8::9]:61002 (endpoint-changed); active path lte"));
	memset(&e.old_remote, 0, sizeof(e.old_remote));
	event_env(&e, &stamp, &env);
	CHECK("a listening path's first: the old one empty",
	      env_has(&env, "MPVPN_OLD_REMOTE="));

	e = carrier_lost();
	event_env(&e, &stamp, &env);
	CHECK("other events: no old endpoint, no remote unless sent",
	      !env_has(&env, "MPVPN_OLD_REMOTE=") && env.count == 16);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_env();
	test_filter();
	test_roaming_env();
	return unit_finish();
}
