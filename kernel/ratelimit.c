// SPDX-License-Identifier: GPL-2.0
/*
 * A budget of handshake work per source address (ratelimit.h).
 */

#include "ratelimit.h"

#include <linux/minmax.h>
#include <linux/random.h>
#include <linux/string.h>

void mpvpn_ratelimit_init(struct mpvpn_ratelimit *rl)
{
	spin_lock_init(&rl->lock);
	get_random_bytes(&rl->key, sizeof(rl->key));
	memset(rl->entry, 0, sizeof(rl->entry));
}

static unsigned int addr_len(sa_family_t family)
{
	return family == AF_INET ? 4 : 16;
}

static struct mpvpn_ratelimit_entry *entry_of(struct mpvpn_ratelimit *rl,
					      sa_family_t family,
					      const void *addr)
{
	u64 hash = siphash(addr, addr_len(family), &rl->key);

	return &rl->entry[hash & (MPVPN_RATELIMIT_ENTRIES - 1)];
}

/*
 * Whether one more message from @addr may be worked on at @now (ns of a
 * monotonic clock): it takes one message's cost from the address's bucket,
 * refilled for the time since the last message.
 */
bool mpvpn_ratelimit_allow(struct mpvpn_ratelimit *rl, sa_family_t family,
			   const void *addr, u64 now)
{
	struct mpvpn_ratelimit_entry *e;
	unsigned int len = addr_len(family);
	bool allowed;

	spin_lock_bh(&rl->lock);
	e = entry_of(rl, family, addr);
	if (e->family != family || memcmp(e->addr, addr, len)) {
		e->family = family;
		memset(e->addr, 0, sizeof(e->addr));
		memcpy(e->addr, addr, len);
		e->tokens = MPVPN_RATELIMIT_FULL;
		e->updated = now;
	} else if (now > e->updated) {
		e->tokens = min_t(u64, e->tokens + (now - e->updated),
				  MPVPN_RATELIMIT_FULL);
		e->updated = now;
	}
	allowed = e->tokens >= MPVPN_RATELIMIT_COST;
	if (allowed)
		e->tokens -= MPVPN_RATELIMIT_COST;
	spin_unlock_bh(&rl->lock);
	return allowed;
}

#ifdef MPVPN_KUNIT
#include "tests/ratelimit_test.c"
#endif
