// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the reorder ring and the wait. Included at the end of reorder.c
 * in the test build. Packets are empty skbs whose mark is their counter.
 */

#include <kunit/test.h>

struct ring_fixture {
	struct mpvpn_reorder_ring *ring;
	struct sk_buff_head ready;
	struct mpvpn_reorder_counts counts;
};

/* Per case: the ring is too big for the stack. */
static int ring_init(struct kunit *test)
{
	struct ring_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	f->ring = kvzalloc(sizeof(*f->ring), GFP_KERNEL);
	if (!f->ring)
		return -ENOMEM;
	__skb_queue_head_init(&f->ready);
	test->priv = f;
	return 0;
}

static void ring_exit(struct kunit *test)
{
	struct ring_fixture *f = test->priv;
	struct sk_buff_head left;

	__skb_queue_head_init(&left);
	mpvpn_reorder_ring_flush(f->ring, &left);
	__skb_queue_purge(&left);
	__skb_queue_purge(&f->ready);
	kvfree(f->ring);
}

static struct ring_fixture *fixture(struct kunit *test)
{
	return test->priv;
}

static void add_in(struct kunit *test, struct ring_fixture *f, u64 space,
		   u64 counter, u64 now_ns)
{
	struct sk_buff *skb = alloc_skb(0, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb->mark = (u32)counter;
	mpvpn_reorder_ring_add(f->ring, skb, space, counter, now_ns, &f->ready,
			       &f->counts);
}

static void add(struct kunit *test, struct ring_fixture *f, u64 counter,
		u64 now_ns)
{
	add_in(test, f, 0, counter, now_ns);
}

/* Takes the ready packets and checks their counters (low 32 bits). */
static void expect_ready(struct kunit *test, struct ring_fixture *f,
			 const u64 *want, unsigned int n)
{
	struct sk_buff *skb;
	unsigned int i = 0;

	while ((skb = __skb_dequeue(&f->ready))) {
		if (i < n)
			KUNIT_EXPECT_EQ(test, skb->mark, (u32)want[i]);
		i++;
		kfree_skb(skb);
	}
	KUNIT_EXPECT_EQ(test, i, n);
}

static void reorder_in_order(struct kunit *test)
{
	struct ring_fixture *f = fixture(test);
	u64 want[] = { 100, 101, 102, 103 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(want); i++)
		add(test, f, want[i], 0);
	expect_ready(test, f, want, ARRAY_SIZE(want));
	KUNIT_EXPECT_EQ(test, f->ring->held, 0U);
	KUNIT_EXPECT_EQ(test, f->counts.reordered, 0ULL);
}

static void reorder_fills_holes(struct kunit *test)
{
	struct ring_fixture *f = fixture(test);
	u64 first[] = { 10 };
	u64 rest[] = { 11, 12, 13, 14 };

	add(test, f, 10, 0);
	add(test, f, 13, 1);
	add(test, f, 12, 2);
	add(test, f, 14, 3);
	expect_ready(test, f, first, 1);
	KUNIT_EXPECT_EQ(test, f->ring->held, 3U);
	add(test, f, 11, 4);
	expect_ready(test, f, rest, ARRAY_SIZE(rest));
	KUNIT_EXPECT_EQ(test, f->counts.reordered, 3ULL);
	KUNIT_EXPECT_EQ(test, f->counts.timed_out, 0ULL);
	KUNIT_EXPECT_EQ(test, mpvpn_reorder_ring_expire(f->ring, 1000, 10, 10,
							&f->ready, &f->counts),
			0ULL);
}

static void reorder_timeout_then_late(struct kunit *test)
{
	struct ring_fixture *f = fixture(test);
	const u64 wait = 20 * NSEC_PER_MSEC;
	u64 first[] = { 1 }, late[] = { 3 };

	add(test, f, 1, 0);
	add(test, f, 4, 1000);		/* 2 and 3 missing since t=1000 */
	add(test, f, 5, 5000);
	expect_ready(test, f, first, 1);
	KUNIT_EXPECT_EQ(test, mpvpn_reorder_ring_expire(f->ring, 1000 + wait - 1,
							wait, wait, &f->ready,
							&f->counts),
			1000 + wait);
	expect_ready(test, f, NULL, 0);
	add(test, f, 2, 3000);		/* one hole filled in time, 2 us late */
	KUNIT_EXPECT_EQ(test, mpvpn_reorder_ring_expire(f->ring, 1000 + wait,
							wait, wait, &f->ready,
							&f->counts),
			0ULL);
	{
		u64 two[] = { 2, 4, 5 };

		expect_ready(test, f, two, ARRAY_SIZE(two));
	}
	KUNIT_EXPECT_EQ(test, f->counts.timed_out, 1ULL);
	add(test, f, 3, 2 * wait);	/* after its hole was given up */
	expect_ready(test, f, late, 1);
	KUNIT_EXPECT_EQ(test, f->counts.late, 1ULL);
}

/*
 * Holes filled late, or too late, raise the wait past what the paths'
 * delays gave, up to the cap; after two quiet windows it is forgotten.
 */
static void reorder_wait_follows_lag(struct kunit *test)
{
	struct ring_fixture *f = fixture(test);
	const u64 ms = NSEC_PER_MSEC, floor = MPVPN_REORDER_WAIT_MIN_US * 1000;
	u64 t = 1000 * ms, three[] = { 1, 2, 3 }, five[] = { 5 }, four[] = { 4 };

	add(test, f, 1, t);
	add(test, f, 3, t);
	add(test, f, 2, t + 30 * ms);	/* filled after 30 ms */
	KUNIT_EXPECT_EQ(test, mpvpn_reorder_lag_wait(f->ring, t + 30 * ms),
			45 * ms + floor);
	expect_ready(test, f, three, ARRAY_SIZE(three));
	/* A hole waited for with 20 ms from the delays now holds 47 ms. */
	add(test, f, 5, t + 100 * ms);
	KUNIT_EXPECT_EQ(test, mpvpn_reorder_ring_expire(f->ring, t + 140 * ms,
							20 * ms, 100 * ms,
							&f->ready, &f->counts),
			t + 147 * ms);
	/* ...but never more than the cap. */
	KUNIT_EXPECT_EQ(test, mpvpn_reorder_ring_expire(f->ring, t + 140 * ms,
							20 * ms, 40 * ms,
							&f->ready, &f->counts),
			0ULL);
	expect_ready(test, f, five, ARRAY_SIZE(five));
	KUNIT_EXPECT_EQ(test, f->counts.timed_out, 1ULL);
	/* The given-up packet comes 60 ms after the one behind it. */
	add(test, f, 4, t + 160 * ms);
	KUNIT_EXPECT_EQ(test, f->counts.late, 1ULL);
	KUNIT_EXPECT_EQ(test, mpvpn_reorder_lag_wait(f->ring, t + 160 * ms),
			90 * ms + floor);
	/* Two windows without a late hole: back to the delays' wait. */
	KUNIT_EXPECT_EQ(test, mpvpn_reorder_lag_wait(f->ring,
						     t + 160 * ms + 2 * NSEC_PER_SEC),
			0ULL);
	expect_ready(test, f, four, ARRAY_SIZE(four));
}

/* A packet past the span gives up the oldest holes. */
static void reorder_overflow(struct kunit *test)
{
	struct ring_fixture *f = fixture(test);
	u64 out[] = { 1, 3 };

	add(test, f, 1, 0);
	add(test, f, 3, 0);
	add(test, f, 10, 0);
	add(test, f, 3 + MPVPN_REORDER_SLOTS, 0);
	expect_ready(test, f, out, ARRAY_SIZE(out));
	KUNIT_EXPECT_EQ(test, f->counts.overflowed, 1ULL);
	KUNIT_EXPECT_EQ(test, f->ring->held, 2U);	/* 10 and the last */
	KUNIT_EXPECT_EQ(test, f->ring->next, 4ULL);
}

/*
 * A hole given up for overflow, filled late, raises the wait by how late
 * it was filled: not by the age of an earlier give-up by timeout.
 */
static void reorder_overflow_then_late(struct kunit *test)
{
	struct ring_fixture *f = fixture(test);
	const u64 ms = NSEC_PER_MSEC, floor = MPVPN_REORDER_WAIT_MIN_US * 1000;
	u64 t = 10000 * ms;

	/* An old give-up by timeout, long forgotten by the lag window... */
	add(test, f, 1, 0);
	add(test, f, 3, 0);
	mpvpn_reorder_ring_expire(f->ring, 50 * ms, 20 * ms, 100 * ms,
				  &f->ready, &f->counts);
	KUNIT_EXPECT_EQ(test, f->counts.timed_out, 1ULL);
	/* ...then a hole at 4, skipped for overflow 10 ms after it opened. */
	add(test, f, 5, t);
	add(test, f, 5 + MPVPN_REORDER_SLOTS, t + 10 * ms);
	KUNIT_EXPECT_EQ(test, f->counts.overflowed, 1ULL);
	add(test, f, 4, t + 12 * ms);
	KUNIT_EXPECT_EQ(test, f->counts.late, 1ULL);
	/* Filled 12 ms after the hole opened: 18 ms and the floor. */
	KUNIT_EXPECT_EQ(test, mpvpn_reorder_lag_wait(f->ring, t + 12 * ms),
			18 * ms + floor);
	__skb_queue_purge(&f->ready);
}

/* The counter and the slot index both wrap. */
static void reorder_wraps(struct kunit *test)
{
	struct ring_fixture *f = fixture(test);
	u64 want[] = { U64_MAX - 1, U64_MAX, 0, 1, 2 };

	add(test, f, U64_MAX - 1, 0);
	add(test, f, 1, 0);
	add(test, f, 0, 0);
	add(test, f, U64_MAX, 0);
	add(test, f, 2, 0);
	expect_ready(test, f, want, ARRAY_SIZE(want));
	KUNIT_EXPECT_EQ(test, f->ring->held, 0U);
}

/*
 * A jump far ahead (another mode used the counters meanwhile) is followed
 * at once, and so is a peer that restarted far below.
 */
static void reorder_resync(struct kunit *test)
{
	struct ring_fixture *f = fixture(test);
	u64 want[] = { 7, 1000000, 20, 1ULL << 40, 30 };

	add(test, f, 7, 0);
	add(test, f, 1000000, 0);
	add(test, f, 20, 0);		/* merely late */
	add(test, f, 1ULL << 40, 0);
	add(test, f, 30, 0);		/* a restarted peer */
	expect_ready(test, f, want, ARRAY_SIZE(want));
	KUNIT_EXPECT_EQ(test, f->counts.overflowed, 0ULL);
	KUNIT_EXPECT_EQ(test, f->counts.late, 1ULL);
	KUNIT_EXPECT_EQ(test, f->ring->next, 31ULL);
}

/*
 * A rekey: the new session counts from 0 and its first packets cross; a
 * packet of the old session that comes after them is not held.
 */
static void reorder_new_session(struct kunit *test)
{
	struct ring_fixture *f = fixture(test);
	u64 want[] = { 500, 501, 502, 0, 1, 2 };

	add_in(test, f, 4, 500, 0);
	add_in(test, f, 4, 501, 0);
	add_in(test, f, 5, 1, 0);	/* waits for 0 */
	add_in(test, f, 4, 502, 0);	/* the old session's: through */
	add_in(test, f, 5, 0, 0);
	add_in(test, f, 5, 2, 0);
	expect_ready(test, f, want, ARRAY_SIZE(want));
	KUNIT_EXPECT_EQ(test, f->counts.late, 1ULL);
	KUNIT_EXPECT_EQ(test, f->counts.reordered, 1ULL);
	KUNIT_EXPECT_EQ(test, f->ring->held, 0U);
	KUNIT_EXPECT_EQ(test, f->ring->next, 3ULL);
}

static void reorder_wait_from_delays(struct kunit *test)
{
	/* 20 and 80 ms RTT, no send times yet: half the spread, 1 ms jitter. */
	KUNIT_EXPECT_EQ(test, mpvpn_reorder_wait_us(20000, 80000, 0, 1000, 100),
			MPVPN_REORDER_WAIT_MIN_US + 30000 + 2000);
	/* A queue on the way to us: 45 ms one way, more than the RTTs say. */
	KUNIT_EXPECT_EQ(test,
			mpvpn_reorder_wait_us(20000, 80000, 45000, 1000, 100),
			MPVPN_REORDER_WAIT_MIN_US + 45000 + 2000);
	KUNIT_EXPECT_EQ(test,
			mpvpn_reorder_wait_us(20000, 80000, 45000, 1000, 10),
			10000U);
	KUNIT_EXPECT_EQ(test, mpvpn_reorder_wait_us(0, 0, 0, 0, 100),
			(u32)MPVPN_REORDER_WAIT_MIN_US);
}

static struct kunit_case mpvpn_reorder_cases[] = {
	KUNIT_CASE(reorder_in_order),
	KUNIT_CASE(reorder_fills_holes),
	KUNIT_CASE(reorder_timeout_then_late),
	KUNIT_CASE(reorder_wait_follows_lag),
	KUNIT_CASE(reorder_overflow),
	KUNIT_CASE(reorder_overflow_then_late),
	KUNIT_CASE(reorder_wraps),
	KUNIT_CASE(reorder_resync),
	KUNIT_CASE(reorder_new_session),
	KUNIT_CASE(reorder_wait_from_delays),
	{}
};

static struct kunit_suite mpvpn_reorder_suite = {
	.name = "mpvpn_reorder",
	.init = ring_init,
	.exit = ring_exit,
	.test_cases = mpvpn_reorder_cases,
};

kunit_test_suite(mpvpn_reorder_suite);
