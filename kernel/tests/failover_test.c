// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the choice of the active path with the failback policy. Included
 * at the end of failover.c in the test build.
 */

#include <kunit/test.h>

static struct mpvpn_device *test_device(struct kunit *test, u8 failback)
{
	struct mpvpn_device *mpvpn = kunit_kzalloc(test, sizeof(*mpvpn),
						   GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, mpvpn);
	INIT_LIST_HEAD(&mpvpn->paths);
	mpvpn->failback = failback;
	mpvpn->revert_delay_ms = MPVPN_REVERT_DELAY_MS_DEFAULT;
	return mpvpn;
}

static struct mpvpn_path *add_test_path(struct kunit *test,
					struct mpvpn_device *mpvpn, u32 id,
					u32 priority, u8 state)
{
	struct mpvpn_path *path = kunit_kzalloc(test, sizeof(*path), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, path);
	path->mpvpn = mpvpn;
	path->id = id;
	path->priority = priority;
	path->state = state;
	path->revert_at = jiffies;
	list_add_tail(&path->node, &mpvpn->paths);
	return path;
}

/* Selection reads the active path under RTNL, as in the module. */
static struct mpvpn_path *select_now(struct mpvpn_device *mpvpn)
{
	struct mpvpn_path *best;

	rtnl_lock();
	best = mpvpn_failover_select(mpvpn);
	rcu_assign_pointer(mpvpn->active, best);
	rtnl_unlock();
	return best;
}

/* fiber (id 1, priority 1) and lte (id 2, priority 2, up) on a device. */
static struct mpvpn_device *fiber_and_lte(struct kunit *test, u8 failback,
					  u8 fiber_state,
					  struct mpvpn_path **fiber,
					  struct mpvpn_path **lte)
{
	struct mpvpn_device *mpvpn = test_device(test, failback);

	*fiber = add_test_path(test, mpvpn, 1, 1, fiber_state);
	*lte = add_test_path(test, mpvpn, 2, 2, MPVPN_PATH_STATE_UP);
	return mpvpn;
}

static void select_lowest_priority(struct kunit *test)
{
	struct mpvpn_device *mpvpn = test_device(test, MPVPN_FAILBACK_REVERT);
	struct mpvpn_path *fiber, *lte;

	lte = add_test_path(test, mpvpn, 2, 20, MPVPN_PATH_STATE_UP);
	fiber = add_test_path(test, mpvpn, 1, 10, MPVPN_PATH_STATE_UP);
	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), fiber);
	fiber->state = MPVPN_PATH_STATE_DOWN;
	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), lte);
	fiber->state = MPVPN_PATH_STATE_UP;
	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), fiber);
}

static void select_tier_by_id(struct kunit *test)
{
	struct mpvpn_device *mpvpn = test_device(test, MPVPN_FAILBACK_REVERT);
	struct mpvpn_path *a, *b;

	b = add_test_path(test, mpvpn, 5, 1, MPVPN_PATH_STATE_UP);
	a = add_test_path(test, mpvpn, 3, 1, MPVPN_PATH_STATE_UP);
	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), a);
	a->state = MPVPN_PATH_STATE_DOWN;
	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), b);
}

static void select_none_usable(struct kunit *test)
{
	struct mpvpn_device *mpvpn = test_device(test, MPVPN_FAILBACK_REVERT);

	KUNIT_EXPECT_NULL(test, select_now(mpvpn));
	add_test_path(test, mpvpn, 1, 1, MPVPN_PATH_STATE_DOWN);
	add_test_path(test, mpvpn, 2, 2, MPVPN_PATH_STATE_DOWN);
	KUNIT_EXPECT_NULL(test, select_now(mpvpn));
}

/* A degraded path carries traffic only when no path of any tier is up. */
static void degraded_only_without_up(struct kunit *test)
{
	struct mpvpn_path *fiber, *lte;
	struct mpvpn_device *mpvpn = fiber_and_lte(test, MPVPN_FAILBACK_REVERT,
						   MPVPN_PATH_STATE_DEGRADED, &fiber, &lte);

	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), lte);
	lte->state = MPVPN_PATH_STATE_DOWN;
	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), fiber);
	lte->state = MPVPN_PATH_STATE_DEGRADED;
	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), fiber);
}

static void revert_waits_for_delay(struct kunit *test)
{
	struct mpvpn_path *fiber, *lte;
	struct mpvpn_device *mpvpn = fiber_and_lte(test, MPVPN_FAILBACK_REVERT,
						   MPVPN_PATH_STATE_DOWN, &fiber, &lte);

	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), lte);
	fiber->state = MPVPN_PATH_STATE_UP;
	fiber->revert_at = jiffies + HZ;
	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), lte);
	fiber->revert_at = jiffies - 1;
	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), fiber);
}

/* The delay holds only while the current path is up. */
static void revert_delay_ignored_when_active_fails(struct kunit *test)
{
	struct mpvpn_path *fiber, *lte;
	struct mpvpn_device *mpvpn = fiber_and_lte(test, MPVPN_FAILBACK_REVERT,
						   MPVPN_PATH_STATE_DOWN, &fiber, &lte);

	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), lte);
	fiber->state = MPVPN_PATH_STATE_UP;
	fiber->revert_at = jiffies + HZ;
	lte->state = MPVPN_PATH_STATE_DEGRADED;
	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), fiber);
}

static void sticky_stays_until_failure(struct kunit *test)
{
	struct mpvpn_path *fiber, *lte;
	struct mpvpn_device *mpvpn = fiber_and_lte(test, MPVPN_FAILBACK_STICKY,
						   MPVPN_PATH_STATE_DOWN, &fiber, &lte);

	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), lte);
	fiber->state = MPVPN_PATH_STATE_UP;
	fiber->revert_at = jiffies - 1;
	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), lte);
	lte->state = MPVPN_PATH_STATE_DOWN;
	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), fiber);
	lte->state = MPVPN_PATH_STATE_UP;
	KUNIT_EXPECT_PTR_EQ(test, select_now(mpvpn), fiber);
}

static struct kunit_case mpvpn_failover_cases[] = {
	KUNIT_CASE(select_lowest_priority),
	KUNIT_CASE(select_tier_by_id),
	KUNIT_CASE(select_none_usable),
	KUNIT_CASE(degraded_only_without_up),
	KUNIT_CASE(revert_waits_for_delay),
	KUNIT_CASE(revert_delay_ignored_when_active_fails),
	KUNIT_CASE(sticky_stays_until_failure),
	{}
};

static struct kunit_suite mpvpn_failover_suite = {
	.name = "mpvpn_failover",
	.test_cases = mpvpn_failover_cases,
};

kunit_test_suite(mpvpn_failover_suite);
