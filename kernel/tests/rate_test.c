// SPDX-License-Identifier: GPL-2.0
/* KUnit: the delivery rate estimator and the learned shares (rate.c). */

#include <kunit/test.h>

static void rate_kbps_from_acks(struct kunit *test)
{
	/* 2500 packets of 1400 bytes in 250 ms: 112 Mbit/s. */
	KUNIT_EXPECT_EQ(test, mpvpn_rate_kbps(2500, 1400, 250 * NSEC_PER_MSEC),
			112000U);
	KUNIT_EXPECT_EQ(test, mpvpn_rate_kbps(0, 1400, 250 * NSEC_PER_MSEC), 0U);
	KUNIT_EXPECT_EQ(test, mpvpn_rate_kbps(10, 1400, 0), 0U);
	/* Far past what a link carries: clamped, not wrapped. */
	KUNIT_EXPECT_EQ(test, mpvpn_rate_kbps(U32_MAX, 65535, NSEC_PER_USEC),
			U32_MAX);
	/* Less than a microsecond is no interval. */
	KUNIT_EXPECT_EQ(test, mpvpn_rate_kbps(U32_MAX, 65535, 999), 0U);
}

/* Feeds @kbps four times a second for @ms, with a steady RTT. */
static u32 feed(struct mpvpn_rate *rate, u32 start_ms, u32 ms, u32 kbps,
		u32 rtt_us)
{
	u32 t;

	for (t = start_ms; t < start_ms + ms; t += 250) {
		mpvpn_rate_rtt(rate, t, rtt_us);
		mpvpn_rate_sample(rate, t, kbps);
	}
	return t;
}

static void rate_queue_from_floor(struct kunit *test)
{
	struct mpvpn_rate rate = {};

	KUNIT_EXPECT_EQ(test, mpvpn_rate_best(&rate), 0U);
	KUNIT_EXPECT_EQ(test, mpvpn_rate_queue_us(&rate, 12000), 0U);
	feed(&rate, 1, 2000, 20000, 10000);
	KUNIT_EXPECT_EQ(test, mpvpn_rate_best(&rate), 20000U);
	KUNIT_EXPECT_EQ(test, mpvpn_rate_queue_us(&rate, 12500), 2500U);
	KUNIT_EXPECT_EQ(test, mpvpn_rate_queue_us(&rate, 9000), 0U);
	/* The floor is the lowest RTT of its window, not the first. */
	feed(&rate, 2000, 1000, 20000, 8000);
	KUNIT_EXPECT_EQ(test, mpvpn_rate_queue_us(&rate, 12500), 4500U);
	/* ... and forgets one older than its window. */
	feed(&rate, 3000, MPVPN_RATE_FLOOR_WINDOW_MS + 1000, 20000, 11000);
	KUNIT_EXPECT_EQ(test, mpvpn_rate_queue_us(&rate, 12500), 1500U);
}

static void rate_best_forgets_after_window(struct kunit *test)
{
	struct mpvpn_rate rate = {};
	u32 t;

	t = feed(&rate, 1, 1000, 40000, 10000);
	t = feed(&rate, t, MPVPN_RATE_WINDOW_MS + 1000, 5000, 10000);
	KUNIT_EXPECT_EQ(test, mpvpn_rate_best(&rate), 5000U);
}

static void expect_shares(struct kunit *test, const u32 *share, u32 first,
			  u32 second, u32 third)
{
	KUNIT_EXPECT_EQ(test, share[0], first);
	KUNIT_EXPECT_EQ(test, share[1], second);
	KUNIT_EXPECT_EQ(test, share[2], third);
}

/* The shares of three paths, from what each has measured, as expected. */
struct shares_case {
	u32 fixed[3], best[3], queue[3], weight[3];
};

static void fill_and_expect(struct kunit *test, const struct shares_case *c,
			    u32 first, u32 second, u32 third)
{
	u32 share[3];

	mpvpn_rate_fill_shares(share, c->fixed, c->best, c->queue, c->weight,
			       3);
	expect_shares(test, share, first, second, third);
}

static void rate_fill_shares_cases(struct kunit *test)
{
	struct shares_case c = { .weight = { 1, 2, 1 } };
	u32 share[3];

	/* Nothing known: the weights, at a nominal rate each. */
	fill_and_expect(test, &c, 1000, 2000, 1000);
	/* One rate: the others are tried at its share. */
	c.best[1] = 30000;
	fill_and_expect(test, &c, 30000, 30000, 30000);
	/* Queues alike (within 2 ms): every path is held to its best. */
	c.best[0] = 40000;
	c.best[2] = 16000;
	c.queue[0] = 9000;
	c.queue[1] = 10000;
	c.queue[2] = 10500;
	fill_and_expect(test, &c, 40000, 30000, 16000);
	/* Shorter queues than the longest by 2 ms: an eighth more. */
	c.queue[2] = 12000;
	fill_and_expect(test, &c, 45000, 33750, 16000);
	/* By 4.5 and 3.5 ms: two eighths and one. */
	c.queue[2] = 13500;
	fill_and_expect(test, &c, 50000, 33750, 16000);
	/* Far shorter: a quarter more at the most. */
	c.queue[2] = 40000;
	fill_and_expect(test, &c, 50000, 37500, 16000);
	/* No wrap for a rate near the top of the range. */
	c.best[0] = U32_MAX - 1;
	mpvpn_rate_fill_shares(share, c.fixed, c.best, c.queue, c.weight, 3);
	KUNIT_EXPECT_EQ(test, share[0], U32_MAX);
	c.best[0] = 40000;
	/*
	 * A configured bandwidth wins, and its queue is not compared: the
	 * others' queues are alike again.
	 */
	c.fixed[2] = 20000;
	fill_and_expect(test, &c, 40000, 30000, 20000);
}

/*
 * The loop the estimator closes, in a model of one TCP flow over three
 * links of 40, 30 and 20 Mbit/s behind 10 ms: the flow sends 5 % more
 * than the links delivered a moment ago (it is clocked by their
 * acknowledgments), split by the shares. A link offered more than it
 * carries delivers its rate, and its RTT grows by 10 ms; once the flow
 * passes 50 Mbit/s every RTT grows by 6 ms more, as a busy CPU adds to
 * all paths alike. From 30 Mbit/s split evenly, the shares of the
 * traffic end within 5 points of 44/33/22 % and the links deliver at
 * least 90 % of their sum.
 */
static void rate_shares_converge(struct kunit *test)
{
	static const u32 capacity[3] = { 40000, 30000, 20000 };
	u32 fixed[3] = {}, best[3] = {}, queue[3] = {}, weight[3] = { 1, 1, 1 };
	u32 share[3], offered, delivered, total = 0, t, rtt, busy;
	struct mpvpn_rate rate[3] = {};
	u32 sending = 30000;
	u64 sum = 1;
	int i;

	for (t = 1; t < 20000; t += 250) {
		mpvpn_rate_fill_shares(share, fixed, best, queue, weight, 3);
		sum = share[0] + share[1] + share[2];
		busy = sending > 50000 ? 6000 : 0;
		total = 0;
		for (i = 0; i < 3; i++) {
			offered = div64_u64((u64)share[i] * sending, sum);
			delivered = min(offered, capacity[i]);
			rtt = 20000 + busy + (offered > capacity[i] ? 10000 : 0);
			mpvpn_rate_rtt(&rate[i], t, rtt);
			mpvpn_rate_sample(&rate[i], t, delivered);
			best[i] = mpvpn_rate_best(&rate[i]);
			queue[i] = mpvpn_rate_queue_us(&rate[i], rtt);
			total += delivered;
		}
		sending = total + total / 20;
	}
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_LE(test, abs((int)div64_u64(share[i] * 100ULL, sum) -
					  (int)(capacity[i] / 900)), 5);
	KUNIT_EXPECT_GE(test, total, 81000U);
}

static struct kunit_case mpvpn_rate_cases[] = {
	KUNIT_CASE(rate_kbps_from_acks),
	KUNIT_CASE(rate_queue_from_floor),
	KUNIT_CASE(rate_best_forgets_after_window),
	KUNIT_CASE(rate_fill_shares_cases),
	KUNIT_CASE(rate_shares_converge),
	{}
};

static struct kunit_suite mpvpn_rate_suite = {
	.name = "mpvpn_rate",
	.test_cases = mpvpn_rate_cases,
};

kunit_test_suite(mpvpn_rate_suite);
