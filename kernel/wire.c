// SPDX-License-Identifier: GPL-2.0
/*
 * Building and parsing the wire header, and the sanity check of the inner
 * packet. Pure functions over byte buffers, so KUnit can feed them anything.
 */

#include "wire.h"

#include <linux/build_bug.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/if_ether.h>
#include <linux/string.h>

static_assert(sizeof(struct mpvpn_hdr) == MPVPN_HDR_LEN);
static_assert(sizeof(struct mpvpn_probe_body) == MPVPN_PROBE_BODY_LEN);
static_assert(sizeof(struct mpvpn_pmtu_body) == MPVPN_PMTU_BODY_LEN);

void mpvpn_wire_build(struct mpvpn_hdr *hdr, const struct mpvpn_wire_info *info)
{
	hdr->version = MPVPN_WIRE_VERSION;
	hdr->type = info->type;
	hdr->flags = info->flags;
	hdr->path_id = info->path_id;
	hdr->tunnel_id = cpu_to_be32(info->tunnel_id);
	hdr->counter_hi = cpu_to_be32(upper_32_bits(info->counter));
	hdr->counter_lo = cpu_to_be32(lower_32_bits(info->counter));
	hdr->path_seq = cpu_to_be32(info->path_seq);
}

static bool type_known(u8 type)
{
	return type >= MPVPN_PKT_DATA && type <= MPVPN_PKT_PMTU_REPLY;
}

/* Data in the data space, control in the control space; only data is sequenced. */
static bool counter_space_ok(const struct mpvpn_wire_info *info)
{
	bool control = info->counter & MPVPN_COUNTER_CONTROL;

	if (info->type == MPVPN_PKT_DATA)
		return !control;
	return control && !(info->flags & MPVPN_FLAG_SEQUENCED);
}

enum mpvpn_wire_result mpvpn_wire_parse(const void *buf, unsigned int len,
					struct mpvpn_wire_info *info)
{
	struct mpvpn_hdr hdr;

	if (len < MPVPN_HDR_LEN)
		return MPVPN_WIRE_SHORT;
	/* Copy once: the fields are then checked and used from one snapshot. */
	memcpy(&hdr, buf, sizeof(hdr));
	if (hdr.version != MPVPN_WIRE_VERSION)
		return MPVPN_WIRE_BAD_VERSION;
	if (!type_known(hdr.type) || (hdr.flags & ~MPVPN_FLAGS_KNOWN))
		return MPVPN_WIRE_BAD_HEADER;

	info->type = hdr.type;
	info->flags = hdr.flags;
	info->path_id = hdr.path_id;
	info->tunnel_id = be32_to_cpu(hdr.tunnel_id);
	info->counter = (u64)be32_to_cpu(hdr.counter_hi) << 32 |
			be32_to_cpu(hdr.counter_lo);
	info->path_seq = be32_to_cpu(hdr.path_seq);
	if (!counter_space_ok(info))
		return MPVPN_WIRE_BAD_HEADER;
	return MPVPN_WIRE_OK;
}

void mpvpn_probe_build(struct mpvpn_probe_body *body,
		       const struct mpvpn_probe_info *info)
{
	memset(body, 0, sizeof(*body));
	body->probe_id = cpu_to_be32(info->probe_id);
	body->ack_seq = cpu_to_be32(info->ack_seq);
	body->sent_hi = cpu_to_be32(upper_32_bits(info->sent_ns));
	body->sent_lo = cpu_to_be32(lower_32_bits(info->sent_ns));
}

/* A probe body is exactly MPVPN_PROBE_BODY_LEN bytes; any value is valid. */
enum mpvpn_wire_result mpvpn_probe_parse(const void *buf, unsigned int len,
					 struct mpvpn_probe_info *info)
{
	struct mpvpn_probe_body body;

	if (len < sizeof(body))
		return MPVPN_WIRE_SHORT;
	if (len > sizeof(body))
		return MPVPN_WIRE_BAD_HEADER;
	memcpy(&body, buf, sizeof(body));
	info->probe_id = be32_to_cpu(body.probe_id);
	info->ack_seq = be32_to_cpu(body.ack_seq);
	info->sent_ns = (u64)be32_to_cpu(body.sent_hi) << 32 |
			be32_to_cpu(body.sent_lo);
	return MPVPN_WIRE_OK;
}

void mpvpn_pmtu_body_build(struct mpvpn_pmtu_body *body,
			   const struct mpvpn_pmtu_info *info)
{
	memset(body, 0, sizeof(*body));
	body->probe_id = cpu_to_be32(info->probe_id);
	body->size = cpu_to_be16(info->size);
}

/*
 * A padded probe is its body and any padding; an answer is exactly the
 * body. @len counts from the body to the end of the payload.
 */
enum mpvpn_wire_result mpvpn_pmtu_body_parse(u8 type, const void *buf,
					     unsigned int len,
					     struct mpvpn_pmtu_info *info)
{
	struct mpvpn_pmtu_body body;

	if (len < sizeof(body))
		return MPVPN_WIRE_SHORT;
	if (type == MPVPN_PKT_PMTU_REPLY && len > sizeof(body))
		return MPVPN_WIRE_BAD_HEADER;
	memcpy(&body, buf, sizeof(body));
	info->probe_id = be32_to_cpu(body.probe_id);
	info->size = be16_to_cpu(body.size);
	return MPVPN_WIRE_OK;
}

static enum mpvpn_wire_result inner_check_v4(const u8 *pkt,
					     unsigned int headlen,
					     unsigned int len,
					     unsigned int *inner_len)
{
	struct iphdr iph;
	unsigned int tot_len;

	if (headlen < sizeof(iph))
		return MPVPN_WIRE_SHORT;
	memcpy(&iph, pkt, sizeof(iph));
	tot_len = ntohs(iph.tot_len);
	if (iph.ihl < 5 || tot_len < iph.ihl * 4U || tot_len > len)
		return MPVPN_WIRE_BAD_HEADER;
	*inner_len = tot_len;
	return MPVPN_WIRE_OK;
}

static enum mpvpn_wire_result inner_check_v6(const u8 *pkt,
					     unsigned int headlen,
					     unsigned int len,
					     unsigned int *inner_len)
{
	struct ipv6hdr ip6h;
	unsigned int tot_len;

	if (headlen < sizeof(ip6h))
		return MPVPN_WIRE_SHORT;
	memcpy(&ip6h, pkt, sizeof(ip6h));
	tot_len = sizeof(ip6h) + ntohs(ip6h.payload_len);
	if (tot_len > len)
		return MPVPN_WIRE_BAD_HEADER;
	*inner_len = tot_len;
	return MPVPN_WIRE_OK;
}

/*
 * The payload of a data packet must be one whole IPv4 or IPv6 packet; what
 * trails it (link padding) is cut off by the caller using *inner_len.
 * @headlen bytes at @pkt are readable, of @len in the packet.
 */
enum mpvpn_wire_result mpvpn_inner_check(const u8 *pkt, unsigned int headlen,
					 unsigned int len, __be16 *protocol,
					 unsigned int *inner_len)
{
	if (headlen < 1)
		return MPVPN_WIRE_SHORT;
	switch (pkt[0] >> 4) {
	case 4:
		*protocol = htons(ETH_P_IP);
		return inner_check_v4(pkt, headlen, len, inner_len);
	case 6:
		*protocol = htons(ETH_P_IPV6);
		return inner_check_v6(pkt, headlen, len, inner_len);
	default:
		return MPVPN_WIRE_BAD_HEADER;
	}
}

#ifdef MPVPN_KUNIT
#include "tests/wire_test.c"
#endif
