// SPDX-License-Identifier: GPL-2.0
/*
 * The duplicate window (dedup.h). Runs on every received data packet, on
 * any CPU, with BHs off; takes no lock.
 */

#include "dedup.h"

#include <linux/slab.h>

struct mpvpn_dedup *mpvpn_dedup_alloc(void)
{
	/* Zero is below every counter a sender uses (send.c). */
	return kvzalloc(sizeof(struct mpvpn_dedup), GFP_KERNEL);
}

void mpvpn_dedup_free(struct mpvpn_dedup *dedup)
{
	kvfree(dedup);
}

static bool from_restarted_peer(u64 seen, u64 counter)
{
	return seen - counter > MPVPN_DEDUP_RESTART;
}

enum mpvpn_dedup_result mpvpn_dedup_check(struct mpvpn_dedup *dedup,
					  u64 counter, bool allow_restart)
{
	atomic64_t *slot = &dedup->slot[counter % MPVPN_DEDUP_SLOTS];
	s64 seen = atomic64_read(slot), old;

	for (;;) {
		if ((u64)seen == counter)
			return MPVPN_DEDUP_DUPLICATE;
		if ((u64)seen > counter &&
		    !(allow_restart && from_restarted_peer(seen, counter)))
			return MPVPN_DEDUP_STALE;
		old = atomic64_cmpxchg(slot, seen, counter);
		if (old == seen)
			return MPVPN_DEDUP_NEW;
		seen = old;
	}
}

#ifdef MPVPN_KUNIT
#include "tests/dedup_test.c"
#endif
