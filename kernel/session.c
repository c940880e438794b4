// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions (session.h): a handshake's keys made into per-path keys, the
 * counters sent under them, and the three places a device keeps them in.
 *
 * A place holds a reference. Moving a session from one place to another
 * moves that reference; a session that leaves the three places ends: it
 * is marked dead and its place's reference put. The hot path reads the
 * places under RCU and takes no reference.
 */

#include "session.h"
#include "dedup.h"
#include "wire.h"

#include <linux/build_bug.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>

static_assert(MPVPN_SESSION_SLOTS == 3);
static_assert(MPVPN_NOISE_KEY_LEN == CHACHA20POLY1305_KEY_SIZE);

/* Numbers sessions in the debug log. */
static atomic64_t session_ids = ATOMIC64_INIT(0);

/* K_p for p = 1 to MPVPN_MAX_PATHS, in @out[p - 1]. */
static void path_keys(u8 out[MPVPN_MAX_PATHS][CHACHA20POLY1305_KEY_SIZE],
		      const u8 key[MPVPN_NOISE_KEY_LEN])
{
	unsigned int i;

	for (i = 0; i < MPVPN_MAX_PATHS; i++)
		mpvpn_noise_path_key(out[i], key, i + 1);
}

static bool slot_ok(u8 slot)
{
	return slot >= MPVPN_HANDSHAKE_SLOT_MIN &&
	       slot <= MPVPN_HANDSHAKE_SLOT_MAX;
}

static void session_free(struct mpvpn_session *session)
{
	mpvpn_dedup_free(session->dedup);
	mpvpn_dedup_free(session->control_dedup);
	/* Zeroes the keys with the rest. */
	kfree_sensitive(session);
}

/*
 * A session from the keys of a handshake that just completed, T_i and
 * T_r as noise.c hands them out, which this wipes (also on failure).
 * @local_slot: the slot we announced; @remote_slot: the peer's, from its
 * message's flags. Process context. The caller holds the one reference,
 * until mpvpn_sessions_install() takes it.
 */
struct mpvpn_session *mpvpn_session_create(struct mpvpn_session_keys *keys,
					   bool initiator, u8 local_slot,
					   u8 remote_slot, u64 now)
{
	struct mpvpn_session *session = NULL;

	if (!slot_ok(local_slot) || !slot_ok(remote_slot))
		goto out;
	session = kzalloc(sizeof(*session), GFP_KERNEL);
	if (!session)
		goto out;
	session->dedup = mpvpn_dedup_alloc();
	session->control_dedup = mpvpn_dedup_alloc();
	if (!session->dedup || !session->control_dedup) {
		session_free(session);
		session = NULL;
		goto out;
	}
	path_keys(session->send_key, keys->send);
	path_keys(session->receive_key, keys->receive);
	session->id = atomic64_inc_return(&session_ids);
	session->born = now;
	session->rekey_after = MPVPN_REKEY_AFTER_TIME_DEFAULT;
	session->local_slot = local_slot;
	session->remote_slot = remote_slot;
	session->initiator = initiator;
	/* The initiator has the responder's answer: the peer holds it. */
	session->confirmed = initiator;
	atomic64_set(&session->send_data, 0);
	atomic64_set(&session->send_control, MPVPN_COUNTER_CONTROL);
	kref_init(&session->refcount);
	pr_debug("session %llu created (%s, slot %u, peer's slot %u)\n",
		 session->id, initiator ? "initiator" : "responder",
		 local_slot, remote_slot);
out:
	memzero_explicit(keys, sizeof(*keys));
	return session;
}

/* NULL when it is being freed already. */
struct mpvpn_session *mpvpn_session_get(struct mpvpn_session *session)
{
	return kref_get_unless_zero(&session->refcount) ? session : NULL;
}

static void session_free_rcu(struct rcu_head *rcu)
{
	struct mpvpn_session *session = container_of(rcu, struct mpvpn_session,
						     rcu);

	pr_debug("session %llu destroyed\n", session->id);
	session_free(session);
}

static void session_release(struct kref *kref)
{
	struct mpvpn_session *session = container_of(kref, struct mpvpn_session,
						     refcount);

	/* Readers under RCU hold no reference. */
	call_rcu(&session->rcu, session_free_rcu);
}

void mpvpn_session_put(struct mpvpn_session *session)
{
	if (session)
		kref_put(&session->refcount, session_release);
}

/*
 * The next counter of a space, the data space (bit 63 clear) or the
 * control space (set). False, and nothing handed out, once the space is
 * spent: the data space ends where the control space begins, the control
 * space at MPVPN_REJECT_AFTER_MESSAGES. The counter stops there; it never
 * wraps. Any context.
 */
bool mpvpn_session_counter(struct mpvpn_session *session, bool control,
			   u64 *counter)
{
	atomic64_t *next = control ? &session->send_control :
				     &session->send_data;
	u64 end = control ? MPVPN_REJECT_AFTER_MESSAGES : MPVPN_COUNTER_CONTROL;
	s64 old = atomic64_read(next);

	do {
		if ((u64)old >= end)
			return false;
	} while (!atomic64_try_cmpxchg(next, &old, (s64)((u64)old + 1)));
	*counter = old;
	return true;
}

/* Whether a received counter is one a sender may use (its space's end). */
bool mpvpn_session_counter_ok(u64 counter)
{
	if (counter & MPVPN_COUNTER_CONTROL)
		return counter < MPVPN_REJECT_AFTER_MESSAGES;
	return true;
}

/* Counters spent in the busier of the two spaces. */
static u64 counters_spent(const struct mpvpn_session *session)
{
	u64 data = atomic64_read(&session->send_data);
	u64 control = atomic64_read(&session->send_control) &
		      ~MPVPN_COUNTER_CONTROL;

	return max(data, control);
}

/* Either space spent: nothing more can be sent under it. */
static bool worn_out(const struct mpvpn_session *session)
{
	return (u64)atomic64_read(&session->send_data) >=
		       MPVPN_COUNTER_CONTROL ||
	       (u64)atomic64_read(&session->send_control) >=
		       MPVPN_REJECT_AFTER_MESSAGES;
}

/* REJECT_AFTER_TIME of @session: nothing goes under it from then on. */
static u64 reject_at(const struct mpvpn_session *session)
{
	return session->born + session->rekey_after +
	       MPVPN_REJECT_AFTER_TIME_MARGIN;
}

static bool too_old(const struct mpvpn_session *session, u64 now)
{
	return now >= reject_at(session);
}

/*
 * Time to start the next handshake: REKEY_AFTER_TIME for the session's
 * initiator, MPVPN_REKEY_RESPONDER_DELAY later for its responder, or
 * REKEY_AFTER_MESSAGES counters spent in a space, whoever sent them.
 */
bool mpvpn_session_rekey_due(const struct mpvpn_session *session, u64 now)
{
	u64 after = session->rekey_after;

	if (!session->initiator)
		after += MPVPN_REKEY_RESPONDER_DELAY;
	return now >= session->born + after ||
	       counters_spent(session) >= MPVPN_REKEY_AFTER_MESSAGES;
}

/*
 * Whether a packet with @counter, sent or received at @now, is refused
 * under @session: REJECT_AFTER_TIME passed, or the counter is past its
 * space's end.
 */
bool mpvpn_session_rejected(const struct mpvpn_session *session, u64 now,
			    u64 counter)
{
	return too_old(session, now) || !mpvpn_session_counter_ok(counter);
}

/*
 * Whether a received, authentic @counter was seen before under @session
 * (or is too old to tell). The windows get the counter plus one: their
 * slots start at 0, which would make a session's first data counter a
 * duplicate. Counters past their space's end are refused here too, so
 * the addition cannot wrap.
 */
enum mpvpn_dedup_result mpvpn_session_dedup(struct mpvpn_session *session,
					    u64 counter)
{
	struct mpvpn_dedup *window = counter & MPVPN_COUNTER_CONTROL ?
				     session->control_dedup : session->dedup;

	if (!mpvpn_session_counter_ok(counter))
		return MPVPN_DEDUP_STALE;
	return mpvpn_dedup_check(window, counter + 1, false);
}

void mpvpn_sessions_init(struct mpvpn_sessions *sessions)
{
	RCU_INIT_POINTER(sessions->prev, NULL);
	RCU_INIT_POINTER(sessions->curr, NULL);
	RCU_INIT_POINTER(sessions->next, NULL);
	spin_lock_init(&sessions->lock);
	sessions->pending_slot = 0;
	sessions->rekey_after = MPVPN_REKEY_AFTER_TIME_DEFAULT;
}

/*
 * After the device stopped sending and receiving. The sessions are freed
 * after a grace period: module exit waits with rcu_barrier().
 */
void mpvpn_sessions_uninit(struct mpvpn_sessions *sessions)
{
	mpvpn_sessions_clear(sessions);
}

/* The rekey interval of sessions installed from now on. */
void mpvpn_sessions_set_rekey(struct mpvpn_sessions *sessions, u32 seconds)
{
	spin_lock_bh(&sessions->lock);
	sessions->rekey_after = (u64)seconds * NSEC_PER_SEC;
	spin_unlock_bh(&sessions->lock);
}

/* The interval sessions to come are made with. */
u32 mpvpn_sessions_rekey_seconds(struct mpvpn_sessions *sessions)
{
	u64 after;

	spin_lock_bh(&sessions->lock);
	after = sessions->rekey_after;
	spin_unlock_bh(&sessions->lock);
	return div_u64(after, NSEC_PER_SEC);
}

static struct mpvpn_session *
place_get(struct mpvpn_sessions *sessions, struct mpvpn_session __rcu **place)
{
	return rcu_dereference_protected(*place,
					 lockdep_is_held(&sessions->lock));
}

/* The session leaves its last place: nothing is sent under it any more. */
static void session_end(struct mpvpn_session *session)
{
	if (!session)
		return;
	WRITE_ONCE(session->dead, true);
	pr_debug("session %llu ended\n", session->id);
	mpvpn_session_put(session);
}

/*
 * Puts @session, and the reference that comes with it, in @place; the
 * session that was there ends. @session may still be in another place:
 * the caller empties that one next, without ending it.
 */
static void place_set(struct mpvpn_sessions *sessions,
		      struct mpvpn_session __rcu **place,
		      struct mpvpn_session *session)
{
	session_end(rcu_replace_pointer(*place, session,
					lockdep_is_held(&sessions->lock)));
}

/* Ends whichever session receives under @slot. */
static void slot_end(struct mpvpn_sessions *sessions, u8 slot)
{
	struct mpvpn_session __rcu **places[] = {
		&sessions->prev, &sessions->curr, &sessions->next,
	};
	struct mpvpn_session *session;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(places); i++) {
		session = place_get(sessions, places[i]);
		if (session && session->local_slot == slot)
			place_set(sessions, places[i], NULL);
	}
}

/* The slots live sessions receive under, as bits 1 to 3. */
static unsigned int slots_used(struct mpvpn_sessions *sessions)
{
	struct mpvpn_session *all[] = {
		place_get(sessions, &sessions->prev),
		place_get(sessions, &sessions->curr),
		place_get(sessions, &sessions->next),
	};
	unsigned int used = 0, i;

	for (i = 0; i < ARRAY_SIZE(all); i++)
		if (all[i])
			used |= BIT(all[i]->local_slot);
	return used;
}

/*
 * No slot is free: the previous session's, which the new one ends. A
 * responder's session must not take the slot of our initiation in
 * flight; when that is the previous one's, it takes the next session's,
 * which it replaces anyway. (There is one then: with no previous, or a
 * previous on the pending slot, the two other slots are current's and
 * next's.)
 */
static u8 slot_to_take(struct mpvpn_sessions *sessions, bool initiator)
{
	struct mpvpn_session *prev = place_get(sessions, &sessions->prev);
	struct mpvpn_session *next = place_get(sessions, &sessions->next);

	if (prev && (initiator || prev->local_slot != sessions->pending_slot))
		return prev->local_slot;
	return next ? next->local_slot : 0;
}

/*
 * The receive slot to announce in a new handshake message: the lowest no
 * live session uses, else the previous session's (handshake.rst). An
 * initiator's becomes the pending slot (the handshake it replaces is
 * forgotten, and its slot with it); a responder's avoids it, so that our
 * own handshake, if it completes too, does not end the peer's.
 */
u8 mpvpn_sessions_choose_slot(struct mpvpn_sessions *sessions,
			      bool initiator)
{
	unsigned int used;
	u8 slot;

	spin_lock_bh(&sessions->lock);
	used = slots_used(sessions);
	if (!initiator && sessions->pending_slot)
		used |= BIT(sessions->pending_slot);
	for (slot = MPVPN_HANDSHAKE_SLOT_MIN;
	     slot <= MPVPN_HANDSHAKE_SLOT_MAX; slot++)
		if (!(used & BIT(slot)))
			break;
	if (slot > MPVPN_HANDSHAKE_SLOT_MAX)
		slot = slot_to_take(sessions, initiator);
	if (initiator)
		sessions->pending_slot = slot;
	spin_unlock_bh(&sessions->lock);
	return slot;
}

/*
 * Ours completed: the session becomes current, and current previous. If
 * a session of the peer's waits in next, the two handshakes crossed: the
 * peer sends under that one at once (it initiated it), so it becomes
 * previous instead, and current, older than both, ends.
 */
static void install_initiator(struct mpvpn_sessions *sessions,
			      struct mpvpn_session *session)
{
	struct mpvpn_session *curr = place_get(sessions, &sessions->curr);
	struct mpvpn_session *next = place_get(sessions, &sessions->next);

	if (sessions->pending_slot == session->local_slot)
		sessions->pending_slot = 0;
	if (next) {
		place_set(sessions, &sessions->prev, next);
		RCU_INIT_POINTER(sessions->next, NULL);
		place_set(sessions, &sessions->curr, session);
	} else {
		place_set(sessions, &sessions->prev, curr);
		rcu_assign_pointer(sessions->curr, session);
	}
}

/*
 * Takes the caller's reference to a new session (mpvpn_session_create()).
 * Whatever held its slot ends first. The initiator's becomes current at
 * once; the responder's becomes next (a next one before it ends), and
 * current at confirmation (mpvpn_sessions_confirm()).
 */
void mpvpn_sessions_install(struct mpvpn_sessions *sessions,
			    struct mpvpn_session *session)
{
	spin_lock_bh(&sessions->lock);
	session->rekey_after = sessions->rekey_after;
	slot_end(sessions, session->local_slot);
	if (session->initiator)
		install_initiator(sessions, session);
	else
		place_set(sessions, &sessions->next, session);
	spin_unlock_bh(&sessions->lock);
}

/*
 * An authentic packet arrived under @session, which was not confirmed:
 * the peer holds it. If it is still next, it becomes current, current
 * previous, and previous ends. Softirq (the receive path) or process
 * context.
 */
void mpvpn_sessions_confirm(struct mpvpn_sessions *sessions,
			    struct mpvpn_session *session)
{
	spin_lock_bh(&sessions->lock);
	/* Also when it left next: then it only stops coming here. */
	WRITE_ONCE(session->confirmed, true);
	if (place_get(sessions, &sessions->next) == session) {
		place_set(sessions, &sessions->prev,
			  place_get(sessions, &sessions->curr));
		rcu_assign_pointer(sessions->curr, session);
		RCU_INIT_POINTER(sessions->next, NULL);
		pr_debug("session %llu confirmed\n", session->id);
	}
	spin_unlock_bh(&sessions->lock);
}

/*
 * Ends the sessions REJECT_AFTER_TIME made useless, so their keys go.
 * Returns when the next of the others becomes useless, 0: none is left.
 */
u64 mpvpn_sessions_expire(struct mpvpn_sessions *sessions, u64 now)
{
	struct mpvpn_session __rcu **places[] = {
		&sessions->prev, &sessions->curr, &sessions->next,
	};
	struct mpvpn_session *session;
	u64 end, next_end = 0;
	unsigned int i;

	spin_lock_bh(&sessions->lock);
	for (i = 0; i < ARRAY_SIZE(places); i++) {
		session = place_get(sessions, places[i]);
		if (!session)
			continue;
		if (too_old(session, now)) {
			place_set(sessions, places[i], NULL);
			continue;
		}
		end = reject_at(session);
		if (!next_end || end < next_end)
			next_end = end;
	}
	spin_unlock_bh(&sessions->lock);
	return next_end;
}

/* Device down or deleted, keys changed: every session ends. */
void mpvpn_sessions_clear(struct mpvpn_sessions *sessions)
{
	spin_lock_bh(&sessions->lock);
	place_set(sessions, &sessions->next, NULL);
	place_set(sessions, &sessions->curr, NULL);
	place_set(sessions, &sessions->prev, NULL);
	sessions->pending_slot = 0;
	spin_unlock_bh(&sessions->lock);
}

static bool receives_under(const struct mpvpn_session *session, u8 slot)
{
	return session && session->local_slot == slot &&
	       !READ_ONCE(session->dead);
}

/*
 * The session a received packet's key slot names, or NULL. The caller
 * still checks mpvpn_session_rejected() with the packet's counter, and
 * confirms the session after the packet opened, if it was not confirmed.
 */
struct mpvpn_session *mpvpn_sessions_lookup(struct mpvpn_sessions *sessions,
					    u8 slot)
{
	struct mpvpn_session *session;

	session = rcu_dereference_bh(sessions->curr);
	if (receives_under(session, slot))
		return session;
	session = rcu_dereference_bh(sessions->prev);
	if (receives_under(session, slot))
		return session;
	session = rcu_dereference_bh(sessions->next);
	if (receives_under(session, slot))
		return session;
	return NULL;
}

/*
 * The session to send under: current, unless REJECT_AFTER_TIME passed or
 * a counter space is spent. NULL: nothing can be sent until a handshake
 * completes. The caller checks mpvpn_session_rekey_due() too.
 */
struct mpvpn_session *mpvpn_sessions_send(struct mpvpn_sessions *sessions,
					  u64 now)
{
	struct mpvpn_session *session = rcu_dereference_bh(sessions->curr);

	if (!session || READ_ONCE(session->dead) || too_old(session, now) ||
	    worn_out(session))
		return NULL;
	return session;
}

#ifdef MPVPN_KUNIT
#include "tests/session_test.c"
#endif
