// SPDX-License-Identifier: GPL-2.0
/*
 * Receive: the UDP encapsulation hook. Nothing from the wire is trusted:
 * the header, the tunnel, the path its id names (and, for a pinned path,
 * the sender), the authentication tag and the counter's freshness are
 * checked in that order, and a packet failing a check is dropped and
 * counted under the first reason it failed, before it changes any state.
 * A path is who its packets authenticate as, not where they come from:
 * an authentic new packet from another source moves the path's remote
 * endpoint there (roaming; Documentation/wire-format.rst), then counts as
 * seen on the path (last sequence, last-seen time) before its payload,
 * inner packet or probe body, is checked in turn. Handshake messages,
 * which no data header parses as, go to keying.c's queue instead; data
 * packets pay nothing for them.
 */

#include "receive.h"
#include "crypto.h"
#include "dedup.h"
#include "device.h"
#include "keying.h"
#include "path.h"
#include "probe.h"
#include "reorder.h"
#include "session.h"
#include "socket.h"
#include "state.h"
#include "wire.h"

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/udp.h>

/* The outer header's DS field, for the ECN decapsulation. */
static u8 outer_dsfield(const struct sk_buff *skb)
{
	if (ip_hdr(skb)->version == 4)
		return ipv4_get_dsfield(ip_hdr(skb));
	return ipv6_get_dsfield(ipv6_hdr(skb));
}

/*
 * The outer packet's length as it arrived: of its largest fragment when
 * it came in pieces, which a padded probe's answer reports (pmtu.c).
 */
static unsigned int outer_length(const struct sk_buff *skb)
{
	if (ip_hdr(skb)->version == 4)
		return IPCB(skb)->frag_max_size ?: ntohs(ip_hdr(skb)->tot_len);
	return IP6CB(skb)->frag_max_size ?:
	       sizeof(struct ipv6hdr) + ntohs(ipv6_hdr(skb)->payload_len);
}

/*
 * Where the packet came from: the peer's address as seen here (keying.c's
 * handshake messages too).
 */
void mpvpn_outer_source(const struct sk_buff *skb, sa_family_t *family,
			union mpvpn_addr *saddr)
{
	memset(saddr, 0, sizeof(*saddr));
	if (ip_hdr(skb)->version == 4) {
		*family = AF_INET;
		saddr->ip4 = ip_hdr(skb)->saddr;
	} else {
		*family = AF_INET6;
		saddr->ip6 = ipv6_hdr(skb)->saddr;
	}
}

/* Most likely a peer not upgraded yet: the operator is told. */
static void log_bad_version(const struct mpvpn_port *port,
			    const struct sk_buff *skb)
{
	u8 version = skb->data[sizeof(struct udphdr)];

	if (ip_hdr(skb)->version == 4)
		net_info_ratelimited("mpvpn: port %u: wire version %u from %pI4, this module speaks %u: dropped\n",
				     port->port, version, &ip_hdr(skb)->saddr,
				     MPVPN_WIRE_VERSION);
	else
		net_info_ratelimited("mpvpn: port %u: wire version %u from %pI6c, this module speaks %u: dropped\n",
				     port->port, version, &ipv6_hdr(skb)->saddr,
				     MPVPN_WIRE_VERSION);
}

static void count_wire_drop(struct mpvpn_port *port,
			    const struct sk_buff *skb,
			    enum mpvpn_wire_result result)
{
	switch (result) {
	case MPVPN_WIRE_SHORT:
		mpvpn_counters_inc(port->counters, MPVPN_PORT_RX_SHORT);
		break;
	case MPVPN_WIRE_BAD_VERSION:
		mpvpn_counters_inc(port->counters, MPVPN_PORT_RX_BAD_VERSION);
		log_bad_version(port, skb);
		break;
	default:
		mpvpn_counters_inc(port->counters, MPVPN_PORT_RX_BAD_HEADER);
		break;
	}
}

/* Strips the outer headers and checks that one whole IP packet remains. */
static bool decapsulate(struct sk_buff *skb)
{
	unsigned int inner_len;
	__be16 protocol;

	__skb_pull(skb, sizeof(struct udphdr) + MPVPN_HDR_LEN);
	if (!pskb_may_pull(skb, min_t(unsigned int, skb->len,
				      sizeof(struct ipv6hdr))))
		return false;
	if (mpvpn_inner_check(skb->data, skb_headlen(skb), skb->len,
			      &protocol, &inner_len) != MPVPN_WIRE_OK)
		return false;
	if (pskb_trim(skb, inner_len))
		return false;
	skb->protocol = protocol;
	skb_reset_network_header(skb);
	skb_reset_mac_header(skb);
	return true;
}

/*
 * A new data packet from a path's peer: handed to the stack, through the
 * reorder buffer when the peer spread its packets over paths (aggregate
 * mode).
 */
static void deliver(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
		    struct sk_buff *skb, struct net *sock_net,
		    const struct mpvpn_wire_info *info,
		    const struct mpvpn_session *session)
{
	struct net_device *dev = mpvpn->dev;
	unsigned int len;

	skb_scrub_packet(skb, !net_eq(sock_net, dev_net(dev)));
	skb->dev = dev;
	skb->pkt_type = PACKET_HOST;
	/* The outer checksum covered it, but only the inner one is proof. */
	skb->ip_summed = CHECKSUM_NONE;
	len = skb->len;

	mpvpn_counters_inc(path->counters, MPVPN_PATH_RX_PACKETS);
	mpvpn_counters_add(path->counters, MPVPN_PATH_RX_BYTES, len);

	if (info->flags & MPVPN_FLAG_SEQUENCED) {
		mpvpn_reorder_enqueue(mpvpn, skb, session ? session->id : 0,
				      info->counter);
		return;
	}
	if (gro_cells_receive(&mpvpn->gro_cells, skb) == NET_RX_SUCCESS)
		dev_sw_netstats_rx_add(dev, len);
}

/*
 * A sealed packet, opened under the session its key slot names (left in
 * *@session); false when it is to be dropped, counted here.
 */
static bool open_sealed(struct mpvpn_device *mpvpn, struct sk_buff *skb,
			const struct mpvpn_wire_info *info,
			struct mpvpn_session **session)
{
	u8 slot = info->flags & MPVPN_FLAG_KEY_SLOT_MASK;

	if (!slot) {
		mpvpn_count(mpvpn, MPVPN_DEV_RX_NOT_AUTHENTIC);
		return false;
	}
	*session = mpvpn_sessions_lookup(&mpvpn->keying.sessions, slot);
	if (!*session ||
	    mpvpn_session_rejected(*session, mpvpn_session_now(), info->counter)) {
		mpvpn_count(mpvpn, MPVPN_DEV_RX_NO_KEY);
		return false;
	}
	switch (mpvpn_crypto_open(*session, skb, sizeof(struct udphdr), info)) {
	case MPVPN_OPEN_AUTHENTIC:
		return true;
	case MPVPN_OPEN_NOT_AUTHENTIC:
		mpvpn_count(mpvpn, MPVPN_DEV_RX_NOT_AUTHENTIC);
		return false;
	default:
		mpvpn_count(mpvpn, MPVPN_DEV_RX_DROPPED);
		return false;
	}
}

/*
 * Authenticates and decrypts under the session the header's key slot
 * names, left in *@session (NULL in plaintext); false when the packet is
 * to be dropped, counted here. A packet sealed when the device expects
 * plaintext, or the other way round, is refused: one side's keys are not
 * the other's.
 */
static bool open_packet(struct mpvpn_device *mpvpn, struct sk_buff *skb,
			const struct mpvpn_wire_info *info,
			struct mpvpn_session **session)
{
	*session = NULL;
	switch (mpvpn_crypto_encryption(&mpvpn->crypto)) {
	case MPVPN_ENCRYPTION_NONE:
		if (!(info->flags & MPVPN_FLAG_KEY_SLOT_MASK))
			return true;
		break;
	case MPVPN_ENCRYPTION_CHACHA20_POLY1305:
		return open_sealed(mpvpn, skb, info, session);
	default:
		break;
	}
	mpvpn_count(mpvpn, MPVPN_DEV_RX_NO_KEY);
	return false;
}

/*
 * Whether the counter is new in its space's window, the session's or, in
 * plaintext, the device's: a copy sent by redundant mode, or a replay, is
 * dropped here before it changes any state. Only plaintext takes a much
 * smaller counter for a peer restart; a restarted peer makes a new
 * session, whose windows start empty.
 */
static bool fresh(struct mpvpn_device *mpvpn, struct mpvpn_session *session,
		  const struct mpvpn_wire_info *info)
{
	struct mpvpn_dedup *window = info->type == MPVPN_PKT_DATA ?
				     mpvpn->dedup : mpvpn->control_dedup;
	enum mpvpn_dedup_result result;

	if (session)
		result = mpvpn_session_dedup(session, info->counter);
	else
		result = mpvpn_dedup_check(window, info->counter, true);
	switch (result) {
	case MPVPN_DEDUP_NEW:
		return true;
	case MPVPN_DEDUP_DUPLICATE:
		mpvpn_count(mpvpn, MPVPN_DEV_RX_DUPLICATE);
		return false;
	default:
		mpvpn_count(mpvpn, MPVPN_DEV_RX_STALE);
		return false;
	}
}

/*
 * An authentic, fresh packet or handshake message (keying.c) came from
 * @from, which is not the path's endpoint: it may move the endpoint
 * there, if the path may roam now. BHs off, under RCU.
 */
void mpvpn_follow_peer(struct mpvpn_path *path,
		       const struct mpvpn_endpoint *ep, sa_family_t family,
		       const union mpvpn_addr *from, __be16 sport)
{
	u32 quiet_ms = READ_ONCE(path->health_cfg.value[MPVPN_HEALTH_A_PROBE_INTERVAL_MS]);

	/* The local address fixes the family. */
	if (ep->has_local && ep->family != family)
		return;
	if (mpvpn_roam_allowed(ep->has_remote, READ_ONCE(path->endpoint_heard),
			       msecs_to_jiffies(quiet_ms), jiffies) &&
	    mpvpn_path_roam(path, family, from, sport))
		mpvpn_state_kick(path->mpvpn);
}

int mpvpn_udp_recv(struct sock *sk, struct sk_buff *skb)
{
	struct mpvpn_port *port = rcu_dereference_sk_user_data(sk);
	enum mpvpn_wire_result result;
	const struct mpvpn_endpoint *ep;
	struct mpvpn_wire_info info;
	struct mpvpn_session *session;
	struct mpvpn_device *mpvpn;
	bool from_endpoint;
	struct mpvpn_path *path;
	union mpvpn_addr saddr;
	sa_family_t family;
	__be16 sport;
	u8 outer_tos;

	if (!port)
		goto drop;
	if (!pskb_may_pull(skb, min_t(unsigned int, skb->len,
				      sizeof(struct udphdr) + MPVPN_HDR_LEN))) {
		mpvpn_counters_inc(port->counters, MPVPN_PORT_RX_SHORT);
		goto drop;
	}
	result = mpvpn_wire_parse(skb->data + sizeof(struct udphdr),
				  skb->len - sizeof(struct udphdr), &info);
	if (result != MPVPN_WIRE_OK) {
		/* Not a data header: a handshake message, or nothing of ours. */
		if (mpvpn_keying_is_handshake(skb, sizeof(struct udphdr))) {
			mpvpn_keying_receive(port, skb);
			return 0;
		}
		count_wire_drop(port, skb, result);
		goto drop;
	}

	mpvpn = mpvpn_port_find_tunnel_rcu(port, info.tunnel_id);
	if (!mpvpn) {
		mpvpn_counters_inc(port->counters, MPVPN_PORT_RX_UNKNOWN_TUNNEL);
		goto drop;
	}
	if (!netif_running(mpvpn->dev)) {
		mpvpn_count(mpvpn, MPVPN_DEV_RX_DROPPED);
		goto drop;
	}

	path = mpvpn_path_by_id_rcu(mpvpn, info.path_id);
	if (!path) {
		mpvpn_count(mpvpn, MPVPN_DEV_RX_UNKNOWN_SOURCE);
		goto drop;
	}
	mpvpn_outer_source(skb, &family, &saddr);
	sport = udp_hdr(skb)->source;
	ep = rcu_dereference(path->endpoint);
	from_endpoint = mpvpn_endpoint_is(ep, family, &saddr, sport);
	if (!from_endpoint && ep->remote_fixed) {
		mpvpn_count(mpvpn, MPVPN_DEV_RX_UNKNOWN_SOURCE);
		goto drop;
	}
	if (!open_packet(mpvpn, skb, &info, &session))
		goto drop;
	/* Without authentication, nothing from elsewhere may move a path. */
	if (!from_endpoint && !session) {
		mpvpn_count(mpvpn, MPVPN_DEV_RX_UNKNOWN_SOURCE);
		goto drop;
	}
	if (from_endpoint)
		mpvpn_path_heard(path);
	if (!fresh(mpvpn, session, &info)) {
		consume_skb(skb);
		return 0;
	}
	/* The initiator sends under it: the responder may now too. */
	if (session && !READ_ONCE(session->confirmed))
		mpvpn_sessions_confirm(&mpvpn->keying.sessions, session);
	if (!from_endpoint)
		mpvpn_follow_peer(path, ep, family, &saddr, sport);
	mpvpn_path_received(path, info.path_seq);
	if (info.type != MPVPN_PKT_DATA) {
		mpvpn_probe_recv(mpvpn, path, skb, &info, outer_length(skb));
		return 0;
	}
	/*
	 * A clone gets a private head first: GRO takes the fragments of the
	 * packets it merges by rewriting their shared info, which a clone
	 * shares with its original, and a sender on this host (a veth
	 * peer's TCP) may still hold that for retransmission.
	 */
	if (skb_unclone(skb, GFP_ATOMIC)) {
		mpvpn_count(mpvpn, MPVPN_DEV_RX_DROPPED);
		goto drop;
	}
	/* Read before decapsulate() makes the inner header the network one. */
	outer_tos = outer_dsfield(skb);
	if (!decapsulate(skb)) {
		mpvpn_count(mpvpn, MPVPN_DEV_RX_BAD_INNER);
		goto drop;
	}
	/*
	 * RFC 6040: a CE mark of the path reaches the inner packet; one on a
	 * packet whose sender does not do ECN cannot be passed on, and the
	 * packet is dropped as the queue would have dropped it.
	 */
	if (INET_ECN_decapsulate(skb, outer_tos, mpvpn_ip_dsfield(skb)) > 1) {
		mpvpn_count(mpvpn, MPVPN_DEV_RX_BAD_ECN);
		goto drop;
	}
	deliver(mpvpn, path, skb, sock_net(sk), &info, session);
	return 0;

drop:
	kfree_skb(skb);
	return 0;
}
