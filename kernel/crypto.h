/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Authenticated encryption of tunnel packets (Documentation/security.rst).
 *
 * ChaCha20-Poly1305 from the kernel's crypto library, the mpvpn header as
 * associated data, the header's 64-bit counter as nonce. The key of a
 * packet is derived from the sender's root key, the epoch (wall-clock
 * seconds / rekey interval) and the path id the sender put in the header:
 * copies of one packet that redundant mode sends on several paths share a
 * counter, and a key per path keeps every (key, nonce) pair unique.
 */
#ifndef _MPVPN_CRYPTO_H
#define _MPVPN_CRYPTO_H

#include <crypto/chacha20poly1305.h>
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/time64.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/mpvpn.h>

struct mpvpn_device;
struct mpvpn_wire_info;
struct sk_buff;

/*
 * A receiver holds the keys of three epochs, the previous, its current and
 * the next, so that a peer whose clock is up to one epoch ahead or behind
 * is understood and an epoch change loses no packet. The header's key slot
 * names the epoch modulo 3, plus 1 (0 means plaintext).
 */
#define MPVPN_RX_EPOCHS		3

/*
 * Data packets a sender seals under one epoch's keys before it moves on to
 * the next epoch early, without waiting for the clock: at most one epoch
 * ahead, which the receiver holds already. 2^32 packets take over an hour
 * below 1.2 Mpps, so at gateway rates the clock rotates the keys first.
 */
#define MPVPN_REKEY_AFTER_PACKETS	BIT_ULL(32)

struct mpvpn_epoch_keys {
	u32 epoch;
	u8 path[MPVPN_MAX_PATHS][CHACHA20POLY1305_KEY_SIZE];
};

/*
 * What the data path needs to protect packets. Built whole and published
 * with RCU when keys are installed or an epoch begins; never changed in
 * place, so readers need no lock.
 */
struct mpvpn_keyring {
	u8 encryption;			/* enum mpvpn_encryption */
	u32 rekey_seconds;
	time64_t next_epoch_at;		/* wall clock, seconds */
	u64 rekey_at_counter;		/* data counter that wears the key out */
	struct mpvpn_epoch_keys tx;
	struct mpvpn_epoch_keys rx[MPVPN_RX_EPOCHS];	/* by epoch % 3 */
	u8 tx_root[MPVPN_KEY_LEN];
	u8 rx_root[MPVPN_KEY_LEN];
	struct rcu_head rcu;
};

/*
 * Per device. @keyring is written under @lock (netlink, and the work that
 * starts each epoch, which must not wait for RTNL), read under RCU.
 */
struct mpvpn_crypto {
	struct mpvpn_keyring __rcu *keyring;
	atomic64_t *tx_counter;		/* the device's data counter */
	struct mutex lock;		/* writers of the two fields around */
	u32 rekey_seconds;		/* @lock */
	struct work_struct epoch_work;
};

enum mpvpn_open_result {
	MPVPN_OPEN_AUTHENTIC,		/* and decrypted */
	MPVPN_OPEN_PLAINTEXT,		/* the device is set to plaintext */
	MPVPN_OPEN_NO_KEY,		/* not configured, or plaintext mismatch */
	MPVPN_OPEN_NOT_AUTHENTIC,
	MPVPN_OPEN_NO_MEMORY,
};

void mpvpn_crypto_init(struct mpvpn_crypto *crypto, atomic64_t *tx_counter);
void mpvpn_crypto_uninit(struct mpvpn_crypto *crypto);

int mpvpn_crypto_set_plaintext(struct mpvpn_crypto *crypto);
int mpvpn_crypto_set_keys(struct mpvpn_crypto *crypto,
			  const u8 tx_root[MPVPN_KEY_LEN],
			  const u8 rx_root[MPVPN_KEY_LEN]);
int mpvpn_crypto_set_rekey(struct mpvpn_crypto *crypto, u32 seconds);
void mpvpn_crypto_describe(struct mpvpn_crypto *crypto, u8 *encryption,
			   u32 *rekey_seconds, u32 *epoch);

/* Hot path, under rcu_read_lock (BH). */
static inline struct mpvpn_keyring *
mpvpn_keyring_rcu(struct mpvpn_crypto *crypto)
{
	return rcu_dereference_bh(crypto->keyring);
}

u8 mpvpn_crypto_key_slot(struct mpvpn_crypto *crypto,
			 const struct mpvpn_keyring *keyring, u64 data_counter);
int mpvpn_crypto_prepare(const struct mpvpn_keyring *keyring,
			 struct sk_buff *skb);
void mpvpn_crypto_seal(const struct mpvpn_keyring *keyring,
		       struct sk_buff *skb, u8 path_id, u64 counter);
enum mpvpn_open_result mpvpn_crypto_open(struct mpvpn_crypto *crypto,
					 struct sk_buff *skb,
					 unsigned int offset,
					 const struct mpvpn_wire_info *info);

#endif /* _MPVPN_CRYPTO_H */
