/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a path demonstrably carries: aggregate mode's share of a path that
 * has no configured bandwidth (Documentation/scheduling.rst, "Learned
 * shares").
 */
#ifndef _MPVPN_RATE_H
#define _MPVPN_RATE_H

#include <linux/time64.h>
#include <linux/types.h>
#include <linux/win_minmax.h>

/* A sample spans at least this much time between two acknowledgments. */
#define MPVPN_RATE_SAMPLE_NS	(250 * NSEC_PER_MSEC)
/* The best rate is remembered this long; the lowest RTT, the other. */
#define MPVPN_RATE_WINDOW_MS	10000
#define MPVPN_RATE_FLOOR_WINDOW_MS	30000
/*
 * A path whose queue is at least this much shorter than the longest of
 * its tier has room: it is offered more ...
 */
#define MPVPN_RATE_QUEUE_MARGIN_US	2000
/*
 * ... 1/MPVPN_RATE_GAIN_DIV more than its best rate for each margin its
 * queue is shorter, up to MPVPN_RATE_GAIN_STEPS of them.
 */
#define MPVPN_RATE_GAIN_DIV	8
#define MPVPN_RATE_GAIN_STEPS	2
/* A weight's share, in kbit/s, before any path has a rate. */
#define MPVPN_RATE_KBPS_PER_WEIGHT	1000

/*
 * Per path, in struct mpvpn_health under its lock: the probe timer
 * samples, the receive path's acknowledgments move what it samples.
 */
struct mpvpn_rate {
	bool have_base;
	u32 base_seq;		/* the acknowledged path_seq a sample starts at */
	u64 base_ack_ns;	/* when that acknowledgment came */
	u64 base_tx_packets;
	u64 base_tx_bytes;
	struct minmax best_kbps;	/* delivery rate, windowed max */
	struct minmax rtt_floor_inv;	/* U32_MAX - probe RTT, windowed max */
};

/* One sample: @acked packets acknowledged over @ns, of @avg_bytes each. */
u32 mpvpn_rate_kbps(u32 acked, u32 avg_bytes, u64 ns);
void mpvpn_rate_sample(struct mpvpn_rate *rate, u32 now_ms, u32 kbps);
void mpvpn_rate_rtt(struct mpvpn_rate *rate, u32 now_ms, u32 rtt_us);
u32 mpvpn_rate_best(const struct mpvpn_rate *rate);
u32 mpvpn_rate_queue_us(const struct mpvpn_rate *rate, u32 srtt_us);
void mpvpn_rate_fill_shares(u32 *share, const u32 *fixed, const u32 *best,
			    const u32 *queue_us, const u32 *weight,
			    unsigned int count);

#endif /* _MPVPN_RATE_H */
