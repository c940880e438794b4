/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Path health: in-band probes, the measures taken from them (RTT, jitter,
 * loss, silence) and the in-band assessment (up, degraded, down) with its
 * hysteresis. Documentation/health.rst describes the behaviour.
 */
#ifndef _MPVPN_HEALTH_H
#define _MPVPN_HEALTH_H

#include <linux/netlink.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/mpvpn.h>

#include "rate.h"

struct mpvpn_device;
struct mpvpn_path;

/* Thresholds, indexed by MPVPN_HEALTH_A_* (RESET and UNSPEC unused). */
struct mpvpn_health_config {
	u32 value[MPVPN_HEALTH_A_MAX + 1];
};

/* Probes remembered for RTT and loss; at least the largest loss window. */
#define MPVPN_PROBE_RING	128

struct mpvpn_probe_slot {
	u64 sent_ns;
	u32 id;
	bool answered;
	bool queued;	/* sent while the path had a queue (loss lately) */
};

/*
 * A probe is sent "queued" when the path's RTT is this far above its
 * lowest: if it is lost, a full queue may have dropped it, and aggregate
 * mode does not hold that against the path (schedule.c). fq_codel starts
 * dropping at 5 ms of queue.
 */
#define MPVPN_PROBE_QUEUED_US	4000

/* The estimators, kept apart from the path for KUnit. */
struct mpvpn_health_measure {
	bool have_rtt;
	u32 rtt_us;		/* latest sample */
	u32 srtt_us;		/* 7/8 old + 1/8 sample, as TCP */
	u32 jitter_us;		/* RFC 3550: 15/16 old + 1/16 |delta| */
	u32 loss_permille;
	u32 loss_lately_permille;	/* over the whole ring: aggregate mode */
	u32 misses;		/* probes lost since the last acknowledgment */
	u32 rate_kbps;		/* best delivery rate lately (rate.c), 0: none */
	u32 queue_us;		/* smoothed RTT above the lowest lately */
};

/*
 * The one-way delay from the peer on a path, read off the send times of
 * the peer's probes and replies, so up to the unknown origin of the
 * peer's clock, which is the same on all its paths. Kept as the highest
 * recent value (up at once, down by 1/64 of the distance per sample) and
 * the lowest (the mirror image): between the fastest path's low and the
 * slowest path's high lies how long a packet may trail one sent after it.
 */
struct mpvpn_owd {
	bool valid;
	s64 peak_ns;
	s64 floor_ns;
};

/* A sample this far from the estimates: the peer restarted; start over. */
#define MPVPN_OWD_RESTART_NS	(10 * NSEC_PER_SEC)

/* What the state machine remembers between evaluations. */
struct mpvpn_health_assessment {
	u8 state;		/* enum mpvpn_path_state */
	u8 reason;		/* enum mpvpn_reason of @state */
	bool proven;		/* has been up since the last reset */
	u64 healthy_since_ns;	/* 0: some measure is past its recovery level */
};

/*
 * Per path. @lock (taken with BHs off: the timer and the receive path run
 * in softirq) guards everything below it. The data path reads
 * @assessment.state with READ_ONCE() and nothing else.
 */
struct mpvpn_health {
	struct timer_list timer;
	spinlock_t lock;		/* BH: timer and receive are softirq */
	bool running;			/* the timer may re-arm itself */
	u32 next_probe_id;
	u64 next_probe_ns;
	struct mpvpn_probe_slot ring[MPVPN_PROBE_RING];

	/*
	 * The peer's report of the last path_seq it received from us. Loss
	 * counts only probes sent after the first report: before it there
	 * was no peer to answer (a new path, a peer not configured yet).
	 */
	bool have_ack;
	u64 loss_since_ns;
	u32 acked_seq;
	u64 last_ack_ns;
	u32 probes_since_ack;

	struct mpvpn_health_measure measure;
	struct mpvpn_rate rate;
	struct mpvpn_owd owd;
	struct mpvpn_health_assessment assessment;
	u64 probes_sent;
	u64 probes_answered;
};

void mpvpn_health_config_defaults(struct mpvpn_health_config *cfg);
int mpvpn_health_config_check(const struct mpvpn_health_config *cfg,
			      struct netlink_ext_ack *extack);

void mpvpn_health_init(struct mpvpn_path *path);
void mpvpn_health_start(struct mpvpn_path *path);
void mpvpn_health_stop(struct mpvpn_path *path);

void mpvpn_health_acked(struct mpvpn_path *path, u32 acked_seq);
bool mpvpn_health_answered(struct mpvpn_path *path, u32 probe_id);
void mpvpn_health_peer_sent(struct mpvpn_path *path, u64 peer_sent_ns);

/* A consistent copy for dumps, events and log lines. */
void mpvpn_health_snapshot(struct mpvpn_path *path,
			   struct mpvpn_health_measure *measure,
			   struct mpvpn_health_assessment *assessment,
			   u64 *probes_sent, u64 *probes_answered);

/* Pure parts, shared with KUnit. */
void mpvpn_health_rtt_sample(struct mpvpn_health_measure *m, u32 rtt_us);
void mpvpn_owd_sample(struct mpvpn_owd *owd, s64 sample_ns);
u32 mpvpn_health_misses(u64 silent_ns, u64 interval_ns, u32 probes_since_ack);
u32 mpvpn_health_loss(const struct mpvpn_probe_slot *ring, u32 next_id,
		      u32 window, u64 since_ns, u64 timeout_ns, u64 now_ns,
		      bool count_queued);
bool mpvpn_health_evaluate(struct mpvpn_health_assessment *a,
			   const struct mpvpn_health_measure *m,
			   const struct mpvpn_health_config *cfg, bool alive,
			   u64 now_ns);

static inline u32 mpvpn_health_get(const struct mpvpn_health_config *cfg,
				   int attr)
{
	return READ_ONCE(cfg->value[attr]);
}

#endif /* _MPVPN_HEALTH_H */
