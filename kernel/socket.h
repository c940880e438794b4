/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_SOCKET_H
#define _MPVPN_SOCKET_H

#include <linux/hashtable.h>
#include <linux/netlink.h>
#include <linux/u64_stats_sync.h>
#include <net/net_namespace.h>

struct mpvpn_device;

/* Drops counted before a packet could be given to a device. */
struct mpvpn_port_counters {
	u64 rx_short;
	u64 rx_bad_version;
	u64 rx_bad_header;
	u64 rx_unknown_tunnel;
	struct u64_stats_sync syncp;
};

#define MPVPN_TUNNEL_HASH_BITS 4

/*
 * One UDP port of one namespace, shared by every device created there with
 * that port; the tunnel id in each packet picks the device. Created with
 * its first device and released with its last, all under RTNL.
 */
struct mpvpn_port {
	struct list_head node;		/* in the namespace's port list, RTNL */
	struct net *net;
	u16 port;
	unsigned int users;		/* RTNL */
	struct socket *sock4;
	struct socket *sock6;		/* NULL without IPv6 */
	DECLARE_HASHTABLE(tunnels, MPVPN_TUNNEL_HASH_BITS); /* RCU, RTNL */
	struct mpvpn_port_counters __percpu *counters;
	struct rcu_head rcu;
};

int mpvpn_port_attach(struct mpvpn_device *mpvpn, struct net *net,
		      struct netlink_ext_ack *extack);
void mpvpn_port_detach(struct mpvpn_device *mpvpn);
struct mpvpn_device *mpvpn_port_find_tunnel_rcu(struct mpvpn_port *port,
						u32 tunnel_id);
void mpvpn_port_counters_sum(struct mpvpn_port *port,
			     struct mpvpn_port_counters *sum);

#define mpvpn_port_count(port, field) do {				\
	struct mpvpn_port_counters *c_ = this_cpu_ptr((port)->counters); \
	u64_stats_update_begin(&c_->syncp);				\
	c_->field++;							\
	u64_stats_update_end(&c_->syncp);				\
} while (0)

int mpvpn_socket_init(void);
void mpvpn_socket_uninit(void);

#endif /* _MPVPN_SOCKET_H */
