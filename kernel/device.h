/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_DEVICE_H
#define _MPVPN_DEVICE_H

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/list.h>
#include <linux/ratelimit.h>
#include <net/gro_cells.h>

#include "counters.h"
#include "crypto.h"
#include "keying.h"
#include "health.h"

struct mpvpn_port;
struct mpvpn_path;
struct mpvpn_schedule;
struct mpvpn_reorder;
struct mpvpn_dedup;

/*
 * Counters of a device (struct mpvpn_counters). Transmit totals are kept
 * here rather than in dev->tstats, which the UDP tunnel helpers fill with
 * outer lengths (and differently for IPv4 and IPv6): ip -s link shows
 * inner packets both ways.
 */
enum mpvpn_dev_counter {
	MPVPN_DEV_TX_PACKETS,
	MPVPN_DEV_TX_BYTES,
	MPVPN_DEV_TX_ERRORS,
	MPVPN_DEV_TX_NO_PATH,
	MPVPN_DEV_RX_UNKNOWN_SOURCE,
	MPVPN_DEV_RX_BAD_INNER,
	MPVPN_DEV_RX_DROPPED,		/* device down, no memory */
	MPVPN_DEV_RX_BAD_PROBE,
	MPVPN_DEV_RX_DUPLICATE,
	MPVPN_DEV_RX_STALE,
	MPVPN_DEV_RX_REORDERED,
	MPVPN_DEV_RX_LATE,
	MPVPN_DEV_RX_REORDER_TIMEOUT,
	MPVPN_DEV_RX_REORDER_OVERFLOW,
	MPVPN_DEV_TX_NO_KEY,
	MPVPN_DEV_RX_NO_KEY,
	MPVPN_DEV_RX_NOT_AUTHENTIC,
	MPVPN_DEV_RX_BAD_ECN,
	MPVPN_DEV_TX_TOO_BIG,
	MPVPN_DEV_COUNTERS
};

struct mpvpn_device {
	struct net_device *dev;

	/*
	 * The namespace that created the device owns its UDP socket, even
	 * after the device moves to another namespace. Not refcounted: it is
	 * cleared (under RTNL) by the pernet pre_exit of that namespace.
	 */
	struct net __rcu *creating_net;

	/* All mpvpn devices; RTNL. */
	struct list_head device_list;

	/* The shared UDP socket of (creating_net, port); RTNL for writes. */
	struct mpvpn_port __rcu *port;
	struct hlist_node tunnel_node;	/* in port->tunnels, RCU */
	u32 tunnel_id;			/* 0 until attached: pick a free one */
	u16 port_num;
	u8 mode;
	/* The outer header takes the inner DSCP too, not only ECN; RTNL. */
	bool tos_inherit;

	/*
	 * Paths: an RCU list in insertion order, written under RTNL, and the
	 * same paths by id, which names a path on both gateways: the receive
	 * path finds a packet's path by the id in its authenticated header.
	 * The data path reads only @active in failover mode.
	 */
	struct list_head paths;
	struct mpvpn_path __rcu *path_by_id[MPVPN_MAX_PATHS + 1];
	unsigned int path_count;
	struct mpvpn_path __rcu *active;

	/*
	 * The other modes' view of the paths (schedule.c), rebuilt under RTNL
	 * with the active path; NULL in failover mode. @redundancy: RTNL.
	 */
	struct mpvpn_schedule __rcu *schedule;
	u8 redundancy;

	/* Keys, and whether packets are protected at all (crypto.c). */
	struct mpvpn_crypto crypto;

	/* The handshake and the sessions it yields (keying.c). */
	struct mpvpn_keying keying;

	/*
	 * Receive: replays and copies, in the data and the control counter
	 * spaces (dedup.c), and aggregate's reordering (reorder.c).
	 */
	struct mpvpn_dedup *dedup;
	struct mpvpn_dedup *control_dedup;
	struct mpvpn_reorder *reorder;

	/*
	 * Health defaults for the paths and the failback policy; RTNL writes,
	 * the probe timers read.
	 */
	struct mpvpn_health_config health_defaults;
	u8 failback;			/* enum mpvpn_failback */
	u32 revert_delay_ms;

	/*
	 * Probe timers find state changes in softirq; this work brings them
	 * under RTNL (state.c). It never waits for RTNL, so it can be
	 * cancelled synchronously with RTNL held.
	 */
	struct delayed_work state_work;
	/* dellink has begun (RTNL): state_work must not touch it any more. */
	bool dying;

	/* Bumped under RTNL on every configuration change, for dumps. */
	u32 generation;

	/* MTU the user asked for (0: follow the paths), and the path-derived one. */
	unsigned int user_mtu;
	unsigned int auto_mtu;
	bool setting_mtu;

	/* Own budget, so other subsystems cannot silence our log lines. */
	struct ratelimit_state log_ratelimit;

	/*
	 * The tunnel's packet counters, one for data and one for probes
	 * (send.c): the receiver orders and deduplicates data on its own.
	 */
	atomic64_t tx_counter;
	atomic64_t tx_control_counter;
	struct mpvpn_counters __percpu *counters;	/* MPVPN_DEV_* */
	struct gro_cells gro_cells;
};

extern struct rtnl_link_ops mpvpn_link_ops;

int mpvpn_device_init(void);
void mpvpn_device_uninit(void);

struct mpvpn_device *mpvpn_device_get_rtnl(struct net *net, int ifindex,
					   const char *ifname);
void mpvpn_device_update_mtu(struct mpvpn_device *mpvpn);

/* The path by the id in a packet's header, 0 or unknown: NULL; RCU. */
static inline struct mpvpn_path *
mpvpn_path_by_id_rcu(struct mpvpn_device *mpvpn, u8 id)
{
	if (id > MPVPN_MAX_PATHS)
		return NULL;
	return rcu_dereference(mpvpn->path_by_id[id]);
}

static inline bool mpvpn_is_device(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &mpvpn_link_ops;
}

static inline void mpvpn_count(struct mpvpn_device *mpvpn,
			       enum mpvpn_dev_counter counter)
{
	mpvpn_counters_inc(mpvpn->counters, counter);
}

/* Bumped with every device's generation, for the dump of all devices. */
extern u32 mpvpn_generation;

static inline void mpvpn_config_changed(struct mpvpn_device *mpvpn)
{
	ASSERT_RTNL();
	mpvpn->generation++;
	mpvpn_generation++;
}

/* The list of all devices, for the notifier and the pernet exit; RTNL. */
extern struct list_head mpvpn_device_list;

#endif /* _MPVPN_DEVICE_H */
