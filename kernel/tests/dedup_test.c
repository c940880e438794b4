// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the duplicate window. Included at the end of dedup.c in the test
 * build.
 */

#include <kunit/test.h>

static struct mpvpn_dedup *test_dedup(struct kunit *test)
{
	struct mpvpn_dedup *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, d);
	return d;
}

static void dedup_new_then_duplicate(struct kunit *test)
{
	struct mpvpn_dedup *d = test_dedup(test);
	u64 base = 1000000, c;

	for (c = base; c < base + 3 * MPVPN_DEDUP_SLOTS; c++)
		KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, c, true), MPVPN_DEDUP_NEW);
	/* The last window's worth is remembered, every counter of it. */
	for (c = base + 2 * MPVPN_DEDUP_SLOTS; c < base + 3 * MPVPN_DEDUP_SLOTS; c++)
		KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, c, true),
				MPVPN_DEDUP_DUPLICATE);
	/* Older than the window: refused, not mistaken for new. */
	KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, base, true), MPVPN_DEDUP_STALE);
	KUNIT_EXPECT_EQ(test,
			mpvpn_dedup_check(d, base + 2 * MPVPN_DEDUP_SLOTS - 1,
					  true),
			MPVPN_DEDUP_STALE);
}

/* Reordered within the window: each counter new once, then a duplicate. */
static void dedup_reordered(struct kunit *test)
{
	struct mpvpn_dedup *d = test_dedup(test);
	u64 order[] = { 50, 52, 51, 60, 53, 59, 54, 58, 55, 57, 56 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(order); i++)
		KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, order[i], true),
				MPVPN_DEDUP_NEW);
	for (i = 0; i < ARRAY_SIZE(order); i++)
		KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, order[i], true),
				MPVPN_DEDUP_DUPLICATE);
	/* A gap left open stays acceptable until the window passes it. */
	KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, 49, true), MPVPN_DEDUP_NEW);
}

/* A peer that restarted with a much smaller counter is heard again. */
static void dedup_peer_restart(struct kunit *test)
{
	struct mpvpn_dedup *d = test_dedup(test);
	u64 before = 1ULL << 61, after = 12345;

	KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, before, true), MPVPN_DEDUP_NEW);
	KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, before + 1, true),
			MPVPN_DEDUP_NEW);
	after = before - MPVPN_DEDUP_RESTART - 5;
	after -= after % MPVPN_DEDUP_SLOTS;	/* the slot of @before */
	after += before % MPVPN_DEDUP_SLOTS;
	KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, after, true), MPVPN_DEDUP_NEW);
	KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, after, true),
			MPVPN_DEDUP_DUPLICATE);
	/* Just inside the restart distance it is still stale. */
	KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, before + 1 -
						MPVPN_DEDUP_SLOTS, true),
			MPVPN_DEDUP_STALE);
}

/*
 * With authentication there is no restart exception: a counter far below
 * the window is a replay of an old packet, not a restarted peer.
 */
static void dedup_strict_refuses_old(struct kunit *test)
{
	struct mpvpn_dedup *d = test_dedup(test);
	u64 before = 1ULL << 61, old;

	KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, before, false),
			MPVPN_DEDUP_NEW);
	old = before - MPVPN_DEDUP_RESTART * 4;
	old += before % MPVPN_DEDUP_SLOTS - old % MPVPN_DEDUP_SLOTS;
	KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, old, false),
			MPVPN_DEDUP_STALE);
	KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, before, false),
			MPVPN_DEDUP_DUPLICATE);
	KUNIT_EXPECT_EQ(test, mpvpn_dedup_check(d, before + 1, false),
			MPVPN_DEDUP_NEW);
}

static struct kunit_case mpvpn_dedup_cases[] = {
	KUNIT_CASE(dedup_new_then_duplicate),
	KUNIT_CASE(dedup_reordered),
	KUNIT_CASE(dedup_peer_restart),
	KUNIT_CASE(dedup_strict_refuses_old),
	{}
};

static struct kunit_suite mpvpn_dedup_suite = {
	.name = "mpvpn_dedup",
	.test_cases = mpvpn_dedup_cases,
};

kunit_test_suite(mpvpn_dedup_suite);
