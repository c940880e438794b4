// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The environment of the daemon's hooks; its event line is libmpvpn's,
 * tested with mpvpnctl's output (tests/unit/test_output.c).
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
	struct event_env env;

	event_env(&e, &env);
	CHECK("the line", env_has(&env, "MPVPN_EVENT=mpvpn0: path fiber up -> down (carrier-lost); active path lte"));
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
	CHECK("NULL-terminated", env.count == 14 && env.vars[env.count] == NULL);

	e.has_path = false;
	e.has_old_active_path = false;
	event_env(&e, &env);
	CHECK("without a path: no path variables",
	      env.count == 6 && !env_has(&env, "MPVPN_PATH=fiber"));
}

static void test_roaming_env(void)
{
	struct mpvpn_event e = carrier_lost();
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
	event_env(&e, &env);
	CHECK("the endpoint before and after",
	      env_has(&env, "MPVPN_REMOTE=[2001:db8::9]:61002") &&
	      env_has(&env, "MPVPN_OLD_REMOTE=198.51.100.9:4500") &&
	      env_has(&env, "MPVPN_REASON=endpoint-changed") &&
	      env_has(&env, "MPVPN_EVENT=mpvpn0: path fiber endpoint 198.51.100.9:4500 -> [2001:db8::9]:61002 (endpoint-changed); active path lte"));
	memset(&e.old_remote, 0, sizeof(e.old_remote));
	event_env(&e, &env);
	CHECK("a listening path's first: the old one empty",
	      env_has(&env, "MPVPN_OLD_REMOTE="));

	e = carrier_lost();
	event_env(&e, &env);
	CHECK("other events: no old endpoint, no remote unless sent",
	      !env_has(&env, "MPVPN_OLD_REMOTE=") && env.count == 14);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_env();
	test_roaming_env();
	return unit_finish();
}
