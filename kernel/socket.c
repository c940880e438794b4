// SPDX-License-Identifier: GPL-2.0
/*
 * The UDP sockets: one per (namespace, port), shared by the devices that
 * use that port and told apart by tunnel id. A socket lives in the
 * namespace that created its devices, wherever the devices move later, and
 * is torn down when that namespace goes away.
 */

#include "socket.h"
#include "compat.h"
#include "device.h"
#include "pmtu.h"
#include "receive.h"
#include "path.h"

#include <linux/rtnetlink.h>
#include <net/ip.h>
#include <net/netns/generic.h>
#include <net/udp_tunnel.h>

struct mpvpn_net {
	struct list_head ports;		/* RTNL */
};

static unsigned int mpvpn_net_id __read_mostly;

/* ICMP errors about our packets: the path MTU (pmtu.c). */
MPVPN_DEFINE_ENCAP_ERR_RCV(tunnel_icmp_err, mpvpn_pmtu_icmp)

static struct socket *open_socket(struct net *net, struct mpvpn_port *port,
				  int family, int *err)
{
	struct udp_tunnel_sock_cfg tunnel_cfg = {
		.sk_user_data = port,
		.encap_type = 1,
		.encap_rcv = mpvpn_udp_recv,
		.encap_err_rcv = tunnel_icmp_err,
	};
	struct udp_port_cfg cfg = {
		.family = family,
		.local_udp_port = htons(port->port),
		.ipv6_v6only = 1,
		.use_udp_checksums = true,
		.use_udp6_tx_checksums = true,
		.use_udp6_rx_checksums = true,
	};
	struct socket *sock;

	*err = udp_sock_create(net, &cfg, &sock);
	if (*err)
		return NULL;
	/*
	 * The IPv4 stack would lower its route to the peer from any ICMP
	 * error that names our addresses and port, and refuse our larger
	 * packets locally from then on: a forged error would bypass the
	 * checks of pmtu.c. With "interface", the socket's ICMP errors
	 * only reach pmtu.c, and its packets go up to the device's MTU, DF
	 * set. (IPv6 would not even pass a packet-too-big on: the stack's
	 * own floor of 1280 is ours there.)
	 */
	if (family == AF_INET)
		ip_sock_set_mtu_discover(sock->sk, IP_PMTUDISC_INTERFACE);
	setup_udp_tunnel_sock(net, sock, &tunnel_cfg);
	return sock;
}

static void port_free_rcu(struct rcu_head *rcu)
{
	struct mpvpn_port *port = container_of(rcu, struct mpvpn_port, rcu);

	free_percpu(port->counters);
	kfree(port);
}

static void port_release(struct mpvpn_port *port)
{
	list_del(&port->node);
	/* udp_tunnel_sock_release() waits for receivers of this socket. */
	if (port->sock6)
		udp_tunnel_sock_release(port->sock6);
	if (port->sock4)
		udp_tunnel_sock_release(port->sock4);
	call_rcu(&port->rcu, port_free_rcu);
}

static struct mpvpn_port *port_create(struct net *net, u16 num,
				      struct netlink_ext_ack *extack)
{
	struct mpvpn_net *mn = net_generic(net, mpvpn_net_id);
	struct mpvpn_port *port;
	int err;

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return ERR_PTR(-ENOMEM);
	port->counters = mpvpn_counters_alloc();
	if (!port->counters) {
		kfree(port);
		return ERR_PTR(-ENOMEM);
	}
	port->net = net;
	port->port = num;
	hash_init(port->tunnels);
	INIT_LIST_HEAD(&port->node);

	port->sock4 = open_socket(net, port, AF_INET, &err);
	if (!port->sock4) {
		if (err == -EADDRINUSE)
			NL_SET_ERR_MSG(extack, "UDP port is in use by another socket");
		else
			NL_SET_ERR_MSG(extack, "cannot open the UDP socket");
		goto err;
	}
	if (IS_ENABLED(CONFIG_IPV6)) {
		port->sock6 = open_socket(net, port, AF_INET6, &err);
		/* A namespace without IPv6 still gets an IPv4 tunnel. */
		if (!port->sock6 && err != -EAFNOSUPPORT) {
			if (err == -EADDRINUSE)
				NL_SET_ERR_MSG(extack, "UDP port is in use by another IPv6 socket");
			else
				NL_SET_ERR_MSG(extack, "cannot open the IPv6 UDP socket");
			goto err;
		}
	}
	list_add(&port->node, &mn->ports);
	return port;

err:
	port_release(port);
	return ERR_PTR(err);
}

static struct mpvpn_port *port_find(struct net *net, u16 num)
{
	struct mpvpn_net *mn = net_generic(net, mpvpn_net_id);
	struct mpvpn_port *port;

	list_for_each_entry(port, &mn->ports, node) {
		if (port->port == num)
			return port;
	}
	return NULL;
}

struct mpvpn_device *mpvpn_port_find_tunnel_rcu(struct mpvpn_port *port,
						u32 tunnel_id)
{
	struct mpvpn_device *mpvpn;

	hash_for_each_possible_rcu(port->tunnels, mpvpn, tunnel_node, tunnel_id) {
		if (mpvpn->tunnel_id == tunnel_id)
			return mpvpn;
	}
	return NULL;
}

static u32 free_tunnel_id(struct mpvpn_port *port)
{
	u32 id = 1;

	while (port && mpvpn_port_find_tunnel_rcu(port, id))
		id++;
	return id;
}

/*
 * Joins the device to the socket of its port, creating it for the first
 * device. A device created without a tunnel id gets the lowest free one.
 */
int mpvpn_port_attach(struct mpvpn_device *mpvpn, struct net *net,
		      struct netlink_ext_ack *extack)
{
	struct mpvpn_port *port;

	ASSERT_RTNL();
	port = port_find(net, mpvpn->port_num);
	if (!mpvpn->tunnel_id)
		mpvpn->tunnel_id = free_tunnel_id(port);
	if (port && mpvpn_port_find_tunnel_rcu(port, mpvpn->tunnel_id)) {
		NL_SET_ERR_MSG(extack, "tunnel id already used on this UDP port");
		return -EEXIST;
	}
	if (!port) {
		port = port_create(net, mpvpn->port_num, extack);
		if (IS_ERR(port))
			return PTR_ERR(port);
	}
	port->users++;
	hash_add_rcu(port->tunnels, &mpvpn->tunnel_node, mpvpn->tunnel_id);
	rcu_assign_pointer(mpvpn->port, port);
	return 0;
}

void mpvpn_port_detach(struct mpvpn_device *mpvpn)
{
	struct mpvpn_port *port = rtnl_dereference(mpvpn->port);

	ASSERT_RTNL();
	if (!port)
		return;
	hash_del_rcu(&mpvpn->tunnel_node);
	RCU_INIT_POINTER(mpvpn->port, NULL);
	/* Senders that still see the port are done before it may go. */
	synchronize_net();
	if (--port->users == 0)
		port_release(port);
}

static __net_init int mpvpn_net_init(struct net *net)
{
	struct mpvpn_net *mn = net_generic(net, mpvpn_net_id);

	INIT_LIST_HEAD(&mn->ports);
	return 0;
}

/*
 * The namespace that owns the sockets is going away: its devices, wherever
 * they live now, lose their socket and their paths go down.
 */
static void __net_exit mpvpn_net_pre_exit(struct net *net)
{
	struct mpvpn_device *mpvpn;

	rtnl_lock();
	list_for_each_entry(mpvpn, &mpvpn_device_list, device_list) {
		if (rtnl_dereference(mpvpn->creating_net) != net)
			continue;
		mpvpn_port_detach(mpvpn);
		RCU_INIT_POINTER(mpvpn->creating_net, NULL);
		mpvpn_paths_refresh(mpvpn);
	}
	rtnl_unlock();
}

static struct pernet_operations mpvpn_net_ops = {
	.init = mpvpn_net_init,
	.pre_exit = mpvpn_net_pre_exit,
	.id = &mpvpn_net_id,
	.size = sizeof(struct mpvpn_net),
};

int mpvpn_socket_init(void)
{
	return register_pernet_device(&mpvpn_net_ops);
}

void mpvpn_socket_uninit(void)
{
	unregister_pernet_device(&mpvpn_net_ops);
}
