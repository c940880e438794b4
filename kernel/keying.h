/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Keying: when and where the handshake runs (Documentation/handshake.rst).
 * The handshake messages a device receives wait in a queue for a work
 * item, which answers them, starts the initiations the device owes, and
 * retries them on the next path. The cryptography is noise.c's and
 * cookie.c's, the resulting sessions session.c's; this file moves the
 * messages and decides, and it alone calls into the other three for a
 * device.
 *
 * Contexts: mpvpn_keying_receive() and mpvpn_keying_want() run in any
 * context, BHs off included, and only queue. Everything else runs in the
 * work item or under RTNL (set up, keys, tear down).
 */
#ifndef _MPVPN_KEYING_H
#define _MPVPN_KEYING_H

#include "counters.h"
#include "noise.h"
#include "ratelimit.h"
#include "session.h"

#include <linux/bitops.h>
#include <linux/mutex.h>
#include <linux/skbuff.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

struct mpvpn_device;
struct mpvpn_port;

/* At most this many messages wait; under load above this many. */
#define MPVPN_KEYING_QUEUE_MAX		1024
#define MPVPN_KEYING_LOAD_THRESHOLD	(MPVPN_KEYING_QUEUE_MAX / 8)

/* Messages one run of the work item takes before it lets others run. */
#define MPVPN_KEYING_BATCH		32

/*
 * An initiation unanswered after this long is followed by one on the next
 * path; once every path had one, rounds go this much apart, plus up to
 * the jitter, so that two gateways that restarted together drift apart.
 */
#define MPVPN_KEYING_PATH_RETRY		(1ULL * NSEC_PER_SEC)
#define MPVPN_KEYING_ROUND_RETRY	(5ULL * NSEC_PER_SEC)
#define MPVPN_KEYING_RETRY_JITTER	(333ULL * NSEC_PER_MSEC)

/* Handshake failures are told (event, log) at most this often. */
#define MPVPN_KEYING_FAILURE_EVENTS	(5ULL * NSEC_PER_SEC)

/*
 * An older timestamp than the peer's last (it restarted with its clock
 * behind) makes us initiate, at most this often, since an attacker can
 * replay old initiations at will.
 */
#define MPVPN_KEYING_STALE_TRIGGER	(5ULL * NSEC_PER_SEC)

/* Counters of a device's keying (struct mpvpn_counters). */
enum mpvpn_keying_counter {
	MPVPN_KEYING_INITIATIONS_SENT,
	MPVPN_KEYING_RESPONSES_SENT,
	MPVPN_KEYING_COOKIE_REPLIES_SENT,
	MPVPN_KEYING_INITIATIONS_RECEIVED,	/* authentic and fresh */
	MPVPN_KEYING_RESPONSES_RECEIVED,	/* authentic, to ours */
	MPVPN_KEYING_COOKIE_REPLIES_RECEIVED,	/* authentic, to ours */
	MPVPN_KEYING_RX_MALFORMED,		/* length, flags, path */
	MPVPN_KEYING_RX_BAD_MAC1,
	MPVPN_KEYING_RX_NOT_AUTHENTIC,
	MPVPN_KEYING_RX_STALE,			/* timestamp not newer */
	MPVPN_KEYING_RX_UNEXPECTED,		/* nothing of ours to answer */
	MPVPN_KEYING_RX_NO_KEYS,		/* the device has none */
	MPVPN_KEYING_RX_QUEUE_FULL,
	MPVPN_KEYING_RX_RATELIMITED,
	MPVPN_KEYING_SESSIONS,			/* sessions made, either role */
	MPVPN_KEYING_COUNTERS
};

/* Bits of struct mpvpn_keying's @flags. */
enum {
	MPVPN_KEYING_WANTED,	/* we owe the peer an initiation */
	MPVPN_KEYING_STOPPED,	/* the device goes away: queue nothing */
};

/*
 * One per device, inside struct mpvpn_device.
 *
 * @handshake: the static keys and the handshakes under way, under its own
 * mutex, which nests inside @lock. @sessions: what the data path sends and
 * receives under. @queue has its own lock. @work runs on
 * system_unbound_wq; @retry_timer queues it when a retry is due. @lock
 * guards the fields after it; the work item and RTNL holders take it,
 * never the other way round with RTNL: the work never takes RTNL, so
 * that it can be cancelled under it.
 */
struct mpvpn_keying {
	struct mpvpn_handshake handshake;
	struct mpvpn_sessions sessions;
	struct mpvpn_ratelimit ratelimit;
	struct sk_buff_head queue;
	struct work_struct work;
	struct timer_list retry_timer;
	struct timer_list expire_timer;
	unsigned long flags;			/* MPVPN_KEYING_*, atomic bits */
	struct mpvpn_counters __percpu *counters; /* MPVPN_KEYING_* */

	struct mutex lock;	/* see above */
	u64 next_try;		/* no initiation before, boottime ns */
	unsigned int tries;	/* initiations since the last session */
	bool no_path;		/* the last one owed found no path */
	u8 last_try_path;	/* the path of the last initiation */
	u64 initiation_at;	/* when it went, boottime ns */
	u64 handshake_ns;	/* initiation to response, the last made */
	u64 failure_told;	/* the last handshake-failed event, ns */
	u8 initiation_slot;	/* the slot our initiation announced */
	u64 stale_trigger;	/* when a stale initiation last made one */
	u64 last_session;	/* boottime ns of the last session made */
};

int mpvpn_keying_init(struct mpvpn_keying *keying);
void mpvpn_keying_uninit(struct mpvpn_keying *keying);

int mpvpn_keying_set_keys(struct mpvpn_keying *keying,
			  const u8 private_key[MPVPN_NOISE_KEY_LEN],
			  const u8 peer_public[MPVPN_NOISE_KEY_LEN],
			  const u8 *psk);
void mpvpn_keying_clear_keys(struct mpvpn_keying *keying);

bool mpvpn_keying_is_handshake(const struct sk_buff *skb,
			       unsigned int offset);
void mpvpn_keying_receive(struct mpvpn_port *port, struct sk_buff *skb);
void mpvpn_keying_want(struct mpvpn_keying *keying);
void mpvpn_keying_paths_changed(struct mpvpn_keying *keying);
void mpvpn_keying_times(struct mpvpn_keying *keying, u64 *last_session,
			u64 *handshake_ns);

#endif /* _MPVPN_KEYING_H */
