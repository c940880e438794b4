// SPDX-License-Identifier: GPL-2.0
/*
 * The handshake (noise.h), step by step as Documentation/handshake.rst
 * writes it: the initiator's and the responder's halves of each message
 * are side by side, and each line of the design is one line here.
 *
 * A message is checked on a copy of the state it continues; the state
 * changes only when the whole message was authentic, so a forged or
 * damaged message leaves a handshake in flight as it was.
 */

#include "noise.h"

#include <crypto/algapi.h>
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/math.h>
#include <linux/random.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

static_assert(sizeof(struct mpvpn_msg_initiation) == MPVPN_MSG_INITIATION_LEN);
static_assert(offsetof(struct mpvpn_msg_initiation, ephemeral) == 8);
static_assert(offsetof(struct mpvpn_msg_initiation, encrypted_static) == 40);
static_assert(offsetof(struct mpvpn_msg_initiation, encrypted_timestamp) ==
	      88);
static_assert(offsetof(struct mpvpn_msg_initiation, macs.mac1) == 116);
static_assert(offsetof(struct mpvpn_msg_initiation, macs.mac2) == 132);
static_assert(sizeof(struct mpvpn_msg_response) == MPVPN_MSG_RESPONSE_LEN);
static_assert(offsetof(struct mpvpn_msg_response, ephemeral) == 8);
static_assert(offsetof(struct mpvpn_msg_response, encrypted_nothing) == 40);
static_assert(offsetof(struct mpvpn_msg_response, macs.mac1) == 56);
static_assert(offsetof(struct mpvpn_msg_response, macs.mac2) == 72);
static_assert(MPVPN_NOISE_KEY_LEN == CURVE25519_KEY_SIZE);
static_assert(MPVPN_NOISE_KEY_LEN == CHACHA20POLY1305_KEY_SIZE);
static_assert(MPVPN_NOISE_KEY_LEN == BLAKE2S_KEY_SIZE);
static_assert(MPVPN_NOISE_HASH_LEN == BLAKE2S_HASH_SIZE);
static_assert(MPVPN_NOISE_TAG_LEN == CHACHA20POLY1305_AUTHTAG_SIZE);

/* The labels are hashed without their terminating zero. */
static const char construction[] = "Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s";
static const char identifier[] = "mpvpn v2 handshake";
static const char label_path[] = "mpvpn v2 path key";

#define TAI64_EPOCH		BIT_ULL(62)
/* TAI64N's nanoseconds are rounded down to this: about 16.8 ms. */
#define TIMESTAMP_NSEC_GRAIN	BIT(24)

/* HASH(a || b). @out may be @a. */
static void hash2(u8 out[MPVPN_NOISE_HASH_LEN], const void *a, size_t a_len,
		  const void *b, size_t b_len)
{
	struct blake2s_state state;

	blake2s_init(&state, MPVPN_NOISE_HASH_LEN);
	blake2s_update(&state, a, a_len);
	blake2s_update(&state, b, b_len);
	blake2s_final(&state, out);
}

static void mix_hash(u8 h[MPVPN_NOISE_HASH_LEN], const void *in, size_t len)
{
	hash2(h, h, MPVPN_NOISE_HASH_LEN, in, len);
}

/*
 * HMAC (RFC 2104) over BLAKE2s-256, with a 32-byte key: the key padded
 * with zeros to the 64-byte block. @out may be @in: it is written last.
 */
static void hmac(u8 out[MPVPN_NOISE_HASH_LEN],
		 const u8 key[MPVPN_NOISE_KEY_LEN], const void *in, size_t len)
{
	struct blake2s_state state;
	u8 pad[BLAKE2S_BLOCK_SIZE] = {};
	u8 inner[MPVPN_NOISE_HASH_LEN];
	unsigned int i;

	memcpy(pad, key, MPVPN_NOISE_KEY_LEN);
	for (i = 0; i < sizeof(pad); i++)
		pad[i] ^= 0x36;
	blake2s_init(&state, MPVPN_NOISE_HASH_LEN);
	blake2s_update(&state, pad, sizeof(pad));
	blake2s_update(&state, in, len);
	blake2s_final(&state, inner);

	for (i = 0; i < sizeof(pad); i++)
		pad[i] ^= 0x36 ^ 0x5c;
	blake2s_init(&state, MPVPN_NOISE_HASH_LEN);
	blake2s_update(&state, pad, sizeof(pad));
	blake2s_update(&state, inner, sizeof(inner));
	blake2s_final(&state, out);

	memzero_explicit(pad, sizeof(pad));
	memzero_explicit(inner, sizeof(inner));
	memzero_explicit(&state, sizeof(state));
}

/*
 * Noise's HKDF: KDF1 when @t2 and @t3 are NULL, KDF2 when @t3 is. @t1 may
 * be @ck (ck = KDF1(ck, in)): @ck is read before anything is written.
 */
static void kdf(u8 *t1, u8 *t2, u8 *t3, const u8 ck[MPVPN_NOISE_HASH_LEN],
		const void *in, size_t len)
{
	u8 prk[MPVPN_NOISE_HASH_LEN];
	u8 t[MPVPN_NOISE_HASH_LEN + 1];

	hmac(prk, ck, in, len);
	t[0] = 1;
	hmac(t, prk, t, 1);
	memcpy(t1, t, MPVPN_NOISE_HASH_LEN);
	if (t2) {
		t[MPVPN_NOISE_HASH_LEN] = 2;
		hmac(t, prk, t, sizeof(t));
		memcpy(t2, t, MPVPN_NOISE_HASH_LEN);
	}
	if (t3) {
		t[MPVPN_NOISE_HASH_LEN] = 3;
		hmac(t, prk, t, sizeof(t));
		memcpy(t3, t, MPVPN_NOISE_HASH_LEN);
	}
	memzero_explicit(prk, sizeof(prk));
	memzero_explicit(t, sizeof(t));
}

/*
 * (ck, k) = KDF2(ck, DH(priv, pub)), or ck = KDF1(ck, DH(priv, pub)) when
 * @key is NULL. False, and nothing changed, when DH is all zeros.
 */
static bool __must_check mix_dh(u8 ck[MPVPN_NOISE_HASH_LEN], u8 *key,
				const u8 priv[MPVPN_NOISE_KEY_LEN],
				const u8 pub[MPVPN_NOISE_KEY_LEN])
{
	u8 shared[MPVPN_NOISE_KEY_LEN];
	bool ok = curve25519(shared, priv, pub);

	if (ok)
		kdf(ck, key, NULL, ck, shared, sizeof(shared));
	memzero_explicit(shared, sizeof(shared));
	return ok;
}

/* out = AEAD(k, 0, in, h); h = HASH(h || out). @out has room for the tag. */
static void seal(u8 *out, const u8 *in, size_t len,
		 const u8 key[MPVPN_NOISE_KEY_LEN], u8 h[MPVPN_NOISE_HASH_LEN])
{
	chacha20poly1305_encrypt(out, in, len, h, MPVPN_NOISE_HASH_LEN, 0, key);
	mix_hash(h, out, len + MPVPN_NOISE_TAG_LEN);
}

/* The inverse of seal(): @len is the plaintext's. */
static bool __must_check unseal(u8 *out, const u8 *in, size_t len,
				const u8 key[MPVPN_NOISE_KEY_LEN],
				u8 h[MPVPN_NOISE_HASH_LEN])
{
	if (!chacha20poly1305_decrypt(out, in, len + MPVPN_NOISE_TAG_LEN, h,
				      MPVPN_NOISE_HASH_LEN, 0, key))
		return false;
	mix_hash(h, in, len + MPVPN_NOISE_TAG_LEN);
	return true;
}

/* ck = HASH(CONSTRUCTION); h = HASH(ck || IDENTIFIER); h = HASH(h || Spub_r) */
/* Noise's "e" token: the ephemeral key into the chaining key and hash. */
static void mix_ephemeral(struct mpvpn_handshake_state *st,
			  const u8 ephemeral[MPVPN_NOISE_KEY_LEN])
{
	kdf(st->chaining_key, NULL, NULL, st->chaining_key, ephemeral,
	    MPVPN_NOISE_KEY_LEN);
	mix_hash(st->hash, ephemeral, MPVPN_NOISE_KEY_LEN);
}

/* Noise's "psk" token: @psk in, and the key of the empty payload out. */
static void mix_psk(struct mpvpn_handshake_state *st,
		    const u8 psk[MPVPN_NOISE_KEY_LEN],
		    u8 key[MPVPN_NOISE_KEY_LEN])
{
	u8 t[MPVPN_NOISE_HASH_LEN];

	kdf(st->chaining_key, t, key, st->chaining_key, psk,
	    MPVPN_NOISE_KEY_LEN);
	mix_hash(st->hash, t, sizeof(t));
	memzero_explicit(t, sizeof(t));
}

static void handshake_start(struct mpvpn_handshake_state *st,
			    const u8 responder_public[MPVPN_NOISE_KEY_LEN])
{
	memset(st, 0, sizeof(*st));
	hash2(st->chaining_key, construction, sizeof(construction) - 1,
	      NULL, 0);
	hash2(st->hash, st->chaining_key, MPVPN_NOISE_HASH_LEN, identifier,
	      sizeof(identifier) - 1);
	mix_hash(st->hash, responder_public, MPVPN_NOISE_KEY_LEN);
}

static bool route_ok(const struct mpvpn_handshake_route *route)
{
	return route->slot >= MPVPN_HANDSHAKE_SLOT_MIN &&
	       route->slot <= MPVPN_HANDSHAKE_SLOT_MAX;
}

static void prefix_build(struct mpvpn_msg_prefix *prefix, u8 type,
			 const struct mpvpn_handshake_route *route)
{
	prefix->version = MPVPN_HANDSHAKE_VERSION;
	prefix->type = type;
	prefix->flags = route->slot;
	prefix->path_id = route->path_id;
	prefix->tunnel_id = cpu_to_be32(route->tunnel_id);
}

/* Slot 1 to 3 in bits 0-1, the other bits 0. */
static bool prefix_ok(const struct mpvpn_msg_prefix *prefix, u8 type)
{
	return prefix->version == MPVPN_HANDSHAKE_VERSION &&
	       prefix->type == type &&
	       prefix->flags >= MPVPN_HANDSHAKE_SLOT_MIN &&
	       prefix->flags <= MPVPN_HANDSHAKE_SLOT_MAX;
}

/* @given: the test's, or NULL for a new one. */
static bool ephemeral_new(u8 priv[MPVPN_NOISE_KEY_LEN],
			  u8 pub[MPVPN_NOISE_KEY_LEN], const u8 *given)
{
	if (given)
		memcpy(priv, given, MPVPN_NOISE_KEY_LEN);
	else
		curve25519_generate_secret(priv);
	return curve25519_generate_public(pub, priv);
}

static void tai64n_now(u8 out[MPVPN_NOISE_TIMESTAMP_LEN])
{
	struct timespec64 now;
	__be64 sec;
	__be32 nsec;

	ktime_get_real_ts64(&now);
	sec = cpu_to_be64(TAI64_EPOCH + now.tv_sec);
	nsec = cpu_to_be32(rounddown(now.tv_nsec, TIMESTAMP_NSEC_GRAIN));
	memcpy(out, &sec, sizeof(sec));
	memcpy(out + sizeof(sec), &nsec, sizeof(nsec));
}

/* Adds one to a big-endian number. */
static void be_increment(u8 *n, size_t len)
{
	while (len-- && !++n[len])
		;
}

/*
 * The timestamp of our next initiation: the clock's (or @given), but
 * always greater than the last one sent.
 */
static void timestamp_next(struct mpvpn_handshake *hs,
			   u8 out[MPVPN_NOISE_TIMESTAMP_LEN], const u8 *given)
{
	lockdep_assert_held(&hs->lock);
	if (given)
		memcpy(out, given, MPVPN_NOISE_TIMESTAMP_LEN);
	else
		tai64n_now(out);
	if (memcmp(out, hs->sent_timestamp, MPVPN_NOISE_TIMESTAMP_LEN) <= 0) {
		memcpy(out, hs->sent_timestamp, MPVPN_NOISE_TIMESTAMP_LEN);
		be_increment(out, MPVPN_NOISE_TIMESTAMP_LEN);
	}
	memcpy(hs->sent_timestamp, out, MPVPN_NOISE_TIMESTAMP_LEN);
}

static void state_forget(struct mpvpn_handshake_state *st, bool *valid)
{
	*valid = false;
	memzero_explicit(st, sizeof(*st));
}

void mpvpn_handshake_init(struct mpvpn_handshake *hs)
{
	memset(hs, 0, sizeof(*hs));
	mutex_init(&hs->lock);
	mpvpn_cookie_init(&hs->cookie);
}

void mpvpn_handshake_uninit(struct mpvpn_handshake *hs)
{
	mpvpn_cookie_uninit(&hs->cookie);
	mutex_destroy(&hs->lock);
	memzero_explicit(hs, sizeof(*hs));
}

static void keys_forget(struct mpvpn_handshake *hs)
{
	lockdep_assert_held(&hs->lock);
	hs->has_keys = false;
	memzero_explicit(hs->static_private, sizeof(hs->static_private));
	memzero_explicit(hs->psk, sizeof(hs->psk));
	memzero_explicit(hs->static_static, sizeof(hs->static_static));
	state_forget(&hs->initiation, &hs->initiation_valid);
	state_forget(&hs->response, &hs->response_valid);
}

/*
 * Our static private key, the peer's public key and the pre-shared key
 * (NULL: none). Refused (-EINVAL) when either key makes a DH of zeros.
 * Handshakes under way are forgotten; the timestamps the peer sent are
 * forgotten only when its key changes, since they are that key's.
 */
/*
 * Whether the two keys make a handshake possible: X25519 of them is not
 * all zeros, which a peer key of small order would give (RFC 7748, 6.1).
 * mpvpn_handshake_set_keys() refuses such keys; netlink asks first, so
 * that a request is refused before it changes anything.
 */
bool mpvpn_noise_keys_usable(const u8 static_private[MPVPN_NOISE_KEY_LEN],
			     const u8 peer_public[MPVPN_NOISE_KEY_LEN])
{
	u8 priv[MPVPN_NOISE_KEY_LEN];
	u8 shared[MPVPN_NOISE_KEY_LEN];
	bool usable;

	memcpy(priv, static_private, sizeof(priv));
	curve25519_clamp_secret(priv);
	usable = curve25519(shared, priv, peer_public);
	memzero_explicit(priv, sizeof(priv));
	memzero_explicit(shared, sizeof(shared));
	return usable;
}

/*
 * The public half of our static key and the peer's, for dumps; false
 * when the device has no keys.
 */
bool mpvpn_handshake_describe(struct mpvpn_handshake *hs,
			      u8 static_public[MPVPN_NOISE_KEY_LEN],
			      u8 peer_public[MPVPN_NOISE_KEY_LEN])
{
	bool has_keys;

	mutex_lock(&hs->lock);
	has_keys = hs->has_keys;
	if (has_keys) {
		memcpy(static_public, hs->static_public, MPVPN_NOISE_KEY_LEN);
		memcpy(peer_public, hs->peer_public, MPVPN_NOISE_KEY_LEN);
	}
	mutex_unlock(&hs->lock);
	return has_keys;
}

/*
 * Whether these are the keys @hs has already (a missing @psk is zeros):
 * setting them again changes nothing, so that a daemon restarting and
 * installing its configuration again does not end the sessions.
 */
bool mpvpn_handshake_has_keys(struct mpvpn_handshake *hs,
			      const u8 static_private[MPVPN_NOISE_KEY_LEN],
			      const u8 peer_public[MPVPN_NOISE_KEY_LEN],
			      const u8 *psk)
{
	static const u8 no_psk[MPVPN_NOISE_KEY_LEN];
	u8 priv[MPVPN_NOISE_KEY_LEN];
	bool same;

	memcpy(priv, static_private, sizeof(priv));
	curve25519_clamp_secret(priv);
	mutex_lock(&hs->lock);
	same = hs->has_keys &&
	       !crypto_memneq(hs->static_private, priv, sizeof(priv)) &&
	       !crypto_memneq(hs->peer_public, peer_public,
			      MPVPN_NOISE_KEY_LEN) &&
	       !crypto_memneq(hs->psk, psk ?: no_psk, sizeof(hs->psk));
	mutex_unlock(&hs->lock);
	memzero_explicit(priv, sizeof(priv));
	return same;
}

int mpvpn_handshake_set_keys(struct mpvpn_handshake *hs,
			     const u8 static_private[MPVPN_NOISE_KEY_LEN],
			     const u8 peer_public[MPVPN_NOISE_KEY_LEN],
			     const u8 *psk)
{
	u8 priv[MPVPN_NOISE_KEY_LEN];
	u8 pub[MPVPN_NOISE_KEY_LEN];
	u8 shared[MPVPN_NOISE_KEY_LEN];
	int ret = -EINVAL;

	memcpy(priv, static_private, sizeof(priv));
	curve25519_clamp_secret(priv);
	if (!curve25519_generate_public(pub, priv) ||
	    !curve25519(shared, priv, peer_public))
		goto out;

	mutex_lock(&hs->lock);
	keys_forget(hs);
	if (memcmp(hs->peer_public, peer_public, MPVPN_NOISE_KEY_LEN))
		memset(hs->peer_timestamp, 0, sizeof(hs->peer_timestamp));
	memcpy(hs->static_private, priv, sizeof(priv));
	memcpy(hs->static_public, pub, sizeof(pub));
	memcpy(hs->peer_public, peer_public, MPVPN_NOISE_KEY_LEN);
	memcpy(hs->static_static, shared, sizeof(shared));
	if (psk)
		memcpy(hs->psk, psk, sizeof(hs->psk));
	mpvpn_cookie_set_keys(&hs->cookie, pub, peer_public);
	hs->has_keys = true;
	mutex_unlock(&hs->lock);
	ret = 0;
out:
	memzero_explicit(priv, sizeof(priv));
	memzero_explicit(shared, sizeof(shared));
	return ret;
}

void mpvpn_handshake_clear_keys(struct mpvpn_handshake *hs)
{
	mutex_lock(&hs->lock);
	keys_forget(hs);
	mpvpn_cookie_clear_keys(&hs->cookie);
	mutex_unlock(&hs->lock);
}

/*
 * The initiator's half of the initiation. @ephemeral_private and
 * @timestamp: the test's, or NULL for new ones.
 */
static int initiation_create(struct mpvpn_handshake *hs,
			     struct mpvpn_msg_initiation *msg,
			     const struct mpvpn_handshake_route *route,
			     const u8 *ephemeral_private, const u8 *timestamp)
{
	struct mpvpn_handshake_state *st = &hs->initiation;
	u8 ts[MPVPN_NOISE_TIMESTAMP_LEN];
	u8 key[MPVPN_NOISE_KEY_LEN];
	int ret = -EINVAL;

	if (!route_ok(route))
		return -EINVAL;
	mutex_lock(&hs->lock);
	if (!hs->has_keys) {
		ret = -ENOKEY;
		goto out;
	}
	/* Whatever answers the initiation sent before is refused from now. */
	state_forget(st, &hs->initiation_valid);

	handshake_start(st, hs->peer_public);
	prefix_build(&msg->prefix, MPVPN_PKT_INITIATION, route);
	mix_hash(st->hash, &msg->prefix, sizeof(msg->prefix));
	if (!ephemeral_new(st->ephemeral_private, msg->ephemeral,
			   ephemeral_private))
		goto out;
	mix_ephemeral(st, msg->ephemeral);
	if (!mix_dh(st->chaining_key, key, st->ephemeral_private,
		    hs->peer_public))
		goto out;
	seal(msg->encrypted_static, hs->static_public, MPVPN_NOISE_KEY_LEN,
	     key, st->hash);
	kdf(st->chaining_key, key, NULL, st->chaining_key, hs->static_static,
	    sizeof(hs->static_static));
	timestamp_next(hs, ts, timestamp);
	seal(msg->encrypted_timestamp, ts, sizeof(ts), key, st->hash);

	mpvpn_cookie_add_macs(&hs->cookie, msg, sizeof(*msg));
	hs->initiation_prefix = msg->prefix;
	hs->initiation_valid = true;
	ret = 0;
out:
	if (ret)
		state_forget(st, &hs->initiation_valid);
	mutex_unlock(&hs->lock);
	memzero_explicit(key, sizeof(key));
	return ret;
}

int mpvpn_noise_create_initiation(struct mpvpn_handshake *hs,
				  struct mpvpn_msg_initiation *msg,
				  const struct mpvpn_handshake_route *route)
{
	return initiation_create(hs, msg, route, NULL, NULL);
}

/*
 * The responder's half of the initiation, to its timestamp: @st continues
 * it, @ts is the timestamp. False at the first step that fails.
 */
static bool initiation_open(struct mpvpn_handshake *hs,
			    struct mpvpn_handshake_state *st,
			    const struct mpvpn_msg_initiation *msg,
			    u8 ts[MPVPN_NOISE_TIMESTAMP_LEN])
{
	u8 peer_static[MPVPN_NOISE_KEY_LEN];
	u8 key[MPVPN_NOISE_KEY_LEN];
	bool ok = false;

	lockdep_assert_held(&hs->lock);
	handshake_start(st, hs->static_public);
	mix_hash(st->hash, &msg->prefix, sizeof(msg->prefix));
	memcpy(st->remote_ephemeral, msg->ephemeral, sizeof(msg->ephemeral));
	mix_ephemeral(st, msg->ephemeral);
	if (!mix_dh(st->chaining_key, key, hs->static_private,
		    msg->ephemeral))
		goto out;
	if (!unseal(peer_static, msg->encrypted_static, sizeof(peer_static),
		    key, st->hash))
		goto out;
	/* Someone else's key, however well encrypted, is not our peer. */
	if (crypto_memneq(peer_static, hs->peer_public, sizeof(peer_static)))
		goto out;
	kdf(st->chaining_key, key, NULL, st->chaining_key, hs->static_static,
	    sizeof(hs->static_static));
	ok = unseal(ts, msg->encrypted_timestamp, MPVPN_NOISE_TIMESTAMP_LEN,
		    key, st->hash);
out:
	memzero_explicit(key, sizeof(key));
	memzero_explicit(peer_static, sizeof(peer_static));
	return ok;
}

static enum mpvpn_noise_result
timestamp_check(const struct mpvpn_handshake *hs,
		const u8 ts[MPVPN_NOISE_TIMESTAMP_LEN])
{
	int cmp = memcmp(ts, hs->peer_timestamp, MPVPN_NOISE_TIMESTAMP_LEN);

	if (cmp < 0)
		return MPVPN_NOISE_STALE;
	if (cmp == 0)
		return MPVPN_NOISE_REPLAYED;
	return MPVPN_NOISE_OK;
}

/*
 * An initiation from the peer, checked in the order it was built; when it
 * is authentic and new, mpvpn_noise_create_response() answers it.
 */
enum mpvpn_noise_result
mpvpn_noise_consume_initiation(struct mpvpn_handshake *hs,
			       const struct mpvpn_msg_initiation *msg)
{
	struct mpvpn_handshake_state st;
	u8 ts[MPVPN_NOISE_TIMESTAMP_LEN];
	enum mpvpn_noise_result ret;

	if (!prefix_ok(&msg->prefix, MPVPN_PKT_INITIATION))
		return MPVPN_NOISE_MALFORMED;
	mutex_lock(&hs->lock);
	if (!hs->has_keys)
		ret = MPVPN_NOISE_NO_KEYS;
	else if (!mpvpn_cookie_check_mac1(&hs->cookie, msg, sizeof(*msg)))
		ret = MPVPN_NOISE_BAD_MAC1;
	else if (!initiation_open(hs, &st, msg, ts))
		ret = MPVPN_NOISE_NOT_AUTHENTIC;
	else
		ret = timestamp_check(hs, ts);
	if (ret == MPVPN_NOISE_OK) {
		memcpy(hs->peer_timestamp, ts, sizeof(ts));
		hs->response = st;
		hs->response_valid = true;
	}
	mutex_unlock(&hs->lock);
	memzero_explicit(&st, sizeof(st));
	return ret;
}

/* (T_i, T_r) = KDF2(ck, ε), as seen by the initiator or the responder. */
static void session_keys(struct mpvpn_session_keys *keys,
			 const u8 ck[MPVPN_NOISE_HASH_LEN], bool initiator)
{
	if (initiator)
		kdf(keys->send, keys->receive, NULL, ck, NULL, 0);
	else
		kdf(keys->receive, keys->send, NULL, ck, NULL, 0);
}

/*
 * The responder's half of the response. @ephemeral_private: the test's,
 * or NULL for a new one. The initiation it answers is then forgotten.
 */
static int response_create(struct mpvpn_handshake *hs,
			   struct mpvpn_msg_response *msg,
			   const struct mpvpn_handshake_route *route,
			   struct mpvpn_session_keys *keys,
			   const u8 *ephemeral_private)
{
	struct mpvpn_handshake_state *st = &hs->response;
	u8 key[MPVPN_NOISE_KEY_LEN];
	int ret = -EINVAL;

	if (!route_ok(route))
		return -EINVAL;
	mutex_lock(&hs->lock);
	if (!hs->has_keys || !hs->response_valid) {
		ret = hs->has_keys ? -ENOENT : -ENOKEY;
		goto unlock;
	}

	prefix_build(&msg->prefix, MPVPN_PKT_RESPONSE, route);
	mix_hash(st->hash, &msg->prefix, sizeof(msg->prefix));
	if (!ephemeral_new(st->ephemeral_private, msg->ephemeral,
			   ephemeral_private))
		goto out;
	mix_ephemeral(st, msg->ephemeral);
	if (!mix_dh(st->chaining_key, NULL, st->ephemeral_private,
		    st->remote_ephemeral) ||
	    !mix_dh(st->chaining_key, NULL, st->ephemeral_private,
		    hs->peer_public))
		goto out;
	mix_psk(st, hs->psk, key);
	seal(msg->encrypted_nothing, NULL, 0, key, st->hash);

	mpvpn_cookie_add_macs(&hs->cookie, msg, sizeof(*msg));
	session_keys(keys, st->chaining_key, false);
	ret = 0;
out:
	state_forget(st, &hs->response_valid);
unlock:
	mutex_unlock(&hs->lock);
	memzero_explicit(key, sizeof(key));
	return ret;
}

int mpvpn_noise_create_response(struct mpvpn_handshake *hs,
				struct mpvpn_msg_response *msg,
				const struct mpvpn_handshake_route *route,
				struct mpvpn_session_keys *keys)
{
	return response_create(hs, msg, route, keys, NULL);
}

/* A response is sent on the path the initiation came on, in its tunnel. */
static bool response_route_ok(const struct mpvpn_handshake *hs,
			      const struct mpvpn_msg_prefix *prefix)
{
	return prefix->path_id == hs->initiation_prefix.path_id &&
	       prefix->tunnel_id == hs->initiation_prefix.tunnel_id;
}

/* The initiator's half of the response: @st continues our initiation. */
static bool response_open(struct mpvpn_handshake *hs,
			  struct mpvpn_handshake_state *st,
			  const struct mpvpn_msg_response *msg)
{
	u8 key[MPVPN_NOISE_KEY_LEN];
	bool ok = false;

	lockdep_assert_held(&hs->lock);
	mix_hash(st->hash, &msg->prefix, sizeof(msg->prefix));
	mix_ephemeral(st, msg->ephemeral);
	if (!mix_dh(st->chaining_key, NULL, st->ephemeral_private,
		    msg->ephemeral) ||
	    !mix_dh(st->chaining_key, NULL, hs->static_private,
		    msg->ephemeral))
		goto out;
	mix_psk(st, hs->psk, key);
	ok = unseal(NULL, msg->encrypted_nothing, 0, key, st->hash);
out:
	memzero_explicit(key, sizeof(key));
	return ok;
}

/*
 * A response to the initiation in flight, accepted once; then @keys holds
 * the session's keys.
 */
enum mpvpn_noise_result
mpvpn_noise_consume_response(struct mpvpn_handshake *hs,
			     const struct mpvpn_msg_response *msg,
			     struct mpvpn_session_keys *keys)
{
	struct mpvpn_handshake_state st;
	enum mpvpn_noise_result ret;

	if (!prefix_ok(&msg->prefix, MPVPN_PKT_RESPONSE))
		return MPVPN_NOISE_MALFORMED;
	mutex_lock(&hs->lock);
	if (!hs->has_keys) {
		ret = MPVPN_NOISE_NO_KEYS;
	} else if (!mpvpn_cookie_check_mac1(&hs->cookie, msg, sizeof(*msg))) {
		ret = MPVPN_NOISE_BAD_MAC1;
	} else if (!hs->initiation_valid) {
		ret = MPVPN_NOISE_NO_HANDSHAKE;
	} else if (!response_route_ok(hs, &msg->prefix)) {
		ret = MPVPN_NOISE_NOT_AUTHENTIC;
	} else {
		st = hs->initiation;
		ret = response_open(hs, &st, msg) ? MPVPN_NOISE_OK :
						    MPVPN_NOISE_NOT_AUTHENTIC;
	}
	if (ret == MPVPN_NOISE_OK) {
		session_keys(keys, st.chaining_key, true);
		state_forget(&hs->initiation, &hs->initiation_valid);
	}
	mutex_unlock(&hs->lock);
	memzero_explicit(&st, sizeof(st));
	return ret;
}

/* K_p = MAC32(T, LABEL_PATH || p) */
void mpvpn_noise_path_key(u8 key[CHACHA20POLY1305_KEY_SIZE],
			  const u8 session_key[MPVPN_NOISE_KEY_LEN],
			  u8 path_id)
{
	u8 in[sizeof(label_path)];

	memcpy(in, label_path, sizeof(label_path) - 1);
	in[sizeof(in) - 1] = path_id;
	blake2s(key, in, session_key, CHACHA20POLY1305_KEY_SIZE, sizeof(in),
		MPVPN_NOISE_KEY_LEN);
}

#ifdef MPVPN_KUNIT
#include "tests/noise_test.c"
#endif
