// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the handshake and its cookies. Included at the end of noise.c in
 * the test build. The vectors come from tests/lib/noise.py, written from
 * Documentation/handshake.rst without this code: agreeing with them is
 * agreeing with another reading of the design.
 */

#include <kunit/test.h>
#include <linux/in.h>
#include <linux/mpvpn.h>

#include "../compat.h"
#include "noise_vectors.h"

static const struct mpvpn_handshake_route vec_route_i = {
	.slot = 1, .path_id = 3, .tunnel_id = 7,
};

static const struct mpvpn_handshake_route vec_route_r = {
	.slot = 2, .path_id = 3, .tunnel_id = 7,
};

static struct mpvpn_handshake *test_handshake(struct kunit *test,
					      const u8 *priv,
					      const u8 *peer_public,
					      const u8 *psk)
{
	struct mpvpn_handshake *hs = kunit_kzalloc(test, sizeof(*hs),
						   GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, hs);
	mpvpn_handshake_init(hs);
	if (priv)
		KUNIT_ASSERT_EQ(test, mpvpn_handshake_set_keys(hs, priv,
							       peer_public,
							       psk), 0);
	return hs;
}

/* The two ends of the vectors. */
static struct mpvpn_handshake *vec_initiator(struct kunit *test)
{
	return test_handshake(test, noise_vec_initiator_static_priv,
			      noise_vec_responder_static_pub, noise_vec_psk);
}

static struct mpvpn_handshake *vec_responder(struct kunit *test)
{
	return test_handshake(test, noise_vec_responder_static_priv,
			      noise_vec_initiator_static_pub, noise_vec_psk);
}

static enum mpvpn_noise_result vec_consume_initiation(struct mpvpn_handshake *r)
{
	return mpvpn_noise_consume_initiation(r, (const void *)noise_vec_initiation);
}

static enum mpvpn_noise_result
vec_consume_response(struct mpvpn_handshake *i, struct mpvpn_session_keys *keys)
{
	return mpvpn_noise_consume_response(i, (const void *)noise_vec_response,
					    keys);
}

/* Two ends with new keys: @a the initiator, @b the responder. */
static void random_pair(struct kunit *test, struct mpvpn_handshake **a,
			struct mpvpn_handshake **b, bool same_psk)
{
	u8 priv_a[MPVPN_NOISE_KEY_LEN], priv_b[MPVPN_NOISE_KEY_LEN];
	u8 pub_a[MPVPN_NOISE_KEY_LEN], pub_b[MPVPN_NOISE_KEY_LEN];
	u8 psk[MPVPN_NOISE_KEY_LEN], psk_b[MPVPN_NOISE_KEY_LEN];

	curve25519_generate_secret(priv_a);
	curve25519_generate_secret(priv_b);
	KUNIT_ASSERT_TRUE(test, curve25519_generate_public(pub_a, priv_a));
	KUNIT_ASSERT_TRUE(test, curve25519_generate_public(pub_b, priv_b));
	get_random_bytes(psk, sizeof(psk));
	memcpy(psk_b, psk, sizeof(psk));
	if (!same_psk)
		psk_b[5] ^= 1;
	*a = test_handshake(test, priv_a, pub_b, psk);
	*b = test_handshake(test, priv_b, pub_a, psk_b);
}

/* RFC 7748, section 6.1. */
static void noise_x25519_rfc7748(struct kunit *test)
{
	static const u8 alice_priv[32] = {
		0x77, 0x07, 0x6d, 0x0a, 0x73, 0x18, 0xa5, 0x7d,
		0x3c, 0x16, 0xc1, 0x72, 0x51, 0xb2, 0x66, 0x45,
		0xdf, 0x4c, 0x2f, 0x87, 0xeb, 0xc0, 0x99, 0x2a,
		0xb1, 0x77, 0xfb, 0xa5, 0x1d, 0xb9, 0x2c, 0x2a,
	};
	static const u8 alice_pub[32] = {
		0x85, 0x20, 0xf0, 0x09, 0x89, 0x30, 0xa7, 0x54,
		0x74, 0x8b, 0x7d, 0xdc, 0xb4, 0x3e, 0xf7, 0x5a,
		0x0d, 0xbf, 0x3a, 0x0d, 0x26, 0x38, 0x1a, 0xf4,
		0xeb, 0xa4, 0xa9, 0x8e, 0xaa, 0x9b, 0x4e, 0x6a,
	};
	static const u8 bob_priv[32] = {
		0x5d, 0xab, 0x08, 0x7e, 0x62, 0x4a, 0x8a, 0x4b,
		0x79, 0xe1, 0x7f, 0x8b, 0x83, 0x80, 0x0e, 0xe6,
		0x6f, 0x3b, 0xb1, 0x29, 0x26, 0x18, 0xb6, 0xfd,
		0x1c, 0x2f, 0x8b, 0x27, 0xff, 0x88, 0xe0, 0xeb,
	};
	static const u8 bob_pub[32] = {
		0xde, 0x9e, 0xdb, 0x7d, 0x7b, 0x7d, 0xc1, 0xb4,
		0xd3, 0x5b, 0x61, 0xc2, 0xec, 0xe4, 0x35, 0x37,
		0x3f, 0x83, 0x43, 0xc8, 0x5b, 0x78, 0x67, 0x4d,
		0xad, 0xfc, 0x7e, 0x14, 0x6f, 0x88, 0x2b, 0x4f,
	};
	static const u8 shared[32] = {
		0x4a, 0x5d, 0x9d, 0x5b, 0xa4, 0xce, 0x2d, 0xe1,
		0x72, 0x8e, 0x3b, 0xf4, 0x80, 0x35, 0x0f, 0x25,
		0xe0, 0x7e, 0x21, 0xc9, 0x47, 0xd1, 0x9e, 0x33,
		0x76, 0xf0, 0x9b, 0x3c, 0x1e, 0x16, 0x17, 0x42,
	};
	u8 out[32];

	KUNIT_ASSERT_TRUE(test, curve25519_generate_public(out, alice_priv));
	KUNIT_EXPECT_MEMEQ(test, out, alice_pub, 32);
	KUNIT_ASSERT_TRUE(test, curve25519_generate_public(out, bob_priv));
	KUNIT_EXPECT_MEMEQ(test, out, bob_pub, 32);
	KUNIT_ASSERT_TRUE(test, curve25519(out, alice_priv, bob_pub));
	KUNIT_EXPECT_MEMEQ(test, out, shared, 32);
	KUNIT_ASSERT_TRUE(test, curve25519(out, bob_priv, alice_pub));
	KUNIT_EXPECT_MEMEQ(test, out, shared, 32);
	/* A point of small order gives zeros, which DH() refuses. */
	KUNIT_EXPECT_FALSE(test, curve25519(out, alice_priv,
					    curve25519_null_point));
}

/* RFC 7693, appendix B, with a 32-byte output; and our HASH of two parts. */
static void noise_blake2s_abc(struct kunit *test)
{
	static const u8 expect[32] = {
		0x50, 0x8c, 0x5e, 0x8c, 0x32, 0x7c, 0x14, 0xe2,
		0xe1, 0xa7, 0x2b, 0xa3, 0x4e, 0xeb, 0x45, 0x2f,
		0x37, 0x45, 0x8b, 0x20, 0x9e, 0xd6, 0x3a, 0x29,
		0x4d, 0x99, 0x9b, 0x4c, 0x86, 0x67, 0x59, 0x82,
	};
	u8 out[32];

	blake2s(out, "abc", NULL, sizeof(out), 3, 0);
	KUNIT_EXPECT_MEMEQ(test, out, expect, sizeof(out));
	hash2(out, "a", 1, "bc", 2);
	KUNIT_EXPECT_MEMEQ(test, out, expect, sizeof(out));
}

static void noise_vector_public_keys(struct kunit *test)
{
	struct mpvpn_handshake *i = vec_initiator(test);
	struct mpvpn_handshake *r = vec_responder(test);

	KUNIT_EXPECT_MEMEQ(test, i->static_public,
			   noise_vec_initiator_static_pub, 32);
	KUNIT_EXPECT_MEMEQ(test, r->static_public,
			   noise_vec_responder_static_pub, 32);
	KUNIT_EXPECT_MEMEQ(test, i->static_static, r->static_static, 32);
	mpvpn_handshake_uninit(i);
	mpvpn_handshake_uninit(r);
}

/*
 * (b) The responder accepts the vectors' initiation: its static decrypts
 * to the initiator's public key (anything else is refused, see
 * noise_wrong_peer), and its timestamp to the vectors'.
 */
static void noise_vector_consume_initiation(struct kunit *test)
{
	struct mpvpn_handshake *r = vec_responder(test);

	KUNIT_ASSERT_EQ(test, vec_consume_initiation(r), MPVPN_NOISE_OK);
	KUNIT_EXPECT_MEMEQ(test, r->peer_public,
			   noise_vec_initiator_static_pub, 32);
	KUNIT_EXPECT_MEMEQ(test, r->peer_timestamp, noise_vec_timestamp, 12);
	KUNIT_EXPECT_MEMEQ(test, r->response.remote_ephemeral,
			   noise_vec_initiation + 8, 32);
	KUNIT_EXPECT_TRUE(test, r->response_valid);
	mpvpn_handshake_uninit(r);
}

/* (c) Its answer with the vectors' ephemeral key is the vectors' response. */
static void noise_vector_create_response(struct kunit *test)
{
	struct mpvpn_handshake *r = vec_responder(test);
	struct mpvpn_session_keys keys;
	struct mpvpn_msg_response msg;

	KUNIT_ASSERT_EQ(test, vec_consume_initiation(r), MPVPN_NOISE_OK);
	KUNIT_ASSERT_EQ(test, response_create(r, &msg, &vec_route_r, &keys,
					      noise_vec_responder_ephemeral_priv),
			0);
	KUNIT_EXPECT_MEMEQ(test, &msg, noise_vec_response, sizeof(msg));
	KUNIT_EXPECT_MEMEQ(test, keys.receive, noise_vec_t_i, 32);
	KUNIT_EXPECT_MEMEQ(test, keys.send, noise_vec_t_r, 32);
	KUNIT_EXPECT_FALSE(test, r->response_valid);
	mpvpn_handshake_uninit(r);
}

/*
 * (d) The initiation with the vectors' ephemeral key and timestamp is the
 * vectors' initiation; (e) the vectors' response to it gives the session
 * and path keys of the vectors.
 */
static void noise_vector_initiator(struct kunit *test)
{
	struct mpvpn_handshake *i = vec_initiator(test);
	struct mpvpn_msg_initiation msg;
	struct mpvpn_session_keys keys;
	u8 k1[32];

	KUNIT_ASSERT_EQ(test, initiation_create(i, &msg, &vec_route_i,
						noise_vec_initiator_ephemeral_priv,
						noise_vec_timestamp), 0);
	KUNIT_EXPECT_MEMEQ(test, &msg, noise_vec_initiation, sizeof(msg));
	KUNIT_EXPECT_MEMEQ(test, i->sent_timestamp, noise_vec_timestamp, 12);

	KUNIT_ASSERT_EQ(test, vec_consume_response(i, &keys), MPVPN_NOISE_OK);
	KUNIT_EXPECT_MEMEQ(test, keys.send, noise_vec_t_i, 32);
	KUNIT_EXPECT_MEMEQ(test, keys.receive, noise_vec_t_r, 32);
	mpvpn_noise_path_key(k1, keys.send, 1);
	KUNIT_EXPECT_MEMEQ(test, k1, noise_vec_k1_i, 32);
	mpvpn_noise_path_key(k1, keys.receive, 1);
	KUNIT_EXPECT_MEMEQ(test, k1, noise_vec_k1_r, 32);
	KUNIT_EXPECT_FALSE(test, i->initiation_valid);
	mpvpn_handshake_uninit(i);
}

/* Initiation, response: both ends' keys. */
static void handshake_run(struct kunit *test, struct mpvpn_handshake *a,
			  struct mpvpn_handshake *b,
			  struct mpvpn_session_keys *keys_a,
			  struct mpvpn_session_keys *keys_b,
			  enum mpvpn_noise_result expect_response)
{
	struct mpvpn_msg_initiation init;
	struct mpvpn_msg_response resp;

	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_initiation(a, &init,
							    &vec_route_i), 0);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_consume_initiation(b, &init),
			MPVPN_NOISE_OK);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_response(b, &resp,
							  &vec_route_r, keys_b),
			0);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_consume_response(a, &resp, keys_a),
			expect_response);
}

/* (f) Two ends with new keys agree, on every path. */
static void noise_full_handshake(struct kunit *test)
{
	struct mpvpn_session_keys ka, kb;
	struct mpvpn_handshake *a, *b;
	u8 pa[32], pb[32];
	unsigned int p;

	random_pair(test, &a, &b, true);
	handshake_run(test, a, b, &ka, &kb, MPVPN_NOISE_OK);
	KUNIT_EXPECT_MEMEQ(test, ka.send, kb.receive, 32);
	KUNIT_EXPECT_MEMEQ(test, ka.receive, kb.send, 32);
	KUNIT_EXPECT_MEMNEQ(test, ka.send, ka.receive, 32);
	for (p = 1; p <= MPVPN_MAX_PATHS; p += 31) {
		mpvpn_noise_path_key(pa, ka.send, p);
		mpvpn_noise_path_key(pb, kb.receive, p);
		KUNIT_EXPECT_MEMEQ(test, pa, pb, 32);
		KUNIT_EXPECT_MEMNEQ(test, pa, ka.send, 32);
	}
	mpvpn_noise_path_key(pb, ka.send, 2);
	KUNIT_EXPECT_MEMNEQ(test, pa, pb, 32);

	/* A second handshake: new keys, and the timestamps moved on. */
	handshake_run(test, a, b, &ka, &kb, MPVPN_NOISE_OK);
	KUNIT_EXPECT_MEMEQ(test, ka.send, kb.receive, 32);
	KUNIT_EXPECT_MEMNEQ(test, ka.send, pa, 32);
	mpvpn_handshake_uninit(a);
	mpvpn_handshake_uninit(b);
}

/* (g) Another peer's key, the right peer's psk missing. */
static void noise_wrong_peer(struct kunit *test)
{
	struct mpvpn_session_keys ka, kb;
	u8 other[MPVPN_NOISE_KEY_LEN], other_pub[MPVPN_NOISE_KEY_LEN];
	struct mpvpn_handshake *r, *a, *b;

	curve25519_generate_secret(other);
	KUNIT_ASSERT_TRUE(test, curve25519_generate_public(other_pub, other));
	r = test_handshake(test, noise_vec_responder_static_priv, other_pub,
			   noise_vec_psk);
	KUNIT_EXPECT_EQ(test, vec_consume_initiation(r), MPVPN_NOISE_NOT_AUTHENTIC);
	KUNIT_EXPECT_FALSE(test, r->response_valid);
	mpvpn_handshake_uninit(r);

	/* The psk enters only with the response. */
	random_pair(test, &a, &b, false);
	handshake_run(test, a, b, &ka, &kb, MPVPN_NOISE_NOT_AUTHENTIC);
	KUNIT_EXPECT_TRUE(test, a->initiation_valid);
	mpvpn_handshake_uninit(a);
	mpvpn_handshake_uninit(b);

	/* No keys, or keys of small order. */
	r = test_handshake(test, NULL, NULL, NULL);
	KUNIT_EXPECT_EQ(test, vec_consume_initiation(r), MPVPN_NOISE_NO_KEYS);
	KUNIT_EXPECT_EQ(test, mpvpn_handshake_set_keys(r, other,
						       curve25519_null_point,
						       NULL), -EINVAL);
	KUNIT_EXPECT_FALSE(test, r->has_keys);
	mpvpn_handshake_uninit(r);
}

/* Recomputes mac1, as anyone who knows the receiver's public key can. */
static void remac(const u8 receiver_public[32], void *msg, size_t len)
{
	struct mpvpn_cookie c;

	mpvpn_cookie_init(&c);
	mpvpn_cookie_set_keys(&c, receiver_public, receiver_public);
	mpvpn_cookie_add_macs(&c, msg, len);
	mpvpn_cookie_uninit(&c);
}

/*
 * (g) A changed byte anywhere before mac1 fails mac1; with mac1 made
 * again, it fails authentication. mac2 is not looked at here (only under
 * load, mpvpn_cookie_check_mac2()).
 */
static void noise_tampered_initiation(struct kunit *test)
{
	static const unsigned int offsets[] = { 3, 5, 7, 8, 39, 40, 70, 87,
						88, 99, 115 };
	struct mpvpn_handshake *r = vec_responder(test);
	struct mpvpn_msg_initiation msg;
	u8 *bytes = (u8 *)&msg;
	unsigned int k;

	for (k = 0; k < ARRAY_SIZE(offsets); k++) {
		memcpy(&msg, noise_vec_initiation, sizeof(msg));
		bytes[offsets[k]] ^= 0x20;
		KUNIT_EXPECT_EQ_MSG(test, mpvpn_noise_consume_initiation(r, &msg),
				    MPVPN_NOISE_BAD_MAC1, "offset %u",
				    offsets[k]);
		remac(noise_vec_responder_static_pub, &msg, sizeof(msg));
		KUNIT_EXPECT_EQ_MSG(test, mpvpn_noise_consume_initiation(r, &msg),
				    MPVPN_NOISE_NOT_AUTHENTIC, "offset %u",
				    offsets[k]);
	}
	/* mac1 itself. */
	memcpy(&msg, noise_vec_initiation, sizeof(msg));
	msg.macs.mac1[15] ^= 1;
	KUNIT_EXPECT_EQ(test, mpvpn_noise_consume_initiation(r, &msg),
			MPVPN_NOISE_BAD_MAC1);
	/* The prefix's version, type and flags. */
	for (k = 0; k < 4; k++) {
		memcpy(&msg, noise_vec_initiation, sizeof(msg));
		if (k == 0)
			msg.prefix.version = 1;
		else if (k == 1)
			msg.prefix.type = MPVPN_PKT_RESPONSE;
		else
			msg.prefix.flags = k == 2 ? 0 : 0x05;
		remac(noise_vec_responder_static_pub, &msg, sizeof(msg));
		KUNIT_EXPECT_EQ_MSG(test, mpvpn_noise_consume_initiation(r, &msg),
				    MPVPN_NOISE_MALFORMED, "case %u", k);
	}
	/* None of it counted: the genuine one is accepted, once. */
	KUNIT_EXPECT_EQ(test, vec_consume_initiation(r), MPVPN_NOISE_OK);
	/* (g) Replayed: the same timestamp. */
	KUNIT_EXPECT_EQ(test, vec_consume_initiation(r), MPVPN_NOISE_REPLAYED);
	mpvpn_handshake_uninit(r);
}

static void noise_tampered_response(struct kunit *test)
{
	static const unsigned int offsets[] = { 3, 7, 8, 39, 40, 55 };
	struct mpvpn_handshake *i = vec_initiator(test);
	struct mpvpn_msg_initiation init;
	struct mpvpn_msg_response msg;
	struct mpvpn_session_keys keys;
	u8 *bytes = (u8 *)&msg;
	unsigned int k;

	KUNIT_ASSERT_EQ(test, initiation_create(i, &init, &vec_route_i,
						noise_vec_initiator_ephemeral_priv,
						noise_vec_timestamp), 0);
	for (k = 0; k < ARRAY_SIZE(offsets); k++) {
		memcpy(&msg, noise_vec_response, sizeof(msg));
		bytes[offsets[k]] ^= 0x01;
		KUNIT_EXPECT_EQ_MSG(test, mpvpn_noise_consume_response(i, &msg,
								       &keys),
				    MPVPN_NOISE_BAD_MAC1, "offset %u",
				    offsets[k]);
		remac(noise_vec_initiator_static_pub, &msg, sizeof(msg));
		KUNIT_EXPECT_EQ_MSG(test, mpvpn_noise_consume_response(i, &msg,
								       &keys),
				    MPVPN_NOISE_NOT_AUTHENTIC, "offset %u",
				    offsets[k]);
	}
	memcpy(&msg, noise_vec_response, sizeof(msg));
	msg.prefix.flags = 0;
	KUNIT_EXPECT_EQ(test, mpvpn_noise_consume_response(i, &msg, &keys),
			MPVPN_NOISE_MALFORMED);
	/* The forgeries left the handshake in flight; it completes, once. */
	KUNIT_EXPECT_EQ(test, vec_consume_response(i, &keys), MPVPN_NOISE_OK);
	KUNIT_EXPECT_MEMEQ(test, keys.send, noise_vec_t_i, 32);
	KUNIT_EXPECT_EQ(test, vec_consume_response(i, &keys), MPVPN_NOISE_NO_HANDSHAKE);
	mpvpn_handshake_uninit(i);
}

/* (g) An older timestamp than one accepted is stale, not a replay. */
static void noise_stale_initiation(struct kunit *test)
{
	struct mpvpn_handshake *a, *b;
	struct mpvpn_msg_initiation older, newer;
	u8 ts[MPVPN_NOISE_TIMESTAMP_LEN];

	random_pair(test, &a, &b, true);
	memcpy(ts, noise_vec_timestamp, sizeof(ts));
	KUNIT_ASSERT_EQ(test, initiation_create(a, &older, &vec_route_i,
						NULL, ts), 0);
	ts[7] += 1;	/* a second later */
	KUNIT_ASSERT_EQ(test, initiation_create(a, &newer, &vec_route_i,
						NULL, ts), 0);
	KUNIT_EXPECT_EQ(test, mpvpn_noise_consume_initiation(b, &newer),
			MPVPN_NOISE_OK);
	KUNIT_EXPECT_EQ(test, mpvpn_noise_consume_initiation(b, &older),
			MPVPN_NOISE_STALE);
	KUNIT_EXPECT_EQ(test, mpvpn_noise_consume_initiation(b, &newer),
			MPVPN_NOISE_REPLAYED);
	mpvpn_handshake_uninit(a);
	mpvpn_handshake_uninit(b);
}

/* An initiator whose clock did not move sends the last timestamp plus one. */
static void noise_timestamp_monotonic(struct kunit *test)
{
	struct mpvpn_handshake *a = vec_initiator(test);
	struct mpvpn_msg_initiation msg;
	u8 expect[MPVPN_NOISE_TIMESTAMP_LEN];
	u8 now[MPVPN_NOISE_TIMESTAMP_LEN];
	static const u8 older[MPVPN_NOISE_TIMESTAMP_LEN] = { 0x40 };
	u8 n[3] = { 0x00, 0xff, 0xff };

	KUNIT_ASSERT_EQ(test, initiation_create(a, &msg, &vec_route_i, NULL,
						noise_vec_timestamp), 0);
	KUNIT_ASSERT_EQ(test, initiation_create(a, &msg, &vec_route_i, NULL,
						noise_vec_timestamp), 0);
	memcpy(expect, noise_vec_timestamp, sizeof(expect));
	expect[11] += 1;
	KUNIT_EXPECT_MEMEQ(test, a->sent_timestamp, expect, sizeof(expect));
	/* An older clock does not go back either. */
	KUNIT_ASSERT_EQ(test, initiation_create(a, &msg, &vec_route_i, NULL,
						older), 0);
	expect[11] += 1;
	KUNIT_EXPECT_MEMEQ(test, a->sent_timestamp, expect, sizeof(expect));

	be_increment(n, sizeof(n));
	KUNIT_EXPECT_EQ(test, n[0], 1);
	KUNIT_EXPECT_EQ(test, n[1], 0);
	KUNIT_EXPECT_EQ(test, n[2], 0);

	/* The clock's: after 1970 plus 2^62 s, nanoseconds in steps of 2^24. */
	tai64n_now(now);
	KUNIT_EXPECT_EQ(test, now[0], 0x40);
	KUNIT_EXPECT_EQ(test, now[11], 0);
	KUNIT_EXPECT_EQ(test, now[10], 0);
	KUNIT_EXPECT_EQ(test, now[9], 0);
	mpvpn_handshake_uninit(a);
}

/*
 * (g) A response to an initiation that a newer one replaced is refused,
 * and the newer one still completes; a response without an initiation
 * cannot be made.
 */
static void noise_response_to_older(struct kunit *test)
{
	static const struct mpvpn_handshake_route no_slot = { .path_id = 1 };
	struct mpvpn_msg_initiation *init = kunit_kcalloc(test, 2,
							  sizeof(*init),
							  GFP_KERNEL);
	struct mpvpn_msg_response *resp = kunit_kcalloc(test, 2, sizeof(*resp),
							GFP_KERNEL);
	struct mpvpn_session_keys ka, kb;
	struct mpvpn_handshake *a, *b;

	KUNIT_ASSERT_NOT_NULL(test, init);
	KUNIT_ASSERT_NOT_NULL(test, resp);
	random_pair(test, &a, &b, true);
	KUNIT_EXPECT_EQ(test, mpvpn_noise_create_response(b, &resp[0],
							  &vec_route_r, &kb),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, mpvpn_noise_consume_response(a, &resp[0], &ka),
			MPVPN_NOISE_MALFORMED);

	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_initiation(a, &init[0],
							    &vec_route_i), 0);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_consume_initiation(b, &init[0]),
			MPVPN_NOISE_OK);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_response(b, &resp[0],
							  &vec_route_r, &kb),
			0);
	KUNIT_EXPECT_EQ(test, mpvpn_noise_create_response(b, &resp[1],
							  &vec_route_r, &kb),
			-ENOENT);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_initiation(a, &init[1],
							    &vec_route_i), 0);
	KUNIT_EXPECT_EQ(test, mpvpn_noise_consume_response(a, &resp[0], &ka),
			MPVPN_NOISE_NOT_AUTHENTIC);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_consume_initiation(b, &init[1]),
			MPVPN_NOISE_OK);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_response(b, &resp[1],
							  &vec_route_r, &kb),
			0);
	KUNIT_EXPECT_EQ(test, mpvpn_noise_consume_response(a, &resp[1], &ka),
			MPVPN_NOISE_OK);
	KUNIT_EXPECT_MEMEQ(test, ka.send, kb.receive, 32);
	KUNIT_EXPECT_EQ(test, mpvpn_noise_consume_response(a, &resp[1], &ka),
			MPVPN_NOISE_NO_HANDSHAKE);

	KUNIT_EXPECT_EQ(test, mpvpn_noise_create_initiation(a, &init[0],
							    &no_slot), -EINVAL);
	mpvpn_handshake_uninit(a);
	mpvpn_handshake_uninit(b);
}

/*
 * (g) An authentic response on another path, or in another tunnel, than
 * the initiation is not its answer, and leaves it in flight.
 */
static void noise_response_elsewhere(struct kunit *test)
{
	struct mpvpn_msg_initiation init;
	struct mpvpn_msg_response resp;
	struct mpvpn_session_keys ka, kb;
	struct mpvpn_handshake *a, *b;
	unsigned int k;

	random_pair(test, &a, &b, true);
	for (k = 0; k < 2; k++) {
		struct mpvpn_handshake_route route = vec_route_r;

		if (k)
			route.tunnel_id++;
		else
			route.path_id++;
		KUNIT_ASSERT_EQ(test, mpvpn_noise_create_initiation(a, &init,
								    &vec_route_i),
				0);
		KUNIT_ASSERT_EQ(test, mpvpn_noise_consume_initiation(b, &init),
				MPVPN_NOISE_OK);
		KUNIT_ASSERT_EQ(test, mpvpn_noise_create_response(b, &resp,
								  &route, &kb),
				0);
		KUNIT_EXPECT_EQ_MSG(test, mpvpn_noise_consume_response(a, &resp,
								       &ka),
				    MPVPN_NOISE_NOT_AUTHENTIC, "case %u", k);
		KUNIT_EXPECT_TRUE(test, a->initiation_valid);
	}
	KUNIT_ASSERT_EQ(test, mpvpn_noise_consume_initiation(b, &init),
			MPVPN_NOISE_REPLAYED);

	mpvpn_handshake_uninit(a);
	mpvpn_handshake_uninit(b);
}

/*
 * Both ends initiate at once: answering the peer's initiation does not
 * forget our own, and both handshakes complete.
 */
static void noise_crossing_initiations(struct kunit *test)
{
	struct mpvpn_session_keys *keys = kunit_kcalloc(test, 4, sizeof(*keys),
							GFP_KERNEL);
	struct mpvpn_msg_initiation init_a, init_b;
	struct mpvpn_msg_response resp_a, resp_b;
	struct mpvpn_handshake *a, *b;

	KUNIT_ASSERT_NOT_NULL(test, keys);
	random_pair(test, &a, &b, true);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_initiation(a, &init_a,
							    &vec_route_i), 0);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_initiation(b, &init_b,
							    &vec_route_i), 0);
	/* Each answers the other's: keys[0] and [1] as responders. */
	KUNIT_ASSERT_EQ(test, mpvpn_noise_consume_initiation(a, &init_b),
			MPVPN_NOISE_OK);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_response(a, &resp_a,
							  &vec_route_r,
							  &keys[0]), 0);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_consume_initiation(b, &init_a),
			MPVPN_NOISE_OK);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_response(b, &resp_b,
							  &vec_route_r,
							  &keys[1]), 0);
	/* Each takes the answer to its own: keys[2] and [3] as initiators. */
	KUNIT_EXPECT_EQ(test, mpvpn_noise_consume_response(a, &resp_b,
							   &keys[2]),
			MPVPN_NOISE_OK);
	KUNIT_EXPECT_EQ(test, mpvpn_noise_consume_response(b, &resp_a,
							   &keys[3]),
			MPVPN_NOISE_OK);
	KUNIT_EXPECT_MEMEQ(test, keys[2].send, keys[1].receive, 32);
	KUNIT_EXPECT_MEMEQ(test, keys[2].receive, keys[1].send, 32);
	KUNIT_EXPECT_MEMEQ(test, keys[3].send, keys[0].receive, 32);
	KUNIT_EXPECT_MEMNEQ(test, keys[2].send, keys[3].send, 32);
	mpvpn_handshake_uninit(a);
	mpvpn_handshake_uninit(b);
}

/*
 * (h) The responder's cookie reply to the vectors' initiation, from
 * 192.0.2.1 port 5555, is the vectors'; the initiator takes its τ, and
 * its next initiation carries a mac2 the responder accepts from that
 * address only.
 */
static void noise_cookie_vectors(struct kunit *test)
{
	struct mpvpn_cookie_source src = {
		.family = AF_INET,
		.addr = noise_vec_cookie_source_ip,
		.port = htons(NOISE_VEC_COOKIE_SOURCE_PORT),
	};
	struct mpvpn_cookie_source other = src;
	struct mpvpn_handshake *i = vec_initiator(test);
	struct mpvpn_handshake *r = vec_responder(test);
	struct mpvpn_msg_cookie_reply reply;
	struct mpvpn_msg_initiation msg;
	static const u8 zeros[MPVPN_MAC_LEN];

	other.port = htons(NOISE_VEC_COOKIE_SOURCE_PORT + 1);
	KUNIT_ASSERT_EQ(test, initiation_create(i, &msg, &vec_route_i,
						noise_vec_initiator_ephemeral_priv,
						noise_vec_timestamp), 0);
	KUNIT_ASSERT_MEMEQ(test, &msg, noise_vec_initiation, sizeof(msg));
	KUNIT_EXPECT_TRUE(test, mpvpn_cookie_check_mac1(&r->cookie, &msg,
							sizeof(msg)));
	KUNIT_EXPECT_FALSE(test, mpvpn_cookie_check_mac2(&r->cookie, &msg,
							 sizeof(msg), &src));

	mpvpn_cookie_test_set_secret(&r->cookie, noise_vec_cookie_secret);
	mpvpn_cookie_test_create_reply(&r->cookie, &reply, &msg, sizeof(msg),
				       &src, noise_vec_cookie_nonce);
	KUNIT_EXPECT_MEMEQ(test, &reply, noise_vec_cookie_reply,
			   sizeof(reply));
	KUNIT_ASSERT_EQ(test, mpvpn_cookie_consume_reply(&i->cookie, &reply),
			MPVPN_COOKIE_OK);
	KUNIT_EXPECT_MEMEQ(test, i->cookie.cookie, noise_vec_cookie_tau,
			   MPVPN_MAC_LEN);
	/* Once per message sent. */
	KUNIT_EXPECT_EQ(test, mpvpn_cookie_consume_reply(&i->cookie, &reply),
			MPVPN_COOKIE_NOTHING_SENT);

	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_initiation(i, &msg,
							    &vec_route_i), 0);
	KUNIT_EXPECT_MEMNEQ(test, msg.macs.mac2, zeros, MPVPN_MAC_LEN);
	KUNIT_EXPECT_TRUE(test, mpvpn_cookie_check_mac2(&r->cookie, &msg,
							sizeof(msg), &src));
	KUNIT_EXPECT_FALSE(test, mpvpn_cookie_check_mac2(&r->cookie, &msg,
							 sizeof(msg), &other));
	KUNIT_EXPECT_EQ(test, mpvpn_noise_consume_initiation(r, &msg),
			MPVPN_NOISE_OK);

	/* The secret is replaced when it is old: the cookie no longer counts. */
	r->cookie.secret_born -= MPVPN_COOKIE_LIFETIME;
	KUNIT_EXPECT_FALSE(test, mpvpn_cookie_check_mac2(&r->cookie, &msg,
							 sizeof(msg), &src));
	KUNIT_EXPECT_MEMNEQ(test, r->cookie.secret, noise_vec_cookie_secret,
			    MPVPN_COOKIE_SECRET_LEN);

	/* An old cookie is not used. */
	i->cookie.cookie_born -= MPVPN_COOKIE_LIFETIME;
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_initiation(i, &msg,
							    &vec_route_i), 0);
	KUNIT_EXPECT_MEMEQ(test, msg.macs.mac2, zeros, MPVPN_MAC_LEN);
	mpvpn_handshake_uninit(i);
	mpvpn_handshake_uninit(r);
}

/* (h) A reply bound to another mac1 than our last message's is refused. */
static void noise_cookie_wrong_mac1(struct kunit *test)
{
	static const u8 loopback6[16] = { [15] = 1 };
	struct mpvpn_cookie_source src = {
		.family = AF_INET6,
		.addr = loopback6,
		.port = htons(1),
	};
	struct mpvpn_handshake *a, *b;
	struct mpvpn_msg_cookie_reply reply;
	struct mpvpn_msg_initiation msg, earlier;

	random_pair(test, &a, &b, true);
	memcpy(&reply, noise_vec_cookie_reply, sizeof(reply));
	KUNIT_EXPECT_EQ(test, mpvpn_cookie_consume_reply(&a->cookie, &reply),
			MPVPN_COOKIE_NOTHING_SENT);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_initiation(a, &earlier,
							    &vec_route_i), 0);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_initiation(a, &msg,
							    &vec_route_i), 0);
	/* To the initiation sent before the last one. */
	mpvpn_cookie_create_reply(&b->cookie, &reply, &earlier,
				  sizeof(earlier), &src);
	KUNIT_EXPECT_EQ(test, mpvpn_cookie_consume_reply(&a->cookie, &reply),
			MPVPN_COOKIE_NOT_AUTHENTIC);
	/* Damaged. */
	mpvpn_cookie_create_reply(&b->cookie, &reply, &msg, sizeof(msg), &src);
	reply.nonce[0] ^= 1;
	KUNIT_EXPECT_EQ(test, mpvpn_cookie_consume_reply(&a->cookie, &reply),
			MPVPN_COOKIE_NOT_AUTHENTIC);
	reply.nonce[0] ^= 1;
	reply.prefix.type = MPVPN_PKT_RESPONSE;
	KUNIT_EXPECT_EQ(test, mpvpn_cookie_consume_reply(&a->cookie, &reply),
			MPVPN_COOKIE_MALFORMED);
	reply.prefix.type = MPVPN_PKT_COOKIE_REPLY;
	KUNIT_EXPECT_EQ(test, reply.prefix.path_id, vec_route_i.path_id);
	KUNIT_EXPECT_FALSE(test, a->cookie.has_cookie);
	/* The genuine one, over IPv6. */
	KUNIT_EXPECT_EQ(test, mpvpn_cookie_consume_reply(&a->cookie, &reply),
			MPVPN_COOKIE_OK);
	KUNIT_ASSERT_EQ(test, mpvpn_noise_create_initiation(a, &msg,
							    &vec_route_i), 0);
	KUNIT_EXPECT_TRUE(test, mpvpn_cookie_check_mac2(&b->cookie, &msg,
							sizeof(msg), &src));
	mpvpn_handshake_uninit(a);
	mpvpn_handshake_uninit(b);
}

static struct kunit_case mpvpn_noise_cases[] = {
	KUNIT_CASE(noise_x25519_rfc7748),
	KUNIT_CASE(noise_blake2s_abc),
	KUNIT_CASE(noise_vector_public_keys),
	KUNIT_CASE(noise_vector_consume_initiation),
	KUNIT_CASE(noise_vector_create_response),
	KUNIT_CASE(noise_vector_initiator),
	KUNIT_CASE(noise_full_handshake),
	KUNIT_CASE(noise_wrong_peer),
	KUNIT_CASE(noise_tampered_initiation),
	KUNIT_CASE(noise_tampered_response),
	KUNIT_CASE(noise_stale_initiation),
	KUNIT_CASE(noise_timestamp_monotonic),
	KUNIT_CASE(noise_response_to_older),
	KUNIT_CASE(noise_response_elsewhere),
	KUNIT_CASE(noise_crossing_initiations),
	KUNIT_CASE(noise_cookie_vectors),
	KUNIT_CASE(noise_cookie_wrong_mac1),
	{}
};

static struct kunit_suite mpvpn_noise_suite = {
	.name = "mpvpn_noise",
	.test_cases = mpvpn_noise_cases,
};

kunit_test_suite(mpvpn_noise_suite);
