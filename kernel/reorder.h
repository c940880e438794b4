/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The receive side of aggregate mode: packets the peer spread over paths
 * of different delay are put back in the order of their data counter
 * before the stack sees them. Each session counts from 0: the ring
 * follows the newest session, and a packet of an older one, late by
 * then, goes through at once. Documentation/scheduling.rst describes it.
 */
#ifndef _MPVPN_REORDER_H
#define _MPVPN_REORDER_H

#include <linux/bits.h>
#include <linux/hrtimer.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/types.h>

struct mpvpn_device;

/*
 * Packets held at most: the counter span the buffer covers. A hole is
 * given up when a packet this far past it arrives. 1024 packets are 120
 * ms of a saturated 100 Mbit/s tunnel at 1400 bytes.
 */
#define MPVPN_REORDER_SLOTS	1024
/* Packets waiting for the poll in the per-CPU inboxes; beyond: dropped. */
#define MPVPN_REORDER_INBOX_MAX	4096
/* A counter this far behind the expected one: the peer restarted. */
#define MPVPN_REORDER_RESTART	BIT_ULL(32)
/* The wait for a hole before any path measured a delay, and its floor. */
#define MPVPN_REORDER_WAIT_MIN_US	2000

/* What the ring did with the packets it was given; summed by the caller. */
struct mpvpn_reorder_counts {
	u64 reordered;		/* held until the packets before them came */
	u64 late;		/* came after their hole was given up */
	u64 timed_out;		/* holes given up after the wait */
	u64 overflowed;		/* holes given up: the span was exceeded */
};

/*
 * The buffer itself, a ring indexed by counter modulo the size. Owned by
 * whoever runs the NAPI poll: NAPI never runs two polls of one instance
 * at once, so it needs no lock.
 */
struct mpvpn_reorder_ring {
	bool started;
	/*
	 * Whose counters @next counts: the session's id (session.h), which
	 * grows with every session, or 0 in plaintext.
	 */
	u64 space;
	u64 next;			/* the counter delivered next */
	unsigned int held;
	u64 hole_since_ns;		/* since when @next has been missing */
	u64 gave_up_since_ns;		/* the last hole given up, since when */
	/*
	 * How long filled holes had been waited for: the largest of this
	 * window and of the one before (windows of MPVPN_REORDER_LAG_WINDOW).
	 */
	u64 lag_window_ns;		/* start of the current window */
	u64 lag_max_ns[2];		/* current, previous */
	struct sk_buff *slot[MPVPN_REORDER_SLOTS];
	u64 arrived_ns[MPVPN_REORDER_SLOTS];
};

/* Filled holes remembered for one to two of these. */
#define MPVPN_REORDER_LAG_WINDOW	NSEC_PER_SEC

/* Pure parts, shared with KUnit: packets ready to deliver go to @ready. */
void mpvpn_reorder_ring_add(struct mpvpn_reorder_ring *ring,
			    struct sk_buff *skb, u64 space, u64 counter,
			    u64 now_ns, struct sk_buff_head *ready,
			    struct mpvpn_reorder_counts *counts);
u64 mpvpn_reorder_ring_expire(struct mpvpn_reorder_ring *ring, u64 now_ns,
			      u64 wait_ns, u64 cap_ns,
			      struct sk_buff_head *ready,
			      struct mpvpn_reorder_counts *counts);
u64 mpvpn_reorder_lag_wait(struct mpvpn_reorder_ring *ring, u64 now_ns);
void mpvpn_reorder_ring_flush(struct mpvpn_reorder_ring *ring,
			      struct sk_buff_head *ready);
u32 mpvpn_reorder_wait_us(u32 srtt_min_us, u32 srtt_max_us, u32 owd_spread_us,
			  u32 jitter_us, u32 cap_ms);

/*
 * Per device. Receive, on any CPU, drops a packet into that CPU's inbox
 * (a lock only that CPU and the poll ever take, the poll once per batch)
 * and schedules the NAPI instance; the poll drains the inboxes into the
 * ring and hands what is in order to GRO. A timer brings the poll back
 * when the oldest hole's wait runs out.
 */
struct mpvpn_reorder {
	struct napi_struct napi;
	struct hrtimer timer;
	struct mpvpn_device *mpvpn;
	struct sk_buff_head __percpu *inbox;
	atomic_t queued;		/* packets in the inboxes */
	u64 wait_ns;			/* written by the probes, read by the poll */
	u64 lag_wait_ns;		/* the ring's, published by the poll */
	u32 wait_cap_ms;		/* RTNL writes */
	/* The poll's own. */
	struct mpvpn_reorder_ring ring;
	struct sk_buff_head ready;
};

int mpvpn_reorder_init(struct mpvpn_device *mpvpn);
void mpvpn_reorder_uninit(struct mpvpn_device *mpvpn);
void mpvpn_reorder_open(struct mpvpn_device *mpvpn);
void mpvpn_reorder_stop(struct mpvpn_device *mpvpn);
void mpvpn_reorder_enqueue(struct mpvpn_device *mpvpn, struct sk_buff *skb,
			   u64 space, u64 counter);
void mpvpn_reorder_update_wait(struct mpvpn_device *mpvpn);
u64 mpvpn_reorder_wait_ns(struct mpvpn_device *mpvpn);

#endif /* _MPVPN_REORDER_H */
