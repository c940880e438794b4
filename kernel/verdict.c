// SPDX-License-Identifier: GPL-2.0
/*
 * Pushed probe verdicts: a small table per path, keyed by probe name.
 * Everything here runs under RTNL.
 */

#include "verdict.h"

#include <linux/rtnetlink.h>
#include <linux/string.h>
#include <linux/stringify.h>

/* The latest expiry of the failing verdicts, or 0. */
static void update_failing(struct mpvpn_verdicts *verdicts)
{
	unsigned long until = 0;
	unsigned int i;

	for (i = 0; i < MPVPN_MAX_VERDICTS; i++) {
		const struct mpvpn_verdict *v = &verdicts->slot[i];

		if (!v->name[0] || v->ok || time_after_eq(jiffies, v->expires))
			continue;
		if (!until || time_after(v->expires, until))
			until = v->expires;
	}
	WRITE_ONCE(verdicts->failing_until, until);
}

static struct mpvpn_verdict *find(struct mpvpn_verdicts *verdicts,
				  const char *name)
{
	unsigned int i;

	for (i = 0; i < MPVPN_MAX_VERDICTS; i++) {
		if (!strcmp(verdicts->slot[i].name, name))
			return &verdicts->slot[i];
	}
	return NULL;
}

int mpvpn_verdict_push(struct mpvpn_verdicts *verdicts,
		       const struct mpvpn_verdict *verdict,
		       struct netlink_ext_ack *extack)
{
	struct mpvpn_verdict *slot;

	ASSERT_RTNL();
	mpvpn_verdict_expire(verdicts);
	slot = find(verdicts, verdict->name) ?: find(verdicts, "");
	if (!slot) {
		NL_SET_ERR_MSG(extack, "a path holds at most "
			       __stringify(MPVPN_MAX_VERDICTS)
			       " pushed verdicts; delete one first");
		return -ENOSPC;
	}
	*slot = *verdict;
	update_failing(verdicts);
	return 0;
}

int mpvpn_verdict_delete(struct mpvpn_verdicts *verdicts, const char *name,
			 struct netlink_ext_ack *extack)
{
	struct mpvpn_verdict *slot;

	ASSERT_RTNL();
	slot = find(verdicts, name);
	if (!name[0] || !slot) {
		NL_SET_ERR_MSG(extack, "no verdict of that name on the path");
		return -ENOENT;
	}
	memset(slot, 0, sizeof(*slot));
	update_failing(verdicts);
	return 0;
}

/* Forgets expired verdicts; true when one of them was failing. */
bool mpvpn_verdict_expire(struct mpvpn_verdicts *verdicts)
{
	bool failing = false;
	unsigned int i;

	ASSERT_RTNL();
	for (i = 0; i < MPVPN_MAX_VERDICTS; i++) {
		struct mpvpn_verdict *v = &verdicts->slot[i];

		if (!v->name[0] || time_before(jiffies, v->expires))
			continue;
		failing |= !v->ok;
		memset(v, 0, sizeof(*v));
	}
	update_failing(verdicts);
	return failing;
}

#ifdef MPVPN_KUNIT
#include "tests/verdict_test.c"
#endif
