// SPDX-License-Identifier: GPL-2.0
/*
 * Schedulers of the multipath modes (schedule.h).
 *
 * Concurrency: the schedule is an immutable snapshot built under RTNL and
 * swapped with RCU; the data path reads it under rcu_read_lock_bh() and
 * takes no lock. What moves after publication: aggregate mode's
 * fair-queueing state, which is per CPU (a flow is sent from one CPU at a
 * time, and each CPU's share is fair on its own); the index of the
 * lowest-latency path, a single word the probe timers rewrite and the
 * data path reads with READ_ONCE(); and, written and read the same way,
 * aggregate mode's learned shares, which the probe timers recompute from
 * each path's best rate and queue (rate.c), and its mask of lossy paths,
 * recomputed from each path's loss lately. Whether a path is usable is
 * read per packet, as in failover mode, so a carrier loss or a dead path
 * is avoided before the next rebuild.
 */

#include "schedule.h"
#include "device.h"
#include "failover.h"
#include "path.h"
#include "rate.h"
#include "state.h"

#include <linux/jhash.h>
#include <linux/skbuff.h>

static const char *const mode_text[__MPVPN_MODE_MAX] = {
	[MPVPN_MODE_FAILOVER] = "failover",
	[MPVPN_MODE_AGGREGATE] = "aggregate",
	[MPVPN_MODE_FLOWHASH] = "flowhash",
	[MPVPN_MODE_LOWLATENCY] = "lowlatency",
	[MPVPN_MODE_REDUNDANT] = "redundant",
};

const char *mpvpn_mode_text(u8 mode)
{
	return mode < __MPVPN_MODE_MAX ? mode_text[mode] : "unknown";
}

/* The pure choices */

/* Virtual time of one byte at share 1; shares go up to 10^8 (kbit/s). */
#define WFQ_BYTE_SHIFT	20

int mpvpn_wfq_pick(struct mpvpn_wfq *wfq, const u32 *share,
		   const bool *usable, unsigned int count, unsigned int len)
{
	u64 start, best_start = U64_MAX;
	unsigned int i;
	int best = -1;

	/*
	 * Start-time fair queueing: the packet goes to the path whose next
	 * packet would start first; a path that sat idle or unusable starts
	 * at the current virtual time, so it earns no credit for the pause.
	 */
	for (i = 0; i < count; i++) {
		if (!usable[i] || !share[i])
			continue;
		start = max(wfq->finish[i], wfq->now);
		if (start < best_start) {
			best = i;
			best_start = start;
		}
	}
	if (best >= 0) {
		wfq->finish[best] = best_start +
			div_u64((u64)len << WFQ_BYTE_SHIFT, share[best]);
		wfq->now = best_start;
	}
	return best;
}

/*
 * -log2(u) in 16.16 fixed point for u = (h + 1) / 2^32, in (0, 1]: the
 * integer part from the position of the top bit, the fraction linearly
 * between powers of two (off by at most 0.086).
 */
static u32 neg_log2_unit(u32 h)
{
	u64 x = (u64)h + 1;
	unsigned int top = ilog2(x);
	u32 frac = top >= 16 ? (x - (1ULL << top)) >> (top - 16) :
			       (x - (1ULL << top)) << (16 - top);

	return ((32 - top) << 16) - frac;
}

/*
 * Weighted rendezvous hashing: each path scores the flow with a hash of
 * its own, share / -ln(u), and the best score wins; a path then gets the
 * flows in proportion to its share. A flow moves only when its own path
 * goes (to its second best) and comes back when the path returns.
 */
int mpvpn_flowhash_pick(u32 flow_hash, const u32 *ids, const u32 *share,
			const bool *usable, unsigned int count)
{
	u64 score, best_score = 0;
	unsigned int i;
	int best = -1;
	u32 log;

	for (i = 0; i < count; i++) {
		if (!usable[i])
			continue;
		log = max(neg_log2_unit(jhash_2words(flow_hash, ids[i], 0)), 1U);
		score = div_u64((u64)max(share[i], 1U) << 32, log);
		if (best < 0 || score > best_score) {
			best = i;
			best_score = score;
		}
	}
	return best;
}

/*
 * The path of the lowest smoothed RTT. The current one is kept unless
 * another is faster by an eighth of its RTT, at least a millisecond, and
 * twice the two paths' jitter together: two paths of about the same delay
 * must not alternate on the noise of their samples.
 */
int mpvpn_lowlat_pick(int current_idx, const u32 *srtt_us,
		      const u32 *jitter_us, const bool *usable,
		      unsigned int count)
{
	u32 margin, noise, best_srtt = U32_MAX;
	unsigned int i;
	int best = -1;

	for (i = 0; i < count; i++) {
		if (usable[i] && srtt_us[i] && srtt_us[i] < best_srtt) {
			best = i;
			best_srtt = srtt_us[i];
		}
	}
	if (current_idx < 0 || current_idx >= count || !usable[current_idx] ||
	    !srtt_us[current_idx] || best < 0)
		return best;
	margin = max(srtt_us[current_idx] / 8, (u32)USEC_PER_MSEC);
	noise = 2 * (jitter_us[current_idx] + jitter_us[best]);
	margin = max(margin, noise);
	return best_srtt + margin < srtt_us[current_idx] ? best : current_idx;
}

/*
 * The paths aggregate mode leaves out of its split: those whose loss
 * lately is MPVPN_AGGREGATE_LOSS_MARGIN or more above the cleanest path's.
 * One TCP flow striped over the paths takes every path's loss as its
 * own, and halves its window for it: 2 % loss on a path that carries a
 * fifth of the packets is 0.4 % on the flow, which then runs at a
 * fraction of the best path alone. Loss that every path shares (the
 * uplink beyond them) leaves nobody out. The cleanest path is never
 * left out, so the mask never covers the whole tier.
 */
u32 mpvpn_aggregate_lossy(const u32 *loss_permille, unsigned int count)
{
	u32 cleanest = U32_MAX, lossy = 0;
	unsigned int i;

	for (i = 0; i < count; i++)
		cleanest = min(cleanest, loss_permille[i]);
	for (i = 0; i < count; i++)
		if (loss_permille[i] - cleanest >= MPVPN_AGGREGATE_LOSS_MARGIN)
			lossy |= BIT(i);
	return lossy;
}

/* Building the schedule, RTNL */

/* The failover order: better state, lower priority value, lower id. */
static bool ranks_before(const struct mpvpn_path *a, const struct mpvpn_path *b)
{
	return mpvpn_failover_preferred(a, a->state, b, b->state);
}

static void rank_paths(struct mpvpn_device *mpvpn, struct mpvpn_schedule *s)
{
	struct mpvpn_path *path;
	unsigned int i;

	list_for_each_entry(path, &mpvpn->paths, node) {
		if (path->state == MPVPN_PATH_STATE_DOWN)
			continue;
		for (i = s->ranked_count; i && ranks_before(path, s->ranked[i - 1]); i--)
			s->ranked[i] = s->ranked[i - 1];
		s->ranked[i] = path;
		s->ranked_count++;
	}
}

/* Shares are bandwidths when every path of the tier has one, else weights. */
static void fill_tier(struct mpvpn_schedule *s)
{
	bool all_bandwidth = true;
	struct mpvpn_path *first;
	unsigned int i;

	if (!s->ranked_count)
		return;
	first = s->ranked[0];
	for (i = 0; i < s->ranked_count; i++) {
		if (s->ranked[i]->state != first->state ||
		    s->ranked[i]->priority != first->priority)
			break;
		s->tier[i] = s->ranked[i];
		all_bandwidth &= s->tier[i]->bandwidth_kbps != 0;
	}
	s->tier_count = i;
	for (i = 0; i < s->tier_count; i++)
		s->share[i] = all_bandwidth ? s->tier[i]->bandwidth_kbps :
					      s->tier[i]->weight;
	s->learned = s->mode == MPVPN_MODE_AGGREGATE && !all_bandwidth;
}

/*
 * The learned shares of the tier, from each path's best rate and queue
 * (rate.c): once per change of those, not per packet.
 */
static void learn_shares(struct mpvpn_schedule *s)
{
	u32 fixed[MPVPN_MAX_PATHS], best[MPVPN_MAX_PATHS];
	u32 queue_us[MPVPN_MAX_PATHS], share[MPVPN_MAX_PATHS];
	unsigned int i;

	for (i = 0; i < s->tier_count; i++) {
		fixed[i] = READ_ONCE(s->tier[i]->bandwidth_kbps);
		best[i] = READ_ONCE(s->tier[i]->rate_best_kbps);
		queue_us[i] = READ_ONCE(s->tier[i]->rate_queue_us);
	}
	mpvpn_rate_fill_shares(share, fixed, best, queue_us, s->share,
			       s->tier_count);
	for (i = 0; i < s->tier_count; i++)
		WRITE_ONCE(s->learned_share[i], share[i]);
}

/* Aggregate mode's lossy paths, once per change of a path's loss. */
static void judge_loss(struct mpvpn_schedule *s)
{
	u32 loss[MPVPN_MAX_PATHS];
	unsigned int i;

	for (i = 0; i < s->tier_count; i++)
		loss[i] = READ_ONCE(s->tier[i]->loss_lately_permille);
	WRITE_ONCE(s->lossy, mpvpn_aggregate_lossy(loss, s->tier_count));
}

/* What the probe timers keep up to date in a published schedule. */
static void measure_tier(struct mpvpn_schedule *s)
{
	if (s->mode != MPVPN_MODE_AGGREGATE)
		return;
	if (s->learned)
		learn_shares(s);
	judge_loss(s);
}

static bool same_schedule(const struct mpvpn_schedule *a,
			  const struct mpvpn_schedule *b)
{
	return a && b && a->mode == b->mode && a->redundancy == b->redundancy &&
	       a->learned == b->learned &&
	       a->tier_count == b->tier_count &&
	       a->ranked_count == b->ranked_count &&
	       !memcmp(a->tier, b->tier, sizeof(a->tier)) &&
	       !memcmp(a->share, b->share, sizeof(a->share)) &&
	       !memcmp(a->ranked, b->ranked, sizeof(a->ranked));
}

static void free_schedule(struct mpvpn_schedule *s)
{
	free_percpu(s->wfq);
	kfree(s);
}

static void free_schedule_rcu(struct rcu_head *rcu)
{
	free_schedule(container_of(rcu, struct mpvpn_schedule, rcu));
}

static void fill_rtt(const struct mpvpn_schedule *s, u32 *srtt, u32 *jitter)
{
	unsigned int i;

	for (i = 0; i < s->tier_count; i++) {
		srtt[i] = READ_ONCE(s->tier[i]->srtt_us);
		jitter[i] = READ_ONCE(s->tier[i]->jitter_us);
	}
}

static void fill_usable(const struct mpvpn_schedule *s, bool *usable)
{
	unsigned int i;

	for (i = 0; i < s->tier_count; i++)
		usable[i] = mpvpn_path_usable_now(s->tier[i]);
}

static void fill_srtt(const struct mpvpn_schedule *s, u32 *srtt, u32 *jitter,
		      bool *usable)
{
	fill_rtt(s, srtt, jitter);
	fill_usable(s, usable);
}

static struct mpvpn_schedule *build(struct mpvpn_device *mpvpn)
{
	u32 srtt[MPVPN_MAX_PATHS], jitter[MPVPN_MAX_PATHS];
	bool usable[MPVPN_MAX_PATHS];
	struct mpvpn_schedule *s;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return NULL;
	s->mode = mpvpn->mode;
	s->redundancy = mpvpn->redundancy;
	rank_paths(mpvpn, s);
	fill_tier(s);
	rcu_read_lock_bh();
	fill_srtt(s, srtt, jitter, usable);
	rcu_read_unlock_bh();
	s->lowlat = mpvpn_lowlat_pick(-1, srtt, jitter, usable,
				      s->tier_count);
	measure_tier(s);
	return s;
}

/*
 * After anything that may change the view. An unchanged view is kept, so
 * the fair-queueing state and the low-latency choice carry on. Without
 * memory for a new one, the device falls back to failover until the next
 * change rather than keep a view that may name a removed path.
 */
void mpvpn_schedule_rebuild(struct mpvpn_device *mpvpn)
{
	struct mpvpn_schedule *old = rtnl_dereference(mpvpn->schedule);
	struct mpvpn_schedule *s = NULL;

	if (mpvpn->mode != MPVPN_MODE_FAILOVER) {
		s = build(mpvpn);
		if (s && same_schedule(s, old)) {
			kfree(s);
			/* A changed bandwidth may leave the view as it was. */
			measure_tier(old);
			return;
		}
		if (s && s->mode == MPVPN_MODE_AGGREGATE) {
			s->wfq = alloc_percpu(struct mpvpn_wfq);
			if (!s->wfq) {
				kfree(s);
				s = NULL;
			}
		}
		if (!s)
			netdev_warn(mpvpn->dev, "no memory for the %s schedule: failing over meanwhile\n",
				    mpvpn_mode_text(mpvpn->mode));
	}
	rcu_assign_pointer(mpvpn->schedule, s);
	if (old)
		call_rcu(&old->rcu, free_schedule_rcu);
}

void mpvpn_schedule_free(struct mpvpn_device *mpvpn)
{
	struct mpvpn_schedule *old = rtnl_dereference(mpvpn->schedule);

	RCU_INIT_POINTER(mpvpn->schedule, NULL);
	if (old)
		call_rcu(&old->rcu, free_schedule_rcu);
}

/*
 * From the probes, after a path's RTT moved. A new choice is used by the
 * next packet; RTNL then publishes it as the active path and announces it
 * (state.c).
 */
void mpvpn_schedule_rtt_changed(struct mpvpn_device *mpvpn)
{
	u32 srtt[MPVPN_MAX_PATHS], jitter[MPVPN_MAX_PATHS];
	bool usable[MPVPN_MAX_PATHS];
	struct mpvpn_schedule *s;
	int old, idx;

	rcu_read_lock_bh();
	s = rcu_dereference_bh(mpvpn->schedule);
	if (s && s->mode == MPVPN_MODE_LOWLATENCY) {
		fill_srtt(s, srtt, jitter, usable);
		old = READ_ONCE(s->lowlat);
		idx = mpvpn_lowlat_pick(old, srtt, jitter, usable,
					s->tier_count);
		WRITE_ONCE(s->lowlat, idx);
		if (idx != old)
			mpvpn_state_kick(mpvpn);
	}
	rcu_read_unlock_bh();
}

/* From a probe timer, after a path's best rate, queue or loss moved. */
void mpvpn_schedule_measure_changed(struct mpvpn_device *mpvpn)
{
	struct mpvpn_schedule *s;

	rcu_read_lock_bh();
	s = rcu_dereference_bh(mpvpn->schedule);
	if (s)
		measure_tier(s);
	rcu_read_unlock_bh();
}

/* Whether aggregate mode leaves the tier's path @i out for its loss. */
static bool left_out(const struct mpvpn_schedule *s, unsigned int i)
{
	return s->mode == MPVPN_MODE_AGGREGATE && (READ_ONCE(s->lossy) & BIT(i));
}

/* @path's place in the tier, or tier_count if it has none. */
static unsigned int tier_index(const struct mpvpn_schedule *s,
			       const struct mpvpn_path *path)
{
	unsigned int i;

	for (i = 0; i < s->tier_count && s->tier[i] != path; i++)
		;
	return i;
}

/*
 * Whether aggregate mode leaves @path out for its loss now. From a probe
 * timer: a path left out carries none of our data, so no queue of ours
 * explains its lost probes (health.c counts them all).
 */
bool mpvpn_schedule_left_out(struct mpvpn_device *mpvpn,
			     const struct mpvpn_path *path)
{
	struct mpvpn_schedule *s;
	bool out = false;
	unsigned int i;

	rcu_read_lock_bh();
	s = rcu_dereference_bh(mpvpn->schedule);
	if (s) {
		i = tier_index(s, path);
		out = i < s->tier_count && left_out(s, i);
	}
	rcu_read_unlock_bh();
	return out;
}

/* Lowlatency mode's choice, NULL in the other modes; RTNL. */
struct mpvpn_path *mpvpn_schedule_lowlat_path(struct mpvpn_device *mpvpn)
{
	struct mpvpn_schedule *s = rtnl_dereference(mpvpn->schedule);
	int idx;

	if (!s || s->mode != MPVPN_MODE_LOWLATENCY)
		return NULL;
	idx = READ_ONCE(s->lowlat);
	return idx >= 0 ? s->tier[idx] : NULL;
}

/* The data path */

/* The usable path of the tier with the lowest smoothed RTT, or -1. */
static int fastest_usable(const struct mpvpn_schedule *s)
{
	u32 srtt[MPVPN_MAX_PATHS], jitter[MPVPN_MAX_PATHS];
	bool usable[MPVPN_MAX_PATHS];

	fill_srtt(s, srtt, jitter, usable);
	return mpvpn_lowlat_pick(-1, srtt, jitter, usable, s->tier_count);
}

/* Aggregate mode's shares this packet: configured, or learned. */
static const u32 *aggregate_shares(const struct mpvpn_schedule *s,
				   u32 *share)
{
	unsigned int i;

	if (!s->learned)
		return s->share;
	for (i = 0; i < s->tier_count; i++)
		share[i] = READ_ONCE(s->learned_share[i]);
	return share;
}

/*
 * The tier paths aggregate mode may use for this packet: the usable ones
 * not left out for their loss, or, when no clean one is usable (its
 * carrier just went), the lossy ones.
 */
static void aggregate_usable(const struct mpvpn_schedule *s, bool *usable)
{
	u32 lossy = READ_ONCE(s->lossy);
	bool clean = false;
	unsigned int i;

	fill_usable(s, usable);
	for (i = 0; i < s->tier_count; i++)
		clean |= usable[i] && !(lossy & BIT(i));
	for (i = 0; clean && i < s->tier_count; i++)
		usable[i] &= !(lossy & BIT(i));
}

/*
 * Leaves in @usable only the paths an inner packet of @len bytes fits,
 * when it fits any of them (path MTU, pmtu.c).
 */
static void keep_fitting(struct mpvpn_path *const *paths, bool *usable,
			 unsigned int count, unsigned int len)
{
	bool fit[MPVPN_MAX_PATHS], any = false;
	unsigned int i;

	for (i = 0; i < count; i++) {
		fit[i] = usable[i] && len <= mpvpn_path_inner_mtu(paths[i]);
		any |= fit[i];
	}
	for (i = 0; any && i < count; i++)
		usable[i] = fit[i];
}

/*
 * Small packets (TCP's acknowledgments, DNS, voice) take the fastest
 * path, outside the fair queueing: in the direction that carries a bulk
 * flow's acknowledgments they are all the traffic, so they arrive in
 * order and the flow's round trip is the slowest path one way and the
 * fastest the other, not the slowest both ways. Their bytes are too few
 * to matter to the shares.
 */
static unsigned int pick_aggregate(struct mpvpn_schedule *s,
				   struct sk_buff *skb,
				   struct mpvpn_path **paths)
{
	u32 srtt[MPVPN_MAX_PATHS], jitter[MPVPN_MAX_PATHS];
	u32 share[MPVPN_MAX_PATHS];
	bool usable[MPVPN_MAX_PATHS];
	int idx = -1;

	aggregate_usable(s, usable);
	keep_fitting(s->tier, usable, s->tier_count, skb->len);
	if (skb->len <= MPVPN_AGGREGATE_SMALL) {
		fill_rtt(s, srtt, jitter);
		idx = mpvpn_lowlat_pick(-1, srtt, jitter, usable,
					s->tier_count);
	}
	/* Without an RTT yet, small packets share the fair queueing. */
	if (idx < 0)
		idx = mpvpn_wfq_pick(this_cpu_ptr(s->wfq),
				     aggregate_shares(s, share), usable,
				     s->tier_count, skb->len);
	if (idx < 0)
		return 0;
	paths[0] = s->tier[idx];
	return 1;
}

static unsigned int pick_flowhash(struct mpvpn_schedule *s, u32 flow_hash,
				  struct mpvpn_path **paths)
{
	bool usable[MPVPN_MAX_PATHS];
	u32 ids[MPVPN_MAX_PATHS];
	unsigned int i;
	int idx;

	for (i = 0; i < s->tier_count; i++) {
		usable[i] = mpvpn_path_usable_now(s->tier[i]);
		ids[i] = s->tier[i]->id;
	}
	idx = mpvpn_flowhash_pick(flow_hash, ids, s->share, usable,
				  s->tier_count);
	if (idx < 0)
		return 0;
	paths[0] = s->tier[idx];
	return 1;
}

static unsigned int pick_lowlatency(struct mpvpn_schedule *s,
				    struct mpvpn_path **paths)
{
	int idx = READ_ONCE(s->lowlat);

	if (idx < 0 || !mpvpn_path_usable_now(s->tier[idx])) {
		/* The chosen path died: the fastest of the others, now. */
		idx = fastest_usable(s);
		if (idx < 0)
			return 0;
	}
	paths[0] = s->tier[idx];
	return 1;
}

/*
 * The best paths the packet fits, or, when it fits none, the best paths:
 * send.c then tells the sender, or lets the outer packet be fragmented.
 */
static unsigned int pick_redundant(struct mpvpn_schedule *s,
				   struct sk_buff *skb,
				   struct mpvpn_path **paths)
{
	bool usable[MPVPN_MAX_PATHS];
	unsigned int i, n = 0;

	for (i = 0; i < s->ranked_count; i++)
		usable[i] = mpvpn_path_usable_now(s->ranked[i]);
	keep_fitting(s->ranked, usable, s->ranked_count, skb->len);
	for (i = 0; i < s->ranked_count && n < s->redundancy; i++) {
		if (usable[i])
			paths[n++] = s->ranked[i];
	}
	return n;
}

unsigned int mpvpn_schedule_pick(struct mpvpn_device *mpvpn,
				 struct sk_buff *skb, u32 flow_hash,
				 struct mpvpn_path **paths)
{
	struct mpvpn_schedule *s = rcu_dereference_bh(mpvpn->schedule);

	if (!s)
		return 0;
	switch (s->mode) {
	case MPVPN_MODE_AGGREGATE:
		return pick_aggregate(s, skb, paths);
	case MPVPN_MODE_FLOWHASH:
		return pick_flowhash(s, flow_hash, paths);
	case MPVPN_MODE_LOWLATENCY:
		return pick_lowlatency(s, paths);
	case MPVPN_MODE_REDUNDANT:
		return pick_redundant(s, skb, paths);
	default:
		return 0;
	}
}

/* Whether @path carries traffic in the schedule now, for dumps; RTNL. */
bool mpvpn_schedule_carries(struct mpvpn_device *mpvpn,
			    const struct mpvpn_path *path)
{
	struct mpvpn_schedule *s = rtnl_dereference(mpvpn->schedule);
	unsigned int i;

	if (!s)
		return path == rtnl_dereference(mpvpn->active);
	if (s->mode == MPVPN_MODE_LOWLATENCY) {
		i = READ_ONCE(s->lowlat);
		return i < s->tier_count && s->tier[i] == path;
	}
	if (s->mode == MPVPN_MODE_REDUNDANT) {
		for (i = 0; i < s->ranked_count && i < s->redundancy; i++)
			if (s->ranked[i] == path)
				return true;
		return false;
	}
	i = tier_index(s, path);
	return i < s->tier_count && !left_out(s, i);
}

#ifdef MPVPN_KUNIT
#include "tests/schedule_test.c"
#endif
