// SPDX-License-Identifier: GPL-2.0
/*
 * Reordering for aggregate mode (reorder.h): the ring, the per-CPU inboxes
 * that feed it without a lock shared by every CPU, the NAPI poll that
 * owns it, and the wait for a hole derived from the paths' delays.
 */

#include "reorder.h"
#include "device.h"
#include "compat.h"
#include "path.h"

#include <linux/rculist.h>

/* The ring */

static unsigned int slot_of(u64 counter)
{
	return counter % MPVPN_REORDER_SLOTS;
}

static void release(struct mpvpn_reorder_ring *ring, unsigned int idx,
		    struct sk_buff_head *ready)
{
	__skb_queue_tail(ready, ring->slot[idx]);
	ring->slot[idx] = NULL;
	ring->held--;
}

/* Delivers the packets that directly follow @next. */
static void release_run(struct mpvpn_reorder_ring *ring,
			struct sk_buff_head *ready)
{
	unsigned int idx;

	while (ring->held && ring->slot[idx = slot_of(ring->next)]) {
		release(ring, idx, ready);
		ring->next++;
	}
}

/*
 * After the hole at @next moved: it has been waited for since the first
 * packet past it arrived. Packets on one path arrive in order, so the
 * first held one is, within the wait's margin, the one that came first.
 */
static void restart_hole_clock(struct mpvpn_reorder_ring *ring)
{
	u64 counter = ring->next;
	unsigned int idx;

	if (!ring->held)
		return;
	while (!ring->slot[idx = slot_of(counter)])
		counter++;
	ring->hole_since_ns = ring->arrived_ns[idx];
}

/*
 * Gives up every hole below @target, delivering what was held there in
 * order; @holes counts the packets given up for lost. Holes past the
 * last held packet are not counted: nothing showed they were ever sent
 * (another mode's packets use counters too).
 */
static void advance(struct mpvpn_reorder_ring *ring, u64 target,
		    struct sk_buff_head *ready, u64 *holes)
{
	unsigned int idx;

	while ((s64)(target - ring->next) > 0 && ring->held) {
		idx = slot_of(ring->next);
		if (ring->slot[idx])
			release(ring, idx, ready);
		else
			(*holes)++;
		ring->next++;
	}
	if ((s64)(target - ring->next) > 0)
		ring->next = target;
	release_run(ring, ready);
	restart_hole_clock(ring);
}

static void roll_lag_window(struct mpvpn_reorder_ring *ring, u64 now_ns)
{
	u64 age = now_ns - ring->lag_window_ns;

	if (age < MPVPN_REORDER_LAG_WINDOW)
		return;
	ring->lag_max_ns[1] = age < 2 * MPVPN_REORDER_LAG_WINDOW ?
			      ring->lag_max_ns[0] : 0;
	ring->lag_max_ns[0] = 0;
	ring->lag_window_ns = now_ns;
}

/* A packet came @lag_ns after the first packet sent after it. */
static void note_lag(struct mpvpn_reorder_ring *ring, u64 lag_ns, u64 now_ns)
{
	roll_lag_window(ring, now_ns);
	ring->lag_max_ns[0] = max(ring->lag_max_ns[0], lag_ns);
}

/*
 * The wait the reordering itself asks for: one and a half times the
 * longest a hole was lately filled after (late packets included), plus
 * the floor; 0 when none was. It follows a delay spread that grows
 * faster than the probes can tell, as when a queue fills under a burst.
 */
u64 mpvpn_reorder_lag_wait(struct mpvpn_reorder_ring *ring, u64 now_ns)
{
	u64 lag;

	roll_lag_window(ring, now_ns);
	lag = max(ring->lag_max_ns[0], ring->lag_max_ns[1]);
	return lag ? lag + lag / 2 + MPVPN_REORDER_WAIT_MIN_US * NSEC_PER_USEC :
		     0;
}

void mpvpn_reorder_ring_flush(struct mpvpn_reorder_ring *ring,
			      struct sk_buff_head *ready)
{
	u64 ignored = 0;

	advance(ring, ring->next + MPVPN_REORDER_SLOTS, ready, &ignored);
}

void mpvpn_reorder_ring_add(struct mpvpn_reorder_ring *ring,
			    struct sk_buff *skb, u64 space, u64 counter,
			    u64 now_ns, struct sk_buff_head *ready,
			    struct mpvpn_reorder_counts *counts)
{
	s64 ahead = counter - ring->next;
	unsigned int idx;

	if (ring->started && space != ring->space) {
		if (space < ring->space) {
			/* Of the session before: nothing of its waits. */
			counts->late++;
			__skb_queue_tail(ready, skb);
			return;
		}
		/*
		 * A new session's counters start at 0, and its first
		 * packets may come in any order: the ring waits for 0.
		 */
		mpvpn_reorder_ring_flush(ring, ready);
		ring->space = space;
		ring->next = 0;
		ahead = counter;
	}
	if (!ring->started || ahead < -(s64)MPVPN_REORDER_RESTART) {
		mpvpn_reorder_ring_flush(ring, ready);
		ring->started = true;
		ring->space = space;
		ring->next = counter;
		ahead = 0;
	}
	if (ahead < 0) {
		/* Its hole was given up: late is better than never. */
		counts->late++;
		if (ring->gave_up_since_ns)
			note_lag(ring, now_ns - ring->gave_up_since_ns, now_ns);
		__skb_queue_tail(ready, skb);
		return;
	}
	if (ahead >= MPVPN_REORDER_SLOTS) {
		/*
		 * The holes given up now were waited for since the oldest of
		 * them: a packet of theirs that comes late after all is late
		 * by that much, not by a give-up of long ago.
		 */
		ring->gave_up_since_ns = ring->held ? ring->hole_since_ns :
						      now_ns;
		advance(ring, counter - MPVPN_REORDER_SLOTS + 1, ready,
			&counts->overflowed);
		/* Nothing older waits: no reason to hold this one. */
		if (!ring->held)
			ring->next = counter;
	}
	if (counter == ring->next) {
		if (ring->held)
			note_lag(ring, now_ns - ring->hole_since_ns, now_ns);
		__skb_queue_tail(ready, skb);
		ring->next++;
		release_run(ring, ready);
		restart_hole_clock(ring);
		return;
	}
	idx = slot_of(counter);
	if (ring->slot[idx]) {
		/* The duplicate window let a copy through: keep the first. */
		kfree_skb(skb);
		return;
	}
	if (!ring->held)
		ring->hole_since_ns = now_ns;
	ring->slot[idx] = skb;
	ring->arrived_ns[idx] = now_ns;
	ring->held++;
	counts->reordered++;
}

/*
 * Gives up the holes waited for longer than the wait: @wait_ns from the
 * paths' delays, or what the reordering lately asked for when that is
 * longer, up to @cap_ns. Returns when the oldest remaining hole's wait
 * runs out, 0 when nothing is held.
 */
u64 mpvpn_reorder_ring_expire(struct mpvpn_reorder_ring *ring, u64 now_ns,
			      u64 wait_ns, u64 cap_ns,
			      struct sk_buff_head *ready,
			      struct mpvpn_reorder_counts *counts)
{
	u64 counter;

	wait_ns = max(wait_ns, min(mpvpn_reorder_lag_wait(ring, now_ns),
				   cap_ns));
	while (ring->held && now_ns - ring->hole_since_ns >= wait_ns) {
		ring->gave_up_since_ns = ring->hole_since_ns;
		counter = ring->next;
		while (!ring->slot[slot_of(counter)])
			counter++;
		advance(ring, counter, ready, &counts->timed_out);
	}
	return ring->held ? ring->hole_since_ns + wait_ns : 0;
}

/*
 * How long a hole is waited for: how far the slowest path's one-way delay
 * from the peer has lately been above the fastest path's (@owd_spread_us,
 * from the peer's send times), plus twice the worst RTT jitter for the
 * queues that come and go, plus a floor for the scheduling noise of both
 * hosts; never above the cap. Half the spread of the smoothed RTTs stands
 * in when it is larger, as before the first send times came: it is the
 * one-way difference only if the paths are symmetric, and a queue on the
 * way to us counts in full in the one-way spread but half in the RTTs'.
 */
u32 mpvpn_reorder_wait_us(u32 srtt_min_us, u32 srtt_max_us, u32 owd_spread_us,
			  u32 jitter_us, u32 cap_ms)
{
	u64 wait = MPVPN_REORDER_WAIT_MIN_US;
	u32 spread = owd_spread_us;

	if (srtt_max_us > srtt_min_us)
		spread = max(spread, (srtt_max_us - srtt_min_us) / 2);
	wait += spread + 2ULL * jitter_us;
	return min_t(u64, wait, (u64)cap_ms * USEC_PER_MSEC);
}

/* The device side */

struct mpvpn_rx_cb {
	u64 space;
	u64 counter;
};

#define RX_CB(skb) ((struct mpvpn_rx_cb *)(skb)->cb)

static void add_counts(struct mpvpn_device *mpvpn,
		       const struct mpvpn_reorder_counts *counts)
{
	if (counts->reordered)
		mpvpn_counters_add(mpvpn->counters, MPVPN_DEV_RX_REORDERED,
				   counts->reordered);
	if (counts->late)
		mpvpn_counters_add(mpvpn->counters, MPVPN_DEV_RX_LATE,
				   counts->late);
	if (counts->timed_out)
		mpvpn_counters_add(mpvpn->counters,
				   MPVPN_DEV_RX_REORDER_TIMEOUT,
				   counts->timed_out);
	if (counts->overflowed)
		mpvpn_counters_add(mpvpn->counters,
				   MPVPN_DEV_RX_REORDER_OVERFLOW,
				   counts->overflowed);
}

/* Moves every inbox's packets into the ring; false when all were empty. */
static bool take_inboxes(struct mpvpn_reorder *r, u64 now_ns,
			 struct mpvpn_reorder_counts *counts)
{
	struct sk_buff_head batch, *inbox;
	struct sk_buff *skb;
	bool any = false;
	int cpu;

	__skb_queue_head_init(&batch);
	for_each_possible_cpu(cpu) {
		inbox = per_cpu_ptr(r->inbox, cpu);
		if (skb_queue_empty_lockless(inbox))
			continue;
		spin_lock(&inbox->lock);
		skb_queue_splice_tail_init(inbox, &batch);
		spin_unlock(&inbox->lock);
	}
	while ((skb = __skb_dequeue(&batch))) {
		atomic_dec(&r->queued);
		mpvpn_reorder_ring_add(&r->ring, skb, RX_CB(skb)->space,
				       RX_CB(skb)->counter, now_ns, &r->ready,
				       counts);
		any = true;
	}
	return any;
}

static void deliver(struct mpvpn_reorder *r, struct sk_buff *skb)
{
	unsigned int len = skb->len;

	memset(skb->cb, 0, sizeof(skb->cb));
	napi_gro_receive(&r->napi, skb);
	dev_sw_netstats_rx_add(r->mpvpn->dev, len);
}

static u64 wait_cap_ns(const struct mpvpn_reorder *r)
{
	return (u64)READ_ONCE(r->wait_cap_ms) * NSEC_PER_MSEC;
}

static int reorder_poll(struct napi_struct *napi, int budget)
{
	struct mpvpn_reorder *r = container_of(napi, struct mpvpn_reorder,
					       napi);
	struct mpvpn_reorder_counts counts = { 0 };
	u64 deadline = 0, now = ktime_get_ns();
	struct sk_buff *skb;
	int done = 0;

	while (done < budget) {
		skb = __skb_dequeue(&r->ready);
		if (skb) {
			deliver(r, skb);
			done++;
			continue;
		}
		if (!take_inboxes(r, now, &counts)) {
			deadline = mpvpn_reorder_ring_expire(&r->ring, now,
							     READ_ONCE(r->wait_ns),
							     wait_cap_ns(r),
							     &r->ready, &counts);
			if (skb_queue_empty(&r->ready))
				break;
		}
	}
	add_counts(r->mpvpn, &counts);
	WRITE_ONCE(r->lag_wait_ns, min(mpvpn_reorder_lag_wait(&r->ring, now),
				       wait_cap_ns(r)));
	if (done < budget && napi_complete_done(napi, done) && deadline)
		hrtimer_start(&r->timer, ns_to_ktime(deadline),
			      HRTIMER_MODE_ABS);
	return done;
}

static enum hrtimer_restart reorder_timer(struct hrtimer *timer)
{
	struct mpvpn_reorder *r = container_of(timer, struct mpvpn_reorder,
					       timer);

	napi_schedule(&r->napi);
	return HRTIMER_NORESTART;
}

/* From the receive path, BHs off; consumes @skb. */
void mpvpn_reorder_enqueue(struct mpvpn_device *mpvpn, struct sk_buff *skb,
			   u64 space, u64 counter)
{
	struct mpvpn_reorder *r = mpvpn->reorder;

	if (atomic_inc_return(&r->queued) > MPVPN_REORDER_INBOX_MAX) {
		atomic_dec(&r->queued);
		mpvpn_count(mpvpn, MPVPN_DEV_RX_DROPPED);
		kfree_skb(skb);
		return;
	}
	RX_CB(skb)->space = space;
	RX_CB(skb)->counter = counter;
	skb_queue_tail(this_cpu_ptr(r->inbox), skb);
	napi_schedule(&r->napi);
}

/*
 * From the probes, whenever a path's delays moved. The paths considered
 * are those the peer's aggregate mode sends on: the best tier of up paths.
 */
/* The wait in force, for dumps: the larger of the two. */
u64 mpvpn_reorder_wait_ns(struct mpvpn_device *mpvpn)
{
	return max(READ_ONCE(mpvpn->reorder->wait_ns),
		   READ_ONCE(mpvpn->reorder->lag_wait_ns));
}

void mpvpn_reorder_update_wait(struct mpvpn_device *mpvpn)
{
	u32 prio, best_prio = U32_MAX, srtt, lo = U32_MAX, hi = 0, jitter = 0;
	s64 owd_lo = S64_MAX, owd_hi = S64_MIN;
	struct mpvpn_path *path;
	u32 owd_spread = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(path, &mpvpn->paths, node) {
		if (READ_ONCE(path->state) == MPVPN_PATH_STATE_UP)
			best_prio = min(best_prio, READ_ONCE(path->priority));
	}
	list_for_each_entry_rcu(path, &mpvpn->paths, node) {
		prio = READ_ONCE(path->priority);
		srtt = READ_ONCE(path->srtt_us);
		if (READ_ONCE(path->state) != MPVPN_PATH_STATE_UP ||
		    prio != best_prio || !srtt)
			continue;
		lo = min(lo, srtt);
		hi = max(hi, srtt);
		jitter = max(jitter, READ_ONCE(path->jitter_us));
		/* Pairs with publish_owd(): valid means both were set. */
		if (!smp_load_acquire(&path->owd_valid))
			continue;
		owd_lo = min_t(s64, owd_lo, atomic64_read(&path->owd_floor_ns));
		owd_hi = max_t(s64, owd_hi, atomic64_read(&path->owd_peak_ns));
	}
	rcu_read_unlock();
	if (!hi)
		lo = 0;
	if (owd_hi > owd_lo)
		owd_spread = min_t(s64, div_u64(owd_hi - owd_lo, NSEC_PER_USEC),
				   U32_MAX);
	WRITE_ONCE(mpvpn->reorder->wait_ns,
		   (u64)mpvpn_reorder_wait_us(lo, hi, owd_spread, jitter,
					      READ_ONCE(mpvpn->reorder->wait_cap_ms)) *
		   NSEC_PER_USEC);
}

/* Lifetime: init and uninit with the netdevice, open and stop with it. */

int mpvpn_reorder_init(struct mpvpn_device *mpvpn)
{
	struct mpvpn_reorder *r;
	int cpu;

	r = kvzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->inbox = alloc_percpu(struct sk_buff_head);
	if (!r->inbox) {
		kvfree(r);
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu)
		skb_queue_head_init(per_cpu_ptr(r->inbox, cpu));
	__skb_queue_head_init(&r->ready);
	r->mpvpn = mpvpn;
	r->wait_cap_ms = MPVPN_REORDER_WAIT_MS_DEFAULT;
	r->wait_ns = (u64)MPVPN_REORDER_WAIT_MS_DEFAULT * NSEC_PER_MSEC;
	hrtimer_setup(&r->timer, reorder_timer, CLOCK_MONOTONIC,
		      HRTIMER_MODE_ABS);
	netif_napi_add(mpvpn->dev, &r->napi, reorder_poll);
	mpvpn->reorder = r;
	return 0;
}

static void purge(struct mpvpn_reorder *r)
{
	int cpu;

	mpvpn_reorder_ring_flush(&r->ring, &r->ready);
	r->ring.started = false;
	__skb_queue_purge(&r->ready);
	for_each_possible_cpu(cpu)
		skb_queue_purge(per_cpu_ptr(r->inbox, cpu));
	atomic_set(&r->queued, 0);
}

void mpvpn_reorder_uninit(struct mpvpn_device *mpvpn)
{
	struct mpvpn_reorder *r = mpvpn->reorder;

	if (!r)
		return;
	hrtimer_cancel(&r->timer);
	netif_napi_del(&r->napi);
	purge(r);
	free_percpu(r->inbox);
	kvfree(r);
	mpvpn->reorder = NULL;
}

void mpvpn_reorder_open(struct mpvpn_device *mpvpn)
{
	napi_enable(&mpvpn->reorder->napi);
}

/* Whatever waits is dropped: the device is going down. */
void mpvpn_reorder_stop(struct mpvpn_device *mpvpn)
{
	struct mpvpn_reorder *r = mpvpn->reorder;

	napi_disable(&r->napi);
	hrtimer_cancel(&r->timer);
	purge(r);
}

#ifdef MPVPN_KUNIT
#include "tests/reorder_test.c"
#endif
