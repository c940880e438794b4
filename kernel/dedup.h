/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Duplicate suppression on the tunnel's data counter: the copies that
 * redundant mode sends on purpose, and packets replayed from the wire.
 */
#ifndef _MPVPN_DEDUP_H
#define _MPVPN_DEDUP_H

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/types.h>

/*
 * Counters remembered. A packet is judged against the last counter that
 * fell in its slot (counter modulo the size), so it is recognised for as
 * long as fewer than this many newer packets have arrived since: about 30
 * ms of a saturated 1 Gbit/s tunnel, well past any reordering the reorder
 * buffer (MPVPN_REORDER_SLOTS) will wait for.
 */
#define MPVPN_DEDUP_SLOTS	2048

/*
 * A counter this far below the one in its slot comes from a peer that
 * restarted with a smaller counter (a clock set back, see send.c): it is
 * taken as new rather than refused forever. 2^40 ns is 18 minutes. Only
 * in plaintext: an authenticated tunnel cannot tell that from a replay.
 */
#define MPVPN_DEDUP_RESTART	BIT_ULL(40)

enum mpvpn_dedup_result {
	MPVPN_DEDUP_NEW,
	MPVPN_DEDUP_DUPLICATE,	/* this counter was accepted before */
	MPVPN_DEDUP_STALE,	/* too old to tell: refused */
};

/*
 * No lock: each slot is updated with cmpxchg, and only ever moves to a
 * larger counter (or, after a peer restart, to a much smaller one), so two
 * CPUs racing on one slot agree on which packet was first.
 */
struct mpvpn_dedup {
	atomic64_t slot[MPVPN_DEDUP_SLOTS];
};

struct mpvpn_dedup *mpvpn_dedup_alloc(void);
void mpvpn_dedup_free(struct mpvpn_dedup *dedup);
enum mpvpn_dedup_result mpvpn_dedup_check(struct mpvpn_dedup *dedup,
					  u64 counter, bool allow_restart);

#endif /* _MPVPN_DEDUP_H */
