// SPDX-License-Identifier: GPL-2.0
/*
 * Path MTU, per path. Two sources lower it:
 *
 * - ICMP "fragmentation needed" and ICMPv6 "packet too big" that quote one
 *   of our own packets: the UDP layer hands them to the tunnel socket's
 *   encap_err_rcv, and the quoted headers must name our port, a tunnel of
 *   that port, one of its paths with the peer's address and port, and a
 *   recent sequence number of that path. Anything else is counted and
 *   changes nothing.
 * - Padded probes (DPLPMTUD, RFC 8899), for paths that filter ICMP: a
 *   binary search between a floor every path of the family carries and
 *   the underlay link's MTU, one probe in flight at a time, each answered
 *   by the peer's kernel with the size that arrived. A probe counts as
 *   lost only when the peer acknowledged later packets of the path: a
 *   path that is silent altogether says nothing about sizes.
 *
 * The value found is published in path->pmtu for the data path, which
 * sends an ICMP error back to inner senders whose packets do not fit
 * (send.c); a change is announced by state_work under RTNL (state.c).
 * The search runs from the path's probe timer (health.c) and from the
 * receive path; both are softirq, hence the BH lock.
 */

#include "pmtu.h"
#include "device.h"
#include "path.h"
#include "send.h"
#include "socket.h"
#include "state.h"
#include "wire.h"

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/random.h>
#include <linux/udp.h>
#include <net/icmp.h>

/* The search */

/*
 * Starts a search from @assumed, the size the data uses now: the link's
 * MTU is tried first, as most paths carry it, then the floor (which
 * proves the peer answers padded probes), then the sizes between.
 */
void mpvpn_plpmtu_start(struct mpvpn_plpmtu *s, u16 floor, u16 ceiling,
			u16 assumed)
{
	bool answered = s->answered;

	floor = min(floor, ceiling);
	memset(s, 0, sizeof(*s));
	s->floor = floor;
	s->ceiling = ceiling;
	s->low = clamp(assumed, floor, ceiling);
	s->high = ceiling + 1;
	s->answered = answered;
	s->phase = MPVPN_PLPMTU_SEARCH;
}

/* Whether nothing is left between the bounds. */
static bool found(const struct mpvpn_plpmtu *s)
{
	return s->answered && s->low + 1 >= s->high;
}

/* The size of the next probe (again, after a loss); 0: none is due. */
u16 mpvpn_plpmtu_next(struct mpvpn_plpmtu *s)
{
	if (s->probe)
		return s->probe;
	switch (s->phase) {
	case MPVPN_PLPMTU_SEARCH:
		if (s->high > s->ceiling)
			s->probe = s->ceiling;
		else if (!s->answered)
			s->probe = s->floor;
		else if (found(s))
			s->phase = MPVPN_PLPMTU_DONE;
		else
			s->probe = s->low + (s->high - s->low) / 2;
		break;
	case MPVPN_PLPMTU_CONFIRM:
		s->probe = s->low;
		break;
	default:
		break;
	}
	return s->probe;
}

/* The probe in flight arrived whole: @size is what the answer confirms. */
void mpvpn_plpmtu_answered(struct mpvpn_plpmtu *s, u16 size)
{
	if (!s->probe || size < s->probe)
		return;
	s->answered = true;
	s->tries = 0;
	if (s->phase == MPVPN_PLPMTU_SEARCH)
		s->low = max(s->low, s->probe);
	s->probe = 0;
	if (s->phase == MPVPN_PLPMTU_CONFIRM || found(s))
		s->phase = MPVPN_PLPMTU_DONE;
}

/* The probe in flight was lost; after MPVPN_PMTU_TRIES, its size is too big. */
void mpvpn_plpmtu_lost(struct mpvpn_plpmtu *s)
{
	u16 size = s->probe;

	if (!size || ++s->tries < MPVPN_PMTU_TRIES)
		return;
	s->tries = 0;
	s->probe = 0;
	switch (s->phase) {
	case MPVPN_PLPMTU_SEARCH:
		if (size <= s->floor && !s->answered) {
			s->phase = MPVPN_PLPMTU_UNSUPPORTED;
			return;
		}
		s->high = size;
		/* What the data assumed did not pass either. */
		if (s->low >= size)
			s->low = s->floor;
		if (found(s))
			s->phase = MPVPN_PLPMTU_DONE;
		break;
	case MPVPN_PLPMTU_CONFIRM:
		/* The path shrank without an ICMP error: search below. */
		s->phase = MPVPN_PLPMTU_SEARCH;
		s->high = size;
		s->low = s->floor;
		break;
	default:
		break;
	}
}

/*
 * An ICMP error quoting our packet says @mtu passes (the caller checked
 * it against the floor): the search goes on below it, from it.
 */
void mpvpn_plpmtu_too_big(struct mpvpn_plpmtu *s, u16 mtu)
{
	if (mtu >= s->high || mtu < s->floor)
		return;
	s->high = mtu + 1;
	s->low = min(s->low, mtu);
	s->probe = 0;
	s->tries = 0;
	if (s->phase == MPVPN_PLPMTU_CONFIRM)
		s->phase = MPVPN_PLPMTU_DONE;
	if (s->phase == MPVPN_PLPMTU_SEARCH && s->low == mtu && s->answered)
		s->phase = MPVPN_PLPMTU_DONE;
}

/* Probes the size found again (a path may shrink without a word). */
void mpvpn_plpmtu_confirm(struct mpvpn_plpmtu *s)
{
	if (s->phase == MPVPN_PLPMTU_DONE)
		s->phase = MPVPN_PLPMTU_CONFIRM;
}

/* What the search says the path carries; 0: nothing yet. */
u16 mpvpn_plpmtu_result(const struct mpvpn_plpmtu *s)
{
	switch (s->phase) {
	case MPVPN_PLPMTU_DONE:
	case MPVPN_PLPMTU_CONFIRM:
		return s->low;
	default:
		return 0;
	}
}

/* Per path */

static u16 family_floor(sa_family_t family)
{
	return family == AF_INET ? MPVPN_PMTU_FLOOR_V4 : MPVPN_PMTU_FLOOR_V6;
}

static sa_family_t path_family(struct mpvpn_path *path)
{
	sa_family_t family;

	rcu_read_lock();
	family = rcu_dereference(path->endpoint)->family;
	rcu_read_unlock();
	return family;
}

/*
 * The data path's value moves; state_work announces it. Returns whether
 * it moved. 0 stands for the link's MTU.
 */
static bool publish_locked(struct mpvpn_path *path, u32 mtu)
{
	if (mtu >= READ_ONCE(path->underlay_mtu))
		mtu = 0;
	if (mtu == READ_ONCE(path->pmtu))
		return false;
	WRITE_ONCE(path->pmtu, mtu);
	return true;
}

/*
 * After the search moved: publishes its result, and plans the next
 * confirmation of a size found and the next try upwards of a path left
 * below its link or with a peer that does not answer.
 */
static bool settle_locked(struct mpvpn_path *path, u64 now)
{
	struct mpvpn_pmtu *p = &path->pmtud;
	struct mpvpn_plpmtu *s = &p->search;
	u16 result = mpvpn_plpmtu_result(s);

	if (s->phase == MPVPN_PLPMTU_DONE && !p->next_ns)
		p->next_ns = now + MPVPN_PMTU_CONFIRM_NS;
	if (!p->raise_ns && (s->phase == MPVPN_PLPMTU_UNSUPPORTED ||
			     (result && result < s->ceiling)))
		p->raise_ns = now + MPVPN_PMTU_RAISE_NS;
	if (!s->probe)
		p->in_flight = false;
	return result && publish_locked(path, result);
}

static void reset_locked(struct mpvpn_path *path)
{
	struct mpvpn_pmtu *p = &path->pmtud;
	u16 ceiling = min_t(u32, READ_ONCE(path->underlay_mtu), U16_MAX);

	p->search.answered = false;
	mpvpn_plpmtu_start(&p->search, family_floor(path_family(path)),
			   ceiling, ceiling);
	p->probe_id = get_random_u32();
	p->probe_sent_ns = 0;
	p->next_ns = 0;
	p->raise_ns = 0;
	p->in_flight = false;
	WRITE_ONCE(path->pmtu, 0);
}

void mpvpn_pmtu_init(struct mpvpn_path *path)
{
	spin_lock_init(&path->pmtud.lock);
	reset_locked(path);
}

/* The path starts probing; it has forgotten what it learned. */
void mpvpn_pmtu_start(struct mpvpn_path *path)
{
	spin_lock_bh(&path->pmtud.lock);
	reset_locked(path);
	path->pmtud.running = true;
	spin_unlock_bh(&path->pmtud.lock);
}

void mpvpn_pmtu_stop(struct mpvpn_path *path)
{
	spin_lock_bh(&path->pmtud.lock);
	path->pmtud.running = false;
	reset_locked(path);
	spin_unlock_bh(&path->pmtud.lock);
}

/* A padded probe of @size outer bytes, or 0 when none is due; locked. */
static u16 due_probe_locked(struct mpvpn_path *path, u64 now)
{
	struct mpvpn_pmtu *p = &path->pmtud;
	u16 size;

	if (p->in_flight)
		return 0;
	size = mpvpn_plpmtu_next(&p->search);
	if (!size)
		return 0;
	p->in_flight = true;
	p->probe_id++;
	p->probe_sent_ns = now;
	/* Until send_probe() knows better: nothing acknowledges it yet. */
	p->probe_seq = atomic_read(&path->tx_seq) + (1U << 30);
	return size;
}

/*
 * Sends a padded probe of @size outer bytes, then notes the path sequence
 * it went out with, or a later one: an acknowledgment beyond it proves
 * the peer received what was sent after the probe.
 */
static void send_probe(struct mpvpn_path *path, u32 probe_id, u16 size)
{
	const struct mpvpn_pmtu_info info = { .probe_id = probe_id, .size = size };
	struct mpvpn_pmtu *p = &path->pmtud;
	struct mpvpn_pmtu_body body;

	mpvpn_pmtu_body_build(&body, &info);
	mpvpn_send_control_padded(path->mpvpn, path, MPVPN_PKT_PMTU_PROBE,
				  &body, sizeof(body), size);
	spin_lock(&p->lock);
	if (p->in_flight && p->probe_id == probe_id)
		p->probe_seq = atomic_read(&path->tx_seq);
	spin_unlock(&p->lock);
}

/*
 * From the probe timer, every probe interval: times out the probe in
 * flight, starts a confirmation or a raise when one is due, and sends
 * the next probe. @acked_seq: the last path sequence the peer
 * acknowledged, if it did (@have_ack).
 */
void mpvpn_pmtu_tick(struct mpvpn_path *path, u64 now, bool have_ack,
		     u32 acked_seq, u32 srtt_us, u64 interval_ns)
{
	struct mpvpn_pmtu *p = &path->pmtud;
	struct mpvpn_plpmtu *s = &p->search;
	u16 ceiling = min_t(u32, READ_ONCE(path->underlay_mtu), U16_MAX);
	sa_family_t family = path_family(path);
	bool changed = false;
	u64 timeout;
	u32 id = 0;
	u16 size = 0;

	if (family != AF_INET && family != AF_INET6)
		return;
	spin_lock(&p->lock);
	if (!p->running)
		goto out;
	if (s->ceiling != ceiling || s->floor != min(family_floor(family), ceiling)) {
		/* Another underlay, or another family: start over. */
		reset_locked(path);
		changed = true;
	}
	timeout = max_t(u64, 2ULL * srtt_us * NSEC_PER_USEC, interval_ns);
	if (p->in_flight && now - p->probe_sent_ns >= timeout &&
	    have_ack && (s32)(acked_seq - p->probe_seq) > 0) {
		p->in_flight = false;
		mpvpn_plpmtu_lost(s);
		changed |= settle_locked(path, now);
	}
	if (!p->in_flight && p->raise_ns && (s64)(now - p->raise_ns) >= 0) {
		/* Upwards again; a peer without probes forgets ICMP's word. */
		if (s->phase == MPVPN_PLPMTU_UNSUPPORTED)
			changed |= publish_locked(path, 0);
		mpvpn_plpmtu_start(s, s->floor, ceiling, mpvpn_path_mtu(path));
		p->raise_ns = 0;
		p->next_ns = 0;
	} else if (!p->in_flight && s->phase == MPVPN_PLPMTU_DONE &&
		   p->next_ns && (s64)(now - p->next_ns) >= 0) {
		mpvpn_plpmtu_confirm(s);
		p->next_ns = 0;
	}
	size = due_probe_locked(path, now);
	id = p->probe_id;
out:
	spin_unlock(&p->lock);
	if (size)
		send_probe(path, id, size);
	if (changed)
		mpvpn_state_kick(path->mpvpn);
}

/*
 * A padded probe or the answer to ours, authentic and fresh (receive.c);
 * @arrived: the outer length it came with. Answers are sent even while
 * this side does not probe: the peer's search needs them.
 */
void mpvpn_pmtu_probe_recv(struct mpvpn_path *path, u8 type, u32 probe_id,
			   u32 size, unsigned int arrived)
{
	const struct mpvpn_pmtu_info answer = {
		.probe_id = probe_id,
		.size = min_t(unsigned int, arrived, U16_MAX),
	};
	struct mpvpn_pmtu *p = &path->pmtud;
	struct mpvpn_pmtu_body body;
	bool changed = false;
	u64 now;
	u16 next = 0;
	u32 id = 0;

	if (type == MPVPN_PKT_PMTU_PROBE) {
		mpvpn_pmtu_body_build(&body, &answer);
		mpvpn_send_control(path->mpvpn, path, MPVPN_PKT_PMTU_REPLY,
				   &body, sizeof(body));
		return;
	}
	spin_lock(&p->lock);
	if (!p->running || !p->in_flight || probe_id != p->probe_id ||
	    size < p->search.probe)
		goto out;
	now = ktime_get_ns();
	mpvpn_plpmtu_answered(&p->search, p->search.probe);
	changed = settle_locked(path, now);
	/* The search goes on at once: an answer costs one round trip. */
	if (p->search.phase == MPVPN_PLPMTU_SEARCH) {
		next = due_probe_locked(path, now);
		id = p->probe_id;
	}
out:
	spin_unlock(&p->lock);
	if (next)
		send_probe(path, id, next);
	if (changed)
		mpvpn_state_kick(path->mpvpn);
}

/* ICMP errors */

/*
 * What an ICMP error quotes of our packet, and the MTU it reports; false
 * when it is no PMTU error or quotes too little to be checked.
 */
struct quoted {
	sa_family_t family;
	union mpvpn_addr daddr;
	__be16 dport;
	u32 mtu;
	struct mpvpn_wire_info info;
};

static bool parse_icmp(struct sk_buff *skb, unsigned int udp_offset,
		       struct quoted *q, bool *pmtu_error)
{
	u8 buf[sizeof(struct udphdr) + MPVPN_HDR_LEN];
	const struct udphdr *uh;
	const u8 *hdr;

	*pmtu_error = false;
	memset(&q->daddr, 0, sizeof(q->daddr));
	if (ip_hdr(skb)->version == 4) {
		if (icmp_hdr(skb)->type != ICMP_DEST_UNREACH ||
		    icmp_hdr(skb)->code != ICMP_FRAG_NEEDED)
			return false;
		q->family = AF_INET;
		q->mtu = ntohs(icmp_hdr(skb)->un.frag.mtu);
		q->daddr.ip4 = ((const struct iphdr *)skb->data)->daddr;
	} else {
		if (icmp6_hdr(skb)->icmp6_type != ICMPV6_PKT_TOOBIG)
			return false;
		q->family = AF_INET6;
		q->mtu = ntohl(icmp6_hdr(skb)->icmp6_mtu);
		q->daddr.ip6 = ((const struct ipv6hdr *)skb->data)->daddr;
	}
	*pmtu_error = true;
	hdr = skb_header_pointer(skb, udp_offset, sizeof(buf), buf);
	if (!hdr)
		return false;
	uh = (const struct udphdr *)hdr;
	q->dport = uh->dest;
	return mpvpn_wire_parse(hdr + sizeof(*uh), MPVPN_HDR_LEN,
				&q->info) == MPVPN_WIRE_OK;
}

/* The path whose packet @q is, or NULL. */
static struct mpvpn_path *quoted_path(struct mpvpn_port *port,
				      const struct quoted *q)
{
	struct mpvpn_device *mpvpn;
	struct mpvpn_path *path;
	u32 sent;

	mpvpn = mpvpn_port_find_tunnel_rcu(port, q->info.tunnel_id);
	if (!mpvpn)
		return NULL;
	path = mpvpn_path_by_id_rcu(mpvpn, q->info.path_id);
	if (!path ||
	    !mpvpn_endpoint_is(rcu_dereference(path->endpoint), q->family,
			       &q->daddr, q->dport))
		return NULL;
	sent = atomic_read(&path->tx_seq);
	if (sent - q->info.path_seq >= MPVPN_PMTU_SEQ_WINDOW)
		return NULL;
	return path;
}

/*
 * encap_err_rcv of the tunnel sockets (socket.c), under RCU in softirq:
 * @skb->data is the quoted IP header of our packet, its UDP header at
 * @udp_offset; the transport header is the ICMP header.
 */
void mpvpn_pmtu_icmp(struct sock *sk, struct sk_buff *skb,
		     unsigned int udp_offset)
{
	struct mpvpn_port *port = rcu_dereference_sk_user_data(sk);
	struct mpvpn_path *path;
	struct mpvpn_pmtu *p;
	bool pmtu_error, changed = false;
	struct quoted q;

	if (!port)
		return;
	if (!parse_icmp(skb, udp_offset, &q, &pmtu_error)) {
		if (pmtu_error)
			goto ignored;
		return;
	}
	path = quoted_path(port, &q);
	if (!path || q.mtu < family_floor(q.family) || q.mtu > U16_MAX)
		goto ignored;
	p = &path->pmtud;
	spin_lock(&p->lock);
	if (p->running && q.mtu < mpvpn_path_mtu(path)) {
		mpvpn_plpmtu_too_big(&p->search, q.mtu);
		changed = settle_locked(path, ktime_get_ns());
		changed |= publish_locked(path, q.mtu);
	}
	spin_unlock(&p->lock);
	if (changed)
		mpvpn_state_kick(path->mpvpn);
	return;

ignored:
	mpvpn_counters_inc(port->counters, MPVPN_PORT_RX_ICMP_IGNORED);
}

#ifdef MPVPN_KUNIT
#include "tests/pmtu_test.c"
#endif
