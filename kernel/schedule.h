/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sender's choice of paths in the modes that use several at once:
 * aggregate, flowhash, lowlatency and redundant (failover.c keeps the
 * active-backup mode). Documentation/scheduling.rst describes them.
 */
#ifndef _MPVPN_SCHEDULE_H
#define _MPVPN_SCHEDULE_H

#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <linux/mpvpn.h>

struct mpvpn_device;
struct mpvpn_path;
struct sk_buff;

/*
 * Aggregate mode's fair queueing state, per CPU: each path's virtual
 * finish time. A packet goes to the usable path that can start it first,
 * which then advances by the packet's length over the path's share.
 */
/* Aggregate mode sends inner packets this small by the fastest path. */
#define MPVPN_AGGREGATE_SMALL	256
/*
 * ... and leaves out of the split a path whose loss over the last
 * MPVPN_PROBE_RING probes is this much (permille) above the cleanest
 * path's of its tier: one probe of 128 more.
 */
#define MPVPN_AGGREGATE_LOSS_MARGIN	7

struct mpvpn_wfq {
	u64 finish[MPVPN_MAX_PATHS];
	u64 now;		/* the start time of the last choice */
};

/*
 * A view of the paths for the data path, rebuilt under RTNL whenever a
 * state, a priority, a weight, a bandwidth or the mode changes, and
 * published with RCU. Only @wfq, @lowlat, @learned_share and @lossy
 * change after publication.
 */
struct mpvpn_schedule {
	u8 mode;			/* enum mpvpn_mode */
	u8 redundancy;			/* copies in redundant mode */
	/* The best tier: up paths of the lowest priority value. */
	unsigned int tier_count;
	struct mpvpn_path *tier[MPVPN_MAX_PATHS];
	u32 share[MPVPN_MAX_PATHS];	/* bandwidth, or weight */
	/*
	 * Aggregate mode without a bandwidth on every path: the shares are
	 * learned (rate.c) and read per packet; @share holds the weights.
	 */
	bool learned;
	/* Those shares, rewritten by the probe timers (READ_ONCE). */
	u32 learned_share[MPVPN_MAX_PATHS];
	/*
	 * Aggregate mode: the tier paths left out for their loss, a bit per
	 * index, rewritten by the probe timers (READ_ONCE).
	 */
	u32 lossy;
	/* Every path not down, best first (the failover order). */
	unsigned int ranked_count;
	struct mpvpn_path *ranked[MPVPN_MAX_PATHS];
	struct mpvpn_wfq __percpu *wfq;	/* aggregate only */
	int lowlat;			/* index in @tier, or -1 */
	struct rcu_head rcu;
};

void mpvpn_schedule_rebuild(struct mpvpn_device *mpvpn);
void mpvpn_schedule_free(struct mpvpn_device *mpvpn);
void mpvpn_schedule_rtt_changed(struct mpvpn_device *mpvpn);
void mpvpn_schedule_measure_changed(struct mpvpn_device *mpvpn);
bool mpvpn_schedule_left_out(struct mpvpn_device *mpvpn,
			     const struct mpvpn_path *path);

/*
 * Fills @paths with the paths for @skb (at most MPVPN_REDUNDANCY_MAX) and
 * returns how many; 0 leaves the choice to failover. Under
 * rcu_read_lock_bh().
 */
unsigned int mpvpn_schedule_pick(struct mpvpn_device *mpvpn,
				 struct sk_buff *skb, u32 flow_hash,
				 struct mpvpn_path **paths);
struct mpvpn_path *mpvpn_schedule_lowlat_path(struct mpvpn_device *mpvpn);
bool mpvpn_schedule_carries(struct mpvpn_device *mpvpn,
			    const struct mpvpn_path *path);
const char *mpvpn_mode_text(u8 mode);

/* Pure parts, shared with KUnit. */
int mpvpn_wfq_pick(struct mpvpn_wfq *wfq, const u32 *share,
		   const bool *usable, unsigned int count, unsigned int len);
int mpvpn_flowhash_pick(u32 flow_hash, const u32 *ids, const u32 *share,
			const bool *usable, unsigned int count);
int mpvpn_lowlat_pick(int current_idx, const u32 *srtt_us,
		      const u32 *jitter_us, const bool *usable,
		      unsigned int count);
u32 mpvpn_aggregate_lossy(const u32 *loss_permille, unsigned int count);

#endif /* _MPVPN_SCHEDULE_H */
