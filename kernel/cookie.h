/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mac1, mac2 and cookie replies of the handshake messages
 * (Documentation/handshake.rst, "mac1, mac2 and cookies").
 *
 * Both ends of a device hold one struct mpvpn_cookie. As a receiver it
 * checks the mac1 of what arrives (keyed with our public key), and, under
 * load, the mac2 (keyed with the cookie τ of the source address) and
 * answers with cookie replies. As a sender it adds mac1 (keyed with the
 * peer's public key) to what it sends, remembers that mac1, and adds a
 * mac2 while it holds a cookie from the peer younger than
 * MPVPN_COOKIE_LIFETIME.
 *
 * The functions work on any message that ends with struct mpvpn_msg_macs:
 * mac1 covers the message up to mac1, mac2 up to mac2.
 */
#ifndef _MPVPN_COOKIE_H
#define _MPVPN_COOKIE_H

#include "wire.h"

#include <crypto/blake2s.h>
#include <crypto/chacha20poly1305.h>
#include <crypto/curve25519.h>
#include <linux/socket.h>
#include <linux/spinlock.h>
#include <linux/time64.h>
#include <linux/types.h>

#define MPVPN_MAC_LEN		16	/* mac1, mac2, and a cookie τ */
#define MPVPN_COOKIE_SECRET_LEN	32
/* Both the receiver's secret and a sender's cookie live this long. */
#define MPVPN_COOKIE_LIFETIME	(120 * NSEC_PER_SEC)

/*
 * What every handshake message shares is defined here, below noise.h: the
 * 8-byte prefix, laid out as the first 8 bytes of the data header (struct
 * mpvpn_hdr), and the macs at the end. The data header's version; the
 * types continue enum mpvpn_pkt_type.
 */
#define MPVPN_HANDSHAKE_VERSION	MPVPN_WIRE_VERSION

enum mpvpn_handshake_type {
	MPVPN_PKT_INITIATION = 6,
	MPVPN_PKT_RESPONSE = 7,
	MPVPN_PKT_COOKIE_REPLY = 8,
};

struct mpvpn_msg_prefix {
	u8 version;		/* MPVPN_HANDSHAKE_VERSION */
	u8 type;		/* enum mpvpn_handshake_type */
	u8 flags;		/* initiation, response: the sender's slot */
	u8 path_id;
	__be32 tunnel_id;
} __packed;

#define MPVPN_MSG_PREFIX_LEN	8

struct mpvpn_msg_macs {
	u8 mac1[MPVPN_MAC_LEN];
	u8 mac2[MPVPN_MAC_LEN];
} __packed;

/* Type 8, 64 bytes. */
struct mpvpn_msg_cookie_reply {
	struct mpvpn_msg_prefix prefix;
	u8 nonce[XCHACHA20POLY1305_NONCE_SIZE];
	u8 cookie[MPVPN_MAC_LEN + CHACHA20POLY1305_AUTHTAG_SIZE];
} __packed;

#define MPVPN_MSG_COOKIE_REPLY_LEN	64

/*
 * One per device. @lock guards every field: the receive path may check
 * macs in softirq, a handshake worker in process context, hence _bh. It
 * nests inside struct mpvpn_handshake's lock, never the other way round.
 * Nothing is done under it but BLAKE2s, one XChaCha20-Poly1305 of 16 bytes
 * and get_random_bytes().
 */
struct mpvpn_cookie {
	spinlock_t lock;			/* see above */
	bool has_keys;
	/* From the static keys (mpvpn_cookie_set_keys()). */
	u8 mac1_key[BLAKE2S_HASH_SIZE];		/* HASH(LABEL_MAC1 || ours) */
	u8 reply_key[BLAKE2S_HASH_SIZE];	/* HASH(LABEL_COOKIE || ours) */
	u8 peer_mac1_key[BLAKE2S_HASH_SIZE];	/* the same of the peer's */
	u8 peer_reply_key[BLAKE2S_HASH_SIZE];

	/* As a receiver: the secret behind τ, replaced when it is too old. */
	bool has_secret;
	u64 secret_born;			/* boottime, ns */
	u8 secret[MPVPN_COOKIE_SECRET_LEN];

	/* As a sender: the mac1 of our last message, and the peer's cookie. */
	bool sent_mac1_valid;			/* until a reply answers it */
	u8 sent_mac1[MPVPN_MAC_LEN];
	bool has_cookie;
	u64 cookie_born;			/* boottime, ns, when it came */
	u8 cookie[MPVPN_MAC_LEN];
};

/* The source address and port of a message: what a cookie binds. */
struct mpvpn_cookie_source {
	sa_family_t family;			/* AF_INET or AF_INET6 */
	const void *addr;			/* 4 or 16 bytes */
	__be16 port;
};

enum mpvpn_cookie_result {
	MPVPN_COOKIE_OK,
	MPVPN_COOKIE_NOT_AUTHENTIC,	/* failed to decrypt: wrong mac1 or key */
	MPVPN_COOKIE_NOTHING_SENT,	/* no message of ours awaits a reply */
	MPVPN_COOKIE_MALFORMED,		/* version, type, flags or no keys */
};

void mpvpn_cookie_init(struct mpvpn_cookie *cookie);
void mpvpn_cookie_uninit(struct mpvpn_cookie *cookie);
void mpvpn_cookie_set_keys(struct mpvpn_cookie *cookie,
			   const u8 our_public[CURVE25519_KEY_SIZE],
			   const u8 peer_public[CURVE25519_KEY_SIZE]);
void mpvpn_cookie_clear_keys(struct mpvpn_cookie *cookie);

/* Sender. */
void mpvpn_cookie_add_macs(struct mpvpn_cookie *cookie, void *msg,
			   size_t len);
enum mpvpn_cookie_result
mpvpn_cookie_consume_reply(struct mpvpn_cookie *cookie,
			   const struct mpvpn_msg_cookie_reply *reply);

/* Receiver. */
bool mpvpn_cookie_check_mac1(struct mpvpn_cookie *cookie, const void *msg,
			     size_t len);
bool mpvpn_cookie_check_mac2(struct mpvpn_cookie *cookie, const void *msg,
			     size_t len, const struct mpvpn_cookie_source *src);
void mpvpn_cookie_create_reply(struct mpvpn_cookie *cookie,
			       struct mpvpn_msg_cookie_reply *reply,
			       const void *msg, size_t len,
			       const struct mpvpn_cookie_source *src);

#ifdef MPVPN_KUNIT
/* Seams for tests/noise_test.c: a given secret and nonce, not random ones. */
void mpvpn_cookie_test_set_secret(struct mpvpn_cookie *cookie,
				  const u8 secret[MPVPN_COOKIE_SECRET_LEN]);
void mpvpn_cookie_test_create_reply(struct mpvpn_cookie *cookie,
				    struct mpvpn_msg_cookie_reply *reply,
				    const void *msg, size_t len,
				    const struct mpvpn_cookie_source *src,
				    const u8 nonce[XCHACHA20POLY1305_NONCE_SIZE]);
#endif

#endif /* _MPVPN_COOKIE_H */
