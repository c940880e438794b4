/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Path MTU: the largest outer packet a path carries, learned from ICMP
 * errors that quote our packets and from padded probes (DPLPMTUD, RFC
 * 8899). Documentation/failover.rst, "MTU", describes the behaviour and
 * Documentation/wire-format.rst the probes.
 */
#ifndef _MPVPN_PMTU_H
#define _MPVPN_PMTU_H

#include <linux/spinlock.h>
#include <linux/types.h>

struct mpvpn_path;
struct sk_buff;
struct sock;

/*
 * The search's floor, outer bytes: IPv6 links carry 1280 (RFC 8200); any
 * IPv4 host takes a 576-byte datagram whole (RFC 791), and no link that
 * carries a tunnel today is smaller. ICMP errors below the floor are
 * ignored, as the IPv6 stack does below 1280.
 */
#define MPVPN_PMTU_FLOOR_V4	576
#define MPVPN_PMTU_FLOOR_V6	1280
/* Probes lost at one size before it counts as too big (RFC 8899 MAX_PROBES). */
#define MPVPN_PMTU_TRIES	3
/*
 * A path found smaller than its link is probed upwards again after this
 * long (RFC 8899's PMTU_RAISE_TIMER, 600 s): a detour that ended, a
 * learned value that was too low. Each try costs a few packets, but a
 * probe at a size that does not pass is lost, so not more often.
 */
#define MPVPN_PMTU_RAISE_NS	(600ULL * NSEC_PER_SEC)
/*
 * The size found is confirmed this often, so that a path that shrank
 * without telling (ICMP filtered, a new route) is found out within a
 * minute rather than at the next raise.
 */
#define MPVPN_PMTU_CONFIRM_NS	(30ULL * NSEC_PER_SEC)
/*
 * An ICMP error must quote a path sequence number this recent: an
 * off-path sender has to guess it, on top of ports, addresses, tunnel and
 * path id (the way TCP checks the sequence of the segment an ICMP quotes).
 */
#define MPVPN_PMTU_SEQ_WINDOW	65536

enum mpvpn_plpmtu_phase {
	MPVPN_PLPMTU_SEARCH,	/* probing between @low and @high */
	MPVPN_PLPMTU_DONE,	/* @low found; waits for a confirmation or a raise */
	MPVPN_PLPMTU_CONFIRM,	/* probing @low again */
	/*
	 * Not even the floor got an answer while the peer answered the
	 * small probes: a peer without padded probes. ICMP alone then.
	 */
	MPVPN_PLPMTU_UNSUPPORTED,
};

/*
 * The search of one path, in outer bytes. Pure: the caller sends the
 * probes, times them out and holds the lock (KUnit drives it directly).
 */
struct mpvpn_plpmtu {
	u16 floor;
	u16 ceiling;		/* the underlay link's MTU */
	u16 low;		/* largest size that passed (or assumed to) */
	u16 high;		/* smallest size that did not: ceiling + 1 if none */
	u16 probe;		/* size of the probe in flight; 0: none */
	u8 tries;		/* probes of @probe lost so far */
	u8 phase;		/* enum mpvpn_plpmtu_phase */
	bool answered;		/* a padded probe got an answer: the peer does them */
};

void mpvpn_plpmtu_start(struct mpvpn_plpmtu *s, u16 floor, u16 ceiling,
			u16 assumed);
u16 mpvpn_plpmtu_next(struct mpvpn_plpmtu *s);
void mpvpn_plpmtu_answered(struct mpvpn_plpmtu *s, u16 size);
void mpvpn_plpmtu_lost(struct mpvpn_plpmtu *s);
void mpvpn_plpmtu_too_big(struct mpvpn_plpmtu *s, u16 mtu);
void mpvpn_plpmtu_confirm(struct mpvpn_plpmtu *s);
u16 mpvpn_plpmtu_result(const struct mpvpn_plpmtu *s);

/*
 * Per path. @lock (BH: the probe timer and receive are softirq) guards
 * everything here; the data path reads only path->pmtu, published with
 * WRITE_ONCE() (mpvpn_path_mtu()).
 */
struct mpvpn_pmtu {
	spinlock_t lock;		/* BH: the probe timer and receive */
	bool running;		/* between start and stop; probes allowed */
	struct mpvpn_plpmtu search;
	bool in_flight;		/* a probe of search.probe awaits its answer */
	u32 probe_id;		/* of the last probe sent */
	u32 probe_seq;		/* its path sequence, or a later one */
	u64 probe_sent_ns;
	u64 next_ns;		/* of the next confirmation; 0: none planned */
	u64 raise_ns;		/* of the next search upwards; 0: none planned */
};

void mpvpn_pmtu_init(struct mpvpn_path *path);
void mpvpn_pmtu_start(struct mpvpn_path *path);
void mpvpn_pmtu_stop(struct mpvpn_path *path);
void mpvpn_pmtu_tick(struct mpvpn_path *path, u64 now, bool have_ack,
		     u32 acked_seq, u32 srtt_us, u64 interval_ns);
void mpvpn_pmtu_probe_recv(struct mpvpn_path *path, u8 type, u32 probe_id,
			   u32 size, unsigned int arrived);
void mpvpn_pmtu_icmp(struct sock *sk, struct sk_buff *skb,
		     unsigned int udp_offset);

#endif /* _MPVPN_PMTU_H */
