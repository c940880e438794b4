// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the table of pushed verdicts on a path. Included at the end of
 * verdict.c in the test build.
 */

#include <kunit/test.h>

static void verdict_table_limits(struct kunit *test)
{
	struct mpvpn_verdicts *verdicts = kunit_kzalloc(test, sizeof(*verdicts),
							GFP_KERNEL);
	struct mpvpn_verdict v = { .ok = true };
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, verdicts);
	rtnl_lock();
	v.expires = jiffies + HZ;
	for (i = 0; i < MPVPN_MAX_VERDICTS; i++) {
		snprintf(v.name, sizeof(v.name), "probe%u", i);
		KUNIT_EXPECT_EQ(test, mpvpn_verdict_push(verdicts, &v, NULL), 0);
	}
	strscpy(v.name, "one-too-many", sizeof(v.name));
	KUNIT_EXPECT_EQ(test, mpvpn_verdict_push(verdicts, &v, NULL), -ENOSPC);
	/* Replacing by name needs no new slot. */
	strscpy(v.name, "probe0", sizeof(v.name));
	v.ok = false;
	KUNIT_EXPECT_EQ(test, mpvpn_verdict_push(verdicts, &v, NULL), 0);
	KUNIT_EXPECT_TRUE(test, mpvpn_verdict_failing(verdicts));
	KUNIT_EXPECT_EQ(test, mpvpn_verdict_delete(verdicts, "probe0", NULL), 0);
	KUNIT_EXPECT_FALSE(test, mpvpn_verdict_failing(verdicts));
	KUNIT_EXPECT_EQ(test, mpvpn_verdict_delete(verdicts, "probe0", NULL),
			-ENOENT);
	rtnl_unlock();
}

static struct kunit_case mpvpn_verdict_cases[] = {
	KUNIT_CASE(verdict_table_limits),
	{}
};

static struct kunit_suite mpvpn_verdict_suite = {
	.name = "mpvpn_verdict",
	.test_cases = mpvpn_verdict_cases,
};

kunit_test_suite(mpvpn_verdict_suite);
