// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the path MTU search (pmtu.c), driven against a simulated path
 * that carries packets up to a given size and loses the rest.
 */

#include <kunit/test.h>

/*
 * Runs the search until it stops probing; returns the probes sent. A
 * probe of at most @path_mtu bytes is answered, a larger one lost.
 */
static unsigned int run_search(struct mpvpn_plpmtu *s, u16 path_mtu)
{
	unsigned int sent = 0;
	u16 size;

	while ((size = mpvpn_plpmtu_next(s)) && sent < 1000) {
		sent++;
		if (size <= path_mtu)
			mpvpn_plpmtu_answered(s, size);
		else
			mpvpn_plpmtu_lost(s);
	}
	return sent;
}

/* The link's MTU passes: one probe, done. */
static void pmtu_link_passes(struct kunit *test)
{
	struct mpvpn_plpmtu s = { 0 };

	mpvpn_plpmtu_start(&s, MPVPN_PMTU_FLOOR_V6, 1500, 1500);
	KUNIT_EXPECT_EQ(test, run_search(&s, 1500), 1U);
	KUNIT_EXPECT_EQ(test, s.phase, MPVPN_PLPMTU_DONE);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), 1500);
}

/* No ICMP: a 1280-byte IPv6 path is found exactly. */
static void pmtu_finds_1280_without_icmp(struct kunit *test)
{
	struct mpvpn_plpmtu s = { 0 };
	unsigned int sent;

	mpvpn_plpmtu_start(&s, MPVPN_PMTU_FLOOR_V6, 1500, 1500);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), 0);
	sent = run_search(&s, 1280);
	KUNIT_EXPECT_EQ(test, s.phase, MPVPN_PLPMTU_DONE);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), 1280);
	/* The link, the floor, then a binary search of 220 bytes. */
	KUNIT_EXPECT_LE(test, sent, 2U * MPVPN_PMTU_TRIES + 1 +
				     8 * MPVPN_PMTU_TRIES);
}

/* Any size between the floor and the link, on IPv4. */
static void pmtu_finds_any_size_v4(struct kunit *test)
{
	static const u16 sizes[] = { 576, 577, 1000, 1280, 1400, 1472,
				     1492, 1499 };
	struct mpvpn_plpmtu s = { 0 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		mpvpn_plpmtu_start(&s, MPVPN_PMTU_FLOOR_V4, 1500, 1500);
		run_search(&s, sizes[i]);
		KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), sizes[i]);
	}
}

/* A peer that does not answer padded probes: no opinion, ICMP alone. */
static void pmtu_unsupported_peer(struct kunit *test)
{
	struct mpvpn_plpmtu s = { 0 };

	mpvpn_plpmtu_start(&s, MPVPN_PMTU_FLOOR_V6, 1500, 1500);
	KUNIT_EXPECT_EQ(test, run_search(&s, 0), 2U * MPVPN_PMTU_TRIES);
	KUNIT_EXPECT_EQ(test, s.phase, MPVPN_PLPMTU_UNSUPPORTED);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), 0);
}

/* A single loss is not a size that does not pass. */
static void pmtu_one_loss_is_not_too_big(struct kunit *test)
{
	struct mpvpn_plpmtu s = { 0 };

	mpvpn_plpmtu_start(&s, MPVPN_PMTU_FLOOR_V6, 1500, 1500);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_next(&s), 1500);
	mpvpn_plpmtu_lost(&s);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_next(&s), 1500);
	mpvpn_plpmtu_answered(&s, 1500);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), 1500);
}

/* An answer confirming less than the probe (a stray one) changes nothing. */
static void pmtu_short_answer_ignored(struct kunit *test)
{
	struct mpvpn_plpmtu s = { 0 };

	mpvpn_plpmtu_start(&s, MPVPN_PMTU_FLOOR_V6, 1500, 1500);
	mpvpn_plpmtu_next(&s);
	mpvpn_plpmtu_answered(&s, 1400);
	KUNIT_EXPECT_EQ(test, s.phase, MPVPN_PLPMTU_SEARCH);
	KUNIT_EXPECT_EQ(test, s.probe, 1500);
	KUNIT_EXPECT_FALSE(test, s.answered);
}

/*
 * ICMP: a size found is lowered at once; below the floor or above what
 * is known not to pass, nothing changes.
 */
static void pmtu_icmp_lowers(struct kunit *test)
{
	struct mpvpn_plpmtu s = { 0 };

	mpvpn_plpmtu_start(&s, MPVPN_PMTU_FLOOR_V6, 1500, 1500);
	run_search(&s, 1500);
	mpvpn_plpmtu_too_big(&s, 1000);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), 1500);
	mpvpn_plpmtu_too_big(&s, 1400);
	KUNIT_EXPECT_EQ(test, s.phase, MPVPN_PLPMTU_DONE);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), 1400);
	mpvpn_plpmtu_too_big(&s, 1450);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), 1400);
}

/* ICMP for the first probe: the search ends at the size it reports. */
static void pmtu_icmp_during_search(struct kunit *test)
{
	struct mpvpn_plpmtu s = { 0 };

	mpvpn_plpmtu_start(&s, MPVPN_PMTU_FLOOR_V6, 1500, 1500);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_next(&s), 1500);
	mpvpn_plpmtu_too_big(&s, 1280);
	KUNIT_EXPECT_EQ(test, s.probe, 0);
	run_search(&s, 1280);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), 1280);
}

/*
 * A confirmation that is lost: the path shrank without an ICMP error;
 * the search starts again below, and a raise finds the link again.
 */
static void pmtu_confirm_and_raise(struct kunit *test)
{
	struct mpvpn_plpmtu s = { 0 };

	mpvpn_plpmtu_start(&s, MPVPN_PMTU_FLOOR_V4, 1500, 1500);
	run_search(&s, 1500);
	mpvpn_plpmtu_confirm(&s);
	KUNIT_EXPECT_EQ(test, s.phase, MPVPN_PLPMTU_CONFIRM);
	KUNIT_EXPECT_EQ(test, run_search(&s, 1500), 1U);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), 1500);

	mpvpn_plpmtu_confirm(&s);
	run_search(&s, 1420);
	KUNIT_EXPECT_EQ(test, s.phase, MPVPN_PLPMTU_DONE);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), 1420);

	mpvpn_plpmtu_start(&s, s.floor, 1500, mpvpn_plpmtu_result(&s));
	KUNIT_EXPECT_EQ(test, run_search(&s, 1500), 1U);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), 1500);
}

/* A link smaller than the floor: the link is the floor. */
static void pmtu_link_below_floor(struct kunit *test)
{
	struct mpvpn_plpmtu s = { 0 };

	mpvpn_plpmtu_start(&s, MPVPN_PMTU_FLOOR_V6, 1000, 1000);
	run_search(&s, 1000);
	KUNIT_EXPECT_EQ(test, mpvpn_plpmtu_result(&s), 1000);
}

static struct kunit_case mpvpn_pmtu_cases[] = {
	KUNIT_CASE(pmtu_link_passes),
	KUNIT_CASE(pmtu_finds_1280_without_icmp),
	KUNIT_CASE(pmtu_finds_any_size_v4),
	KUNIT_CASE(pmtu_unsupported_peer),
	KUNIT_CASE(pmtu_one_loss_is_not_too_big),
	KUNIT_CASE(pmtu_short_answer_ignored),
	KUNIT_CASE(pmtu_icmp_lowers),
	KUNIT_CASE(pmtu_icmp_during_search),
	KUNIT_CASE(pmtu_confirm_and_raise),
	KUNIT_CASE(pmtu_link_below_floor),
	{}
};

static struct kunit_suite mpvpn_pmtu_suite = {
	.name = "mpvpn_pmtu",
	.test_cases = mpvpn_pmtu_cases,
};

kunit_test_suite(mpvpn_pmtu_suite);
