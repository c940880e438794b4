// SPDX-License-Identifier: GPL-2.0
/*
 * The delivery rate of a path and the share it earns in aggregate mode
 * (rate.h). The samples come from the peer's acknowledgments of our
 * path_seq (the ack_seq of its probes and replies, health.c): how many of
 * our packets it received in a quarter second, at the average size of
 * what we sent. A path is only seen to carry more once it is given more,
 * so a path that shows no queue is offered an eighth more than its best;
 * one whose RTT shows a queue is held to its best. The shares of the
 * paths then settle where their queues start, in the ratio of what the
 * links carry, whatever their configuration says. (One TCP flow sends
 * about what the paths deliver, so the fastest path is not offered more
 * than the slowest unless the shares lean towards it.)
 *
 * Only the pure parts are here; the state lives under the health lock.
 */

#include "rate.h"

#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/time64.h>

u32 mpvpn_rate_kbps(u32 acked, u32 avg_bytes, u64 ns)
{
	/* Bits per millisecond, from microseconds: below 2^51 * 1000. */
	u64 bits = (u64)acked * avg_bytes * 8;
	u64 us = div_u64(ns, NSEC_PER_USEC);

	if (!us)
		return 0;
	return min_t(u64, div64_u64(bits * USEC_PER_MSEC, us), U32_MAX);
}

void mpvpn_rate_sample(struct mpvpn_rate *rate, u32 now_ms, u32 kbps)
{
	minmax_running_max(&rate->best_kbps, MPVPN_RATE_WINDOW_MS, now_ms,
			   kbps);
}

/*
 * The kernel exports the windowed maximum only: the lowest RTT is the
 * highest of U32_MAX - RTT.
 */
void mpvpn_rate_rtt(struct mpvpn_rate *rate, u32 now_ms, u32 rtt_us)
{
	if (rtt_us)
		minmax_running_max(&rate->rtt_floor_inv,
				   MPVPN_RATE_FLOOR_WINDOW_MS, now_ms,
				   U32_MAX - rtt_us);
}

static u32 rtt_floor(const struct mpvpn_rate *rate)
{
	u32 inv = minmax_get(&rate->rtt_floor_inv);

	return inv ? U32_MAX - inv : 0;
}

u32 mpvpn_rate_best(const struct mpvpn_rate *rate)
{
	return minmax_get(&rate->best_kbps);
}

static bool queueing(const struct mpvpn_rate *rate, u32 srtt_us)
{
	u32 floor = rtt_floor(rate);

	return floor && srtt_us > floor + max(floor / 4, MPVPN_RATE_QUEUE_MIN_US);
}

/*
 * 0: the path has carried nothing measurable lately. The share of a path
 * whose queue builds is its best rate, a steady value: more would only
 * lengthen the queue, and less would move traffic about on the noise of
 * one sample.
 */
u32 mpvpn_rate_share(const struct mpvpn_rate *rate, u32 srtt_us)
{
	u32 best = mpvpn_rate_best(rate);

	if (queueing(rate, srtt_us))
		return best;
	return best + best / MPVPN_RATE_GAIN_DIV;
}

/*
 * The shares of a tier: the configured bandwidth where there is one, else
 * the learned share. A path with neither (it has carried nothing yet)
 * gets the largest of the others, so that it is tried at a rate worth
 * measuring; when no path has one, the weights split the traffic. They
 * are scaled to rates of the same order as what is measured: the fair
 * queueing's virtual time runs on, and a path whose last packet was
 * charged at a weight of 1 against shares in kbit/s would wait for
 * thousands of packets once the first rate is learned.
 */
void mpvpn_rate_fill_shares(u32 *share, const u32 *fixed, const u32 *learned,
			    const u32 *weight, unsigned int count)
{
	unsigned int i;
	u32 top = 0;

	for (i = 0; i < count; i++) {
		share[i] = fixed[i] ?: learned[i];
		top = max(top, share[i]);
	}
	for (i = 0; i < count; i++)
		if (!share[i])
			share[i] = top ?: weight[i] * MPVPN_RATE_KBPS_PER_WEIGHT;
}

#ifdef MPVPN_KUNIT
#include "tests/rate_test.c"
#endif
