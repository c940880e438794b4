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

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_env();
	return unit_finish();
}
