// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the wire header and the inner packet check. Included at the end of
 * wire.c in the test build.
 */

#include <kunit/test.h>

static const struct mpvpn_wire_info sample_info = {
	.type = MPVPN_PKT_DATA,
	.flags = 0,
	.path_id = 7,
	.tunnel_id = 0xdeadbeef,
	.counter = 0x0123456789abcdefULL,
	.path_seq = 0xfffffffe,
};

static void wire_roundtrip(struct kunit *test)
{
	struct mpvpn_wire_info out;
	struct mpvpn_hdr hdr;

	mpvpn_wire_build(&hdr, &sample_info);
	KUNIT_ASSERT_EQ(test, mpvpn_wire_parse(&hdr, sizeof(hdr), &out),
			MPVPN_WIRE_OK);
	KUNIT_EXPECT_EQ(test, out.type, sample_info.type);
	KUNIT_EXPECT_EQ(test, out.path_id, sample_info.path_id);
	KUNIT_EXPECT_EQ(test, out.tunnel_id, sample_info.tunnel_id);
	KUNIT_EXPECT_EQ(test, out.counter, sample_info.counter);
	KUNIT_EXPECT_EQ(test, out.path_seq, sample_info.path_seq);
}

/* The byte layout is an interface: Documentation/wire-format.rst. */
static void wire_layout(struct kunit *test)
{
	static const u8 expect[MPVPN_HDR_LEN] = {
		0x02, 0x01, 0x00, 0x07,			/* ver, type, flags, path */
		0xde, 0xad, 0xbe, 0xef,			/* tunnel id */
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, /* counter */
		0xff, 0xff, 0xff, 0xfe,			/* path sequence */
	};
	struct mpvpn_hdr hdr;

	mpvpn_wire_build(&hdr, &sample_info);
	KUNIT_EXPECT_EQ(test, memcmp(&hdr, expect, sizeof(expect)), 0);
}

static void wire_rejects_short(struct kunit *test)
{
	struct mpvpn_wire_info out;
	struct mpvpn_hdr hdr;
	unsigned int len;

	mpvpn_wire_build(&hdr, &sample_info);
	for (len = 0; len < MPVPN_HDR_LEN; len++)
		KUNIT_EXPECT_EQ(test, mpvpn_wire_parse(&hdr, len, &out),
				MPVPN_WIRE_SHORT);
}

static void wire_rejects_version(struct kunit *test)
{
	struct mpvpn_wire_info out;
	struct mpvpn_hdr hdr;

	mpvpn_wire_build(&hdr, &sample_info);
	hdr.version = 0;
	KUNIT_EXPECT_EQ(test, mpvpn_wire_parse(&hdr, sizeof(hdr), &out),
			MPVPN_WIRE_BAD_VERSION);
	/* Version 1: a peer of the keys from a pre-shared key and the clock. */
	hdr.version = 1;
	KUNIT_EXPECT_EQ(test, mpvpn_wire_parse(&hdr, sizeof(hdr), &out),
			MPVPN_WIRE_BAD_VERSION);
	hdr.version = 3;
	KUNIT_EXPECT_EQ(test, mpvpn_wire_parse(&hdr, sizeof(hdr), &out),
			MPVPN_WIRE_BAD_VERSION);
}

static void wire_rejects_type_and_flags(struct kunit *test)
{
	struct mpvpn_wire_info info = sample_info, out;
	struct mpvpn_hdr hdr;
	unsigned int bit;
	int type;

	for (type = 0; type < 256; type++) {
		info.type = type;
		info.counter = sample_info.counter |
			       (type == MPVPN_PKT_DATA ? 0 : MPVPN_COUNTER_CONTROL);
		mpvpn_wire_build(&hdr, &info);
		KUNIT_EXPECT_EQ(test, mpvpn_wire_parse(&hdr, sizeof(hdr), &out),
				type >= MPVPN_PKT_DATA &&
				type <= MPVPN_PKT_PMTU_REPLY ?
				MPVPN_WIRE_OK : MPVPN_WIRE_BAD_HEADER);
	}
	for (bit = 0; bit < 8; bit++) {
		mpvpn_wire_build(&hdr, &sample_info);
		hdr.flags = BIT(bit);
		KUNIT_EXPECT_EQ(test, mpvpn_wire_parse(&hdr, sizeof(hdr), &out),
				BIT(bit) & MPVPN_FLAGS_KNOWN ?
				MPVPN_WIRE_OK : MPVPN_WIRE_BAD_HEADER);
	}
}

/* Data counts in the data space, probes in the control space. */
static void wire_counter_spaces(struct kunit *test)
{
	struct mpvpn_wire_info info = sample_info, out;
	struct mpvpn_hdr hdr;

	info.counter |= MPVPN_COUNTER_CONTROL;
	mpvpn_wire_build(&hdr, &info);
	KUNIT_EXPECT_EQ(test, mpvpn_wire_parse(&hdr, sizeof(hdr), &out),
			MPVPN_WIRE_BAD_HEADER);
	info.type = MPVPN_PKT_PROBE;
	mpvpn_wire_build(&hdr, &info);
	KUNIT_EXPECT_EQ(test, mpvpn_wire_parse(&hdr, sizeof(hdr), &out),
			MPVPN_WIRE_OK);
	info.flags = MPVPN_FLAG_SEQUENCED;
	mpvpn_wire_build(&hdr, &info);
	KUNIT_EXPECT_EQ(test, mpvpn_wire_parse(&hdr, sizeof(hdr), &out),
			MPVPN_WIRE_BAD_HEADER);
	info = sample_info;
	info.type = MPVPN_PKT_PROBE_REPLY;
	mpvpn_wire_build(&hdr, &info);
	KUNIT_EXPECT_EQ(test, mpvpn_wire_parse(&hdr, sizeof(hdr), &out),
			MPVPN_WIRE_BAD_HEADER);
}

static void probe_roundtrip_and_rejects(struct kunit *test)
{
	const struct mpvpn_probe_info in = {
		.probe_id = 0xfedcba98,
		.ack_seq = 0x01020304,
		.sent_ns = 0x0a0b0c0d0e0f1011ULL,
	};
	struct mpvpn_probe_info out = { 0 };
	u8 buf[MPVPN_PROBE_BODY_LEN + 1] = { 0 };

	mpvpn_probe_build((struct mpvpn_probe_body *)buf, &in);
	KUNIT_EXPECT_EQ(test, buf[0], 0xfe);	/* network order */
	KUNIT_EXPECT_EQ(test, buf[7], 0x04);
	KUNIT_EXPECT_EQ(test, buf[8], 0x0a);
	KUNIT_EXPECT_EQ(test, buf[15], 0x11);
	KUNIT_ASSERT_EQ(test, mpvpn_probe_parse(buf, MPVPN_PROBE_BODY_LEN, &out),
			MPVPN_WIRE_OK);
	KUNIT_EXPECT_EQ(test, out.probe_id, in.probe_id);
	KUNIT_EXPECT_EQ(test, out.ack_seq, in.ack_seq);
	KUNIT_EXPECT_EQ(test, out.sent_ns, in.sent_ns);

	KUNIT_EXPECT_EQ(test, mpvpn_probe_parse(buf, MPVPN_PROBE_BODY_LEN - 1,
						&out), MPVPN_WIRE_SHORT);
	KUNIT_EXPECT_EQ(test, mpvpn_probe_parse(buf, MPVPN_PROBE_BODY_LEN + 1,
						&out), MPVPN_WIRE_BAD_HEADER);
}

static void inner_accepts_v4_v6(struct kunit *test)
{
	u8 pkt[64] = { 0x45, 0, 0, 40 };	/* IPv4, ihl 5, tot_len 40 */
	unsigned int inner_len = 0;
	__be16 proto = 0;

	KUNIT_EXPECT_EQ(test, mpvpn_inner_check(pkt, 20, 64, &proto, &inner_len),
			MPVPN_WIRE_OK);
	KUNIT_EXPECT_EQ(test, ntohs(proto), ETH_P_IP);
	KUNIT_EXPECT_EQ(test, inner_len, 40U);

	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 0x60;
	pkt[5] = 8;				/* payload_len 8 */
	KUNIT_EXPECT_EQ(test, mpvpn_inner_check(pkt, 40, 64, &proto, &inner_len),
			MPVPN_WIRE_OK);
	KUNIT_EXPECT_EQ(test, ntohs(proto), ETH_P_IPV6);
	KUNIT_EXPECT_EQ(test, inner_len, 48U);
}

static void inner_rejects_malformed(struct kunit *test)
{
	u8 pkt[64] = { 0x45, 0, 0, 40 };
	unsigned int inner_len;
	__be16 proto;

	/* Longer than what arrived. */
	KUNIT_EXPECT_EQ(test, mpvpn_inner_check(pkt, 20, 39, &proto, &inner_len),
			MPVPN_WIRE_BAD_HEADER);
	/* Header length below the minimum, total below the header. */
	pkt[0] = 0x44;
	KUNIT_EXPECT_EQ(test, mpvpn_inner_check(pkt, 20, 64, &proto, &inner_len),
			MPVPN_WIRE_BAD_HEADER);
	pkt[0] = 0x4f;
	KUNIT_EXPECT_EQ(test, mpvpn_inner_check(pkt, 20, 64, &proto, &inner_len),
			MPVPN_WIRE_BAD_HEADER);
	/* Truncated headers, empty payload, unknown version. */
	pkt[0] = 0x45;
	KUNIT_EXPECT_EQ(test, mpvpn_inner_check(pkt, 19, 64, &proto, &inner_len),
			MPVPN_WIRE_SHORT);
	pkt[0] = 0x60;
	KUNIT_EXPECT_EQ(test, mpvpn_inner_check(pkt, 39, 64, &proto, &inner_len),
			MPVPN_WIRE_SHORT);
	KUNIT_EXPECT_EQ(test, mpvpn_inner_check(pkt, 0, 0, &proto, &inner_len),
			MPVPN_WIRE_SHORT);
	pkt[0] = 0x50;
	KUNIT_EXPECT_EQ(test, mpvpn_inner_check(pkt, 40, 64, &proto, &inner_len),
			MPVPN_WIRE_BAD_HEADER);
}

#ifdef MPVPN_HARNESS_SELFTEST
/* Must be reported as a failure by tests/vm/run (tests/vm/selftest). */
static void harness_selftest_fails(struct kunit *test)
{
	KUNIT_FAIL(test, "deliberate failure of the harness self-test");
}

/*
 * Failed expectations whose messages overflow the case's log: the
 * harness once lost such a case's result (tests/vm/init).
 */
static void harness_selftest_fails_long(struct kunit *test)
{
	int i;

	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_EQ_MSG(test, i, -1,
				    "deliberate failure %d of the harness self-test, long enough to fill the log",
				    i);
}
#endif

/* A padded probe takes any padding; an answer is its body alone. */
static void pmtu_body_roundtrip_and_rejects(struct kunit *test)
{
	const struct mpvpn_pmtu_info in = { .probe_id = 0xdeadbeef, .size = 1280 };
	struct mpvpn_pmtu_info out;
	u8 buf[MPVPN_PMTU_BODY_LEN + 32] = { 0 };

	mpvpn_pmtu_body_build((struct mpvpn_pmtu_body *)buf, &in);
	KUNIT_EXPECT_EQ(test, buf[0], 0xde);
	KUNIT_EXPECT_EQ(test, buf[4], 1280 >> 8);
	KUNIT_EXPECT_EQ(test, buf[5], 1280 & 0xff);
	KUNIT_EXPECT_EQ(test, mpvpn_pmtu_body_parse(MPVPN_PKT_PMTU_PROBE, buf,
						    sizeof(buf), &out),
			MPVPN_WIRE_OK);
	KUNIT_EXPECT_EQ(test, out.probe_id, in.probe_id);
	KUNIT_EXPECT_EQ(test, out.size, in.size);
	KUNIT_EXPECT_EQ(test, mpvpn_pmtu_body_parse(MPVPN_PKT_PMTU_REPLY, buf,
						    MPVPN_PMTU_BODY_LEN, &out),
			MPVPN_WIRE_OK);
	KUNIT_EXPECT_EQ(test, mpvpn_pmtu_body_parse(MPVPN_PKT_PMTU_REPLY, buf,
						    MPVPN_PMTU_BODY_LEN + 1, &out),
			MPVPN_WIRE_BAD_HEADER);
	KUNIT_EXPECT_EQ(test, mpvpn_pmtu_body_parse(MPVPN_PKT_PMTU_PROBE, buf,
						    MPVPN_PMTU_BODY_LEN - 1, &out),
			MPVPN_WIRE_SHORT);
}

static struct kunit_case mpvpn_wire_cases[] = {
#ifdef MPVPN_HARNESS_SELFTEST
	KUNIT_CASE(harness_selftest_fails),
	KUNIT_CASE(harness_selftest_fails_long),
#endif
	KUNIT_CASE(wire_roundtrip),
	KUNIT_CASE(wire_layout),
	KUNIT_CASE(wire_rejects_short),
	KUNIT_CASE(wire_rejects_version),
	KUNIT_CASE(wire_rejects_type_and_flags),
	KUNIT_CASE(wire_counter_spaces),
	KUNIT_CASE(probe_roundtrip_and_rejects),
	KUNIT_CASE(pmtu_body_roundtrip_and_rejects),
	KUNIT_CASE(inner_accepts_v4_v6),
	KUNIT_CASE(inner_rejects_malformed),
	{}
};

static struct kunit_suite mpvpn_wire_suite = {
	.name = "mpvpn_wire",
	.test_cases = mpvpn_wire_cases,
};

kunit_test_suite(mpvpn_wire_suite);
