/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probe verdicts pushed from userspace (mpvpnd's ICMP, HTTP, BGP... checks).
 * A failing verdict holds its path down until it expires or is replaced;
 * a passing one is only shown. Every verdict expires, so a dead daemon
 * cannot pin a path down forever.
 */
#ifndef _MPVPN_VERDICT_H
#define _MPVPN_VERDICT_H

#include <linux/jiffies.h>
#include <linux/netlink.h>
#include <linux/types.h>
#include <linux/mpvpn.h>

struct mpvpn_verdict {
	char name[MPVPN_PROBE_NAME_LEN];	/* "": free slot */
	bool ok;
	bool has_rtt;
	u32 rtt_us;
	unsigned long expires;			/* jiffies */
};

/*
 * Written under RTNL. The probe timer reads @failing_until locklessly to
 * notice an expiry; everything else is read under RTNL.
 */
struct mpvpn_verdicts {
	struct mpvpn_verdict slot[MPVPN_MAX_VERDICTS];
	unsigned long failing_until;	/* jiffies; 0: nothing failing */
};

int mpvpn_verdict_push(struct mpvpn_verdicts *verdicts,
		       const struct mpvpn_verdict *verdict,
		       struct netlink_ext_ack *extack);
int mpvpn_verdict_delete(struct mpvpn_verdicts *verdicts, const char *name,
			 struct netlink_ext_ack *extack);
bool mpvpn_verdict_expire(struct mpvpn_verdicts *verdicts);

/* Whether a failing verdict holds the path down now; any context. */
static inline bool mpvpn_verdict_failing(const struct mpvpn_verdicts *verdicts)
{
	unsigned long until = READ_ONCE(verdicts->failing_until);

	return until && time_before(jiffies, until);
}

#endif /* _MPVPN_VERDICT_H */
