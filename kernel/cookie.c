// SPDX-License-Identifier: GPL-2.0
/*
 * mac1, mac2 and cookie replies (cookie.h).
 *
 * mac1 = MAC(HASH(LABEL_MAC1 || receiver's public), message up to mac1)
 * mac2 = MAC(τ, message up to mac2), or zeros without a fresh cookie
 * τ    = MAC(secret, source address || source port)
 * reply.cookie = XAEAD(HASH(LABEL_COOKIE || receiver's public),
 *			reply.nonce, τ, mac1 of the message answered)
 *
 * MAC is BLAKE2s's keyed mode with a 16-byte output.
 */

#include "cookie.h"

#include <crypto/algapi.h>
#include <linux/build_bug.h>
#include <linux/in6.h>
#include <linux/random.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

static_assert(sizeof(struct mpvpn_msg_prefix) == MPVPN_MSG_PREFIX_LEN);
static_assert(sizeof(struct mpvpn_msg_cookie_reply) ==
	      MPVPN_MSG_COOKIE_REPLY_LEN);
static_assert(offsetof(struct mpvpn_msg_cookie_reply, nonce) == 8);
static_assert(offsetof(struct mpvpn_msg_cookie_reply, cookie) == 32);

static const char label_mac1[] = "mpvpn v2 mac1";
static const char label_cookie[] = "mpvpn v2 cookie";

/* HASH(label || key), the label without its terminating zero. */
static void label_hash(u8 out[BLAKE2S_HASH_SIZE], const char *label,
		       size_t label_len, const u8 key[CURVE25519_KEY_SIZE])
{
	struct blake2s_state state;

	blake2s_init(&state, BLAKE2S_HASH_SIZE);
	blake2s_update(&state, label, label_len);
	blake2s_update(&state, key, CURVE25519_KEY_SIZE);
	blake2s_final(&state, out);
}

/* MAC(key, in): keyed BLAKE2s, 16 bytes. */
static void mac(u8 out[MPVPN_MAC_LEN], const void *in, size_t len,
		const u8 *key, size_t key_len)
{
	blake2s(out, in, key, MPVPN_MAC_LEN, len, key_len);
}

static size_t mac1_offset(size_t len)
{
	return len - sizeof(struct mpvpn_msg_macs);
}

static size_t mac2_offset(size_t len)
{
	return len - MPVPN_MAC_LEN;
}

static const struct mpvpn_msg_macs *macs_of(const void *msg, size_t len)
{
	return msg + mac1_offset(len);
}

static bool expired(u64 born, u64 now)
{
	return now - born >= MPVPN_COOKIE_LIFETIME;
}

void mpvpn_cookie_init(struct mpvpn_cookie *cookie)
{
	memset(cookie, 0, sizeof(*cookie));
	spin_lock_init(&cookie->lock);
}

void mpvpn_cookie_uninit(struct mpvpn_cookie *cookie)
{
	memzero_explicit(cookie, sizeof(*cookie));
}

/* Keys change: whatever was sent or received under the old ones is gone. */
void mpvpn_cookie_set_keys(struct mpvpn_cookie *cookie,
			   const u8 our_public[CURVE25519_KEY_SIZE],
			   const u8 peer_public[CURVE25519_KEY_SIZE])
{
	spin_lock_bh(&cookie->lock);
	label_hash(cookie->mac1_key, label_mac1, sizeof(label_mac1) - 1,
		   our_public);
	label_hash(cookie->reply_key, label_cookie, sizeof(label_cookie) - 1,
		   our_public);
	label_hash(cookie->peer_mac1_key, label_mac1, sizeof(label_mac1) - 1,
		   peer_public);
	label_hash(cookie->peer_reply_key, label_cookie,
		   sizeof(label_cookie) - 1, peer_public);
	cookie->has_keys = true;
	cookie->sent_mac1_valid = false;
	cookie->has_cookie = false;
	memzero_explicit(cookie->cookie, sizeof(cookie->cookie));
	spin_unlock_bh(&cookie->lock);
}

void mpvpn_cookie_clear_keys(struct mpvpn_cookie *cookie)
{
	spin_lock_bh(&cookie->lock);
	cookie->has_keys = false;
	memzero_explicit(cookie->mac1_key, sizeof(cookie->mac1_key));
	memzero_explicit(cookie->reply_key, sizeof(cookie->reply_key));
	memzero_explicit(cookie->peer_mac1_key, sizeof(cookie->peer_mac1_key));
	memzero_explicit(cookie->peer_reply_key,
			 sizeof(cookie->peer_reply_key));
	cookie->sent_mac1_valid = false;
	cookie->has_cookie = false;
	memzero_explicit(cookie->cookie, sizeof(cookie->cookie));
	spin_unlock_bh(&cookie->lock);
}

/*
 * Sender: mac1 with the peer's key, remembered for the cookie reply that
 * may answer it; mac2 with the peer's cookie while it is fresh.
 */
void mpvpn_cookie_add_macs(struct mpvpn_cookie *cookie, void *msg, size_t len)
{
	struct mpvpn_msg_macs *macs = msg + mac1_offset(len);

	spin_lock_bh(&cookie->lock);
	mac(macs->mac1, msg, mac1_offset(len), cookie->peer_mac1_key,
	    sizeof(cookie->peer_mac1_key));
	memcpy(cookie->sent_mac1, macs->mac1, MPVPN_MAC_LEN);
	cookie->sent_mac1_valid = true;
	if (cookie->has_cookie &&
	    !expired(cookie->cookie_born, ktime_get_boottime_ns()))
		mac(macs->mac2, msg, mac2_offset(len), cookie->cookie,
		    sizeof(cookie->cookie));
	else
		memset(macs->mac2, 0, MPVPN_MAC_LEN);
	spin_unlock_bh(&cookie->lock);
}

static bool reply_prefix_ok(const struct mpvpn_msg_prefix *prefix)
{
	return prefix->version == MPVPN_HANDSHAKE_VERSION &&
	       prefix->type == MPVPN_PKT_COOKIE_REPLY && !prefix->flags;
}

/*
 * Sender: a cookie reply counts only if it answers our last message, once;
 * the cookie then keys the mac2 of our next messages.
 */
enum mpvpn_cookie_result
mpvpn_cookie_consume_reply(struct mpvpn_cookie *cookie,
			   const struct mpvpn_msg_cookie_reply *reply)
{
	enum mpvpn_cookie_result ret = MPVPN_COOKIE_NOT_AUTHENTIC;
	u8 tau[MPVPN_MAC_LEN];

	if (!reply_prefix_ok(&reply->prefix))
		return MPVPN_COOKIE_MALFORMED;
	spin_lock_bh(&cookie->lock);
	if (!cookie->has_keys) {
		ret = MPVPN_COOKIE_MALFORMED;
		goto out;
	}
	if (!cookie->sent_mac1_valid) {
		ret = MPVPN_COOKIE_NOTHING_SENT;
		goto out;
	}
	if (!xchacha20poly1305_decrypt(tau, reply->cookie,
				       sizeof(reply->cookie),
				       cookie->sent_mac1, MPVPN_MAC_LEN,
				       reply->nonce, cookie->peer_reply_key))
		goto out;
	memcpy(cookie->cookie, tau, MPVPN_MAC_LEN);
	cookie->cookie_born = ktime_get_boottime_ns();
	cookie->has_cookie = true;
	cookie->sent_mac1_valid = false;
	ret = MPVPN_COOKIE_OK;
out:
	spin_unlock_bh(&cookie->lock);
	memzero_explicit(tau, sizeof(tau));
	return ret;
}

/* Receiver, before any other work on a message. */
bool mpvpn_cookie_check_mac1(struct mpvpn_cookie *cookie, const void *msg,
			     size_t len)
{
	const struct mpvpn_msg_macs *macs = macs_of(msg, len);
	u8 expect[MPVPN_MAC_LEN];
	bool ok;

	spin_lock_bh(&cookie->lock);
	ok = cookie->has_keys;
	if (ok)
		mac(expect, msg, mac1_offset(len), cookie->mac1_key,
		    sizeof(cookie->mac1_key));
	spin_unlock_bh(&cookie->lock);
	return ok && !crypto_memneq(expect, macs->mac1, MPVPN_MAC_LEN);
}

static void secret_refresh(struct mpvpn_cookie *cookie, u64 now)
{
	lockdep_assert_held(&cookie->lock);
	if (cookie->has_secret && !expired(cookie->secret_born, now))
		return;
	get_random_bytes(cookie->secret, sizeof(cookie->secret));
	cookie->secret_born = now;
	cookie->has_secret = true;
}

/* τ for @src under the current secret. */
static void make_tau(struct mpvpn_cookie *cookie, u8 tau[MPVPN_MAC_LEN],
		     const struct mpvpn_cookie_source *src)
{
	u8 in[sizeof(struct in6_addr) + sizeof(__be16)];
	size_t addr_len = src->family == AF_INET6 ? sizeof(struct in6_addr) :
						    sizeof(__be32);

	lockdep_assert_held(&cookie->lock);
	secret_refresh(cookie, ktime_get_boottime_ns());
	memcpy(in, src->addr, addr_len);
	memcpy(in + addr_len, &src->port, sizeof(src->port));
	mac(tau, in, addr_len + sizeof(src->port), cookie->secret,
	    sizeof(cookie->secret));
}

/* Receiver under load: does @msg prove that its sender holds our cookie? */
bool mpvpn_cookie_check_mac2(struct mpvpn_cookie *cookie, const void *msg,
			     size_t len, const struct mpvpn_cookie_source *src)
{
	const struct mpvpn_msg_macs *macs = macs_of(msg, len);
	u8 expect[MPVPN_MAC_LEN];
	u8 tau[MPVPN_MAC_LEN];

	spin_lock_bh(&cookie->lock);
	make_tau(cookie, tau, src);
	spin_unlock_bh(&cookie->lock);
	mac(expect, msg, mac2_offset(len), tau, sizeof(tau));
	memzero_explicit(tau, sizeof(tau));
	return !crypto_memneq(expect, macs->mac2, MPVPN_MAC_LEN);
}

static void reply_seal(struct mpvpn_cookie *cookie,
		       struct mpvpn_msg_cookie_reply *reply, const void *msg,
		       size_t len, const struct mpvpn_cookie_source *src,
		       const u8 nonce[XCHACHA20POLY1305_NONCE_SIZE])
{
	const struct mpvpn_msg_prefix *answered = msg;
	const struct mpvpn_msg_macs *macs = macs_of(msg, len);
	u8 tau[MPVPN_MAC_LEN];

	reply->prefix = (struct mpvpn_msg_prefix) {
		.version = MPVPN_HANDSHAKE_VERSION,
		.type = MPVPN_PKT_COOKIE_REPLY,
		.flags = 0,
		.path_id = answered->path_id,
		.tunnel_id = answered->tunnel_id,
	};
	memcpy(reply->nonce, nonce, XCHACHA20POLY1305_NONCE_SIZE);
	spin_lock_bh(&cookie->lock);
	make_tau(cookie, tau, src);
	xchacha20poly1305_encrypt(reply->cookie, tau, sizeof(tau), macs->mac1,
				  MPVPN_MAC_LEN, reply->nonce,
				  cookie->reply_key);
	spin_unlock_bh(&cookie->lock);
	memzero_explicit(tau, sizeof(tau));
}

/* Receiver under load: the answer to @msg, whose mac1 was valid. */
void mpvpn_cookie_create_reply(struct mpvpn_cookie *cookie,
			       struct mpvpn_msg_cookie_reply *reply,
			       const void *msg, size_t len,
			       const struct mpvpn_cookie_source *src)
{
	u8 nonce[XCHACHA20POLY1305_NONCE_SIZE];

	get_random_bytes(nonce, sizeof(nonce));
	reply_seal(cookie, reply, msg, len, src, nonce);
}

#ifdef MPVPN_KUNIT
void mpvpn_cookie_test_set_secret(struct mpvpn_cookie *cookie,
				  const u8 secret[MPVPN_COOKIE_SECRET_LEN])
{
	spin_lock_bh(&cookie->lock);
	memcpy(cookie->secret, secret, MPVPN_COOKIE_SECRET_LEN);
	cookie->secret_born = ktime_get_boottime_ns();
	cookie->has_secret = true;
	spin_unlock_bh(&cookie->lock);
}

void mpvpn_cookie_test_create_reply(struct mpvpn_cookie *cookie,
				    struct mpvpn_msg_cookie_reply *reply,
				    const void *msg, size_t len,
				    const struct mpvpn_cookie_source *src,
				    const u8 nonce[XCHACHA20POLY1305_NONCE_SIZE])
{
	reply_seal(cookie, reply, msg, len, src, nonce);
}
#endif
