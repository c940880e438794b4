// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the per-source budget of handshake work (ratelimit.c), with a
 * clock the test moves.
 */

#include <kunit/test.h>
#include <linux/in6.h>

static struct mpvpn_ratelimit *test_ratelimit(struct kunit *test)
{
	struct mpvpn_ratelimit *rl = kunit_kzalloc(test, sizeof(*rl),
						   GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, rl);
	mpvpn_ratelimit_init(rl);
	return rl;
}

/* How many of @n messages at @now the address may send. */
static unsigned int allowed(struct mpvpn_ratelimit *rl, const __be32 *addr,
			    unsigned int n, u64 now)
{
	unsigned int i, ok = 0;

	for (i = 0; i < n; i++)
		ok += mpvpn_ratelimit_allow(rl, AF_INET, addr, now);
	return ok;
}

static void ratelimit_burst_then_rate(struct kunit *test)
{
	struct mpvpn_ratelimit *rl = test_ratelimit(test);
	__be32 addr = htonl(0xc0000201);
	u64 now = 10 * NSEC_PER_SEC;
	unsigned int i, total = 0;

	/* A burst, then nothing until the bucket refills. */
	KUNIT_EXPECT_EQ(test, allowed(rl, &addr, 50, now),
			MPVPN_RATELIMIT_BURST);
	KUNIT_EXPECT_EQ(test, allowed(rl, &addr, 1, now + NSEC_PER_MSEC), 0);
	/* One message's worth of time buys one message. */
	now += MPVPN_RATELIMIT_COST;
	KUNIT_EXPECT_EQ(test, allowed(rl, &addr, 5, now), 1);
	/* A second of tries at three times the rate: the rate, not more. */
	for (i = 1; i <= MPVPN_RATELIMIT_PER_SECOND; i++)
		total += allowed(rl, &addr, 3, now + i * MPVPN_RATELIMIT_COST);
	KUNIT_EXPECT_EQ(test, total, MPVPN_RATELIMIT_PER_SECOND);
	/* A long pause refills the burst, not more. */
	KUNIT_EXPECT_EQ(test, allowed(rl, &addr, 100, now + 60 * NSEC_PER_SEC),
			MPVPN_RATELIMIT_BURST);
}

static void ratelimit_sources_apart(struct kunit *test)
{
	struct mpvpn_ratelimit *rl = test_ratelimit(test);
	struct in6_addr six = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } };
	__be32 flood = htonl(0xc6336401), peer = htonl(0xc0000201);
	u64 now = NSEC_PER_SEC;

	KUNIT_EXPECT_EQ(test, allowed(rl, &flood, 1000, now),
			MPVPN_RATELIMIT_BURST);
	/* A source that spent its budget costs the others nothing. */
	KUNIT_EXPECT_EQ(test, allowed(rl, &peer, 1, now), 1);
	KUNIT_EXPECT_TRUE(test, mpvpn_ratelimit_allow(rl, AF_INET6, &six, now));
	KUNIT_EXPECT_EQ(test, allowed(rl, &flood, 1, now), 0);
}

static void ratelimit_clock_backwards(struct kunit *test)
{
	struct mpvpn_ratelimit *rl = test_ratelimit(test);
	__be32 addr = htonl(0x0a000001);
	u64 now = 5 * NSEC_PER_SEC;

	KUNIT_EXPECT_EQ(test, allowed(rl, &addr, 10, now),
			MPVPN_RATELIMIT_BURST);
	/* An earlier time refills nothing (and does not wrap). */
	KUNIT_EXPECT_EQ(test, allowed(rl, &addr, 10, now - NSEC_PER_SEC), 0);
	KUNIT_EXPECT_EQ(test, allowed(rl, &addr, 10, now), 0);
}

static struct kunit_case mpvpn_ratelimit_cases[] = {
	KUNIT_CASE(ratelimit_burst_then_rate),
	KUNIT_CASE(ratelimit_sources_apart),
	KUNIT_CASE(ratelimit_clock_backwards),
	{}
};

static struct kunit_suite mpvpn_ratelimit_suite = {
	.name = "mpvpn_ratelimit",
	.test_cases = mpvpn_ratelimit_cases,
};

kunit_test_suite(mpvpn_ratelimit_suite);
