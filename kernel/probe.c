// SPDX-License-Identifier: GPL-2.0
/*
 * In-band probes on the wire: a probe goes out on its path inside the
 * tunnel's own encapsulation (same socket, same route, same NAT binding
 * as the data), and the peer's kernel answers it on the path it came in
 * by. Both carry the sender's acknowledgment of the path (health.c).
 */

#include "probe.h"
#include "device.h"
#include "health.h"
#include "path.h"
#include "pmtu.h"
#include "reorder.h"
#include "schedule.h"
#include "send.h"
#include "wire.h"

#include <linux/udp.h>

void mpvpn_probe_send(struct mpvpn_path *path, u8 type, u32 probe_id)
{
	const struct mpvpn_probe_info info = {
		.probe_id = probe_id,
		.ack_seq = READ_ONCE(path->rx_last_seq),
		.sent_ns = ktime_get_ns(),
	};
	struct mpvpn_probe_body body;

	mpvpn_probe_build(&body, &info);
	mpvpn_send_control(path->mpvpn, path, type, &body, sizeof(body));
}

/* A padded probe or its answer (pmtu.c); consumes @skb. */
static void pmtu_recv(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
		      struct sk_buff *skb, u8 type, unsigned int outer_len)
{
	unsigned int offset = sizeof(struct udphdr) + MPVPN_HDR_LEN;
	struct mpvpn_pmtu_info info;
	u8 body[MPVPN_PMTU_BODY_LEN];

	if (skb->len < offset ||
	    skb_copy_bits(skb, offset, body,
			  min_t(unsigned int, sizeof(body), skb->len - offset)) ||
	    mpvpn_pmtu_body_parse(type, body, skb->len - offset, &info) !=
	    MPVPN_WIRE_OK) {
		mpvpn_count(mpvpn, MPVPN_DEV_RX_BAD_PROBE);
		kfree_skb(skb);
		return;
	}
	consume_skb(skb);
	if (READ_ONCE(path->admin_up))
		mpvpn_pmtu_probe_recv(path, type, info.probe_id, info.size,
				      outer_len);
}

/*
 * A probe or an answer from a path's peer; consumes @skb. The path's
 * receive bookkeeping (last sequence, last seen) is already done. A path
 * that is administratively down neither answers nor learns: the operator
 * took it out of service on this side, and the peer should see that.
 */
void mpvpn_probe_recv(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
		      struct sk_buff *skb, const struct mpvpn_wire_info *wire,
		      unsigned int outer_len)
{
	unsigned int offset = sizeof(struct udphdr) + MPVPN_HDR_LEN;
	struct mpvpn_probe_info info;
	u8 body[MPVPN_PROBE_BODY_LEN];

	if (wire->type == MPVPN_PKT_PMTU_PROBE ||
	    wire->type == MPVPN_PKT_PMTU_REPLY) {
		pmtu_recv(mpvpn, path, skb, wire->type, outer_len);
		return;
	}

	if (skb->len != offset + sizeof(body) ||
	    skb_copy_bits(skb, offset, body, sizeof(body)) ||
	    mpvpn_probe_parse(body, sizeof(body), &info) != MPVPN_WIRE_OK) {
		mpvpn_count(mpvpn, MPVPN_DEV_RX_BAD_PROBE);
		kfree_skb(skb);
		return;
	}
	consume_skb(skb);
	if (!READ_ONCE(path->admin_up))
		return;
	if (wire->type == MPVPN_PKT_PROBE) {
		mpvpn_probe_send(path, MPVPN_PKT_PROBE_REPLY, info.probe_id);
	} else if (mpvpn_health_answered(path, info.probe_id)) {
		/* Only a reply to this path's probe speaks for the path. */
		mpvpn_schedule_rtt_changed(mpvpn);
	} else {
		return;
	}
	mpvpn_health_acked(path, info.ack_seq);
	mpvpn_health_peer_sent(path, info.sent_ns);
	mpvpn_reorder_update_wait(mpvpn);
}
