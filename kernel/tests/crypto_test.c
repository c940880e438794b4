// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: sealing and opening under a session. Included at the end of
 * crypto.c in the test build. Two sessions with mirrored keys stand for
 * the two ends of one handshake.
 */

#include <kunit/test.h>
#include <linux/random.h>
#include <linux/udp.h>

#define TEST_PAYLOAD	40
#define TEST_COUNTER	0x0123456789abcdefULL

/* The two ends of a session: @a sends what @b receives, and back. */
struct session_pair {
	struct mpvpn_session *a;
	struct mpvpn_session *b;
};

static void put_pair(struct session_pair *pair)
{
	mpvpn_session_put(pair->a);
	mpvpn_session_put(pair->b);
}

static struct session_pair *test_pair(struct kunit *test)
{
	struct session_pair *pair = kunit_kzalloc(test, sizeof(*pair),
						  GFP_KERNEL);
	struct mpvpn_session_keys keys, mirrored;

	KUNIT_ASSERT_NOT_NULL(test, pair);
	get_random_bytes(&keys, sizeof(keys));
	memcpy(mirrored.send, keys.receive, sizeof(mirrored.send));
	memcpy(mirrored.receive, keys.send, sizeof(mirrored.receive));
	pair->a = mpvpn_session_create(&keys, true, 1, 2, 0);
	pair->b = mpvpn_session_create(&mirrored, false, 2, 1, 0);
	KUNIT_ASSERT_NOT_NULL(test, pair->a);
	KUNIT_ASSERT_NOT_NULL(test, pair->b);
	return pair;
}

/* A sealed packet as the receiver sees it: UDP header, mpvpn header, payload. */
static struct sk_buff *sealed_packet(struct kunit *test,
				     const struct mpvpn_session *sender,
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
		.flags = sender->remote_slot,
		.path_id = path_id,
		.tunnel_id = 1,
		.counter = TEST_COUNTER,
		.path_seq = 7,
	};
	KUNIT_ASSERT_EQ(test, mpvpn_crypto_prepare(skb), 0);
	mpvpn_wire_build(skb_push(skb, MPVPN_HDR_LEN), info);
	mpvpn_crypto_seal(sender, skb, path_id, info->counter);
	memset(skb_push(skb, sizeof(struct udphdr)), 0, sizeof(struct udphdr));
	return skb;
}

static enum mpvpn_open_result open_packet(const struct mpvpn_session *receiver,
					  struct sk_buff *skb,
					  const struct mpvpn_wire_info *info)
{
	return mpvpn_crypto_open(receiver, skb, sizeof(struct udphdr), info);
}

static void crypto_roundtrip(struct kunit *test)
{
	struct session_pair *pair = test_pair(test);
	struct mpvpn_wire_info info;
	struct sk_buff *skb = sealed_packet(test, pair->a, 3, &info);
	const u8 *payload;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, skb->len, sizeof(struct udphdr) + MPVPN_HDR_LEN +
			TEST_PAYLOAD + MPVPN_TAG_LEN);
	/* The header names the receiver's slot. */
	KUNIT_EXPECT_EQ(test, info.flags & MPVPN_FLAG_KEY_SLOT_MASK,
			pair->b->local_slot);
	/* The payload on the wire is not the plaintext. */
	payload = skb->data + sizeof(struct udphdr) + MPVPN_HDR_LEN;
	KUNIT_EXPECT_NE(test, memcmp(payload, "\x00\x01\x02\x03", 4), 0);

	KUNIT_EXPECT_EQ(test, open_packet(pair->b, skb, &info),
			MPVPN_OPEN_AUTHENTIC);
	KUNIT_EXPECT_EQ(test, skb->len, sizeof(struct udphdr) + MPVPN_HDR_LEN +
			TEST_PAYLOAD);
	payload = skb->data + sizeof(struct udphdr) + MPVPN_HDR_LEN;
	for (i = 0; i < TEST_PAYLOAD; i++)
		KUNIT_EXPECT_EQ(test, payload[i], i);
	kfree_skb(skb);

	/* And the other way. */
	skb = sealed_packet(test, pair->b, 1, &info);
	KUNIT_EXPECT_EQ(test, open_packet(pair->a, skb, &info),
			MPVPN_OPEN_AUTHENTIC);
	kfree_skb(skb);
	put_pair(pair);
}

/* Any changed bit, in the header, the payload or the tag, is refused. */
static void crypto_tamper(struct kunit *test)
{
	struct session_pair *pair = test_pair(test);
	unsigned int offsets[] = {
		sizeof(struct udphdr) + 19,		/* path sequence */
		sizeof(struct udphdr) + MPVPN_HDR_LEN + 5,	/* payload */
		sizeof(struct udphdr) + MPVPN_HDR_LEN + TEST_PAYLOAD + 15,
	};
	struct mpvpn_wire_info info;
	struct sk_buff *skb;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(offsets); i++) {
		skb = sealed_packet(test, pair->a, 3, &info);
		skb->data[offsets[i]] ^= 0x10;
		KUNIT_EXPECT_EQ(test, open_packet(pair->b, skb, &info),
				MPVPN_OPEN_NOT_AUTHENTIC);
		kfree_skb(skb);
	}
	/* Another path's key, or none at all. */
	skb = sealed_packet(test, pair->a, 3, &info);
	info.path_id = 4;
	KUNIT_EXPECT_EQ(test, open_packet(pair->b, skb, &info),
			MPVPN_OPEN_NOT_AUTHENTIC);
	info.path_id = MPVPN_MAX_PATHS + 1;
	KUNIT_EXPECT_EQ(test, open_packet(pair->b, skb, &info),
			MPVPN_OPEN_NOT_AUTHENTIC);
	info.path_id = 0;
	KUNIT_EXPECT_EQ(test, open_packet(pair->b, skb, &info),
			MPVPN_OPEN_NOT_AUTHENTIC);
	kfree_skb(skb);
	/* A reflected packet: the sender's own direction. */
	skb = sealed_packet(test, pair->a, 3, &info);
	KUNIT_EXPECT_EQ(test, open_packet(pair->a, skb, &info),
			MPVPN_OPEN_NOT_AUTHENTIC);
	kfree_skb(skb);
	put_pair(pair);
}

/* Another session's keys, even with the same slots, open nothing. */
static void crypto_sessions_differ(struct kunit *test)
{
	struct session_pair *one = test_pair(test), *two = test_pair(test);
	struct mpvpn_wire_info info;
	struct sk_buff *skb;

	skb = sealed_packet(test, one->a, 2, &info);
	KUNIT_EXPECT_EQ(test, open_packet(two->b, skb, &info),
			MPVPN_OPEN_NOT_AUTHENTIC);
	kfree_skb(skb);
	put_pair(one);
	put_pair(two);
}

/* Copies on two paths share a counter but not a key. */
static void crypto_path_keys_differ(struct kunit *test)
{
	struct session_pair *pair = test_pair(test);
	struct mpvpn_wire_info info1, info2;
	struct sk_buff *one = sealed_packet(test, pair->a, 1, &info1);
	struct sk_buff *two = sealed_packet(test, pair->a, 2, &info2);
	unsigned int off = sizeof(struct udphdr) + MPVPN_HDR_LEN;

	KUNIT_EXPECT_NE(test, memcmp(one->data + off, two->data + off,
				     TEST_PAYLOAD), 0);
	KUNIT_EXPECT_EQ(test, open_packet(pair->b, one, &info1),
			MPVPN_OPEN_AUTHENTIC);
	KUNIT_EXPECT_EQ(test, open_packet(pair->b, two, &info2),
			MPVPN_OPEN_AUTHENTIC);
	kfree_skb(one);
	kfree_skb(two);
	put_pair(pair);
}

/* A shared clone (redundant mode's copy) is sealed in a private copy. */
static void crypto_prepare_unshares(struct kunit *test)
{
	struct session_pair *pair = test_pair(test);
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL), *clone;
	struct mpvpn_wire_info info = {
		.type = MPVPN_PKT_DATA,
		.flags = pair->a->remote_slot,
		.path_id = 1,
		.tunnel_id = 1,
	};

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 64);
	memset(skb_put(skb, TEST_PAYLOAD), 0x5a, TEST_PAYLOAD);
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_ASSERT_EQ(test, mpvpn_crypto_prepare(clone), 0);
	mpvpn_wire_build(skb_push(clone, MPVPN_HDR_LEN), &info);
	mpvpn_crypto_seal(pair->a, clone, 1, 0);
	/* The original is untouched. */
	KUNIT_EXPECT_EQ(test, skb->data[0], 0x5a);
	KUNIT_EXPECT_EQ(test, skb->len, TEST_PAYLOAD);
	kfree_skb(clone);
	kfree_skb(skb);
	put_pair(pair);
}

static struct kunit_case mpvpn_crypto_cases[] = {
	KUNIT_CASE(crypto_roundtrip),
	KUNIT_CASE(crypto_tamper),
	KUNIT_CASE(crypto_sessions_differ),
	KUNIT_CASE(crypto_path_keys_differ),
	KUNIT_CASE(crypto_prepare_unshares),
	{}
};

static struct kunit_suite mpvpn_crypto_suite = {
	.name = "mpvpn_crypto",
	.test_cases = mpvpn_crypto_cases,
};

kunit_test_suite(mpvpn_crypto_suite);
