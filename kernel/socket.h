/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_SOCKET_H
#define _MPVPN_SOCKET_H

#include <linux/hashtable.h>
#include <linux/netlink.h>
#include <net/net_namespace.h>

#include "counters.h"

struct mpvpn_device;

/* Drops counted before a packet could be given to a device. */
enum mpvpn_port_counter {
	MPVPN_PORT_RX_SHORT,
	MPVPN_PORT_RX_BAD_VERSION,
	MPVPN_PORT_RX_BAD_HEADER,
	MPVPN_PORT_RX_UNKNOWN_TUNNEL,
	MPVPN_PORT_RX_ICMP_IGNORED,
	MPVPN_PORT_COUNTERS
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
	struct mpvpn_counters __percpu *counters;	/* MPVPN_PORT_* */
	struct rcu_head rcu;
};

int mpvpn_port_attach(struct mpvpn_device *mpvpn, struct net *net,
		      struct netlink_ext_ack *extack);
void mpvpn_port_detach(struct mpvpn_device *mpvpn);
struct mpvpn_device *mpvpn_port_find_tunnel_rcu(struct mpvpn_port *port,
						u32 tunnel_id);

int mpvpn_socket_init(void);
void mpvpn_socket_uninit(void);

#endif /* _MPVPN_SOCKET_H */
