/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sessions: the keys one handshake yields (noise.h), per path and per
 * direction, with their counters, duplicate windows and age, and a
 * device's three of them, previous, current and next
 * (Documentation/handshake.rst, "Sessions").
 *
 * Times are CLOCK_BOOTTIME nanoseconds (mpvpn_session_now()): monotonic,
 * so that setting the wall clock neither ages nor rejuvenates a key, and
 * counting suspend, so that a gateway waking from hours of sleep does not
 * send under keys that long expired. The coarse reading (one tick) is one
 * load on the hot path and ample for limits of seconds.
 */
#ifndef _MPVPN_SESSION_H
#define _MPVPN_SESSION_H

#include "dedup.h"
#include "noise.h"

#include <crypto/chacha20poly1305.h>
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/kref.h>
#include <linux/limits.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>
#include <linux/types.h>
#include <linux/mpvpn.h>

/*
 * The default rekey interval (the uapi's, handshake.rst's): short enough
 * that a key stolen from memory opens a few minutes of traffic at most.
 */
#define MPVPN_REKEY_AFTER_TIME_DEFAULT \
	((u64)MPVPN_REKEY_SECONDS_DEFAULT * NSEC_PER_SEC)

/*
 * REJECT_AFTER_TIME is the rekey interval plus this: room for the
 * handshake that REKEY_AFTER_TIME starts to finish, tries on every path
 * (1 s apart, then rounds every 5 s) included, before traffic stops.
 */
#define MPVPN_REJECT_AFTER_TIME_MARGIN	(60ULL * NSEC_PER_SEC)

/*
 * The responder of a session starts the next handshake this much later
 * than its initiator would, so that the two rarely cross: it steps in
 * only when the initiator did not (it restarted, or its messages were
 * lost).
 */
#define MPVPN_REKEY_RESPONDER_DELAY	(10ULL * NSEC_PER_SEC)

/*
 * Counters a sender spends in one space of a session before it starts a
 * new handshake: an eighth of the data space, so the handshake has seven
 * times as many counters' time to finish, at any packet rate.
 */
#define MPVPN_REKEY_AFTER_MESSAGES	BIT_ULL(60)

/*
 * No counter at or above this is sent or accepted (WireGuard's value,
 * 2^64 - 2^13 - 1): the nonce never comes near 2^64, and counter
 * arithmetic of a duplicate window never overflows. The counter is the
 * nonce whole, bit 63 included (wire.h, MPVPN_COUNTER_CONTROL), so this
 * bounds the control space; the data space ends earlier, where the
 * control space begins (mpvpn_session_counter_ok()).
 */
#define MPVPN_REJECT_AFTER_MESSAGES	(U64_MAX - BIT_ULL(13))

/* Receive slots 1 to 3 (noise.h): as many as a side holds sessions. */
#define MPVPN_SESSION_SLOTS	MPVPN_HANDSHAKE_SLOT_MAX

/*
 * One handshake's keys, seen from this side. Never changed once
 * published but for the counters, the windows, @confirmed and @dead
 * (READ_ONCE/WRITE_ONCE), so readers need no lock.
 *
 * Lifetime: a reference for each place of struct mpvpn_sessions that
 * holds it, and one for each other holder (mpvpn_session_get()). The
 * last put frees it after an RCU grace period, so a reader under
 * rcu_read_lock_bh() may use a session it looked up without a reference,
 * until it leaves the read section. @dead is set when the session leaves
 * its place: nothing is sent under it from then on.
 */
struct mpvpn_session {
	u8 send_key[MPVPN_MAX_PATHS][CHACHA20POLY1305_KEY_SIZE];
	u8 receive_key[MPVPN_MAX_PATHS][CHACHA20POLY1305_KEY_SIZE];
	u64 id;			/* for logs: sessions since the module loaded */
	u64 born;		/* mpvpn_session_now() when created */
	u64 rekey_after;	/* the rekey interval it was created under, ns */
	u8 local_slot;		/* ours: the peer's packets carry it */
	u8 remote_slot;		/* the peer's: ours carry it */
	bool initiator;		/* we sent the initiation */
	bool confirmed;		/* initiator: at once; responder: a packet came */
	bool dead;
	/* The next counter of each space (mpvpn_session_counter()). */
	atomic64_t send_data;
	atomic64_t send_control;	/* from MPVPN_COUNTER_CONTROL */
	struct mpvpn_dedup *dedup;		/* received data counters */
	struct mpvpn_dedup *control_dedup;	/* received control counters */
	struct kref refcount;
	struct rcu_head rcu;
};

/*
 * A device's sessions. @prev, @curr and @next are read under RCU on the
 * hot path and written under @lock, which is taken with BHs off: the
 * receive path confirms a session in softirq. No other lock is taken
 * under it. Every live session among the three has its own local slot.
 *
 * @curr: what we send under. @next: a session we responded to, not
 * confirmed yet: the peer may send under it, we may not. @prev: the one
 * before @curr, kept to receive what was on its way when @curr came.
 * @pending_slot: the slot our handshake in flight announced (0: none),
 * which a session we respond to meanwhile must not take.
 */
struct mpvpn_sessions {
	struct mpvpn_session __rcu *prev;
	struct mpvpn_session __rcu *curr;
	struct mpvpn_session __rcu *next;
	spinlock_t lock;		/* see above */
	u8 pending_slot;		/* @lock */
	u64 rekey_after;		/* @lock; ns, for sessions to come */
};

static inline u64 mpvpn_session_now(void)
{
	return ktime_get_coarse_boottime_ns();
}

struct mpvpn_session *mpvpn_session_create(struct mpvpn_session_keys *keys,
					   bool initiator, u8 local_slot,
					   u8 remote_slot, u64 now);
struct mpvpn_session *mpvpn_session_get(struct mpvpn_session *session);
void mpvpn_session_put(struct mpvpn_session *session);

bool mpvpn_session_counter(struct mpvpn_session *session, bool control,
			   u64 *counter);
bool mpvpn_session_counter_ok(u64 counter);
bool mpvpn_session_rekey_due(const struct mpvpn_session *session, u64 now);
bool mpvpn_session_rejected(const struct mpvpn_session *session, u64 now,
			    u64 counter);
enum mpvpn_dedup_result mpvpn_session_dedup(struct mpvpn_session *session,
					    u64 counter);

void mpvpn_sessions_init(struct mpvpn_sessions *sessions);
void mpvpn_sessions_uninit(struct mpvpn_sessions *sessions);
void mpvpn_sessions_set_rekey(struct mpvpn_sessions *sessions, u32 seconds);
u32 mpvpn_sessions_rekey_seconds(struct mpvpn_sessions *sessions);
u8 mpvpn_sessions_choose_slot(struct mpvpn_sessions *sessions,
			      bool initiator);
void mpvpn_sessions_install(struct mpvpn_sessions *sessions,
			    struct mpvpn_session *session);
void mpvpn_sessions_confirm(struct mpvpn_sessions *sessions,
			    struct mpvpn_session *session);
u64 mpvpn_sessions_expire(struct mpvpn_sessions *sessions, u64 now);
void mpvpn_sessions_clear(struct mpvpn_sessions *sessions);

/* Hot path, under rcu_read_lock_bh(). */
struct mpvpn_session *mpvpn_sessions_lookup(struct mpvpn_sessions *sessions,
					    u8 slot);
struct mpvpn_session *mpvpn_sessions_send(struct mpvpn_sessions *sessions,
					  u64 now);

#endif /* _MPVPN_SESSION_H */
