// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the choice of the active path in failover mode. Included at the
 * end of failover.c in the test build.
 */

#include <kunit/test.h>

static struct mpvpn_path *add_test_path(struct kunit *test,
					struct list_head *paths, u32 id,
					u32 priority, bool admin_up,
					bool carrier)
{
	struct mpvpn_path *path = kunit_kzalloc(test, sizeof(*path), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, path);
	path->id = id;
	path->priority = priority;
	path->admin_up = admin_up;
	path->carrier = carrier;
	path->state = path_state(path);
	list_add_tail(&path->node, paths);
	return path;
}

static void select_lowest_priority(struct kunit *test)
{
	LIST_HEAD(paths);
	struct mpvpn_path *fiber, *lte;

	lte = add_test_path(test, &paths, 2, 20, true, true);
	fiber = add_test_path(test, &paths, 1, 10, true, true);
	KUNIT_EXPECT_PTR_EQ(test, mpvpn_failover_select(&paths), fiber);
	fiber->carrier = false;
	fiber->state = path_state(fiber);
	KUNIT_EXPECT_PTR_EQ(test, mpvpn_failover_select(&paths), lte);
	fiber->carrier = true;
	fiber->state = path_state(fiber);
	KUNIT_EXPECT_PTR_EQ(test, mpvpn_failover_select(&paths), fiber);
}

static void select_tier_by_id(struct kunit *test)
{
	LIST_HEAD(paths);
	struct mpvpn_path *a, *b;

	b = add_test_path(test, &paths, 5, 1, true, true);
	a = add_test_path(test, &paths, 3, 1, true, true);
	KUNIT_EXPECT_PTR_EQ(test, mpvpn_failover_select(&paths), a);
	a->admin_up = false;
	a->state = path_state(a);
	KUNIT_EXPECT_PTR_EQ(test, mpvpn_failover_select(&paths), b);
}

static void select_none_usable(struct kunit *test)
{
	LIST_HEAD(paths);

	KUNIT_EXPECT_NULL(test, mpvpn_failover_select(&paths));
	add_test_path(test, &paths, 1, 1, false, true);
	add_test_path(test, &paths, 2, 2, true, false);
	KUNIT_EXPECT_NULL(test, mpvpn_failover_select(&paths));
}

static void state_needs_admin_and_carrier(struct kunit *test)
{
	struct mpvpn_path path = { .admin_up = true, .carrier = true };

	KUNIT_EXPECT_EQ(test, path_state(&path), MPVPN_PATH_UP);
	path.carrier = false;
	KUNIT_EXPECT_EQ(test, path_state(&path), MPVPN_PATH_DOWN);
	path.carrier = true;
	path.admin_up = false;
	KUNIT_EXPECT_EQ(test, path_state(&path), MPVPN_PATH_DOWN);
}

static void reason_text_covers_all(struct kunit *test)
{
	int r;

	for (r = 0; r < __MPVPN_REASON_MAX; r++)
		KUNIT_EXPECT_STRNEQ(test, mpvpn_reason_text(r), "unknown");
	KUNIT_EXPECT_STREQ(test, mpvpn_reason_text(__MPVPN_REASON_MAX),
			   "unknown");
}

static struct kunit_case mpvpn_failover_cases[] = {
	KUNIT_CASE(select_lowest_priority),
	KUNIT_CASE(select_tier_by_id),
	KUNIT_CASE(select_none_usable),
	KUNIT_CASE(state_needs_admin_and_carrier),
	KUNIT_CASE(reason_text_covers_all),
	{}
};

static struct kunit_suite mpvpn_failover_suite = {
	.name = "mpvpn_failover",
	.test_cases = mpvpn_failover_cases,
};

kunit_test_suite(mpvpn_failover_suite);
