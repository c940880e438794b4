/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_PATH_H
#define _MPVPN_PATH_H

#include <linux/in6.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <linux/rcupdate.h>
#include <net/dst_cache.h>

#include <linux/mpvpn.h>

#include "counters.h"
#include "health.h"
#include "pmtu.h"
#include "verdict.h"
#include "wire.h"

struct mpvpn_device;

union mpvpn_addr {
	__be32 ip4;
	struct in6_addr ip6;
};

/*
 * Where a path goes. Replaced as a whole (RCU) when the user changes it or
 * the peer roams, so that the data path never sees half of an old and half
 * of a new endpoint, nor a route cached for another one: the route cache
 * belongs to the endpoint. Writers hold path->endpoint_lock.
 */
struct mpvpn_endpoint {
	sa_family_t family;		/* AF_INET, AF_INET6; AF_UNSPEC: none yet */
	bool has_local;
	/*
	 * false: a listening path, which learns its remote from the peer's
	 * first authentic packet (Documentation/wire-format.rst, "Roaming").
	 */
	bool has_remote;
	bool remote_fixed;		/* pinned: no roaming, strict source */
	bool remote_learned;		/* the remote came from the wire */
	union mpvpn_addr local;
	union mpvpn_addr remote;
	__be16 remote_port;
	int local_ifindex;		/* 0: any; in the socket's namespace */
	struct dst_cache dst_cache;	/* routes to @remote; not in configs */
	struct rcu_head rcu;
};

/* Counters of a path (struct mpvpn_counters). */
enum mpvpn_path_counter {
	MPVPN_PATH_TX_PACKETS,
	MPVPN_PATH_TX_BYTES,
	MPVPN_PATH_RX_PACKETS,
	MPVPN_PATH_RX_BYTES,
	MPVPN_PATH_TX_ERRORS,
	MPVPN_PATH_COUNTERS
};

struct mpvpn_path {
	struct list_head node;		/* in mpvpn->paths, RCU */
	struct mpvpn_device *mpvpn;
	u32 id;
	char name[MPVPN_PATH_NAME_LEN];

	struct mpvpn_endpoint __rcu *endpoint;	/* @endpoint_lock for writes */
	/*
	 * Taken by writers of @endpoint: RTNL holders (PATH_SET) and the
	 * receive path when the peer roams (softirq), hence _bh.
	 */
	spinlock_t endpoint_lock;
	/*
	 * jiffies: when an authentic packet, new or a duplicate, last came
	 * from the current remote endpoint. The endpoint moves to another
	 * source only after it has been quiet for a probe interval, so that
	 * copies relayed ahead of the real packets cannot steer it.
	 */
	unsigned long endpoint_heard;
	/* The endpoint a roam left, for state_work's announcement. */
	struct mpvpn_endpoint_addr {
		sa_family_t family;
		bool has_remote;
		union mpvpn_addr remote;
		__be16 port;
	} roamed_from;
	bool roamed;			/* @endpoint_lock */
	/*
	 * The underlay device, when the endpoint names one: not refcounted,
	 * cleared by the notifier on NETDEV_UNREGISTER, whose grace period
	 * keeps it valid for readers. Lets the data path see a carrier loss
	 * before linkwatch gets the notifier to run.
	 */
	struct net_device __rcu *underlay;

	/* Written under RTNL, read locklessly by the data path and dumps. */
	u32 priority;
	u32 weight;
	u32 bandwidth_kbps;		/* 0: not configured */
	bool admin_up;
	bool carrier;
	bool local_ok;			/* its local address is there */
	u8 state;			/* enum mpvpn_path_state */
	u8 state_reason;		/* enum mpvpn_reason of @state */
	unsigned int underlay_mtu;
	unsigned int underlay_ll_room;	/* LL_RESERVED_SPACE() of it; 0 unknown */
	/*
	 * The path MTU learned below @underlay_mtu, in outer bytes; 0:
	 * none, the link's applies. Written under @pmtud.lock (pmtu.c), read
	 * by the data path with READ_ONCE() through mpvpn_path_mtu().
	 */
	u32 pmtu;
	struct mpvpn_pmtu pmtud;
	/* The value of mpvpn_path_mtu() last announced; RTNL (state.c). */
	u32 mtu_announced;
	/* jiffies: as a better path, may take over from the active one. */
	unsigned long revert_at;
	/*
	 * The failover history (state.c), under RTNL: changes of @state
	 * since the path was added, the jiffies64 of the last one (or of
	 * the add), and the jiffies spent in each state before it.
	 */
	u32 state_changes;
	u64 state_since;
	u64 state_jiffies[__MPVPN_PATH_STATE_MAX];

	/*
	 * Thresholds in force: the device's defaults except where the path
	 * overrides them (bits of @health_overrides). RTNL writes, the probe
	 * timer reads.
	 */
	struct mpvpn_health_config health_cfg;
	u32 health_overrides;		/* bit (1 << MPVPN_HEALTH_A_*) */
	struct mpvpn_health health;
	struct mpvpn_verdicts verdicts;
	/*
	 * The health's smoothed RTT and jitter (0: no sample yet), published
	 * for the schedulers and the reorder wait, which read them without
	 * the health lock.
	 */
	u32 srtt_us;
	u32 jitter_us;
	/*
	 * What health.c learned for aggregate mode's shares (rate.c): the
	 * best delivery rate lately (0: none) and the queueing delay.
	 */
	u32 rate_best_kbps;
	u32 rate_queue_us;
	/* And its loss over the last MPVPN_PROBE_RING probes (schedule.c). */
	u32 loss_lately_permille;
	/* The health's one-way delay estimates (struct mpvpn_owd), likewise. */
	bool owd_valid;
	atomic64_t owd_peak_ns;
	atomic64_t owd_floor_ns;

	/*
	 * Written by the receive path on every packet, on any CPU, without a
	 * lock: the path_seq of the last packet (what our probes acknowledge)
	 * and when it came, in jiffies (0: never).
	 */
	u32 rx_last_seq;
	unsigned long last_rx;

	atomic_t tx_seq;
	struct mpvpn_counters __percpu *counters;	/* MPVPN_PATH_* */
	struct rcu_head rcu;
};

/* What PATH_ADD and PATH_SET carry; @set tells which fields were given. */
struct mpvpn_path_config {
	u32 id;
	char name[MPVPN_PATH_NAME_LEN];
	struct mpvpn_endpoint endpoint;
	u32 priority;
	u32 weight;
	u32 bandwidth_kbps;
	bool admin_up;
	struct mpvpn_health_config health;	/* values of @health_overrides */
	u32 health_overrides;
	bool health_reset;
	unsigned long set;
};

enum {
	MPVPN_PATH_SET_ID,
	MPVPN_PATH_SET_ENDPOINT,
	MPVPN_PATH_SET_PRIORITY,
	MPVPN_PATH_SET_WEIGHT,
	MPVPN_PATH_SET_ADMIN,
	MPVPN_PATH_SET_HEALTH,
	MPVPN_PATH_SET_BANDWIDTH,
};

struct mpvpn_path *mpvpn_path_create(struct mpvpn_device *mpvpn,
				     const struct mpvpn_path_config *cfg,
				     struct netlink_ext_ack *extack);
void mpvpn_path_remove(struct mpvpn_path *path);
void mpvpn_path_remove_all(struct mpvpn_device *mpvpn);
int mpvpn_path_update(struct mpvpn_path *path,
		      const struct mpvpn_path_config *cfg,
		      struct netlink_ext_ack *extack);

struct mpvpn_path *mpvpn_path_find_rtnl(struct mpvpn_device *mpvpn, u32 id,
					const char *name);
void mpvpn_path_endpoint_get(struct mpvpn_path *path,
			     struct mpvpn_endpoint *out);
bool mpvpn_endpoint_is(const struct mpvpn_endpoint *ep, sa_family_t family,
		       const union mpvpn_addr *addr, __be16 port);
bool mpvpn_path_roam(struct mpvpn_path *path, sa_family_t family,
		     const union mpvpn_addr *addr, __be16 port);
bool mpvpn_path_take_roam(struct mpvpn_path *path,
			  struct mpvpn_endpoint_addr *from);
enum mpvpn_reason mpvpn_path_refresh_link(struct mpvpn_path *path);

/* The largest outer packet the path carries now, IP header included. */
static inline u32 mpvpn_path_mtu(const struct mpvpn_path *path)
{
	u32 link = READ_ONCE(path->underlay_mtu), learned = READ_ONCE(path->pmtu);

	return learned ? min(link, learned) : link;
}

/*
 * The largest inner packet the path carries whole now; no limit before it
 * has an address family (a listening path, which sends nothing yet).
 * Under rcu_read_lock_bh().
 */
static inline u32 mpvpn_path_inner_mtu(const struct mpvpn_path *path)
{
	sa_family_t family = rcu_dereference_bh(path->endpoint)->family;
	u32 mtu = mpvpn_path_mtu(path), overhead;

	if (family != AF_INET && family != AF_INET6)
		return U32_MAX;
	overhead = family == AF_INET ? MPVPN_OVERHEAD_V4 : MPVPN_OVERHEAD_V6;
	return mtu > overhead ? mtu - overhead : 0;
}

/* Whether the underlay still has carrier, as the data path sees it now. */
static inline bool mpvpn_path_link_ok(const struct mpvpn_path *path)
{
	const struct net_device *dev = rcu_dereference_bh(path->underlay);

	return !dev || (netif_running(dev) && netif_carrier_ok(dev));
}

/*
 * Whether the data path may use the path now: its underlay has carrier and
 * the probes have not found it dead since the state was last published.
 */
static inline bool mpvpn_path_usable_now(const struct mpvpn_path *path)
{
	return mpvpn_path_link_ok(path) &&
	       READ_ONCE(path->health.assessment.state) != MPVPN_PATH_STATE_DOWN;
}

/*
 * Whether an authentic, new packet of a path from another source than its
 * remote endpoint moves the endpoint there: a listening path (no remote
 * yet) learns at once; a known endpoint moves only once it has been quiet
 * (@heard: when it was last heard from) for @quiet jiffies, so that copies
 * relayed ahead of the peer's own packets cannot steer a path whose peer
 * still talks from where it was. All times in jiffies.
 */
static inline bool mpvpn_roam_allowed(bool has_remote, unsigned long heard,
				      unsigned long quiet, unsigned long now)
{
	return !has_remote || time_after_eq(now, heard + quiet);
}

/* Whether the path knows where its peer is (a listening one may not). */
static inline bool mpvpn_path_has_remote(struct mpvpn_path *path)
{
	bool has_remote;

	rcu_read_lock();
	has_remote = rcu_dereference(path->endpoint)->has_remote;
	rcu_read_unlock();
	return has_remote;
}

/* An authentic packet, new or a copy, came from the path's remote endpoint. */
static inline void mpvpn_path_heard(struct mpvpn_path *path)
{
	unsigned long now = jiffies;

	if (READ_ONCE(path->endpoint_heard) != now)
		WRITE_ONCE(path->endpoint_heard, now);
}

/* Receive bookkeeping of every packet that matched the path. */
static inline void mpvpn_path_received(struct mpvpn_path *path, u32 path_seq)
{
	unsigned long now = jiffies ?: 1;

	WRITE_ONCE(path->rx_last_seq, path_seq);
	/* Once per tick at most: the cache line is shared by all CPUs. */
	if (READ_ONCE(path->last_rx) != now)
		WRITE_ONCE(path->last_rx, now);
}

void mpvpn_paths_refresh(struct mpvpn_device *mpvpn);
void mpvpn_path_apply_health(struct mpvpn_path *path,
			     const struct mpvpn_health_config *cfg,
			     u32 overrides);
int mpvpn_paths_check_health_defaults(struct mpvpn_device *mpvpn,
				      const struct mpvpn_health_config *defaults,
				      struct netlink_ext_ack *extack);
void mpvpn_paths_set_health_defaults(struct mpvpn_device *mpvpn,
				     const struct mpvpn_health_config *defaults);
void mpvpn_paths_start(struct mpvpn_device *mpvpn);
void mpvpn_paths_stop(struct mpvpn_device *mpvpn);

int mpvpn_path_notifier_init(void);
void mpvpn_path_notifier_uninit(void);

#endif /* _MPVPN_PATH_H */
