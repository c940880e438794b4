/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Authenticated encryption of tunnel packets (Documentation/security.rst).
 *
 * ChaCha20-Poly1305 from the kernel's crypto library, the mpvpn header as
 * associated data, the header's 64-bit counter as nonce, under the key of
 * a session (session.h) for the path the sender put in the header: copies
 * of one packet that redundant mode sends on several paths share a
 * counter, and a key per path keeps every (key, nonce) pair unique. A
 * session's keys are random, from a handshake (noise.c), and its counters
 * start at zero: no key outlives the device instance that made it, so no
 * pair is ever used twice, whatever the clocks do.
 */
#ifndef _MPVPN_CRYPTO_H
#define _MPVPN_CRYPTO_H

#include <crypto/chacha20poly1305.h>
#include <linux/types.h>
#include <linux/mpvpn.h>

struct mpvpn_device;
struct mpvpn_session;
struct mpvpn_wire_info;
struct sk_buff;

/*
 * Per device: whether its packets are protected. RTNL writes, the hot
 * path reads (READ_ONCE). MPVPN_ENCRYPTION_UNSET until the operator
 * chose: nothing leaves. MPVPN_ENCRYPTION_CHACHA20_POLY1305 once the
 * handshake's keys are installed (keying.c), MPVPN_ENCRYPTION_NONE when
 * plaintext was asked for.
 */
struct mpvpn_crypto {
	u8 encryption;			/* enum mpvpn_encryption */
};

enum mpvpn_open_result {
	MPVPN_OPEN_AUTHENTIC,		/* and decrypted */
	MPVPN_OPEN_NOT_AUTHENTIC,
	MPVPN_OPEN_NO_MEMORY,
};

static inline u8 mpvpn_crypto_encryption(const struct mpvpn_crypto *crypto)
{
	return READ_ONCE(crypto->encryption);
}

/* Hot path, under rcu_read_lock_bh(). */
struct mpvpn_session *mpvpn_crypto_tx_session(struct mpvpn_device *mpvpn);
int mpvpn_crypto_prepare(struct sk_buff *skb);
void mpvpn_crypto_seal(const struct mpvpn_session *session,
		       struct sk_buff *skb, u8 path_id, u64 counter);
enum mpvpn_open_result mpvpn_crypto_open(const struct mpvpn_session *session,
					 struct sk_buff *skb,
					 unsigned int offset,
					 const struct mpvpn_wire_info *info);

#endif /* _MPVPN_CRYPTO_H */
