// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the key schedule, sealing and opening. Included at the end of
 * crypto.c in the test build. Two keyrings with mirrored roots stand for
 * the two gateways.
 */

#include <kunit/test.h>
#include <linux/udp.h>

#define TEST_REKEY	60
#define TEST_NOW	((time64_t)1000 * TEST_REKEY + 7)	/* epoch 1000 */
#define TEST_PAYLOAD	40
#define TEST_COUNTER	0x0123456789abcdefULL

static struct mpvpn_keyring *test_keyring(struct kunit *test, u8 tx_fill,
					  u8 rx_fill, time64_t now)
{
	struct mpvpn_keyring *keyring;

	keyring = kunit_kzalloc(test, sizeof(*keyring), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, keyring);
	keyring->encryption = MPVPN_ENCRYPTION_CHACHA20_POLY1305;
	keyring->rekey_seconds = TEST_REKEY;
	memset(keyring->tx_root, tx_fill, MPVPN_KEY_LEN);
	memset(keyring->rx_root, rx_fill, MPVPN_KEY_LEN);
	keyring_fill(keyring, now, 0, false, 0);
	return keyring;
}

/*
 * The test's clock is not the wall clock, which is always past the test
 * keyrings' epochs: the work that would start the next one does nothing.
 */
static void test_epoch_work(struct work_struct *work)
{
}

/* A receiver whose keyring the test owns: never replaced or freed here. */
static struct mpvpn_crypto *test_receiver(struct kunit *test,
					  struct mpvpn_keyring *keyring)
{
	struct mpvpn_crypto *crypto;

	crypto = kunit_kzalloc(test, sizeof(*crypto), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, crypto);
	RCU_INIT_POINTER(crypto->keyring, keyring);
	INIT_WORK(&crypto->epoch_work, test_epoch_work);
	mutex_init(&crypto->lock);
	return crypto;
}

/* Before the test's memory goes: the work may have been queued. */
static void release_receiver(struct mpvpn_crypto *crypto)
{
	cancel_work_sync(&crypto->epoch_work);
}

/* A sealed packet as the receiver sees it: UDP header, mpvpn header, payload. */
static struct sk_buff *sealed_packet(struct kunit *test,
				     const struct mpvpn_keyring *sender,
				     u8 path_id, struct mpvpn_wire_info *info)
{
	struct sk_buff *skb = alloc_skb(256, GFP_KERNEL);
	unsigned int i;
	u8 *payload;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 64);
	payload = skb_put(skb, TEST_PAYLOAD);
	for (i = 0; i < TEST_PAYLOAD; i++)
		payload[i] = i;
	*info = (struct mpvpn_wire_info) {
		.type = MPVPN_PKT_DATA,
		.flags = slot_of(sender->tx.epoch),
		.path_id = path_id,
		.tunnel_id = 1,
		.counter = TEST_COUNTER,
		.path_seq = 7,
	};
	KUNIT_ASSERT_EQ(test, mpvpn_crypto_prepare(sender, skb), 0);
	mpvpn_wire_build(skb_push(skb, MPVPN_HDR_LEN), info);
	mpvpn_crypto_seal(sender, skb, path_id, info->counter);
	memset(skb_push(skb, sizeof(struct udphdr)), 0, sizeof(struct udphdr));
	return skb;
}

static enum mpvpn_open_result open_packet(struct mpvpn_crypto *receiver,
					  struct sk_buff *skb,
					  const struct mpvpn_wire_info *info)
{
	enum mpvpn_open_result result;

	rcu_read_lock_bh();
	result = mpvpn_crypto_open(receiver, skb, sizeof(struct udphdr), info);
	rcu_read_unlock_bh();
	return result;
}

static void crypto_roundtrip(struct kunit *test)
{
	struct mpvpn_keyring *a = test_keyring(test, 1, 2, TEST_NOW);
	struct mpvpn_crypto *b = test_receiver(test,
					       test_keyring(test, 2, 1, TEST_NOW));
	struct mpvpn_wire_info info;
	struct sk_buff *skb = sealed_packet(test, a, 3, &info);
	const u8 *payload;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, skb->len, sizeof(struct udphdr) + MPVPN_HDR_LEN +
			TEST_PAYLOAD + MPVPN_TAG_LEN);
	/* The payload on the wire is not the plaintext. */
	payload = skb->data + sizeof(struct udphdr) + MPVPN_HDR_LEN;
	KUNIT_EXPECT_NE(test, memcmp(payload, "\x00\x01\x02\x03", 4), 0);

	KUNIT_EXPECT_EQ(test, open_packet(b, skb, &info), MPVPN_OPEN_AUTHENTIC);
	KUNIT_EXPECT_EQ(test, skb->len, sizeof(struct udphdr) + MPVPN_HDR_LEN +
			TEST_PAYLOAD);
	payload = skb->data + sizeof(struct udphdr) + MPVPN_HDR_LEN;
	for (i = 0; i < TEST_PAYLOAD; i++)
		KUNIT_EXPECT_EQ(test, payload[i], i);
	kfree_skb(skb);
	release_receiver(b);
}

/* Any changed bit, in the header, the payload or the tag, is refused. */
static void crypto_tamper(struct kunit *test)
{
	struct mpvpn_keyring *a = test_keyring(test, 1, 2, TEST_NOW);
	struct mpvpn_crypto *b = test_receiver(test,
					       test_keyring(test, 2, 1, TEST_NOW));
	unsigned int offsets[] = {
		sizeof(struct udphdr) + 19,		/* path sequence */
		sizeof(struct udphdr) + MPVPN_HDR_LEN + 5,	/* payload */
		sizeof(struct udphdr) + MPVPN_HDR_LEN + TEST_PAYLOAD + 15,
	};
	struct mpvpn_wire_info info;
	struct sk_buff *skb;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(offsets); i++) {
		skb = sealed_packet(test, a, 3, &info);
		skb->data[offsets[i]] ^= 0x10;
		KUNIT_EXPECT_EQ(test, open_packet(b, skb, &info),
				MPVPN_OPEN_NOT_AUTHENTIC);
		kfree_skb(skb);
	}
	/* Another path's key, or none at all. */
	skb = sealed_packet(test, a, 3, &info);
	info.path_id = 4;
	KUNIT_EXPECT_EQ(test, open_packet(b, skb, &info),
			MPVPN_OPEN_NOT_AUTHENTIC);
	info.path_id = MPVPN_MAX_PATHS + 1;
	KUNIT_EXPECT_EQ(test, open_packet(b, skb, &info),
			MPVPN_OPEN_NOT_AUTHENTIC);
	info.path_id = 3;
	info.flags = 0;
	KUNIT_EXPECT_EQ(test, open_packet(b, skb, &info),
			MPVPN_OPEN_NOT_AUTHENTIC);
	kfree_skb(skb);
	/* The wrong direction's root: a reflected packet. */
	skb = sealed_packet(test, test_keyring(test, 2, 1, TEST_NOW), 3, &info);
	KUNIT_EXPECT_EQ(test, open_packet(b, skb, &info),
			MPVPN_OPEN_NOT_AUTHENTIC);
	kfree_skb(skb);
	release_receiver(b);
}

/* A peer one epoch ahead or behind is understood; two epochs are too far. */
static void crypto_epochs(struct kunit *test)
{
	struct mpvpn_crypto *b = test_receiver(test,
					       test_keyring(test, 2, 1, TEST_NOW));
	struct {
		time64_t sender_now;
		enum mpvpn_open_result expected;
	} cases[] = {
		{ TEST_NOW - TEST_REKEY, MPVPN_OPEN_AUTHENTIC },
		{ TEST_NOW + TEST_REKEY, MPVPN_OPEN_AUTHENTIC },
		{ TEST_NOW + 2 * TEST_REKEY, MPVPN_OPEN_NOT_AUTHENTIC },
		{ TEST_NOW - 2 * TEST_REKEY, MPVPN_OPEN_NOT_AUTHENTIC },
	};
	struct mpvpn_keyring *a;
	struct mpvpn_wire_info info;
	struct sk_buff *skb;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		a = test_keyring(test, 1, 2, cases[i].sender_now);
		skb = sealed_packet(test, a, 1, &info);
		KUNIT_EXPECT_EQ_MSG(test, open_packet(b, skb, &info),
				    cases[i].expected, "case %u", i);
		kfree_skb(skb);
	}
	release_receiver(b);
}

/* Copies on two paths share a counter but not a key. */
static void crypto_path_keys_differ(struct kunit *test)
{
	struct mpvpn_keyring *a = test_keyring(test, 1, 2, TEST_NOW);

	KUNIT_EXPECT_NE(test, memcmp(a->tx.path[0], a->tx.path[1],
				     CHACHA20POLY1305_KEY_SIZE), 0);
	KUNIT_EXPECT_EQ(test, a->next_epoch_at, (time64_t)1001 * TEST_REKEY);
}

/*
 * A worn-out key moves the sender one epoch ahead of the clock, never two;
 * a sender ahead stays there until the clock catches up; one left behind
 * by a clock set back follows the clock.
 */
static void crypto_rekey_after_packets(struct kunit *test)
{
	struct mpvpn_keyring *a = test_keyring(test, 1, 2, TEST_NOW);
	struct mpvpn_keyring *now_ring;

	KUNIT_EXPECT_EQ(test, tx_epoch_for(1000, 999, false), 1000);
	KUNIT_EXPECT_EQ(test, tx_epoch_for(1000, 1000, false), 1000);
	KUNIT_EXPECT_EQ(test, tx_epoch_for(1000, 1000, true), 1001);
	KUNIT_EXPECT_EQ(test, tx_epoch_for(1000, 1001, false), 1001);
	KUNIT_EXPECT_EQ(test, tx_epoch_for(1000, 1001, true), 1001);
	KUNIT_EXPECT_EQ(test, tx_epoch_for(1001, 1001, false), 1001);
	KUNIT_EXPECT_EQ(test, tx_epoch_for(1000, 1500, true), 1000);

	/* On the wall clock, with a day to go: only the count is due. */
	now_ring = kunit_kzalloc(test, sizeof(*now_ring), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, now_ring);
	now_ring->rekey_seconds = MPVPN_REKEY_SECONDS_MAX;
	keyring_fill(now_ring, ktime_get_real_seconds(), 0, false, 100);
	KUNIT_EXPECT_FALSE(test, keyring_due(now_ring,
					     100 + MPVPN_REKEY_AFTER_PACKETS - 1));
	KUNIT_EXPECT_TRUE(test, keyring_due(now_ring,
					    100 + MPVPN_REKEY_AFTER_PACKETS));
	/* Its keys are the next epoch's, which the peer holds. */
	keyring_fill(a, TEST_NOW, 1000, true, 5);
	KUNIT_EXPECT_EQ(test, a->tx.epoch, 1001);
	KUNIT_EXPECT_EQ(test, a->rekey_at_counter,
			5 + MPVPN_REKEY_AFTER_PACKETS);
}

static void crypto_plaintext_and_unset(struct kunit *test)
{
	struct mpvpn_keyring *plain = kunit_kzalloc(test, sizeof(*plain),
						    GFP_KERNEL);
	struct mpvpn_crypto *unset = test_receiver(test, NULL);
	struct mpvpn_crypto *b;
	struct mpvpn_wire_info info = { .type = MPVPN_PKT_DATA, .path_id = 1 };
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, plain);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	plain->encryption = MPVPN_ENCRYPTION_NONE;
	b = test_receiver(test, plain);
	skb_put_zero(skb, sizeof(struct udphdr) + MPVPN_HDR_LEN + 20);
	KUNIT_EXPECT_EQ(test, open_packet(b, skb, &info), MPVPN_OPEN_PLAINTEXT);
	KUNIT_EXPECT_EQ(test, open_packet(unset, skb, &info), MPVPN_OPEN_NO_KEY);
	info.flags = 1;
	KUNIT_EXPECT_EQ(test, open_packet(b, skb, &info), MPVPN_OPEN_NO_KEY);
	KUNIT_EXPECT_EQ(test, mpvpn_crypto_key_slot(b, plain, 1), 0);
	kfree_skb(skb);
	release_receiver(b);
	release_receiver(unset);
}

static struct kunit_case mpvpn_crypto_cases[] = {
	KUNIT_CASE(crypto_roundtrip),
	KUNIT_CASE(crypto_tamper),
	KUNIT_CASE(crypto_epochs),
	KUNIT_CASE(crypto_path_keys_differ),
	KUNIT_CASE(crypto_rekey_after_packets),
	KUNIT_CASE(crypto_plaintext_and_unset),
	{}
};

static struct kunit_suite mpvpn_crypto_suite = {
	.name = "mpvpn_crypto",
	.test_cases = mpvpn_crypto_cases,
};

kunit_test_suite(mpvpn_crypto_suite);
