// SPDX-License-Identifier: GPL-2.0
/*
 * The delivery rate of a path and the share it earns in aggregate mode
 * (rate.h). The samples come from the peer's acknowledgments of our
 * path_seq (the ack_seq of its probes and replies, health.c): how many of
 * our packets it received in a quarter second, at the average size of
 * what we sent. A path is only seen to carry more once it is given more,
 * so a path whose queue is shorter than the longest of its tier is
 * offered more than its best, an eighth for each 2 ms up to a quarter;
 * the others are held to their best. The shares then settle where all
 * queues are alike, in the ratio of what the links carry, whatever their
 * configuration says. (One TCP flow sends about what the paths deliver,
 * so the fastest path is not offered more than the slowest unless the
 * shares lean towards it.)
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

/* How far the smoothed RTT is above the lowest of the window, in µs. */
u32 mpvpn_rate_queue_us(const struct mpvpn_rate *rate, u32 srtt_us)
{
	u32 floor = rtt_floor(rate);

	return floor && srtt_us > floor ? srtt_us - floor : 0;
}

/*
 * How many eighths more than its best rate a path is offered: one for
 * each MPVPN_RATE_QUEUE_MARGIN_US its queue is shorter than @longest, up
 * to MPVPN_RATE_GAIN_STEPS. A path far from the longest queue is far from
 * full: when one TCP flow started over paths whose first samples were
 * taken in its slow start, the fastest link was offered an eighth more
 * than it had been seen to carry, sample after sample, and took 16 s to
 * be offered its rate.
 */
static u32 gain_steps(u32 queue_us, u32 longest)
{
	if (queue_us >= longest)
		return 0;
	return min_t(u32, (longest - queue_us) / MPVPN_RATE_QUEUE_MARGIN_US,
		     MPVPN_RATE_GAIN_STEPS);
}

/*
 * The shares of a tier. A configured bandwidth wins. A path with a rate
 * gets its best rate, and more if its queue is shorter than the longest
 * queue of the tier by MPVPN_RATE_QUEUE_MARGIN_US or more (gain_steps()):
 * the queues are compared with each other, not with a threshold, because
 * a delay all paths share (a busy CPU at either end) is no path's queue.
 * A path with neither (it has carried nothing yet) gets the largest share
 * of the others, so that it is tried at a rate worth measuring; when no
 * path has one, the weights split the traffic. They are scaled to rates
 * of the same order as what is measured: the fair queueing's virtual time
 * runs on, and a path whose last packet was charged at a weight of 1
 * against shares in kbit/s would wait for thousands of packets once the
 * first rate is learned.
 */
void mpvpn_rate_fill_shares(u32 *share, const u32 *fixed, const u32 *best,
			    const u32 *queue_us, const u32 *weight,
			    unsigned int count)
{
	u32 top = 0, longest = 0;
	unsigned int i;

	for (i = 0; i < count; i++)
		if (!fixed[i] && best[i])
			longest = max(longest, queue_us[i]);
	for (i = 0; i < count; i++) {
		share[i] = fixed[i] ?: best[i];
		if (!fixed[i] && best[i])
			share[i] = min_t(u64, U32_MAX, share[i] +
					 (u64)best[i] / MPVPN_RATE_GAIN_DIV *
					 gain_steps(queue_us[i], longest));
		top = max(top, share[i]);
	}
	for (i = 0; i < count; i++)
		if (!share[i])
			share[i] = top ?: weight[i] * MPVPN_RATE_KBPS_PER_WEIGHT;
}

#ifdef MPVPN_KUNIT
#include "tests/rate_test.c"
#endif
