/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The handshake's cryptographic core: Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s
 * as Documentation/handshake.rst defines it, the messages it sends and
 * checks, and the keys it yields. No sockets, timers or sessions here:
 * callers hand in and take out whole messages.
 */
#ifndef _MPVPN_NOISE_H
#define _MPVPN_NOISE_H

#include "cookie.h"

#include <crypto/blake2s.h>
#include <crypto/chacha20poly1305.h>
#include <crypto/curve25519.h>
#include <linux/mutex.h>
#include <linux/types.h>

#define MPVPN_NOISE_KEY_LEN		32	/* X25519, ChaCha20, BLAKE2s */
#define MPVPN_NOISE_HASH_LEN		32	/* BLAKE2s-256 */
#define MPVPN_NOISE_TAG_LEN		16	/* Poly1305 */
#define MPVPN_NOISE_TIMESTAMP_LEN	12	/* TAI64N */

/* Flags of an initiation or a response: the sender's receive slot. */
#define MPVPN_HANDSHAKE_SLOT_MASK	0x03
#define MPVPN_HANDSHAKE_SLOT_MIN	1
#define MPVPN_HANDSHAKE_SLOT_MAX	3

/* Type 6, 148 bytes. */
struct mpvpn_msg_initiation {
	struct mpvpn_msg_prefix prefix;
	u8 ephemeral[MPVPN_NOISE_KEY_LEN];
	u8 encrypted_static[MPVPN_NOISE_KEY_LEN + MPVPN_NOISE_TAG_LEN];
	u8 encrypted_timestamp[MPVPN_NOISE_TIMESTAMP_LEN +
			       MPVPN_NOISE_TAG_LEN];
	struct mpvpn_msg_macs macs;
} __packed;

#define MPVPN_MSG_INITIATION_LEN	148

/* Type 7, 88 bytes. */
struct mpvpn_msg_response {
	struct mpvpn_msg_prefix prefix;
	u8 ephemeral[MPVPN_NOISE_KEY_LEN];
	u8 encrypted_nothing[MPVPN_NOISE_TAG_LEN];
	struct mpvpn_msg_macs macs;
} __packed;

#define MPVPN_MSG_RESPONSE_LEN		88

/* Where the prefix's fields of a message about to be built come from. */
struct mpvpn_handshake_route {
	u8 slot;		/* our receive slot for the session, 1 to 3 */
	u8 path_id;
	u32 tunnel_id;
};

/*
 * A session's two keys, T_i (what the initiator sends) and T_r (what the
 * responder sends), seen from one side. Callers wipe them once they made
 * path keys of them (mpvpn_noise_path_key()).
 */
struct mpvpn_session_keys {
	u8 send[MPVPN_NOISE_KEY_LEN];
	u8 receive[MPVPN_NOISE_KEY_LEN];
};

/* A handshake under way, from one end. */
struct mpvpn_handshake_state {
	u8 chaining_key[MPVPN_NOISE_HASH_LEN];
	u8 hash[MPVPN_NOISE_HASH_LEN];
	u8 ephemeral_private[MPVPN_NOISE_KEY_LEN];	/* initiator: ours */
	u8 remote_ephemeral[MPVPN_NOISE_KEY_LEN];	/* responder: theirs */
};

/*
 * One per device: the two gateways' static keys and the handshakes under
 * way between them.
 *
 * @lock guards every field but @cookie, which has its own lock, taken
 * inside this one. It is a mutex: every function below may sleep (the
 * first random bytes) and does up to three X25519 multiplications, so
 * they run in process context only; a timer or the receive path queues
 * work. Nothing here is read by the data path.
 *
 * @initiation: the initiation we sent last; valid until a response to it
 * is consumed or we send another one. Its response names the same path
 * and tunnel as @initiation_prefix. @response: the initiation from the
 * peer we consumed last and have not answered yet. The two are kept apart
 * so that answering the peer does not forget what we sent.
 */
struct mpvpn_handshake {
	struct mutex lock;			/* see above */
	bool has_keys;
	u8 static_private[MPVPN_NOISE_KEY_LEN];
	u8 static_public[MPVPN_NOISE_KEY_LEN];
	u8 peer_public[MPVPN_NOISE_KEY_LEN];
	u8 psk[MPVPN_NOISE_KEY_LEN];		/* zeros: none configured */
	u8 static_static[MPVPN_NOISE_KEY_LEN];	/* DH(ours, peer's) */

	bool initiation_valid;
	struct mpvpn_handshake_state initiation;
	struct mpvpn_msg_prefix initiation_prefix;	/* as sent */
	bool response_valid;
	struct mpvpn_handshake_state response;

	/*
	 * The greatest timestamp accepted from the peer since the device was
	 * created (or the peer's key changed), and the last one we sent:
	 * big-endian, so memcmp() orders them.
	 */
	u8 peer_timestamp[MPVPN_NOISE_TIMESTAMP_LEN];
	u8 sent_timestamp[MPVPN_NOISE_TIMESTAMP_LEN];

	struct mpvpn_cookie cookie;
};

enum mpvpn_noise_result {
	MPVPN_NOISE_OK,
	MPVPN_NOISE_MALFORMED,		/* version, type or flags */
	MPVPN_NOISE_NO_KEYS,		/* the device has no static keys */
	MPVPN_NOISE_BAD_MAC1,
	/*
	 * Failed decryption, another peer's static key, or a response that
	 * names another path or tunnel than our initiation.
	 */
	MPVPN_NOISE_NOT_AUTHENTIC,
	MPVPN_NOISE_STALE,		/* timestamp older than accepted */
	MPVPN_NOISE_REPLAYED,		/* timestamp equal to one accepted */
	MPVPN_NOISE_NO_HANDSHAKE,	/* none in flight, or answered */
};

void mpvpn_handshake_init(struct mpvpn_handshake *hs);
void mpvpn_handshake_uninit(struct mpvpn_handshake *hs);
bool mpvpn_handshake_has_keys(struct mpvpn_handshake *hs,
			      const u8 static_private[MPVPN_NOISE_KEY_LEN],
			      const u8 peer_public[MPVPN_NOISE_KEY_LEN],
			      const u8 *psk);
int mpvpn_handshake_set_keys(struct mpvpn_handshake *hs,
			     const u8 static_private[MPVPN_NOISE_KEY_LEN],
			     const u8 peer_public[MPVPN_NOISE_KEY_LEN],
			     const u8 *psk);
void mpvpn_handshake_clear_keys(struct mpvpn_handshake *hs);
bool mpvpn_noise_keys_usable(const u8 static_private[MPVPN_NOISE_KEY_LEN],
			     const u8 peer_public[MPVPN_NOISE_KEY_LEN]);
bool mpvpn_handshake_describe(struct mpvpn_handshake *hs,
			      u8 static_public[MPVPN_NOISE_KEY_LEN],
			      u8 peer_public[MPVPN_NOISE_KEY_LEN]);

int mpvpn_noise_create_initiation(struct mpvpn_handshake *hs,
				  struct mpvpn_msg_initiation *msg,
				  const struct mpvpn_handshake_route *route);
enum mpvpn_noise_result
mpvpn_noise_consume_initiation(struct mpvpn_handshake *hs,
			       const struct mpvpn_msg_initiation *msg);
int mpvpn_noise_create_response(struct mpvpn_handshake *hs,
				struct mpvpn_msg_response *msg,
				const struct mpvpn_handshake_route *route,
				struct mpvpn_session_keys *keys);
enum mpvpn_noise_result
mpvpn_noise_consume_response(struct mpvpn_handshake *hs,
			     const struct mpvpn_msg_response *msg,
			     struct mpvpn_session_keys *keys);

void mpvpn_noise_path_key(u8 key[CHACHA20POLY1305_KEY_SIZE],
			  const u8 session_key[MPVPN_NOISE_KEY_LEN],
			  u8 path_id);

#endif /* _MPVPN_NOISE_H */
