// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the health estimators on synthetic sequences and the state
 * machine with its hysteresis. Included at the end of health.c in the test
 * build.
 */

#include <kunit/test.h>

#define MS(x)	((u64)(x) * NSEC_PER_MSEC)

static void owd_peak_and_floor(struct kunit *test)
{
	/* The peer's clock is 10^12 ns behind ours: only differences count. */
	const s64 origin = 1000000000000LL;
	struct mpvpn_owd owd = { 0 };
	int i;

	mpvpn_owd_sample(&owd, origin + MS(10));
	KUNIT_EXPECT_TRUE(test, owd.valid);
	KUNIT_EXPECT_EQ(test, owd.peak_ns, origin + MS(10));
	KUNIT_EXPECT_EQ(test, owd.floor_ns, origin + MS(10));
	/* A queue of 30 ms: the peak takes it at once, the floor hardly. */
	mpvpn_owd_sample(&owd, origin + MS(40));
	KUNIT_EXPECT_EQ(test, owd.peak_ns, origin + MS(40));
	KUNIT_EXPECT_LT(test, owd.floor_ns, origin + MS(11));
	/* It drains: the peak comes down over tens of samples, not one. */
	mpvpn_owd_sample(&owd, origin + MS(10));
	KUNIT_EXPECT_GT(test, owd.peak_ns, origin + MS(39));
	for (i = 0; i < 400; i++)
		mpvpn_owd_sample(&owd, origin + MS(10));
	KUNIT_EXPECT_LT(test, owd.peak_ns, origin + MS(10) + 100000);
	KUNIT_EXPECT_EQ(test, owd.floor_ns, origin + MS(10));
	/* A sample 10 s off: the peer restarted its clock; start over. */
	mpvpn_owd_sample(&owd, 5);
	KUNIT_EXPECT_EQ(test, owd.peak_ns, 5);
	KUNIT_EXPECT_EQ(test, owd.floor_ns, 5);
}

static void rtt_smoothing(struct kunit *test)
{
	struct mpvpn_health_measure m = { 0 };
	int i;

	mpvpn_health_rtt_sample(&m, 10000);
	KUNIT_EXPECT_EQ(test, m.srtt_us, 10000);
	KUNIT_EXPECT_EQ(test, m.jitter_us, 0);
	/* One spike moves the smoothed RTT by an eighth of the difference. */
	mpvpn_health_rtt_sample(&m, 18000);
	KUNIT_EXPECT_EQ(test, m.rtt_us, 18000);
	KUNIT_EXPECT_EQ(test, m.srtt_us, 11000);
	KUNIT_EXPECT_EQ(test, m.jitter_us, 500);
	/* A lasting step converges. */
	for (i = 0; i < 100; i++)
		mpvpn_health_rtt_sample(&m, 300000);
	KUNIT_EXPECT_GE(test, m.srtt_us, 299000);
	KUNIT_EXPECT_LE(test, m.srtt_us, 300000);
}

/* Alternating 10 and 30 ms: |delta| is 20 ms, jitter tends to it. */
static void jitter_rfc3550(struct kunit *test)
{
	struct mpvpn_health_measure m = { 0 };
	int i;

	for (i = 0; i < 200; i++)
		mpvpn_health_rtt_sample(&m, i % 2 ? 30000 : 10000);
	KUNIT_EXPECT_GE(test, m.jitter_us, 19900);
	KUNIT_EXPECT_LE(test, m.jitter_us, 20000);
	KUNIT_EXPECT_GE(test, m.srtt_us, 10000);
	KUNIT_EXPECT_LE(test, m.srtt_us, 30000);
}

static void fill_ring(struct mpvpn_probe_slot *ring, u32 first, u32 count,
		      u64 sent_ns, u64 step_ns, u32 lost_every)
{
	u32 i, id;

	for (i = 0; i < count; i++) {
		id = first + i;
		ring[id % MPVPN_PROBE_RING] = (struct mpvpn_probe_slot) {
			.id = id,
			.sent_ns = sent_ns + i * step_ns,
			.answered = !lost_every || (i + 1) % lost_every,
		};
	}
}

static void loss_window(struct kunit *test)
{
	struct mpvpn_probe_slot *ring;
	u64 now;

	ring = kunit_kcalloc(test, MPVPN_PROBE_RING, sizeof(*ring), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ring);
	/* 100 probes 100 ms apart, every tenth lost; ids wrap around. */
	fill_ring(ring, U32_MAX - 49, 100, MS(1000), MS(100), 10);
	now = MS(1000) + MS(100) * 100;
	KUNIT_EXPECT_EQ(test, mpvpn_health_loss(ring, U32_MAX - 49 + 100, 20,
						0, MS(300), now, true), 100);
	/* Unanswered probes younger than the timeout are not judged yet. */
	fill_ring(ring, 1000, 30, MS(1000), MS(100), 0);
	ring[1029 % MPVPN_PROBE_RING].answered = false;
	ring[1028 % MPVPN_PROBE_RING].answered = false;
	now = MS(1000) + MS(100) * 29 + MS(250);
	KUNIT_EXPECT_EQ(test, mpvpn_health_loss(ring, 1030, 20, 0, MS(300), now,
						true), 50);
	now += MS(200);
	KUNIT_EXPECT_EQ(test, mpvpn_health_loss(ring, 1030, 20, 0, MS(300), now,
						true), 100);
	/* A fresh path: history it does not have counts as answered. */
	memset(ring, 0, MPVPN_PROBE_RING * sizeof(*ring));
	fill_ring(ring, 7, 3, MS(1000), MS(100), 3);
	KUNIT_EXPECT_EQ(test, mpvpn_health_loss(ring, 10, 20, 0, MS(300),
						MS(5000), true), 50);
	/* Probes sent before the peer first answered are not held against it. */
	fill_ring(ring, 7, 3, MS(1000), MS(100), 1);
	KUNIT_EXPECT_EQ(test, mpvpn_health_loss(ring, 10, 20, 0, MS(300),
						MS(5000), true), 150);
	KUNIT_EXPECT_EQ(test, mpvpn_health_loss(ring, 10, 20, MS(1100), MS(300),
						MS(5000), true), 100);
	/*
	 * Loss lately: a probe lost while the path was queueing may have
	 * been dropped by a full queue, and is left out unless asked for.
	 */
	fill_ring(ring, 7, 3, MS(1000), MS(100), 1);
	ring[8 % MPVPN_PROBE_RING].queued = true;
	KUNIT_EXPECT_EQ(test, mpvpn_health_loss(ring, 10, 20, 0, MS(300),
						MS(5000), false), 100);
	KUNIT_EXPECT_EQ(test, mpvpn_health_loss(ring, 10, 20, 0, MS(300),
						MS(5000), true), 150);
}

static struct mpvpn_health_config test_config(void)
{
	struct mpvpn_health_config cfg;

	mpvpn_health_config_defaults(&cfg);
	return cfg;
}

static void fresh_path_up_on_first_answer(struct kunit *test)
{
	struct mpvpn_health_config cfg = test_config();
	struct mpvpn_health_assessment a = {
		.state = MPVPN_PATH_STATE_DOWN,
		.reason = MPVPN_REASON_PROBING,
	};
	struct mpvpn_health_measure m = { 0 };

	KUNIT_EXPECT_FALSE(test, mpvpn_health_evaluate(&a, &m, &cfg, false, MS(1)));
	KUNIT_EXPECT_EQ(test, a.reason, MPVPN_REASON_PROBING);
	mpvpn_health_rtt_sample(&m, 5000);
	KUNIT_EXPECT_TRUE(test, mpvpn_health_evaluate(&a, &m, &cfg, true, MS(2)));
	KUNIT_EXPECT_EQ(test, a.state, MPVPN_PATH_STATE_UP);
	/* Silence: down for lost probes now that it has been alive. */
	KUNIT_EXPECT_TRUE(test, mpvpn_health_evaluate(&a, &m, &cfg, false, MS(3)));
	KUNIT_EXPECT_EQ(test, a.state, MPVPN_PATH_STATE_DOWN);
	KUNIT_EXPECT_EQ(test, a.reason, MPVPN_REASON_PROBES_LOST);
}

/* Silence counts only as far as probes went out in it. */
static void misses_need_probes(struct kunit *test)
{
	/* A black hole: one probe per interval, none acknowledged. */
	KUNIT_EXPECT_EQ(test, mpvpn_health_misses(MS(299), MS(100), 3), 2);
	KUNIT_EXPECT_EQ(test, mpvpn_health_misses(MS(300), MS(100), 3), 3);
	/* This host stalled 500 ms: one probe sent since, not yet a miss. */
	KUNIT_EXPECT_EQ(test, mpvpn_health_misses(MS(600), MS(100), 1), 1);
	KUNIT_EXPECT_EQ(test, mpvpn_health_misses(MS(600), MS(100), 2), 2);
	/* Just acknowledged. */
	KUNIT_EXPECT_EQ(test, mpvpn_health_misses(0, MS(100), 0), 0);
	KUNIT_EXPECT_EQ(test, mpvpn_health_misses(MS(20), MS(10), 200), 2);
}

/* After a failure: degraded while healthy for less than the hold time. */
static void recovery_needs_hold(struct kunit *test)
{
	struct mpvpn_health_config cfg = test_config();
	struct mpvpn_health_assessment a = {
		.state = MPVPN_PATH_STATE_UP,
		.reason = MPVPN_REASON_RECOVERED,
		.proven = true,
	};
	struct mpvpn_health_measure m = { .have_rtt = true, .srtt_us = 5000 };
	u64 t = MS(10000), hold = MS(MPVPN_HOLD_MS_DEFAULT);

	mpvpn_health_evaluate(&a, &m, &cfg, false, t);
	KUNIT_EXPECT_EQ(test, a.state, MPVPN_PATH_STATE_DOWN);
	mpvpn_health_evaluate(&a, &m, &cfg, true, t + MS(100));
	KUNIT_EXPECT_EQ(test, a.state, MPVPN_PATH_STATE_DEGRADED);
	KUNIT_EXPECT_EQ(test, a.reason, MPVPN_REASON_PROBES_LOST);
	mpvpn_health_evaluate(&a, &m, &cfg, true, t + MS(100) + hold - 1);
	KUNIT_EXPECT_EQ(test, a.state, MPVPN_PATH_STATE_DEGRADED);
	mpvpn_health_evaluate(&a, &m, &cfg, true, t + MS(100) + hold);
	KUNIT_EXPECT_EQ(test, a.state, MPVPN_PATH_STATE_UP);
	KUNIT_EXPECT_EQ(test, a.reason, MPVPN_REASON_RECOVERED);
}

/*
 * Latency oscillating around the failure level: one transition to
 * degraded, none back while it keeps crossing the level, then up only
 * after a hold time below the recovery level.
 */
static void no_flap_around_threshold(struct kunit *test)
{
	struct mpvpn_health_config cfg = test_config();
	struct mpvpn_health_assessment a = {
		.state = MPVPN_PATH_STATE_UP,
		.reason = MPVPN_REASON_RECOVERED,
		.proven = true,
	};
	struct mpvpn_health_measure m = { .have_rtt = true };
	u32 fail = MPVPN_LATENCY_FAIL_MS_DEFAULT * 1000;
	unsigned int changes = 0, i;
	u64 t = MS(1000);

	for (i = 0; i < 200; i++, t += MS(100)) {
		m.srtt_us = i % 2 ? fail + 5000 : fail - 5000;
		changes += mpvpn_health_evaluate(&a, &m, &cfg, true, t);
	}
	KUNIT_EXPECT_EQ(test, changes, 1);
	KUNIT_EXPECT_EQ(test, a.state, MPVPN_PATH_STATE_DEGRADED);
	KUNIT_EXPECT_EQ(test, a.reason, MPVPN_REASON_LATENCY);

	/* Between the levels it stays degraded, however long. */
	m.srtt_us = (MPVPN_LATENCY_RECOVER_MS_DEFAULT + 10) * 1000;
	for (i = 0; i < 100; i++, t += MS(100))
		changes += mpvpn_health_evaluate(&a, &m, &cfg, true, t);
	KUNIT_EXPECT_EQ(test, a.state, MPVPN_PATH_STATE_DEGRADED);

	/* And an up path between the levels stays up. */
	m.srtt_us = 5000;
	for (i = 0; i <= MPVPN_HOLD_MS_DEFAULT / 100; i++, t += MS(100))
		changes += mpvpn_health_evaluate(&a, &m, &cfg, true, t);
	KUNIT_EXPECT_EQ(test, a.state, MPVPN_PATH_STATE_UP);
	m.srtt_us = (MPVPN_LATENCY_RECOVER_MS_DEFAULT + 10) * 1000;
	for (i = 0; i < 100; i++, t += MS(100))
		changes += mpvpn_health_evaluate(&a, &m, &cfg, true, t);
	KUNIT_EXPECT_EQ(test, a.state, MPVPN_PATH_STATE_UP);
	KUNIT_EXPECT_EQ(test, changes, 2);
}

static void degraded_reasons(struct kunit *test)
{
	struct mpvpn_health_config cfg = test_config();
	struct mpvpn_health_assessment a = {
		.state = MPVPN_PATH_STATE_UP,
		.proven = true,
	};
	struct mpvpn_health_measure m = { .have_rtt = true, .srtt_us = 5000 };

	m.loss_permille = MPVPN_LOSS_FAIL_PERMILLE_DEFAULT + 1;
	mpvpn_health_evaluate(&a, &m, &cfg, true, MS(1));
	KUNIT_EXPECT_EQ(test, a.reason, MPVPN_REASON_LOSS);
	m.jitter_us = (MPVPN_JITTER_FAIL_MS_DEFAULT + 1) * 1000;
	mpvpn_health_evaluate(&a, &m, &cfg, true, MS(2));
	KUNIT_EXPECT_EQ(test, a.reason, MPVPN_REASON_JITTER);
	KUNIT_EXPECT_EQ(test, a.state, MPVPN_PATH_STATE_DEGRADED);
}

static void config_levels_checked(struct kunit *test)
{
	struct mpvpn_health_config cfg = test_config();
	struct netlink_ext_ack extack = { 0 };

	KUNIT_EXPECT_EQ(test, mpvpn_health_config_check(&cfg, &extack), 0);
	cfg.value[MPVPN_HEALTH_A_LATENCY_RECOVER_MS] =
		cfg.value[MPVPN_HEALTH_A_LATENCY_FAIL_MS];
	KUNIT_EXPECT_EQ(test, mpvpn_health_config_check(&cfg, &extack), -EINVAL);
	KUNIT_ASSERT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_NOT_NULL(test, strstr(extack._msg, "latency"));
	cfg = test_config();
	cfg.value[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE] = 900;
	KUNIT_EXPECT_EQ(test, mpvpn_health_config_check(&cfg, &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, strstr(extack._msg, "loss"));
}

static struct kunit_case mpvpn_health_cases[] = {
	KUNIT_CASE(owd_peak_and_floor),
	KUNIT_CASE(rtt_smoothing),
	KUNIT_CASE(jitter_rfc3550),
	KUNIT_CASE(loss_window),
	KUNIT_CASE(fresh_path_up_on_first_answer),
	KUNIT_CASE(misses_need_probes),
	KUNIT_CASE(recovery_needs_hold),
	KUNIT_CASE(no_flap_around_threshold),
	KUNIT_CASE(degraded_reasons),
	KUNIT_CASE(config_levels_checked),
	{}
};

static struct kunit_suite mpvpn_health_suite = {
	.name = "mpvpn_health",
	.test_cases = mpvpn_health_cases,
};

kunit_test_suite(mpvpn_health_suite);
