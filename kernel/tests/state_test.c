// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: a path's state from its inputs, its failover history, and the
 * names the log lines give reasons and states. Included at the end of state.c in the test build.
 */

#include <kunit/test.h>

/*
 * Admin, then carrier, then the local address, then a remote to send to,
 * then pushed verdicts, then the probes.
 */
static void state_combines_inputs(struct kunit *test)
{
	struct mpvpn_path *path = kunit_kzalloc(test, sizeof(*path), GFP_KERNEL);
	struct mpvpn_endpoint *ep = kunit_kzalloc(test, sizeof(*ep), GFP_KERNEL);
	struct mpvpn_verdict fail = { .name = "http", .ok = false };
	u8 reason;

	KUNIT_ASSERT_NOT_NULL(test, path);
	KUNIT_ASSERT_NOT_NULL(test, ep);
	RCU_INIT_POINTER(path->endpoint, ep);
	mpvpn_health_init(path);
	path->admin_up = true;
	path->carrier = true;
	KUNIT_EXPECT_EQ(test, mpvpn_path_state_now(path, &reason),
			MPVPN_PATH_STATE_DOWN);
	KUNIT_EXPECT_EQ(test, reason, MPVPN_REASON_NO_LOCAL_ADDRESS);
	path->local_ok = true;
	mpvpn_path_state_now(path, &reason);
	KUNIT_EXPECT_EQ(test, reason, MPVPN_REASON_LISTENING);
	ep->has_remote = true;
	KUNIT_EXPECT_EQ(test, mpvpn_path_state_now(path, &reason),
			MPVPN_PATH_STATE_DOWN);
	KUNIT_EXPECT_EQ(test, reason, MPVPN_REASON_PROBING);

	path->health.assessment.state = MPVPN_PATH_STATE_UP;
	path->health.assessment.reason = MPVPN_REASON_RECOVERED;
	KUNIT_EXPECT_EQ(test, mpvpn_path_state_now(path, &reason), MPVPN_PATH_STATE_UP);

	rtnl_lock();
	fail.expires = jiffies + HZ;
	KUNIT_EXPECT_EQ(test, mpvpn_verdict_push(&path->verdicts, &fail, NULL), 0);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, mpvpn_path_state_now(path, &reason),
			MPVPN_PATH_STATE_DOWN);
	KUNIT_EXPECT_EQ(test, reason, MPVPN_REASON_PUSHED_PROBE);

	path->carrier = false;
	mpvpn_path_state_now(path, &reason);
	KUNIT_EXPECT_EQ(test, reason, MPVPN_REASON_CARRIER_LOST);
	path->admin_up = false;
	mpvpn_path_state_now(path, &reason);
	KUNIT_EXPECT_EQ(test, reason, MPVPN_REASON_ADMIN_DOWN);

	/* An expired failing verdict stops counting. */
	path->admin_up = true;
	path->carrier = true;
	rtnl_lock();
	fail.expires = jiffies - 1;
	KUNIT_EXPECT_EQ(test, mpvpn_verdict_push(&path->verdicts, &fail, NULL), 0);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, mpvpn_path_state_now(path, &reason), MPVPN_PATH_STATE_UP);
}

/* Changes counted, and each stretch charged to the state it was spent in. */
static void state_history_counts(struct kunit *test)
{
	struct mpvpn_path *path = kunit_kzalloc(test, sizeof(*path), GFP_KERNEL);
	struct mpvpn_state_history h;
	u64 t0 = 1000000;

	KUNIT_ASSERT_NOT_NULL(test, path);
	rtnl_lock();
	path->state = MPVPN_PATH_STATE_DOWN;
	history_start(path, t0);
	history_at(path, t0 + msecs_to_jiffies(2000), &h);
	KUNIT_EXPECT_EQ(test, h.changes, 0);
	KUNIT_EXPECT_EQ(test, h.last_change_ms, 2000);
	KUNIT_EXPECT_EQ(test, h.state_ms[MPVPN_PATH_STATE_DOWN], 2000);
	KUNIT_EXPECT_EQ(test, h.state_ms[MPVPN_PATH_STATE_UP], 0);

	/* Down for 3 s, then up for 10 s, degraded for 1 s, up for 4 s. */
	history_change(path, MPVPN_PATH_STATE_DOWN, t0 + msecs_to_jiffies(3000));
	path->state = MPVPN_PATH_STATE_UP;
	history_change(path, MPVPN_PATH_STATE_UP, t0 + msecs_to_jiffies(13000));
	path->state = MPVPN_PATH_STATE_DEGRADED;
	history_change(path, MPVPN_PATH_STATE_DEGRADED,
		       t0 + msecs_to_jiffies(14000));
	path->state = MPVPN_PATH_STATE_UP;
	history_at(path, t0 + msecs_to_jiffies(18000), &h);
	KUNIT_EXPECT_EQ(test, h.changes, 3);
	KUNIT_EXPECT_EQ(test, h.last_change_ms, 4000);
	KUNIT_EXPECT_EQ(test, h.state_ms[MPVPN_PATH_STATE_DOWN], 3000);
	KUNIT_EXPECT_EQ(test, h.state_ms[MPVPN_PATH_STATE_UP], 14000);
	KUNIT_EXPECT_EQ(test, h.state_ms[MPVPN_PATH_STATE_DEGRADED], 1000);

	/* A path added again starts a new history. */
	history_start(path, t0 + msecs_to_jiffies(20000));
	history_at(path, t0 + msecs_to_jiffies(20000), &h);
	KUNIT_EXPECT_EQ(test, h.changes, 0);
	KUNIT_EXPECT_EQ(test, h.state_ms[MPVPN_PATH_STATE_UP], 0);
	rtnl_unlock();
}

static void reason_text_covers_all(struct kunit *test)
{
	int r;

	for (r = 0; r < __MPVPN_REASON_MAX; r++)
		KUNIT_EXPECT_STRNEQ(test, mpvpn_reason_text(r), "unknown");
	KUNIT_EXPECT_STREQ(test, mpvpn_reason_text(__MPVPN_REASON_MAX),
			   "unknown");
	KUNIT_EXPECT_EQ(test, ARRAY_SIZE(mpvpn_path_state_names),
			__MPVPN_PATH_STATE_MAX);
	for (r = 0; r < __MPVPN_PATH_STATE_MAX; r++)
		KUNIT_EXPECT_NOT_NULL(test, mpvpn_path_state_names[r]);
	/* The log says what mpvpnctl says (netlink.rst, "Kernel log lines"). */
	KUNIT_EXPECT_STREQ(test, mpvpn_reason_text(MPVPN_REASON_CARRIER_LOST),
			   "carrier-lost");
}

static struct kunit_case mpvpn_state_cases[] = {
	KUNIT_CASE(state_combines_inputs),
	KUNIT_CASE(state_history_counts),
	KUNIT_CASE(reason_text_covers_all),
	{}
};

static struct kunit_suite mpvpn_state_suite = {
	.name = "mpvpn_state",
	.test_cases = mpvpn_state_cases,
};

kunit_test_suite(mpvpn_state_suite);
