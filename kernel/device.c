// SPDX-License-Identifier: GPL-2.0
/*
 * The mpvpn netdevice: rtnl_link_ops, netdev ops, MTU and counters.
 */

#include "device.h"
#include "compat.h"
#include "dedup.h"
#include "netlink-gen.h"
#include "path.h"
#include "reorder.h"
#include "schedule.h"
#include "send.h"
#include "socket.h"
#include "state.h"
#include "wire.h"

#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <net/ip.h>
#include <net/rtnetlink.h>

LIST_HEAD(mpvpn_device_list);
u32 mpvpn_generation;

static int mpvpn_dev_init(struct net_device *dev)
{
	struct mpvpn_device *mpvpn = netdev_priv(dev);
	int ret;

	ret = mpvpn_tstats_alloc(dev);
	if (ret)
		return ret;
	ret = gro_cells_init(&mpvpn->gro_cells, dev);
	if (ret)
		goto err_tstats;
	ret = -ENOMEM;
	mpvpn->dedup = mpvpn_dedup_alloc();
	if (!mpvpn->dedup)
		goto err_gro;
	mpvpn->control_dedup = mpvpn_dedup_alloc();
	if (!mpvpn->control_dedup)
		goto err_dedup;
	ret = mpvpn_reorder_init(mpvpn);
	if (ret)
		goto err_control_dedup;
	ret = mpvpn_keying_init(&mpvpn->keying);
	if (ret)
		goto err_reorder;
	return 0;

err_reorder:
	mpvpn_reorder_uninit(mpvpn);
err_control_dedup:
	mpvpn_dedup_free(mpvpn->control_dedup);
err_dedup:
	mpvpn_dedup_free(mpvpn->dedup);
err_gro:
	gro_cells_destroy(&mpvpn->gro_cells);
err_tstats:
	mpvpn_tstats_free(dev);
	return ret;
}

static void mpvpn_dev_uninit(struct net_device *dev)
{
	struct mpvpn_device *mpvpn = netdev_priv(dev);

	mpvpn_keying_uninit(&mpvpn->keying);
	/* After the last stop, which may have rebuilt it once more. */
	mpvpn_schedule_free(mpvpn);
	mpvpn_reorder_uninit(mpvpn);
	mpvpn_dedup_free(mpvpn->control_dedup);
	mpvpn_dedup_free(mpvpn->dedup);
	gro_cells_destroy(&mpvpn->gro_cells);
	mpvpn_tstats_free(dev);
}

static void mpvpn_get_stats64(struct net_device *dev,
			      struct rtnl_link_stats64 *stats)
{
	struct mpvpn_device *mpvpn = netdev_priv(dev);
	u64 sum[MPVPN_COUNTERS_MAX];

	dev_get_tstats64(dev, stats);
	mpvpn_counters_sum(mpvpn->counters, sum);
	stats->tx_packets = sum[MPVPN_DEV_TX_PACKETS];
	stats->tx_bytes = sum[MPVPN_DEV_TX_BYTES];
	stats->tx_errors += sum[MPVPN_DEV_TX_ERRORS];
	stats->tx_dropped += sum[MPVPN_DEV_TX_NO_PATH] +
			     sum[MPVPN_DEV_TX_NO_KEY] +
			     sum[MPVPN_DEV_TX_TOO_BIG];
	stats->rx_errors += sum[MPVPN_DEV_RX_UNKNOWN_SOURCE] +
			    sum[MPVPN_DEV_RX_BAD_INNER] +
			    sum[MPVPN_DEV_RX_BAD_ECN] +
			    sum[MPVPN_DEV_RX_NOT_AUTHENTIC] +
			    sum[MPVPN_DEV_RX_NO_KEY];
	stats->rx_dropped += sum[MPVPN_DEV_RX_DROPPED] +
			     sum[MPVPN_DEV_RX_STALE];
}

static int mpvpn_open(struct net_device *dev)
{
	struct mpvpn_device *mpvpn = netdev_priv(dev);

	mpvpn_reorder_open(mpvpn);
	mpvpn_paths_start(mpvpn);
	mpvpn_keying_paths_changed(&mpvpn->keying);
	return 0;
}

static int mpvpn_stop(struct net_device *dev)
{
	mpvpn_paths_stop(netdev_priv(dev));
	mpvpn_reorder_stop(netdev_priv(dev));
	return 0;
}

static int mpvpn_change_mtu(struct net_device *dev, int new_mtu)
{
	struct mpvpn_device *mpvpn = netdev_priv(dev);

	/* A value the user chose is kept as a ceiling when paths change. */
	if (!mpvpn->setting_mtu)
		mpvpn->user_mtu = new_mtu;
	WRITE_ONCE(dev->mtu, new_mtu);
	return 0;
}

/*
 * The MTU follows the smallest path: its underlay MTU less the overhead of
 * its address family. The user may set it lower, not higher.
 */
void mpvpn_device_update_mtu(struct mpvpn_device *mpvpn)
{
	struct net_device *dev = mpvpn->dev;
	unsigned int auto_mtu = UINT_MAX, mtu, overhead;
	unsigned int ll_room = MPVPN_LL_ROOM_GUESS;
	struct mpvpn_endpoint ep;
	struct mpvpn_path *path;

	ASSERT_RTNL();
	list_for_each_entry(path, &mpvpn->paths, node) {
		ll_room = max(ll_room, READ_ONCE(path->underlay_ll_room));
		/* A path without an address family yet may become IPv6. */
		mpvpn_path_endpoint_get(path, &ep);
		overhead = ep.family == AF_INET ? MPVPN_OVERHEAD_V4 :
						  MPVPN_OVERHEAD_V6;
		mtu = path->underlay_mtu > overhead ?
		      path->underlay_mtu - overhead : 0;
		auto_mtu = min(auto_mtu, mtu);
	}
	if (auto_mtu == UINT_MAX)
		auto_mtu = ETH_DATA_LEN - MPVPN_OVERHEAD_V6;
	auto_mtu = clamp_t(unsigned int, auto_mtu, ETH_MIN_MTU,
			   IP_MAX_MTU - MPVPN_OVERHEAD_V4);
	mpvpn->auto_mtu = auto_mtu;
	dev->max_mtu = auto_mtu;
	/*
	 * The stack reserves this much in front of the packets it makes for
	 * the device, and transmit makes room for this much in the others:
	 * enough for the outer headers and the underlays' link layer, so
	 * that neither transmit nor the IP output has to copy.
	 */
	WRITE_ONCE(dev->needed_headroom, MPVPN_HEADERS_MAX + ll_room);

	mtu = mpvpn->user_mtu ? min(mpvpn->user_mtu, auto_mtu) : auto_mtu;
	if (mtu == dev->mtu || dev->reg_state != NETREG_REGISTERED)
		return;
	mpvpn->setting_mtu = true;
	dev_set_mtu(dev, mtu);
	mpvpn->setting_mtu = false;
}

static const struct net_device_ops mpvpn_netdev_ops = {
	.ndo_init = mpvpn_dev_init,
	.ndo_uninit = mpvpn_dev_uninit,
	.ndo_open = mpvpn_open,
	.ndo_stop = mpvpn_stop,
	.ndo_start_xmit = mpvpn_xmit,
	.ndo_get_stats64 = mpvpn_get_stats64,
	.ndo_change_mtu = mpvpn_change_mtu,
};

static void mpvpn_destruct(struct net_device *dev)
{
	struct mpvpn_device *mpvpn = netdev_priv(dev);

	/* Without RTNL, after dellink: a run of state_work may be waiting. */
	cancel_delayed_work_sync(&mpvpn->state_work);
	free_percpu(mpvpn->counters);
}

static void mpvpn_setup(struct net_device *dev)
{
	struct mpvpn_device *mpvpn = netdev_priv(dev);
	const netdev_features_t features = NETIF_F_HW_CSUM | NETIF_F_RXCSUM |
					   NETIF_F_SG | NETIF_F_GSO |
					   NETIF_F_GSO_SOFTWARE |
					   NETIF_F_HIGHDMA;

	dev->netdev_ops = &mpvpn_netdev_ops;
	dev->header_ops = NULL;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->needed_headroom = MPVPN_HEADERS_MAX + MPVPN_LL_ROOM_GUESS;
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	/*
	 * Transmit needs the inner packet's route: an ICMP error to its
	 * sender (send.c, send_too_big()) is routed from it, and a local
	 * sender's route learns the path MTU. The core would drop it first.
	 */
	netif_keep_dst(dev);
	dev->features |= features;
	mpvpn_set_lltx(dev);
	/* The UDP tunnel helpers count into dev->tstats by this type. */
	mpvpn_set_core_tstats(dev);
	dev->hw_features |= features;
	dev->hw_enc_features |= features;
	dev->mtu = ETH_DATA_LEN - MPVPN_OVERHEAD_V6;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = dev->mtu;

	/* alloc_netdev() handed the private area over zeroed. */
	mpvpn->dev = dev;
}

static void apply_link_attrs(struct mpvpn_device *mpvpn, struct nlattr *data[])
{
	mpvpn->port_num = MPVPN_DEFAULT_PORT;
	mpvpn->tunnel_id = 0;
	mpvpn->mode = MPVPN_MODE_FAILOVER;
	if (!data)
		return;
	if (data[IFLA_MPVPN_PORT])
		mpvpn->port_num = nla_get_u16(data[IFLA_MPVPN_PORT]);
	if (data[IFLA_MPVPN_TUNNEL_ID])
		mpvpn->tunnel_id = nla_get_u32(data[IFLA_MPVPN_TUNNEL_ID]);
	if (data[IFLA_MPVPN_MODE])
		mpvpn->mode = nla_get_u8(data[IFLA_MPVPN_MODE]);
}

static int mpvpn_newlink(struct net *src_net, struct net_device *dev,
			 struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	struct mpvpn_device *mpvpn = netdev_priv(dev);
	int ret;

	INIT_LIST_HEAD(&mpvpn->paths);
	INIT_LIST_HEAD(&mpvpn->device_list);
	INIT_HLIST_NODE(&mpvpn->tunnel_node);
	ratelimit_state_init(&mpvpn->log_ratelimit, 5 * HZ, 20);
	mpvpn_health_config_defaults(&mpvpn->health_defaults);
	mpvpn->failback = MPVPN_FAILBACK_REVERT;
	mpvpn->revert_delay_ms = MPVPN_REVERT_DELAY_MS_DEFAULT;
	mpvpn->redundancy = MPVPN_REDUNDANCY_DEFAULT;
	mpvpn_send_init_counters(mpvpn);
	mpvpn_state_init(mpvpn);
	apply_link_attrs(mpvpn, data);
	rcu_assign_pointer(mpvpn->creating_net, src_net);

	mpvpn->counters = mpvpn_counters_alloc();
	if (!mpvpn->counters)
		return -ENOMEM;

	/* Before registration, so a busy port fails the creation cleanly. */
	ret = mpvpn_port_attach(mpvpn, src_net, extack);
	if (ret)
		goto err_counters;

	ret = register_netdevice(dev);
	if (ret)
		goto err_port;

	list_add(&mpvpn->device_list, &mpvpn_device_list);
	mpvpn_config_changed(mpvpn);
	/* Only now: on failure above, the caller frees the device itself. */
	dev->needs_free_netdev = true;
	dev->priv_destructor = mpvpn_destruct;
	netdev_dbg(dev, "device created (port %u, tunnel %u)\n",
		   mpvpn->port_num, mpvpn->tunnel_id);
	return 0;

err_port:
	mpvpn_port_detach(mpvpn);
err_counters:
	free_percpu(mpvpn->counters);
	return ret;
}

static void mpvpn_dellink(struct net_device *dev, struct list_head *head)
{
	struct mpvpn_device *mpvpn = netdev_priv(dev);

	ASSERT_RTNL();
	mpvpn->dying = true;
	mpvpn_path_remove_all(mpvpn);
	mpvpn_port_detach(mpvpn);
	/*
	 * A run waiting for RTNL will find the device dying; the destructor
	 * waits for it without RTNL. Nothing queues it again: the probe
	 * timers are gone with the paths, and the detach waited for every
	 * receiver (a roam or an answer of a path found before the removal).
	 */
	cancel_delayed_work(&mpvpn->state_work);
	list_del(&mpvpn->device_list);
	mpvpn_config_changed(mpvpn);
	netdev_dbg(dev, "device destroyed\n");
	unregister_netdevice_queue(dev, head);
}

static size_t mpvpn_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u16)) +	/* IFLA_MPVPN_PORT */
	       nla_total_size(sizeof(u32)) +	/* IFLA_MPVPN_TUNNEL_ID */
	       nla_total_size(sizeof(u8));	/* IFLA_MPVPN_MODE */
}

static int mpvpn_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	const struct mpvpn_device *mpvpn = netdev_priv(dev);

	if (nla_put_u16(skb, IFLA_MPVPN_PORT, mpvpn->port_num) ||
	    nla_put_u32(skb, IFLA_MPVPN_TUNNEL_ID, mpvpn->tunnel_id) ||
	    nla_put_u8(skb, IFLA_MPVPN_MODE, mpvpn->mode))
		return -EMSGSIZE;
	return 0;
}

static struct net *mpvpn_get_link_net(const struct net_device *dev)
{
	struct mpvpn_device *mpvpn = netdev_priv(dev);
	struct net *net = rcu_dereference_rtnl(mpvpn->creating_net);

	return net ?: dev_net(dev);
}

struct rtnl_link_ops mpvpn_link_ops __read_mostly = {
	.kind = KBUILD_MODNAME,
	.priv_size = sizeof(struct mpvpn_device),
	.maxtype = IFLA_MPVPN_MAX,
	.policy = mpvpn_link_nl_policy,
	.setup = mpvpn_setup,
	.newlink = mpvpn_newlink,
	.dellink = mpvpn_dellink,
	.get_size = mpvpn_get_size,
	.fill_info = mpvpn_fill_info,
	.get_link_net = mpvpn_get_link_net,
};

/* Finds an mpvpn device by index or name; RTNL. */
struct mpvpn_device *mpvpn_device_get_rtnl(struct net *net, int ifindex,
					   const char *ifname)
{
	struct net_device *dev = NULL;

	ASSERT_RTNL();
	if (ifindex)
		dev = __dev_get_by_index(net, ifindex);
	else if (ifname)
		dev = __dev_get_by_name(net, ifname);
	if (!dev || !mpvpn_is_device(dev))
		return NULL;
	return netdev_priv(dev);
}

int mpvpn_device_init(void)
{
	return rtnl_link_register(&mpvpn_link_ops);
}

void mpvpn_device_uninit(void)
{
	rtnl_link_unregister(&mpvpn_link_ops);
}
