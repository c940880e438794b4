// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit: choose the path, segment, push the mpvpn header, seal and hand
 * the packet to the UDP tunnel helpers with a route cached per path.
 * Runs with BH disabled under rcu_read_lock_bh(); takes no lock.
 */

#include "send.h"
#include "crypto.h"
#include "device.h"
#include "failover.h"
#include "path.h"
#include "schedule.h"
#include "session.h"
#include "socket.h"
#include "wire.h"

#include <linux/err.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/dsfield.h>
#include <net/icmp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ipv6_stubs.h>
#include <net/route.h>
#include <net/udp_tunnel.h>

/*
 * The path for this packet; in failover mode the active one. A driver sets
 * the carrier flag at once, and the probe timer publishes a dead path at
 * once, but mpvpn->active moves later, under RTNL (from linkwatch or from
 * a work item): until then the next usable path is chosen here, per packet.
 */
static struct mpvpn_path *pick_path(struct mpvpn_device *mpvpn)
{
	struct mpvpn_path *path = rcu_dereference_bh(mpvpn->active);

	if (likely(!path || mpvpn_path_usable_now(path)))
		return path;
	return mpvpn_failover_select_live(mpvpn);
}

/*
 * The device's own counters, for plaintext; sealed packets count per
 * session (session.h). They start at the wall clock's nanoseconds when
 * the device is created, so that a restarted sender goes on above the
 * counters its peer has seen (dedup.h), as long as the clock is not set
 * back. Nothing depends on that but the plaintext peer's duplicate
 * window, which also takes a much smaller counter for a restart.
 */
void mpvpn_send_init_counters(struct mpvpn_device *mpvpn)
{
	u64 start = ktime_get_real_ns() & ~MPVPN_COUNTER_CONTROL;

	atomic64_set(&mpvpn->tx_counter, start);
	atomic64_set(&mpvpn->tx_control_counter, start);
}

static void push_header(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
			struct sk_buff *skb, u8 type, u64 counter, u8 flags)
{
	struct mpvpn_wire_info info = {
		.type = type,
		.flags = flags,
		.path_id = path->id,
		.tunnel_id = mpvpn->tunnel_id,
		.counter = counter,
		.path_seq = atomic_inc_return(&path->tx_seq),
	};

	mpvpn_wire_build(skb_push(skb, MPVPN_HDR_LEN), &info);
}

static int send4(struct mpvpn_device *mpvpn, struct mpvpn_port *port,
		 struct mpvpn_path *path, struct mpvpn_endpoint *ep,
		 struct sk_buff *skb, u8 tos, bool frag)
{
	struct sock *sk = port->sock4->sk;
	struct flowi4 fl4 = {
		.daddr = ep->remote.ip4,
		.saddr = ep->has_local ? ep->local.ip4 : 0,
		.flowi4_oif = ep->local_ifindex,
		.flowi4_proto = IPPROTO_UDP,
		.fl4_sport = htons(port->port),
		.fl4_dport = ep->remote_port,
	};
	struct rtable *rt;
	__be32 saddr;

	rt = dst_cache_get_ip4(&ep->dst_cache, &saddr);
	if (!rt) {
		rt = ip_route_output_flow(sock_net(sk), &fl4, sk);
		if (IS_ERR(rt))
			return PTR_ERR(rt);
		if (rt->dst.dev == mpvpn->dev) {
			/* The route to the peer leads into the tunnel. */
			ip_rt_put(rt);
			return -ELOOP;
		}
		saddr = fl4.saddr;
		dst_cache_set_ip4(&ep->dst_cache, &rt->dst,
				  saddr);
	}
	/*
	 * DF, so that the path's routers say when a packet is too big
	 * (pmtu.c) instead of fragmenting every one.
	 */
	udp_tunnel_xmit_skb(rt, sk, skb, saddr, ep->remote.ip4, tos,
			    ip4_dst_hoplimit(&rt->dst), frag ? 0 : htons(IP_DF),
			    htons(port->port),
			    ep->remote_port,
			    !net_eq(port->net, dev_net(mpvpn->dev)), false);
	return 0;
}

#if IS_ENABLED(CONFIG_IPV6)
static int send6(struct mpvpn_device *mpvpn, struct mpvpn_port *port,
		 struct mpvpn_path *path, struct mpvpn_endpoint *ep,
		 struct sk_buff *skb, u8 tos, bool frag)
{
	struct flowi6 fl6 = {
		.daddr = ep->remote.ip6,
		.flowi6_oif = ep->local_ifindex,
		.flowi6_proto = IPPROTO_UDP,
		.fl6_sport = htons(port->port),
		.fl6_dport = ep->remote_port,
	};
	struct dst_entry *dst;
	struct sock *sk;

	if (!port->sock6)
		return -EAFNOSUPPORT;
	sk = port->sock6->sk;
	if (ep->has_local)
		fl6.saddr = ep->local.ip6;

	dst = dst_cache_get_ip6(&ep->dst_cache, &fl6.saddr);
	if (!dst) {
		dst = ipv6_stub->ipv6_dst_lookup_flow(sock_net(sk), sk, &fl6,
						      NULL);
		if (IS_ERR(dst))
			return PTR_ERR(dst);
		if (dst->dev == mpvpn->dev) {
			dst_release(dst);
			return -ELOOP;
		}
		dst_cache_set_ip6(&ep->dst_cache, dst,
				  &fl6.saddr);
	}
	/* As iptunnel_xmit() does for IPv4, which udp_tunnel6 does not. */
	skb_scrub_packet(skb, !net_eq(port->net, dev_net(mpvpn->dev)));
	/* The source may fragment it; nothing else is (IPv6's own rule). */
	skb->ignore_df = frag;
	/* Its result, where it has one, is always 0 (compat.h). */
	udp_tunnel6_xmit_skb(dst, sk, skb, mpvpn->dev, &fl6.saddr, &fl6.daddr,
			     tos, ip6_dst_hoplimit(dst), 0, htons(port->port),
			     ep->remote_port, false);
	return 0;
}
#else
static int send6(struct mpvpn_device *mpvpn, struct mpvpn_port *port,
		 struct mpvpn_path *path, struct mpvpn_endpoint *ep,
		 struct sk_buff *skb, u8 tos, bool frag)
{
	return -EAFNOSUPPORT;
}
#endif

/* @frag: the outer packet may be fragmented (send_data()). */
static int send_on_path(struct mpvpn_device *mpvpn, struct mpvpn_port *port,
			struct mpvpn_path *path, struct mpvpn_endpoint *ep,
			struct sk_buff *skb, u8 tos, bool frag)
{
	/* A listening path that has not heard from its peer yet. */
	if (!ep->has_remote)
		return -EDESTADDRREQ;
	if (ep->family == AF_INET)
		return send4(mpvpn, port, path, ep, skb, tos, frag);
	return send6(mpvpn, port, path, ep, skb, tos, frag);
}

/*
 * A handshake message (keying.c), sent as it is: it carries its own
 * prefix and is not sealed. On the route of path @path_id, to @to (the
 * source of the message it answers) or, without @to, to the path's
 * endpoint. Process context.
 */
int mpvpn_send_handshake(struct mpvpn_device *mpvpn, u8 path_id,
			 const struct mpvpn_endpoint_addr *to,
			 const void *msg, unsigned int len)
{
	unsigned int headroom = READ_ONCE(mpvpn->dev->needed_headroom);
	struct mpvpn_endpoint *ep, reply_ep;
	struct mpvpn_path *path;
	struct mpvpn_port *port;
	struct sk_buff *skb;
	int err = -ENOTCONN;

	skb = alloc_skb(headroom + len, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, headroom);
	skb_put_data(skb, msg, len);
	skb->dev = mpvpn->dev;

	rcu_read_lock();
	local_bh_disable();
	port = rcu_dereference_bh(mpvpn->port);
	path = mpvpn_path_by_id_rcu(mpvpn, path_id);
	if (!port || !path)
		goto out;
	ep = rcu_dereference_bh(path->endpoint);
	if (to) {
		/*
		 * Its dst_cache stays empty, which the dst_cache functions
		 * take for "no cache": one route lookup per reply.
		 */
		reply_ep = (struct mpvpn_endpoint) {
			.family = to->family,
			.has_local = ep->has_local && ep->family == to->family,
			.has_remote = true,
			.local = ep->local,
			.remote = to->remote,
			.remote_port = to->port,
			.local_ifindex = ep->local_ifindex,
		};
		ep = &reply_ep;
	}
	err = send_on_path(mpvpn, port, path, ep, skb, 0, false);
out:
	local_bh_enable();
	rcu_read_unlock();
	if (err)
		kfree_skb(skb);
	return err;
}

/*
 * Header, protection and the send itself, for data and control alike;
 * @skb holds the payload, with headroom, and is consumed on success only.
 * @session: what it is sealed under, NULL in plaintext.
 */
static int send_sealed(struct mpvpn_device *mpvpn, struct mpvpn_port *port,
		       struct mpvpn_path *path,
		       struct mpvpn_endpoint *ep,
		       const struct mpvpn_session *session,
		       struct sk_buff *skb, u8 type, u64 counter, u8 flags,
		       u8 tos, bool frag)
{
	if (session) {
		if (mpvpn_crypto_prepare(skb))
			return -ENOMEM;
		flags |= session->remote_slot;
	}
	if (skb_cow_head(skb, READ_ONCE(mpvpn->dev->needed_headroom)))
		return -ENOMEM;
	push_header(mpvpn, path, skb, type, counter, flags);
	if (session)
		mpvpn_crypto_seal(session, skb, path->id, counter);
	return send_on_path(mpvpn, port, path, ep, skb, tos, frag);
}

/*
 * The zeros that make a control packet of @len bytes an outer packet of
 * @size bytes, IP header included, on @ep, sealed or not; 0 if it is that
 * large already.
 */
static unsigned int control_pad(const struct mpvpn_endpoint *ep, bool sealed,
				unsigned int len, unsigned int size)
{
	unsigned int built = (ep->family == AF_INET ? sizeof(struct iphdr) :
						      sizeof(struct ipv6hdr)) +
			     sizeof(struct udphdr) + MPVPN_HDR_LEN + len;

	if (sealed)
		built += MPVPN_TAG_LEN;
	return size > built ? size - built : 0;
}

/*
 * The counter of the next packet of a space (control or data), under
 * @session or, in plaintext, the device's. False: the session's space is
 * spent, and the packet cannot be sent.
 */
static bool next_counter(struct mpvpn_device *mpvpn,
			 struct mpvpn_session *session, bool control,
			 u64 *counter)
{
	if (session)
		return mpvpn_session_counter(session, control, counter);
	if (control)
		*counter = MPVPN_COUNTER_CONTROL |
			   atomic64_inc_return(&mpvpn->tx_control_counter);
	else
		*counter = atomic64_inc_return(&mpvpn->tx_counter);
	return true;
}

/*
 * A probe or an answer: built here, any context with BHs allowed to be
 * off. Control packets take the data's route but are not data: they are
 * counted by the health code, not in the device's or the path's traffic.
 * With @size, zeros after @body make the outer packet that long (padded
 * probes, pmtu.c); a control packet is never fragmented.
 */
int mpvpn_send_control_padded(struct mpvpn_device *mpvpn,
			      struct mpvpn_path *path, u8 type,
			      const void *body, unsigned int len,
			      unsigned int size)
{
	struct mpvpn_session *session;
	struct sk_buff *skb = NULL;
	struct mpvpn_endpoint *ep;
	struct mpvpn_port *port;
	unsigned int headroom, pad;
	int err = -ENOTCONN;
	u64 counter;

	headroom = READ_ONCE(mpvpn->dev->needed_headroom);
	rcu_read_lock_bh();
	port = rcu_dereference_bh(mpvpn->port);
	ep = rcu_dereference_bh(path->endpoint);
	session = mpvpn_crypto_tx_session(mpvpn);
	if (IS_ERR(session)) {
		err = PTR_ERR(session);
		goto out;
	}
	if (!port || !mpvpn_path_link_ok(path))
		goto out;
	pad = size ? control_pad(ep, session, len, size) : 0;
	skb = alloc_skb(headroom + len + pad + MPVPN_TAG_LEN, GFP_ATOMIC);
	if (!skb) {
		err = -ENOMEM;
		goto out;
	}
	skb_reserve(skb, headroom);
	skb_put_data(skb, body, len);
	skb_put_zero(skb, pad);
	/* The tunnel helpers account the send to skb->dev. */
	skb->dev = mpvpn->dev;
	if (!next_counter(mpvpn, session, true, &counter)) {
		err = -ENOKEY;
		goto out;
	}
	err = send_sealed(mpvpn, port, path, ep, session, skb, type, counter,
			  0, 0, false);
out:
	rcu_read_unlock_bh();
	if (err)
		kfree_skb(skb);
	return err;
}

int mpvpn_send_control(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
		       u8 type, const void *body, unsigned int len)
{
	return mpvpn_send_control_padded(mpvpn, path, type, body, len, 0);
}

static void count_tx(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
		     unsigned int len, int err)
{
	if (err) {
		mpvpn_counters_inc(path->counters, MPVPN_PATH_TX_ERRORS);
		mpvpn_count(mpvpn, MPVPN_DEV_TX_ERRORS);
		return;
	}
	mpvpn_counters_inc(path->counters, MPVPN_PATH_TX_PACKETS);
	mpvpn_counters_add(path->counters, MPVPN_PATH_TX_BYTES, len);
	mpvpn_count(mpvpn, MPVPN_DEV_TX_PACKETS);
	mpvpn_counters_add(mpvpn->counters, MPVPN_DEV_TX_BYTES, len);
}

static void send_one(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
		     struct mpvpn_session *session, struct sk_buff *skb,
		     u64 counter, u8 flags, bool frag)
{
	struct mpvpn_port *port = rcu_dereference_bh(mpvpn->port);
	struct mpvpn_endpoint *ep = rcu_dereference_bh(path->endpoint);
	unsigned int len = skb->len;
	int err = -ENOTCONN;
	u8 dsfield, tos;

	if (!port)
		goto drop;
	/*
	 * ECN always crosses (RFC 6040, normal mode), so that the queues of
	 * the path mark instead of dropping; the DSCP only when asked for, as
	 * it tells the path the inner packet's class of service.
	 */
	dsfield = mpvpn_ip_dsfield(skb);
	tos = INET_ECN_encapsulate(READ_ONCE(mpvpn->tos_inherit) ? dsfield : 0,
				   dsfield);
	err = send_sealed(mpvpn, port, path, ep, session, skb, MPVPN_PKT_DATA,
			  counter, flags, tos, frag);
	if (err)
		goto drop;
	count_tx(mpvpn, path, len, 0);
	return;

drop:
	count_tx(mpvpn, path, len, err);
	kfree_skb(skb);
}

/*
 * Whether the network may fragment @skb, the inner packet, on the way: an
 * IPv4 packet without DF, or an IPv6 packet no larger than the IPv6
 * minimum MTU, which every link must carry (RFC 8200), this tunnel too.
 * The outer packet is then fragmented when the path is smaller.
 */
static bool may_fragment(struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IP))
		return !(ip_hdr(skb)->frag_off & htons(IP_DF));
	return skb->len <= IPV6_MIN_MTU;
}

/*
 * @skb fits no path chosen for it: its sender learns the largest inner
 * packet they carry, as a router would tell it (the local stack's route
 * to the destination learns it at once, as vxlan's does), and it is
 * dropped.
 */
static void send_too_big(struct mpvpn_device *mpvpn, struct sk_buff *skb,
			 u32 mtu)
{
	mpvpn_count(mpvpn, MPVPN_DEV_TX_TOO_BIG);
	if (skb->protocol == htons(ETH_P_IP)) {
		mtu = max_t(u32, mtu, IPV4_MIN_MTU);
		skb_dst_update_pmtu_no_confirm(skb, mtu);
		icmp_ndo_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
			      htonl(mtu));
	} else {
		mtu = max_t(u32, mtu, IPV6_MIN_MTU);
		skb_dst_update_pmtu_no_confirm(skb, mtu);
		icmpv6_ndo_send(skb, ICMPV6_PKT_TOOBIG, 0, mtu);
	}
	kfree_skb(skb);
}

/*
 * One inner packet on the paths the mode chose, or on failover's path
 * when the mode has none usable. Copies (redundant mode) share the data
 * counter, which is how the receiver knows them for copies. Aggregate
 * mode marks its packets for reordering even on the fallback path, so
 * the receiver's sequence has no gaps it would wait for. The modes
 * prefer paths the packet fits (schedule.c); a path it does not fit
 * gets it only fragmented, if the sender allows that, else the sender
 * gets an ICMP error.
 */
static void send_data(struct mpvpn_device *mpvpn, struct sk_buff *skb,
		      u32 flow_hash)
{
	struct mpvpn_path *paths[MPVPN_REDUNDANCY_MAX];
	bool frag[MPVPN_REDUNDANCY_MAX], fragment_ok;
	unsigned int n, i, kept, mtu, too_big_mtu = 0;
	struct mpvpn_session *session;
	struct sk_buff *copy;
	u64 counter;
	u8 flags;

	/*
	 * No session yet: the packet is dropped while the handshake this
	 * asked for runs, as a lost packet the sender's transport resends;
	 * one round trip at the tunnel's start or after a long silence.
	 */
	session = mpvpn_crypto_tx_session(mpvpn);
	if (IS_ERR(session)) {
		mpvpn_count(mpvpn, MPVPN_DEV_TX_NO_KEY);
		kfree_skb(skb);
		return;
	}
	n = mpvpn_schedule_pick(mpvpn, skb, flow_hash, paths);
	if (!n) {
		paths[0] = pick_path(mpvpn);
		if (!paths[0]) {
			mpvpn_count(mpvpn, MPVPN_DEV_TX_NO_PATH);
			kfree_skb(skb);
			return;
		}
		n = 1;
	}
	fragment_ok = may_fragment(skb);
	for (i = 0, kept = 0; i < n; i++) {
		mtu = mpvpn_path_inner_mtu(paths[i]);
		if (skb->len > mtu && !fragment_ok) {
			too_big_mtu = max(too_big_mtu, mtu);
			continue;
		}
		frag[kept] = skb->len > mtu;
		paths[kept++] = paths[i];
	}
	if (!kept) {
		send_too_big(mpvpn, skb, too_big_mtu);
		return;
	}
	n = kept;
	/* The inner checksum must be final before it is wrapped. */
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) {
		count_tx(mpvpn, paths[0], skb->len, -ENOMEM);
		kfree_skb(skb);
		return;
	}
	flags = READ_ONCE(mpvpn->mode) == MPVPN_MODE_AGGREGATE ?
		MPVPN_FLAG_SEQUENCED : 0;
	if (!next_counter(mpvpn, session, false, &counter)) {
		mpvpn_count(mpvpn, MPVPN_DEV_TX_NO_KEY);
		kfree_skb(skb);
		return;
	}
	for (i = 0; i + 1 < n; i++) {
		copy = skb_clone(skb, GFP_ATOMIC);
		if (!copy) {
			count_tx(mpvpn, paths[i], skb->len, -ENOMEM);
			continue;
		}
		send_one(mpvpn, paths[i], session, copy, counter, flags,
			 frag[i]);
	}
	send_one(mpvpn, paths[n - 1], session, skb, counter, flags,
		 frag[n - 1]);
}

static bool inner_protocol_ok(struct sk_buff *skb)
{
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		return pskb_network_may_pull(skb, sizeof(struct iphdr)) &&
		       ip_hdr(skb)->version == 4;
	case htons(ETH_P_IPV6):
		return pskb_network_may_pull(skb, sizeof(struct ipv6hdr)) &&
		       ipv6_hdr(skb)->version == 6;
	default:
		return false;
	}
}

netdev_tx_t mpvpn_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct mpvpn_device *mpvpn = netdev_priv(dev);
	struct sk_buff *segs, *seg, *next;
	u32 flow_hash = 0;

	if (!inner_protocol_ok(skb)) {
		mpvpn_count(mpvpn, MPVPN_DEV_TX_ERRORS);
		goto drop;
	}
	/* Nothing leaves a device that was given neither keys nor "none". */
	if (mpvpn_crypto_encryption(&mpvpn->crypto) == MPVPN_ENCRYPTION_UNSET) {
		mpvpn_count(mpvpn, MPVPN_DEV_TX_NO_KEY);
		goto drop;
	}
	/* From the inner headers, once for all segments. */
	if (READ_ONCE(mpvpn->mode) == MPVPN_MODE_FLOWHASH)
		flow_hash = __skb_get_hash_symmetric(skb);

	if (skb_is_gso(skb)) {
		segs = skb_gso_segment(skb, 0);
		if (IS_ERR_OR_NULL(segs)) {
			mpvpn_count(mpvpn, MPVPN_DEV_TX_ERRORS);
			goto drop;
		}
		consume_skb(skb);
		skb = segs;
	}
	skb_list_walk_safe(skb, seg, next) {
		skb_mark_not_on_list(seg);
		send_data(mpvpn, seg, flow_hash);
	}
	return NETDEV_TX_OK;

drop:
	kfree_skb(skb);
	return NETDEV_TX_OK;
}
