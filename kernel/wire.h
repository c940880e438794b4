/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mpvpn wire header, documented byte by byte in
 * Documentation/wire-format.rst. It follows the outer UDP header of every
 * tunnel packet. With encryption (crypto.h) the header is the associated
 * data, the counter the nonce, and the tag follows the payload.
 */
#ifndef _MPVPN_WIRE_H
#define _MPVPN_WIRE_H

#include <linux/bits.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <net/dsfield.h>

/*
 * 2: sessions from a handshake (noise.c); version 1's keys came from a
 * pre-shared key and the wall clock. A peer of another version is
 * counted (rx_bad_version) and logged, never answered.
 */
#define MPVPN_WIRE_VERSION	2
#define MPVPN_HDR_LEN		20
#define MPVPN_TAG_LEN		16	/* Poly1305, after the payload */

/*
 * Outer overhead on top of the inner packet. The tag counts also in
 * plaintext, so that the MTU does not change with the keys.
 */
#define MPVPN_OVERHEAD_V4	(20 + 8 + MPVPN_HDR_LEN + MPVPN_TAG_LEN)
#define MPVPN_OVERHEAD_V6	(40 + 8 + MPVPN_HDR_LEN + MPVPN_TAG_LEN)
/* What goes in front of the inner packet: the headers, not the tag. */
#define MPVPN_HEADERS_MAX	(MPVPN_OVERHEAD_V6 - MPVPN_TAG_LEN)
/*
 * The link-layer room a path's underlay asks for (LL_RESERVED_SPACE()),
 * when the routing table chooses the device: Ethernet's.
 */
#define MPVPN_LL_ROOM_GUESS	16

enum mpvpn_pkt_type {
	MPVPN_PKT_DATA = 1,
	MPVPN_PKT_PROBE = 2,		/* in-band health probe */
	MPVPN_PKT_PROBE_REPLY = 3,	/* the answer to one */
	MPVPN_PKT_PMTU_PROBE = 4,	/* padded probe of the path MTU */
	MPVPN_PKT_PMTU_REPLY = 5,	/* the answer to one */
};

/*
 * Body of a probe and of its answer, right after the header. @probe_id is
 * the prober's (echoed in the answer); @ack_seq is the path_seq of the last
 * packet the sender received on this path; @sent_hi/lo the sender's
 * monotonic clock in ns when it sent this packet. The clocks of the two
 * gateways have unrelated origins: only differences between paths mean
 * something (their one-way delays, reorder.c).
 */
struct mpvpn_probe_body {
	__be32 probe_id;
	__be32 ack_seq;
	__be32 sent_hi;
	__be32 sent_lo;
};

#define MPVPN_PROBE_BODY_LEN	16

struct mpvpn_probe_info {
	u32 probe_id;
	u32 ack_seq;
	u64 sent_ns;
};

/*
 * Body of a padded probe (then zeros up to the size probed) and of its
 * answer (nothing after it). @size: in a probe, the outer packet's
 * length, IP header included, as the sender built it; in an answer, the
 * length of the probe as it arrived (of its largest fragment, had it been
 * fragmented on the way).
 */
struct mpvpn_pmtu_body {
	__be32 probe_id;
	__be16 size;
	__be16 reserved;	/* 0; ignored */
};

#define MPVPN_PMTU_BODY_LEN	8

struct mpvpn_pmtu_info {
	u32 probe_id;
	u16 size;
};

/*
 * Flags byte: bits 0-1 key slot (0 in plaintext, else the receiver's
 * slot of the session, 1 to 3: session.h), bit 2 sequenced (data only: the receiver
 * delivers it in counter order), 3-7 reserved.
 */
#define MPVPN_FLAG_KEY_SLOT_MASK	0x03
#define MPVPN_FLAG_SEQUENCED		0x04
#define MPVPN_FLAGS_KNOWN		0x07	/* what this version accepts */

/*
 * Data and control packets count in separate spaces of the counter, told
 * apart by its top bit, so that the data counter has no gaps the receiver
 * would wait for. Together they stay unique per session: the nonce.
 */
#define MPVPN_COUNTER_CONTROL		BIT_ULL(63)

struct mpvpn_hdr {
	u8 version;
	u8 type;
	u8 flags;
	u8 path_id;
	__be32 tunnel_id;
	__be32 counter_hi;
	__be32 counter_lo;
	__be32 path_seq;
};

/* A parsed header in host order. */
struct mpvpn_wire_info {
	u8 type;
	u8 flags;
	u8 path_id;
	u32 tunnel_id;
	u64 counter;
	u32 path_seq;
};

/* Why a header was refused; MPVPN_WIRE_OK when it was not. */
enum mpvpn_wire_result {
	MPVPN_WIRE_OK,
	MPVPN_WIRE_SHORT,
	MPVPN_WIRE_BAD_VERSION,
	MPVPN_WIRE_BAD_HEADER,
};

/* The DS field (DSCP and ECN) of the IP packet at @skb's network header. */
static inline u8 mpvpn_ip_dsfield(const struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IP))
		return ipv4_get_dsfield(ip_hdr(skb));
	return ipv6_get_dsfield(ipv6_hdr(skb));
}

void mpvpn_wire_build(struct mpvpn_hdr *hdr, const struct mpvpn_wire_info *info);
enum mpvpn_wire_result mpvpn_wire_parse(const void *buf, unsigned int len,
					struct mpvpn_wire_info *info);
void mpvpn_probe_build(struct mpvpn_probe_body *body,
		       const struct mpvpn_probe_info *info);
enum mpvpn_wire_result mpvpn_probe_parse(const void *buf, unsigned int len,
					 struct mpvpn_probe_info *info);
void mpvpn_pmtu_body_build(struct mpvpn_pmtu_body *body,
			   const struct mpvpn_pmtu_info *info);
enum mpvpn_wire_result mpvpn_pmtu_body_parse(u8 type, const void *buf,
					     unsigned int len,
					     struct mpvpn_pmtu_info *info);
enum mpvpn_wire_result mpvpn_inner_check(const u8 *pkt, unsigned int headlen,
					 unsigned int len, __be16 *protocol,
					 unsigned int *inner_len);

#endif /* _MPVPN_WIRE_H */
