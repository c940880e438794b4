// SPDX-License-Identifier: GPL-2.0
/*
 * The sealing and opening of tunnel packets under a session (crypto.h).
 */

#include "crypto.h"
#include "device.h"
#include "session.h"
#include "wire.h"

#include <linux/build_bug.h>
#include <linux/err.h>
#include <linux/skbuff.h>

static_assert(MPVPN_TAG_LEN == CHACHA20POLY1305_AUTHTAG_SIZE);

/*
 * The session the next packet is sealed under; NULL in plaintext, and
 * ERR_PTR(-ENOKEY) when nothing may leave: no encryption chosen, or no
 * session yet (or any more). Asks for a handshake when there is none or
 * the current one is due for a rekey; the packet goes on meanwhile.
 */
struct mpvpn_session *mpvpn_crypto_tx_session(struct mpvpn_device *mpvpn)
{
	struct mpvpn_session *session;
	u64 now;

	switch (mpvpn_crypto_encryption(&mpvpn->crypto)) {
	case MPVPN_ENCRYPTION_NONE:
		return NULL;
	case MPVPN_ENCRYPTION_CHACHA20_POLY1305:
		break;
	default:
		return ERR_PTR(-ENOKEY);
	}
	now = mpvpn_session_now();
	session = mpvpn_sessions_send(&mpvpn->keying.sessions, now);
	if (unlikely(!session || mpvpn_session_rekey_due(session, now)))
		mpvpn_keying_want(&mpvpn->keying);
	return session ?: ERR_PTR(-ENOKEY);
}

/*
 * Makes @skb one private linear buffer with room for the tag: encryption
 * writes in place, and the copies of redundant mode are clones.
 */
int mpvpn_crypto_prepare(struct sk_buff *skb)
{
	if (skb_linearize(skb))
		return -ENOMEM;
	if (skb_cloned(skb) || skb_tailroom(skb) < MPVPN_TAG_LEN)
		return pskb_expand_head(skb, 0, MPVPN_TAG_LEN, GFP_ATOMIC);
	return 0;
}

/*
 * @skb starts with the mpvpn header, built with the session's key slot,
 * and holds the payload after it; prepared by mpvpn_crypto_prepare().
 */
void mpvpn_crypto_seal(const struct mpvpn_session *session,
		       struct sk_buff *skb, u8 path_id, u64 counter)
{
	u8 *payload = skb->data + MPVPN_HDR_LEN;
	unsigned int len = skb->len - MPVPN_HDR_LEN;

	chacha20poly1305_encrypt(payload, payload, len, skb->data,
				 MPVPN_HDR_LEN, counter,
				 session->send_key[path_id - 1]);
	skb_put(skb, MPVPN_TAG_LEN);
}

/*
 * Checks and decrypts in place a received packet whose mpvpn header is at
 * @offset, under the session its key slot named, leaving the plaintext
 * payload after the header and the tag cut off. Nothing of @skb is
 * trusted unless this returns MPVPN_OPEN_AUTHENTIC.
 */
enum mpvpn_open_result mpvpn_crypto_open(const struct mpvpn_session *session,
					 struct sk_buff *skb,
					 unsigned int offset,
					 const struct mpvpn_wire_info *info)
{
	unsigned int len;
	u8 *hdr;

	if (!info->path_id || info->path_id > MPVPN_MAX_PATHS ||
	    skb->len < offset + MPVPN_HDR_LEN + MPVPN_TAG_LEN)
		return MPVPN_OPEN_NOT_AUTHENTIC;
	if (skb_ensure_writable(skb, skb->len))
		return MPVPN_OPEN_NO_MEMORY;

	hdr = skb->data + offset;
	len = skb->len - offset - MPVPN_HDR_LEN;
	if (!chacha20poly1305_decrypt(hdr + MPVPN_HDR_LEN, hdr + MPVPN_HDR_LEN,
				      len, hdr, MPVPN_HDR_LEN, info->counter,
				      session->receive_key[info->path_id - 1]))
		return MPVPN_OPEN_NOT_AUTHENTIC;
	skb_trim(skb, skb->len - MPVPN_TAG_LEN);
	/* Whatever checksum the driver computed covered the ciphertext. */
	skb->ip_summed = CHECKSUM_NONE;
	return MPVPN_OPEN_AUTHENTIC;
}

#ifdef MPVPN_KUNIT
#include "tests/crypto_test.c"
#endif
