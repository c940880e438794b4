/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A budget of handshake work per source address, for a device under load
 * (Documentation/handshake.rst, "Load"): a token bucket of
 * MPVPN_RATELIMIT_BURST messages refilled at MPVPN_RATELIMIT_PER_SECOND,
 * kept in a small table indexed by a keyed hash of the address.
 *
 * The table forgets: two addresses that share an entry take it from each
 * other, and the newcomer starts with a full bucket. That errs on the side
 * of letting a message through, never of refusing a source that kept its
 * budget; and since the hash key is random per device, nobody can choose
 * addresses that collide with a given one. Only messages whose mac2 proved
 * that their source receives our packets get this far, so the table only
 * holds sources that can be reached.
 */
#ifndef _MPVPN_RATELIMIT_H
#define _MPVPN_RATELIMIT_H

#include <linux/siphash.h>
#include <linux/socket.h>
#include <linux/spinlock.h>
#include <linux/time64.h>
#include <linux/types.h>

#define MPVPN_RATELIMIT_PER_SECOND	20
#define MPVPN_RATELIMIT_BURST		5
#define MPVPN_RATELIMIT_ENTRIES		256	/* a power of two */

/* What one message costs, and what a full bucket holds, in ns of refill. */
#define MPVPN_RATELIMIT_COST	(NSEC_PER_SEC / MPVPN_RATELIMIT_PER_SECOND)
#define MPVPN_RATELIMIT_FULL	(MPVPN_RATELIMIT_BURST * MPVPN_RATELIMIT_COST)

struct mpvpn_ratelimit_entry {
	sa_family_t family;		/* AF_UNSPEC: unused */
	u8 addr[16];			/* 4 or 16 bytes of it */
	u64 updated;			/* when @tokens was last refilled, ns */
	u64 tokens;			/* ns of refill, at most FULL */
};

/* One per device; @lock guards the table, taken with BHs off. */
struct mpvpn_ratelimit {
	spinlock_t lock;		/* see above */
	siphash_key_t key;
	struct mpvpn_ratelimit_entry entry[MPVPN_RATELIMIT_ENTRIES];
};

void mpvpn_ratelimit_init(struct mpvpn_ratelimit *rl);
bool mpvpn_ratelimit_allow(struct mpvpn_ratelimit *rl, sa_family_t family,
			   const void *addr, u64 now);

#endif /* _MPVPN_RATELIMIT_H */
