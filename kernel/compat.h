/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel-version-dependent construct of the module goes here, so the
 * rest keeps the shape of current upstream code: the source calls the new
 * interface, and this file supplies it on the kernels that predate it.
 *
 * Two kinds of test, as in wireguard-linux-compat:
 *
 * - An interface that changed inside a stable series (a backport reached
 *   6.1.y or 6.12.y) is looked for in the headers the module is built
 *   against: kernel/Kbuild greps $(srctree)/include and passes
 *   -DMPVPN_HAVE_<FEATURE> when it is there (wireguard-linux-compat's
 *   compat/Kbuild.include does the same). A version number would be wrong
 *   in one direction or the other: Debian's 6.1.192 has what mainline got
 *   in 6.7, and 6.12.y changed udp_tunnel6_xmit_skb() under its users.
 * - An interface that changed only at a mainline release is tested by
 *   LINUX_VERSION_CODE.
 * - A macro is tested with #ifdef, which is a feature test by itself.
 *
 * Each shim names the kernel change it follows. Tested: Debian 12's 6.1
 * (stock and the debug test kernel) and 6.12 (stock, PREEMPT_RT, and a
 * debug build of linux-source-6.12); see README, "Tested kernels".
 *
 * Not shimmed, because no kernel that needs it is tested yet (the source
 * uses the 6.12 form; each will need a shim here and a test run):
 * rtnl_link_ops.newlink's parameter struct (6.15), the UDP tunnel
 * transmit helpers' extra argument (6.17, earlier in Ubuntu's kernels),
 * blake2s()'s parameter order (6.19), the removal of ipv6_stub.
 *
 * The oldest kernel accepted (6.1) is checked in Kbuild, before any file
 * is compiled.
 */
#ifndef _MPVPN_COMPAT_H
#define _MPVPN_COMPAT_H

#include <linux/genetlink.h>
#include <linux/hrtimer.h>
#include <linux/netdevice.h>
#include <linux/timer.h>
#include <linux/version.h>
#include <net/genetlink.h>

/*
 * Lockless transmit. 6.12 ("netdev_features: convert NETIF_F_LLTX to
 * dev->lltx") made it a bit of struct net_device; the feature flag is gone.
 */
static inline void mpvpn_set_lltx(struct net_device *dev)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

/*
 * Per-CPU tunnel statistics. 6.7 ("net: Move {l,t,d}stats allocation to
 * core and convert veth & vrf") lets the core allocate and free
 * dev->tstats when the driver sets dev->pcpu_stat_type; the change was
 * backported to 6.1.y, so Kbuild looks for the field. Where the core can,
 * it must: the UDP tunnel transmit helpers (iptunnel_xmit_stats(), in
 * 6.12.y) count a packet only when pcpu_stat_type says TSTATS and
 * WARN_ON_ONCE() otherwise. mpvpn_tstats_alloc() and mpvpn_tstats_free()
 * then do nothing; before it, they do what the core does.
 */
#ifdef MPVPN_HAVE_PCPU_STAT_TYPE
static inline void mpvpn_set_core_tstats(struct net_device *dev)
{
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
}

static inline int mpvpn_tstats_alloc(struct net_device *dev)
{
	return 0;
}

static inline void mpvpn_tstats_free(struct net_device *dev)
{
}
#else
static inline void mpvpn_set_core_tstats(struct net_device *dev)
{
}

static inline int mpvpn_tstats_alloc(struct net_device *dev)
{
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	return dev->tstats ? 0 : -ENOMEM;
}

static inline void mpvpn_tstats_free(struct net_device *dev)
{
	free_percpu(dev->tstats);
}
#endif

/*
 * The request's attributes in a dump. 6.6 moved them from struct
 * genl_dumpit_info into the struct genl_info it now holds, reached with
 * genl_info_dump() (Jiri Pirko's genetlink series for split ops).
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 6, 0)
static inline struct nlattr **mpvpn_genl_dump_attrs(struct netlink_callback *cb)
{
	return genl_dumpit_info(cb)->attrs;
}
#else
static inline struct nlattr **mpvpn_genl_dump_attrs(struct netlink_callback *cb)
{
	return genl_info_dump(cb)->attrs;
}
#endif

/*
 * hrtimer_setup() (6.13, "hrtimers: Introduce hrtimer_setup() to replace
 * hrtimer_init()") sets the callback with the rest; hrtimer_init() is gone
 * in 6.15. Looked for by Kbuild, as a stable series may take it in.
 */
#ifndef MPVPN_HAVE_HRTIMER_SETUP
static inline void hrtimer_setup(struct hrtimer *timer,
				 enum hrtimer_restart (*function)(struct hrtimer *),
				 clockid_t clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}
#endif

/*
 * timer_delete_sync() and timer_delete() (6.2, "timers: Rename
 * del_timer_sync() to timer_delete_sync()" and its del_timer() sibling,
 * backported to 6.1.y together) replace del_timer_sync() and del_timer(),
 * which 6.15 removes. Looked for by Kbuild.
 */
#ifndef MPVPN_HAVE_TIMER_DELETE_SYNC
#define timer_delete_sync(timer) del_timer_sync(timer)
#define timer_delete(timer) del_timer(timer)
#endif

/*
 * timer_container_of() (6.16, "timers: Rename from_timer() to
 * timer_container_of()") replaces from_timer(); both are macros.
 */
#ifndef timer_container_of
#define timer_container_of(var, callback_timer, timer_fieldname) \
	from_timer(var, callback_timer, timer_fieldname)
#endif

/*
 * udp_tunnel6_xmit_skb() returns void in later kernels, and in 6.12.y
 * since a backport (6.12.118 has it; 6.1.192 still returns an int that is
 * always 0): a version test is wrong in both directions, and a feature
 * test is not needed either, because callers do not use the result.
 */

/*
 * encap_err_rcv of a UDP tunnel socket. 6.2's rxrpc ICMP fix ("rxrpc: Fix
 * ICMP/ICMP6 error handling") replaced its offset of the quoted UDP
 * header by the error, the destination port, the ICMP info and a pointer
 * past that UDP header. Both give what the module reads: the skb, whose
 * data is the quoted IP header and whose transport header is the ICMP
 * header, and the offset of the quoted UDP header. Looked for by Kbuild,
 * as stable series take such fixes.
 */
#ifdef MPVPN_HAVE_ENCAP_ERR_RCV_INFO
#define MPVPN_DEFINE_ENCAP_ERR_RCV(name, handler)			\
static void name(struct sock *sk, struct sk_buff *skb, int err,		\
		 __be16 port, u32 info, u8 *payload)			\
{									\
	handler(sk, skb, payload - skb->data - sizeof(struct udphdr));	\
}
#else
#define MPVPN_DEFINE_ENCAP_ERR_RCV(name, handler)			\
static void name(struct sock *sk, struct sk_buff *skb,			\
		 unsigned int udp_offset)				\
{									\
	handler(sk, skb, udp_offset);					\
}
#endif

/*
 * KUnit's memory comparisons (6.2, "kunit: Introduce KUNIT_EXPECT_MEMEQ
 * and KUNIT_EXPECT_MEMNEQ macros"); macros, tested by #ifndef. Before
 * them a mismatch is reported without the bytes. Test build only.
 */
#ifdef MPVPN_KUNIT
#include <kunit/test.h>

#ifndef KUNIT_EXPECT_MEMEQ
#define KUNIT_EXPECT_MEMEQ(test, left, right, size) \
	KUNIT_EXPECT_EQ(test, memcmp(left, right, size), 0)
#define KUNIT_EXPECT_MEMNEQ(test, left, right, size) \
	KUNIT_EXPECT_NE(test, memcmp(left, right, size), 0)
#define KUNIT_ASSERT_MEMEQ(test, left, right, size) \
	KUNIT_ASSERT_EQ(test, memcmp(left, right, size), 0)
#endif
#endif

#endif /* _MPVPN_COMPAT_H */
