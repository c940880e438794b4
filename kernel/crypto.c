// SPDX-License-Identifier: GPL-2.0
/*
 * Keys and the sealing and opening of tunnel packets (crypto.h).
 *
 * Key schedule: the daemon installs one root key per direction. The key of
 * an epoch and a path is BLAKE2s-256 keyed with the root over a label, the
 * epoch and the path id. The sender uses its current epoch's keys; the
 * receiver those of the previous, current and next epoch, told apart by
 * the header's key slot. Epochs follow the wall clock on both ends, so
 * they agree without talking, and a restart needs no resynchronisation.
 */

#include "crypto.h"
#include "wire.h"

#include <crypto/blake2s.h>
#include <linux/build_bug.h>
#include <linux/math64.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

static_assert(MPVPN_TAG_LEN == CHACHA20POLY1305_AUTHTAG_SIZE);
static_assert(MPVPN_KEY_LEN == BLAKE2S_KEY_SIZE);

static const char key_label[] = "mpvpn v1 packet key";

static void derive_path_key(u8 out[CHACHA20POLY1305_KEY_SIZE],
			    const u8 root[MPVPN_KEY_LEN], u32 epoch, u8 path_id)
{
	u8 msg[sizeof(key_label) + sizeof(__le32) + 1];
	__le32 epoch_le = cpu_to_le32(epoch);

	memcpy(msg, key_label, sizeof(key_label));
	memcpy(msg + sizeof(key_label), &epoch_le, sizeof(epoch_le));
	msg[sizeof(msg) - 1] = path_id;
	blake2s(out, msg, root, CHACHA20POLY1305_KEY_SIZE, sizeof(msg),
		MPVPN_KEY_LEN);
}

static void derive_epoch(struct mpvpn_epoch_keys *keys,
			 const u8 root[MPVPN_KEY_LEN], u32 epoch)
{
	unsigned int i;

	keys->epoch = epoch;
	for (i = 0; i < MPVPN_MAX_PATHS; i++)
		derive_path_key(keys->path[i], root, epoch, i + 1);
}

static u8 slot_of(u32 epoch)
{
	return epoch % MPVPN_RX_EPOCHS + 1;
}

static u32 epoch_at(time64_t now, u32 rekey_seconds)
{
	return div_u64(max_t(time64_t, now, 0), rekey_seconds);
}

/*
 * The sender's epoch: the clock's, or one ahead when the key in use wore
 * out (MPVPN_REKEY_AFTER_PACKETS) or was ahead already. Never further, so
 * that the receiver, which holds the next epoch, still understands it.
 */
static u32 tx_epoch_for(u32 clock_epoch, u32 previous, bool worn_out)
{
	if (previous == clock_epoch + 1 ||
	    (worn_out && previous == clock_epoch))
		return clock_epoch + 1;
	return clock_epoch;
}

/*
 * The keys for the epoch the wall clock is in, and the sender's, which
 * follows @previous_tx (tx_epoch_for()). Epoch 0 has no previous one: the
 * slot is filled with epoch 0 again rather than left zero.
 */
static void keyring_fill(struct mpvpn_keyring *keyring, time64_t now,
			 u32 previous_tx, bool worn_out, u64 counter)
{
	u32 epoch = epoch_at(now, keyring->rekey_seconds);
	u32 e;

	derive_epoch(&keyring->tx, keyring->tx_root,
		     tx_epoch_for(epoch, previous_tx, worn_out));
	for (e = epoch ? epoch - 1 : 0; e <= epoch + 1; e++)
		derive_epoch(&keyring->rx[e % MPVPN_RX_EPOCHS],
			     keyring->rx_root, e);
	keyring->next_epoch_at = (time64_t)(epoch + 1) * keyring->rekey_seconds;
	keyring->rekey_at_counter = counter + MPVPN_REKEY_AFTER_PACKETS;
}

/* @old: the keyring this one follows, or NULL for new keys. */
static struct mpvpn_keyring *keyring_new(struct mpvpn_crypto *crypto,
					 u8 encryption, u32 rekey_seconds,
					 const u8 *tx_root, const u8 *rx_root,
					 const struct mpvpn_keyring *old)
{
	struct mpvpn_keyring *keyring = kzalloc(sizeof(*keyring), GFP_KERNEL);
	u64 counter = atomic64_read(crypto->tx_counter);

	if (!keyring)
		return NULL;
	keyring->encryption = encryption;
	keyring->rekey_seconds = rekey_seconds;
	if (encryption == MPVPN_ENCRYPTION_CHACHA20_POLY1305) {
		memcpy(keyring->tx_root, tx_root, MPVPN_KEY_LEN);
		memcpy(keyring->rx_root, rx_root, MPVPN_KEY_LEN);
		keyring_fill(keyring, ktime_get_real_seconds(),
			     old ? old->tx.epoch : 0,
			     old && counter >= old->rekey_at_counter, counter);
	}
	return keyring;
}

static bool keyring_due(const struct mpvpn_keyring *keyring, u64 counter)
{
	return ktime_get_real_seconds() >= keyring->next_epoch_at ||
	       counter >= keyring->rekey_at_counter;
}

/*
 * From the data path: one read of the clock per packet notices a new
 * epoch (or a worn-out key); the keys change in process context.
 * @data_counter: 0 where no data counter applies.
 */
static void note_epoch(struct mpvpn_crypto *crypto,
		       const struct mpvpn_keyring *keyring, u64 data_counter)
{
	if (unlikely(keyring_due(keyring, data_counter)))
		schedule_work(&crypto->epoch_work);
}

static void keyring_free_rcu(struct rcu_head *head)
{
	kfree_sensitive(container_of(head, struct mpvpn_keyring, rcu));
}

static void keyring_replace(struct mpvpn_crypto *crypto,
			    struct mpvpn_keyring *keyring)
{
	struct mpvpn_keyring *old;

	old = rcu_replace_pointer(crypto->keyring, keyring,
				  lockdep_is_held(&crypto->lock));
	if (old)
		call_rcu(&old->rcu, keyring_free_rcu);
}

static struct mpvpn_keyring *keyring_locked(struct mpvpn_crypto *crypto)
{
	return rcu_dereference_protected(crypto->keyring,
					 lockdep_is_held(&crypto->lock));
}

/* Starts the epoch the clock has reached: a process context copy. */
static void epoch_work(struct work_struct *work)
{
	struct mpvpn_crypto *crypto = container_of(work, struct mpvpn_crypto,
						   epoch_work);
	struct mpvpn_keyring *old, *keyring;

	mutex_lock(&crypto->lock);
	old = keyring_locked(crypto);
	if (old && old->encryption == MPVPN_ENCRYPTION_CHACHA20_POLY1305 &&
	    keyring_due(old, atomic64_read(crypto->tx_counter))) {
		keyring = keyring_new(crypto, old->encryption,
				      old->rekey_seconds, old->tx_root,
				      old->rx_root, old);
		/* On failure the old epoch goes on; the next packet retries. */
		if (keyring)
			keyring_replace(crypto, keyring);
	}
	mutex_unlock(&crypto->lock);
}

void mpvpn_crypto_init(struct mpvpn_crypto *crypto, atomic64_t *tx_counter)
{
	RCU_INIT_POINTER(crypto->keyring, NULL);
	crypto->tx_counter = tx_counter;
	mutex_init(&crypto->lock);
	crypto->rekey_seconds = MPVPN_REKEY_SECONDS_DEFAULT;
	INIT_WORK(&crypto->epoch_work, epoch_work);
}

/* After the device stopped sending and receiving. */
void mpvpn_crypto_uninit(struct mpvpn_crypto *crypto)
{
	cancel_work_sync(&crypto->epoch_work);
	mutex_lock(&crypto->lock);
	keyring_replace(crypto, NULL);
	mutex_unlock(&crypto->lock);
	mutex_destroy(&crypto->lock);
}

static int install(struct mpvpn_crypto *crypto, u8 encryption,
		   const u8 *tx_root, const u8 *rx_root)
{
	struct mpvpn_keyring *keyring;

	keyring = keyring_new(crypto, encryption, crypto->rekey_seconds, tx_root,
			      rx_root, NULL);
	if (!keyring)
		return -ENOMEM;
	keyring_replace(crypto, keyring);
	return 0;
}

int mpvpn_crypto_set_plaintext(struct mpvpn_crypto *crypto)
{
	int ret;

	mutex_lock(&crypto->lock);
	ret = install(crypto, MPVPN_ENCRYPTION_NONE, NULL, NULL);
	mutex_unlock(&crypto->lock);
	return ret;
}

int mpvpn_crypto_set_keys(struct mpvpn_crypto *crypto,
			  const u8 tx_root[MPVPN_KEY_LEN],
			  const u8 rx_root[MPVPN_KEY_LEN])
{
	int ret;

	mutex_lock(&crypto->lock);
	ret = install(crypto, MPVPN_ENCRYPTION_CHACHA20_POLY1305, tx_root,
		      rx_root);
	mutex_unlock(&crypto->lock);
	return ret;
}

/* A new epoch length takes effect at once, with keys of the new epochs. */
int mpvpn_crypto_set_rekey(struct mpvpn_crypto *crypto, u32 seconds)
{
	struct mpvpn_keyring *old;
	int ret = 0;

	mutex_lock(&crypto->lock);
	crypto->rekey_seconds = seconds;
	old = keyring_locked(crypto);
	if (old && old->rekey_seconds != seconds)
		ret = install(crypto, old->encryption, old->tx_root,
			      old->rx_root);
	mutex_unlock(&crypto->lock);
	return ret;
}

void mpvpn_crypto_describe(struct mpvpn_crypto *crypto, u8 *encryption,
			   u32 *rekey_seconds, u32 *epoch)
{
	struct mpvpn_keyring *keyring;

	mutex_lock(&crypto->lock);
	keyring = keyring_locked(crypto);
	*encryption = keyring ? keyring->encryption : MPVPN_ENCRYPTION_UNSET;
	*rekey_seconds = crypto->rekey_seconds;
	*epoch = keyring ? keyring->tx.epoch : 0;
	mutex_unlock(&crypto->lock);
}

/*
 * The key slot for the header of a packet about to be sent, 0 for
 * plaintext. @data_counter: 0 for control packets.
 */
u8 mpvpn_crypto_key_slot(struct mpvpn_crypto *crypto,
			 const struct mpvpn_keyring *keyring, u64 data_counter)
{
	if (keyring->encryption != MPVPN_ENCRYPTION_CHACHA20_POLY1305)
		return 0;
	note_epoch(crypto, keyring, data_counter);
	return slot_of(keyring->tx.epoch);
}

/*
 * Makes @skb one private linear buffer with room for the tag: encryption
 * writes in place, and the copies of redundant mode are clones.
 */
int mpvpn_crypto_prepare(const struct mpvpn_keyring *keyring,
			 struct sk_buff *skb)
{
	if (keyring->encryption != MPVPN_ENCRYPTION_CHACHA20_POLY1305)
		return 0;
	if (skb_linearize(skb))
		return -ENOMEM;
	if (skb_cloned(skb) || skb_tailroom(skb) < MPVPN_TAG_LEN)
		return pskb_expand_head(skb, 0, MPVPN_TAG_LEN, GFP_ATOMIC);
	return 0;
}

/*
 * @skb starts with the mpvpn header, built with the key slot, and holds
 * the payload after it; prepared by mpvpn_crypto_prepare().
 */
void mpvpn_crypto_seal(const struct mpvpn_keyring *keyring,
		       struct sk_buff *skb, u8 path_id, u64 counter)
{
	u8 *payload = skb->data + MPVPN_HDR_LEN;
	unsigned int len = skb->len - MPVPN_HDR_LEN;

	if (keyring->encryption != MPVPN_ENCRYPTION_CHACHA20_POLY1305)
		return;
	chacha20poly1305_encrypt(payload, payload, len, skb->data,
				 MPVPN_HDR_LEN, counter,
				 keyring->tx.path[path_id - 1]);
	skb_put(skb, MPVPN_TAG_LEN);
}

/*
 * Checks and decrypts in place a received packet whose mpvpn header is at
 * @offset, leaving the plaintext payload after the header and the tag cut
 * off. Nothing of @skb is trusted unless this returns MPVPN_OPEN_AUTHENTIC
 * (or MPVPN_OPEN_PLAINTEXT, where the operator chose to trust the wire).
 */
enum mpvpn_open_result mpvpn_crypto_open(struct mpvpn_crypto *crypto,
					 struct sk_buff *skb,
					 unsigned int offset,
					 const struct mpvpn_wire_info *info)
{
	struct mpvpn_keyring *keyring = mpvpn_keyring_rcu(crypto);
	u8 slot = info->flags & MPVPN_FLAG_KEY_SLOT_MASK;
	const struct mpvpn_epoch_keys *keys;
	unsigned int len;
	u8 *hdr;

	if (!keyring)
		return MPVPN_OPEN_NO_KEY;
	if (keyring->encryption == MPVPN_ENCRYPTION_NONE)
		return slot ? MPVPN_OPEN_NO_KEY : MPVPN_OPEN_PLAINTEXT;
	if (!slot || !info->path_id || info->path_id > MPVPN_MAX_PATHS ||
	    skb->len < offset + MPVPN_HDR_LEN + MPVPN_TAG_LEN)
		return MPVPN_OPEN_NOT_AUTHENTIC;
	note_epoch(crypto, keyring, 0);
	if (skb_ensure_writable(skb, skb->len))
		return MPVPN_OPEN_NO_MEMORY;

	keys = &keyring->rx[slot - 1];
	hdr = skb->data + offset;
	len = skb->len - offset - MPVPN_HDR_LEN;
	if (!chacha20poly1305_decrypt(hdr + MPVPN_HDR_LEN, hdr + MPVPN_HDR_LEN,
				      len, hdr, MPVPN_HDR_LEN, info->counter,
				      keys->path[info->path_id - 1]))
		return MPVPN_OPEN_NOT_AUTHENTIC;
	skb_trim(skb, skb->len - MPVPN_TAG_LEN);
	/* Whatever checksum the driver computed covered the ciphertext. */
	skb->ip_summed = CHECKSUM_NONE;
	return MPVPN_OPEN_AUTHENTIC;
}

#ifdef MPVPN_KUNIT
#include "tests/crypto_test.c"
#endif
