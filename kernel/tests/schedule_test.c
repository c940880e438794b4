// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the schedulers' pure choices. Included at the end of schedule.c
 * in the test build.
 */

#include <kunit/test.h>

/* Bytes per path match the shares within 1 %, packet sizes mixed. */
static void wfq_shares_bytes(struct kunit *test)
{
	static const u32 share[] = { 40000, 30000, 20000 };
	static const bool usable[] = { true, true, true };
	u64 bytes[3] = { 0 }, total = 0;
	struct mpvpn_wfq wfq = { 0 };
	unsigned int i, len;
	int idx;

	for (i = 0; i < 30000; i++) {
		len = i % 3 ? 1400 : 80;
		idx = mpvpn_wfq_pick(&wfq, share, usable, 3, len);
		KUNIT_ASSERT_GE(test, idx, 0);
		bytes[idx] += len;
		total += len;
	}
	for (i = 0; i < 3; i++) {
		u64 want = div_u64(total * share[i], 90000);

		KUNIT_EXPECT_LE(test, bytes[i], want + want / 100);
		KUNIT_EXPECT_GE(test, bytes[i], want - want / 100);
	}
}

/* An unusable path gets nothing, and no burst when it comes back. */
static void wfq_skips_unusable(struct kunit *test)
{
	static const u32 share[] = { 1, 1 };
	bool usable[] = { true, false };
	struct mpvpn_wfq wfq = { 0 };
	unsigned int i, got[2] = { 0 };

	for (i = 0; i < 100; i++)
		KUNIT_EXPECT_EQ(test, mpvpn_wfq_pick(&wfq, share, usable, 2, 1000),
				0);
	usable[1] = true;
	for (i = 0; i < 10; i++)
		got[mpvpn_wfq_pick(&wfq, share, usable, 2, 1000)]++;
	KUNIT_EXPECT_EQ(test, got[0], 5U);
	KUNIT_EXPECT_EQ(test, got[1], 5U);
	usable[0] = false;
	usable[1] = false;
	KUNIT_EXPECT_EQ(test, mpvpn_wfq_pick(&wfq, share, usable, 2, 1000), -1);
}

/* A flow stays on its path; when a path goes, only its flows move. */
static void flowhash_stable(struct kunit *test)
{
	static const u32 ids[] = { 1, 2, 3 };
	static const u32 share[] = { 1, 1, 1 };
	bool usable[] = { true, true, true };
	unsigned int flow, count[3] = { 0 };
	const unsigned int flows = 600;
	int *before, after;

	before = kunit_kcalloc(test, flows, sizeof(*before), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, before);

	for (flow = 0; flow < flows; flow++) {
		before[flow] = mpvpn_flowhash_pick(flow * 2654435761U, ids,
						   share, usable, 3);
		KUNIT_ASSERT_GE(test, before[flow], 0);
		KUNIT_EXPECT_EQ(test, mpvpn_flowhash_pick(flow * 2654435761U,
							  ids, share, usable, 3),
				before[flow]);
		count[before[flow]]++;
	}
	/* Equal shares: each path gets a fair part of 600 flows. */
	for (flow = 0; flow < 3; flow++) {
		KUNIT_EXPECT_GE(test, count[flow], 150U);
		KUNIT_EXPECT_LE(test, count[flow], 250U);
	}
	usable[1] = false;
	for (flow = 0; flow < flows; flow++) {
		after = mpvpn_flowhash_pick(flow * 2654435761U, ids, share,
					    usable, 3);
		if (before[flow] != 1)
			KUNIT_EXPECT_EQ(test, after, before[flow]);
		else
			KUNIT_EXPECT_NE(test, after, 1);
	}
}

/* Flows spread in proportion to the shares (4:3:2), within 3 points. */
static void flowhash_weighted(struct kunit *test)
{
	static const u32 ids[] = { 1, 2, 3 };
	static const u32 share[] = { 40000, 30000, 20000 };
	static const bool usable[] = { true, true, true };
	unsigned int flow, i, count[3] = { 0 };
	const unsigned int flows = 9000;
	int idx;

	for (flow = 0; flow < flows; flow++) {
		idx = mpvpn_flowhash_pick(jhash_1word(flow, 7), ids, share,
					  usable, 3);
		KUNIT_ASSERT_GE(test, idx, 0);
		count[idx]++;
	}
	for (i = 0; i < 3; i++) {
		u32 want = flows * share[i] / 90000;

		KUNIT_EXPECT_LE(test, count[i], want + flows * 3 / 100);
		KUNIT_EXPECT_GE(test, count[i], want - flows * 3 / 100);
	}
}

static void lowlat_hysteresis(struct kunit *test)
{
	u32 srtt[] = { 10000, 9500, 0 };
	u32 jitter[] = { 0, 0, 0 };
	bool usable[] = { true, true, true };

	/* No current choice: the fastest; a path without a sample never. */
	KUNIT_EXPECT_EQ(test, mpvpn_lowlat_pick(-1, srtt, jitter, usable, 3), 1);
	/* 0.5 ms better is within the margin: stay. */
	KUNIT_EXPECT_EQ(test, mpvpn_lowlat_pick(0, srtt, jitter, usable, 3), 0);
	srtt[1] = 8000;		/* 2 ms better, past an eighth of 10 ms */
	KUNIT_EXPECT_EQ(test, mpvpn_lowlat_pick(0, srtt, jitter, usable, 3), 1);
	jitter[0] = 600;	/* but within twice the jitter of both */
	jitter[1] = 500;
	KUNIT_EXPECT_EQ(test, mpvpn_lowlat_pick(0, srtt, jitter, usable, 3), 0);
	srtt[1] = 7500;		/* 2.5 ms better: past the noise too */
	KUNIT_EXPECT_EQ(test, mpvpn_lowlat_pick(0, srtt, jitter, usable, 3), 1);
	jitter[0] = 0;
	jitter[1] = 0;
	srtt[0] = 1500;
	srtt[1] = 1000;		/* an eighth is less than the 1 ms floor */
	KUNIT_EXPECT_EQ(test, mpvpn_lowlat_pick(0, srtt, jitter, usable, 3), 0);
	usable[0] = false;	/* the current one died */
	KUNIT_EXPECT_EQ(test, mpvpn_lowlat_pick(0, srtt, jitter, usable, 3), 1);
	usable[1] = false;
	KUNIT_EXPECT_EQ(test, mpvpn_lowlat_pick(0, srtt, jitter, usable, 3), -1);
}

/*
 * A path is left out at one probe of 128 (7 permille) more than the
 * cleanest; loss all paths share leaves nobody out.
 */
static void aggregate_lossy_margin(struct kunit *test)
{
	const u32 clean[3] = { 0, 6, 0 };
	const u32 one_lossy[3] = { 7, 15, 13 };
	const u32 shared[3] = { 31, 31, 39 };
	const u32 all_but_one[3] = { 62, 0, 31 };
	const u32 top[2] = { U32_MAX, U32_MAX };

	KUNIT_EXPECT_EQ(test, mpvpn_aggregate_lossy(clean, 3), 0U);
	KUNIT_EXPECT_EQ(test, mpvpn_aggregate_lossy(one_lossy, 3), BIT(1));
	KUNIT_EXPECT_EQ(test, mpvpn_aggregate_lossy(shared, 3), BIT(2));
	KUNIT_EXPECT_EQ(test, mpvpn_aggregate_lossy(all_but_one, 3),
			BIT(0) | BIT(2));
	KUNIT_EXPECT_EQ(test, mpvpn_aggregate_lossy(top, 2), 0U);
	KUNIT_EXPECT_EQ(test, mpvpn_aggregate_lossy(clean, 0), 0U);
}

static struct kunit_case mpvpn_schedule_cases[] = {
	KUNIT_CASE(wfq_shares_bytes),
	KUNIT_CASE(wfq_skips_unusable),
	KUNIT_CASE(flowhash_stable),
	KUNIT_CASE(flowhash_weighted),
	KUNIT_CASE(lowlat_hysteresis),
	KUNIT_CASE(aggregate_lossy_margin),
	{}
};

static struct kunit_suite mpvpn_schedule_suite = {
	.name = "mpvpn_schedule",
	.test_cases = mpvpn_schedule_cases,
};

kunit_test_suite(mpvpn_schedule_suite);
