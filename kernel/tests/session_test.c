// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: sessions, their places, counters and limits. Included at the end
 * of session.c in the test build. Time is a number the tests choose: the
 * functions under test take "now" as an argument, and a session's birth
 * is the one given to mpvpn_session_create().
 */

#include <kunit/test.h>
#include <linux/random.h>

#include "../compat.h"

#define T0		(1000ULL * NSEC_PER_SEC)	/* an arbitrary boot time */
#define REKEY		MPVPN_REKEY_AFTER_TIME_DEFAULT
#define REJECT		(REKEY + MPVPN_REJECT_AFTER_TIME_MARGIN)

/* A session of random keys, born at T0. */
static struct mpvpn_session *test_session(struct kunit *test, bool initiator,
					  u8 local_slot, u8 remote_slot)
{
	struct mpvpn_session_keys keys;
	struct mpvpn_session *session;

	get_random_bytes(&keys, sizeof(keys));
	session = mpvpn_session_create(&keys, initiator, local_slot,
				       remote_slot, T0);
	KUNIT_ASSERT_NOT_NULL(test, session);
	return session;
}

static struct mpvpn_sessions *test_sessions(struct kunit *test)
{
	struct mpvpn_sessions *sessions = kunit_kzalloc(test, sizeof(*sessions),
							GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sessions);
	mpvpn_sessions_init(sessions);
	return sessions;
}

/* Installs a new session and returns it, with a reference for the test. */
static struct mpvpn_session *install(struct kunit *test,
				     struct mpvpn_sessions *sessions,
				     bool initiator, u8 local_slot)
{
	struct mpvpn_session *session = test_session(test, initiator,
						     local_slot, 1);

	KUNIT_ASSERT_PTR_EQ(test, mpvpn_session_get(session), session);
	mpvpn_sessions_install(sessions, session);
	return session;
}

static struct mpvpn_session *place(struct mpvpn_session __rcu **p)
{
	return rcu_access_pointer(*p);
}

static struct mpvpn_session *lookup(struct mpvpn_sessions *sessions, u8 slot)
{
	struct mpvpn_session *session;

	rcu_read_lock_bh();
	session = mpvpn_sessions_lookup(sessions, slot);
	rcu_read_unlock_bh();
	return session;
}

static struct mpvpn_session *sending(struct mpvpn_sessions *sessions, u64 now)
{
	struct mpvpn_session *session;

	rcu_read_lock_bh();
	session = mpvpn_sessions_send(sessions, now);
	rcu_read_unlock_bh();
	return session;
}

/* Empty slots first, lowest first; then the previous session's. */
static void session_slot_choice(struct kunit *test)
{
	struct mpvpn_sessions *ss = test_sessions(test);
	struct mpvpn_session *a, *b, *r;

	KUNIT_EXPECT_EQ(test, mpvpn_sessions_choose_slot(ss, true), 1);
	KUNIT_EXPECT_EQ(test, ss->pending_slot, 1);
	/* A responder avoids our handshake in flight. */
	KUNIT_EXPECT_EQ(test, mpvpn_sessions_choose_slot(ss, false), 2);
	KUNIT_EXPECT_EQ(test, ss->pending_slot, 1);
	a = install(test, ss, true, 1);
	KUNIT_EXPECT_EQ(test, ss->pending_slot, 0);
	KUNIT_EXPECT_EQ(test, mpvpn_sessions_choose_slot(ss, true), 2);
	b = install(test, ss, true, 2);
	/* a previous, b current: 3 is free. */
	KUNIT_EXPECT_EQ(test, mpvpn_sessions_choose_slot(ss, true), 3);
	/* 3 pending, 1 and 2 live: the responder takes previous's. */
	KUNIT_EXPECT_EQ(test, mpvpn_sessions_choose_slot(ss, false), 1);
	r = install(test, ss, false, 1);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(a->dead));
	KUNIT_EXPECT_NULL(test, place(&ss->prev));
	/* 2 current, 1 next, 3 pending: a responder replaces next. */
	KUNIT_EXPECT_EQ(test, mpvpn_sessions_choose_slot(ss, false), 1);
	/* Our own new initiation forgets the earlier one: 3 again. */
	KUNIT_EXPECT_EQ(test, mpvpn_sessions_choose_slot(ss, true), 3);
	mpvpn_sessions_confirm(ss, r);
	/* b previous, r current, 3 pending. */
	KUNIT_EXPECT_EQ(test, mpvpn_sessions_choose_slot(ss, false), 2);
	KUNIT_EXPECT_EQ(test, mpvpn_sessions_choose_slot(ss, true), 3);
	mpvpn_sessions_clear(ss);
	KUNIT_EXPECT_EQ(test, ss->pending_slot, 0);
	mpvpn_session_put(a);
	mpvpn_session_put(b);
	mpvpn_session_put(r);
}

/* current → previous, previous ends, and whoever held the slot. */
static void session_install_initiator(struct kunit *test)
{
	struct mpvpn_sessions *ss = test_sessions(test);
	struct mpvpn_session *a, *b, *c, *d;

	a = install(test, ss, true, 1);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->curr), a);
	KUNIT_EXPECT_NULL(test, place(&ss->prev));
	KUNIT_EXPECT_TRUE(test, a->confirmed);
	b = install(test, ss, true, 2);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->curr), b);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->prev), a);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(a->dead));
	c = install(test, ss, true, 3);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->curr), c);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->prev), b);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(a->dead));
	/* Only the test's reference is left of a. */
	KUNIT_EXPECT_EQ(test, kref_read(&a->refcount), 1);
	/* Previous's slot, taken again: b ends, c is previous. */
	d = install(test, ss, true, 2);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->curr), d);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->prev), c);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(b->dead));
	KUNIT_EXPECT_FALSE(test, READ_ONCE(c->dead));
	mpvpn_sessions_clear(ss);
	mpvpn_session_put(a);
	mpvpn_session_put(b);
	mpvpn_session_put(c);
	mpvpn_session_put(d);
}

/* The responder's session waits in next, unused for sending. */
static void session_responder_confirm(struct kunit *test)
{
	struct mpvpn_sessions *ss = test_sessions(test);
	struct mpvpn_session *a, *r, *r2, *i;

	a = install(test, ss, true, 1);
	r = install(test, ss, false, 2);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->next), r);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->curr), a);
	KUNIT_EXPECT_FALSE(test, r->confirmed);
	KUNIT_EXPECT_PTR_EQ(test, sending(ss, T0), a);
	/* The peer may send under it already. */
	KUNIT_EXPECT_PTR_EQ(test, lookup(ss, 2), r);

	mpvpn_sessions_confirm(ss, r);
	KUNIT_EXPECT_TRUE(test, r->confirmed);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->curr), r);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->prev), a);
	KUNIT_EXPECT_NULL(test, place(&ss->next));
	KUNIT_EXPECT_PTR_EQ(test, sending(ss, T0), r);
	/* Twice is once. */
	mpvpn_sessions_confirm(ss, r);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->curr), r);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->prev), a);

	/* A new responder session replaces an unconfirmed next. */
	r2 = install(test, ss, false, 3);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->next), r2);
	mpvpn_session_put(install(test, ss, false, 3));
	KUNIT_EXPECT_TRUE(test, READ_ONCE(r2->dead));
	mpvpn_session_put(r2);
	r2 = rcu_access_pointer(ss->next);

	/* Crossing: ours completes while the peer's waits. */
	i = install(test, ss, true, 1);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->curr), i);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->prev), r2);
	KUNIT_EXPECT_NULL(test, place(&ss->next));
	KUNIT_EXPECT_TRUE(test, READ_ONCE(r->dead));
	KUNIT_EXPECT_TRUE(test, READ_ONCE(a->dead));
	/* Confirming it now makes it current no more. */
	mpvpn_sessions_confirm(ss, r2);
	KUNIT_EXPECT_PTR_EQ(test, place(&ss->curr), i);
	KUNIT_EXPECT_TRUE(test, r2->confirmed);

	mpvpn_sessions_clear(ss);
	mpvpn_session_put(a);
	mpvpn_session_put(r);
	mpvpn_session_put(i);
}

static void session_lookup(struct kunit *test)
{
	struct mpvpn_sessions *ss = test_sessions(test);
	struct mpvpn_session *a, *b, *r, *c;

	KUNIT_EXPECT_NULL(test, lookup(ss, 1));
	a = install(test, ss, true, 1);
	b = install(test, ss, true, 2);
	r = install(test, ss, false, 3);
	KUNIT_EXPECT_PTR_EQ(test, lookup(ss, 1), a);
	KUNIT_EXPECT_PTR_EQ(test, lookup(ss, 2), b);
	KUNIT_EXPECT_PTR_EQ(test, lookup(ss, 3), r);
	KUNIT_EXPECT_NULL(test, lookup(ss, 0));
	KUNIT_EXPECT_NULL(test, lookup(ss, 4));
	/* A new session under slot 1: a ended, not found. */
	c = install(test, ss, true, 1);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(a->dead));
	KUNIT_EXPECT_PTR_EQ(test, lookup(ss, 1), c);
	mpvpn_sessions_clear(ss);
	KUNIT_EXPECT_NULL(test, lookup(ss, 1));
	KUNIT_EXPECT_NULL(test, lookup(ss, 2));
	mpvpn_session_put(a);
	mpvpn_session_put(b);
	mpvpn_session_put(r);
	mpvpn_session_put(c);
}

static u64 next_counter(struct kunit *test, struct mpvpn_session *session,
			bool control)
{
	u64 counter = 0;

	KUNIT_EXPECT_TRUE(test, mpvpn_session_counter(session, control,
						      &counter));
	return counter;
}

/* Per session and per space, from 0; the control space has bit 63. */
static void session_counters(struct kunit *test)
{
	struct mpvpn_session *a = test_session(test, true, 1, 2);
	struct mpvpn_session *b = test_session(test, false, 2, 1);

	KUNIT_EXPECT_EQ(test, next_counter(test, a, false), 0);
	KUNIT_EXPECT_EQ(test, next_counter(test, a, false), 1);
	KUNIT_EXPECT_EQ(test, next_counter(test, a, true),
			MPVPN_COUNTER_CONTROL);
	KUNIT_EXPECT_EQ(test, next_counter(test, a, true),
			MPVPN_COUNTER_CONTROL | 1);
	KUNIT_EXPECT_EQ(test, next_counter(test, a, false), 2);
	KUNIT_EXPECT_EQ(test, next_counter(test, b, true),
			MPVPN_COUNTER_CONTROL);
	KUNIT_EXPECT_EQ(test, next_counter(test, b, false), 0);

	/* Received: each space has its window, and 0 is new. */
	KUNIT_EXPECT_EQ(test, mpvpn_session_dedup(b, 0), MPVPN_DEDUP_NEW);
	KUNIT_EXPECT_EQ(test, mpvpn_session_dedup(b, 0),
			MPVPN_DEDUP_DUPLICATE);
	KUNIT_EXPECT_EQ(test, mpvpn_session_dedup(b, MPVPN_COUNTER_CONTROL),
			MPVPN_DEDUP_NEW);
	KUNIT_EXPECT_EQ(test, mpvpn_session_dedup(b, 1), MPVPN_DEDUP_NEW);
	KUNIT_EXPECT_EQ(test, mpvpn_session_dedup(a, 0), MPVPN_DEDUP_NEW);
	KUNIT_EXPECT_EQ(test, mpvpn_session_dedup(b,
						  MPVPN_REJECT_AFTER_MESSAGES),
			MPVPN_DEDUP_STALE);
	mpvpn_session_put(a);
	mpvpn_session_put(b);
}

/* On time: the initiator first, the responder 10 s later; on messages. */
static void session_rekey_due(struct kunit *test)
{
	struct mpvpn_session *i = test_session(test, true, 1, 2);
	struct mpvpn_session *r = test_session(test, false, 2, 1);

	KUNIT_EXPECT_FALSE(test, mpvpn_session_rekey_due(i, T0));
	KUNIT_EXPECT_FALSE(test, mpvpn_session_rekey_due(i, T0 + REKEY - 1));
	KUNIT_EXPECT_TRUE(test, mpvpn_session_rekey_due(i, T0 + REKEY));
	KUNIT_EXPECT_FALSE(test, mpvpn_session_rekey_due(r, T0 + REKEY));
	KUNIT_EXPECT_FALSE(test, mpvpn_session_rekey_due(r, T0 + REKEY +
					MPVPN_REKEY_RESPONDER_DELAY - 1));
	KUNIT_EXPECT_TRUE(test, mpvpn_session_rekey_due(r, T0 + REKEY +
					MPVPN_REKEY_RESPONDER_DELAY));

	/* Messages: either role, either space. */
	atomic64_set(&r->send_data, MPVPN_REKEY_AFTER_MESSAGES - 1);
	KUNIT_EXPECT_FALSE(test, mpvpn_session_rekey_due(r, T0));
	next_counter(test, r, false);
	KUNIT_EXPECT_TRUE(test, mpvpn_session_rekey_due(r, T0));
	atomic64_set(&i->send_control,
		     MPVPN_COUNTER_CONTROL | MPVPN_REKEY_AFTER_MESSAGES);
	KUNIT_EXPECT_TRUE(test, mpvpn_session_rekey_due(i, T0));
	mpvpn_session_put(i);
	mpvpn_session_put(r);
}

/* The rekey interval of the device when the session was installed. */
static void session_rekey_interval(struct kunit *test)
{
	struct mpvpn_sessions *ss = test_sessions(test);
	struct mpvpn_session *a;

	mpvpn_sessions_set_rekey(ss, 30);
	a = install(test, ss, true, 1);
	KUNIT_EXPECT_TRUE(test, mpvpn_session_rekey_due(a, T0 +
							30 * NSEC_PER_SEC));
	KUNIT_EXPECT_TRUE(test, mpvpn_session_rejected(a, T0 +
						       90 * NSEC_PER_SEC, 0));
	KUNIT_EXPECT_FALSE(test, mpvpn_session_rejected(a, T0 +
							90 * NSEC_PER_SEC - 1,
							0));
	mpvpn_sessions_clear(ss);
	mpvpn_session_put(a);
}

static void session_rejected(struct kunit *test)
{
	struct mpvpn_sessions *ss = test_sessions(test);
	struct mpvpn_session *a, *b;
	u64 counter = 0;

	a = install(test, ss, true, 1);
	/* After time, for sending and receiving. */
	KUNIT_EXPECT_FALSE(test, mpvpn_session_rejected(a, T0 + REJECT - 1,
							0));
	KUNIT_EXPECT_TRUE(test, mpvpn_session_rejected(a, T0 + REJECT, 0));
	KUNIT_EXPECT_PTR_EQ(test, sending(ss, T0 + REJECT - 1), a);
	KUNIT_EXPECT_NULL(test, sending(ss, T0 + REJECT));

	/* Received counters past their space's end. */
	counter = MPVPN_COUNTER_CONTROL - 1;
	KUNIT_EXPECT_FALSE(test, mpvpn_session_rejected(a, T0, counter));
	counter = MPVPN_REJECT_AFTER_MESSAGES - 1;
	KUNIT_EXPECT_FALSE(test, mpvpn_session_rejected(a, T0, counter));
	counter = MPVPN_REJECT_AFTER_MESSAGES;
	KUNIT_EXPECT_TRUE(test, mpvpn_session_rejected(a, T0, counter));
	KUNIT_EXPECT_TRUE(test, mpvpn_session_rejected(a, T0, U64_MAX));

	/* The data space ends below bit 63, and stays ended. */
	atomic64_set(&a->send_data, MPVPN_COUNTER_CONTROL - 1);
	KUNIT_EXPECT_EQ(test, next_counter(test, a, false),
			MPVPN_COUNTER_CONTROL - 1);
	KUNIT_EXPECT_FALSE(test, mpvpn_session_counter(a, false, &counter));
	KUNIT_EXPECT_FALSE(test, mpvpn_session_counter(a, false, &counter));
	KUNIT_EXPECT_EQ(test, (u64)atomic64_read(&a->send_data),
			MPVPN_COUNTER_CONTROL);
	KUNIT_EXPECT_NULL(test, sending(ss, T0));
	/* The control space is another. */
	KUNIT_EXPECT_EQ(test, next_counter(test, a, true),
			MPVPN_COUNTER_CONTROL);

	/* The control space ends at REJECT_AFTER_MESSAGES. */
	b = install(test, ss, true, 2);
	atomic64_set(&b->send_control, MPVPN_REJECT_AFTER_MESSAGES - 1);
	KUNIT_EXPECT_PTR_EQ(test, sending(ss, T0), b);
	KUNIT_EXPECT_EQ(test, next_counter(test, b, true),
			MPVPN_REJECT_AFTER_MESSAGES - 1);
	KUNIT_EXPECT_FALSE(test, mpvpn_session_counter(b, true, &counter));
	KUNIT_EXPECT_EQ(test, (u64)atomic64_read(&b->send_control),
			MPVPN_REJECT_AFTER_MESSAGES);
	KUNIT_EXPECT_NULL(test, sending(ss, T0));
	KUNIT_EXPECT_EQ(test, next_counter(test, b, false), 0);

	/*
	 * Expiry ends what time rejected, and only that, and says when the
	 * next one goes.
	 */
	KUNIT_EXPECT_EQ(test, mpvpn_sessions_expire(ss, T0 + REJECT - 1),
			T0 + REJECT);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(a->dead));
	KUNIT_EXPECT_EQ(test, mpvpn_sessions_expire(ss, T0 + REJECT), 0ULL);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(a->dead));
	KUNIT_EXPECT_TRUE(test, READ_ONCE(b->dead));
	KUNIT_EXPECT_NULL(test, place(&ss->curr));
	KUNIT_EXPECT_NULL(test, place(&ss->prev));

	mpvpn_sessions_clear(ss);
	mpvpn_session_put(a);
	mpvpn_session_put(b);
}

/* Every place empties and drops its reference; kmemleak sees the rest. */
static void session_clear(struct kunit *test)
{
	struct mpvpn_sessions *ss = test_sessions(test);
	struct mpvpn_session *s[3];
	unsigned int k;

	s[0] = install(test, ss, true, 1);
	s[1] = install(test, ss, true, 2);
	s[2] = install(test, ss, false, 3);
	KUNIT_EXPECT_EQ(test, mpvpn_sessions_choose_slot(ss, true), 1);
	mpvpn_sessions_clear(ss);
	KUNIT_EXPECT_NULL(test, place(&ss->prev));
	KUNIT_EXPECT_NULL(test, place(&ss->curr));
	KUNIT_EXPECT_NULL(test, place(&ss->next));
	KUNIT_EXPECT_EQ(test, ss->pending_slot, 0);
	KUNIT_EXPECT_NULL(test, sending(ss, T0));
	for (k = 0; k < ARRAY_SIZE(s); k++) {
		KUNIT_EXPECT_TRUE(test, READ_ONCE(s[k]->dead));
		KUNIT_EXPECT_EQ(test, kref_read(&s[k]->refcount), 1);
		mpvpn_session_put(s[k]);
	}
	/* Freed after the grace period; clearing again is harmless. */
	mpvpn_sessions_clear(ss);
	mpvpn_sessions_uninit(ss);
	rcu_barrier();
}

static struct mpvpn_handshake *test_handshake(struct kunit *test,
					      const u8 *priv,
					      const u8 *peer_public)
{
	struct mpvpn_handshake *hs = kunit_kzalloc(test, sizeof(*hs),
						   GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, hs);
	mpvpn_handshake_init(hs);
	KUNIT_ASSERT_EQ(test, mpvpn_handshake_set_keys(hs, priv, peer_public,
						       NULL), 0);
	return hs;
}

/* Two noise ends, a the initiator and b the responder, and their keys. */
struct handshake_pair {
	struct mpvpn_handshake *a, *b;
	struct mpvpn_msg_initiation initiation;
	struct mpvpn_msg_response response;
	struct mpvpn_session_keys keys_a, keys_b;
	u8 priv_a[MPVPN_NOISE_KEY_LEN], priv_b[MPVPN_NOISE_KEY_LEN];
	u8 pub_a[MPVPN_NOISE_KEY_LEN], pub_b[MPVPN_NOISE_KEY_LEN];
};

/* A session pair from a real handshake: a's send keys are b's receive keys. */
static void session_from_handshake(struct kunit *test)
{
	struct handshake_pair *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	struct mpvpn_sessions *ssa = test_sessions(test);
	struct mpvpn_sessions *ssb = test_sessions(test);
	struct mpvpn_handshake_route route = { .path_id = 3, .tunnel_id = 7 };
	struct mpvpn_session *a, *b;

	KUNIT_ASSERT_NOT_NULL(test, p);
	curve25519_generate_secret(p->priv_a);
	curve25519_generate_secret(p->priv_b);
	KUNIT_ASSERT_TRUE(test, curve25519_generate_public(p->pub_a, p->priv_a));
	KUNIT_ASSERT_TRUE(test, curve25519_generate_public(p->pub_b, p->priv_b));
	p->a = test_handshake(test, p->priv_a, p->pub_b);
	p->b = test_handshake(test, p->priv_b, p->pub_a);

	route.slot = mpvpn_sessions_choose_slot(ssa, true);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_initiation(p->a, &p->initiation,
							    &route), 0);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_consume_initiation(p->b,
							     &p->initiation),
			MPVPN_NOISE_OK);
	/* b already holds a session: its slot is not free. */
	mpvpn_session_put(install(test, ssb, true, 1));
	route.slot = mpvpn_sessions_choose_slot(ssb, false);
	KUNIT_EXPECT_EQ(test, route.slot, 2);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_response(p->b, &p->response,
							  &route, &p->keys_b),
			0);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_consume_response(p->a, &p->response,
							   &p->keys_a),
			MPVPN_NOISE_OK);

	a = mpvpn_session_create(&p->keys_a, true, ssa->pending_slot,
				 p->response.prefix.flags, T0);
	b = mpvpn_session_create(&p->keys_b, false, route.slot,
				 p->initiation.prefix.flags, T0);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	/* create() wiped the handshake's keys. */
	KUNIT_EXPECT_TRUE(test, !memchr_inv(&p->keys_a, 0, sizeof(p->keys_a)));
	KUNIT_EXPECT_EQ(test, a->remote_slot, b->local_slot);
	KUNIT_EXPECT_EQ(test, b->remote_slot, a->local_slot);

	/* Path 3, both directions. */
	KUNIT_EXPECT_MEMEQ(test, a->send_key[2], b->receive_key[2],
			   CHACHA20POLY1305_KEY_SIZE);
	KUNIT_EXPECT_MEMEQ(test, b->send_key[2], a->receive_key[2],
			   CHACHA20POLY1305_KEY_SIZE);
	/* Each path and each direction its own. */
	KUNIT_EXPECT_MEMNEQ(test, a->send_key[2], a->send_key[1],
			    CHACHA20POLY1305_KEY_SIZE);
	KUNIT_EXPECT_MEMNEQ(test, a->send_key[2], a->receive_key[2],
			    CHACHA20POLY1305_KEY_SIZE);
	KUNIT_EXPECT_MEMEQ(test, a->send_key[MPVPN_MAX_PATHS - 1],
			   b->receive_key[MPVPN_MAX_PATHS - 1],
			   CHACHA20POLY1305_KEY_SIZE);

	mpvpn_sessions_install(ssa, a);
	mpvpn_sessions_install(ssb, b);
	KUNIT_EXPECT_EQ(test, ssa->pending_slot, 0);
	KUNIT_EXPECT_PTR_EQ(test, sending(ssa, T0), a);
	/* b may not send until a's first packet came. */
	KUNIT_EXPECT_PTR_NE(test, sending(ssb, T0), b);
	KUNIT_EXPECT_PTR_EQ(test, lookup(ssb, a->remote_slot), b);
	mpvpn_sessions_confirm(ssb, b);
	KUNIT_EXPECT_PTR_EQ(test, sending(ssb, T0), b);
	KUNIT_EXPECT_PTR_EQ(test, lookup(ssa, b->remote_slot), a);

	mpvpn_sessions_uninit(ssa);
	mpvpn_sessions_uninit(ssb);
	mpvpn_handshake_uninit(p->a);
	mpvpn_handshake_uninit(p->b);
	memzero_explicit(p, sizeof(*p));
}

static struct kunit_case mpvpn_session_cases[] = {
	KUNIT_CASE(session_slot_choice),
	KUNIT_CASE(session_install_initiator),
	KUNIT_CASE(session_responder_confirm),
	KUNIT_CASE(session_lookup),
	KUNIT_CASE(session_counters),
	KUNIT_CASE(session_rekey_due),
	KUNIT_CASE(session_rekey_interval),
	KUNIT_CASE(session_rejected),
	KUNIT_CASE(session_clear),
	KUNIT_CASE(session_from_handshake),
	{}
};

static struct kunit_suite mpvpn_session_suite = {
	.name = "mpvpn_session",
	.test_cases = mpvpn_session_cases,
};

kunit_test_suite(mpvpn_session_suite);
