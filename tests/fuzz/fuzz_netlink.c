// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: libmpvpn's parsers of netlink messages, and what the
 * daemon and mpvpnctl make of a parsed event. These bytes come from
 * outside the process (replies and events of whatever module is loaded,
 * possibly newer or older than this build, and rtnetlink's link replies);
 * the parsers promise to refuse what they cannot make sense of with
 * -EPROTO and never to read past a message.
 *
 * The input is a list of records, each
 *   u8 kind, u16 nlmsg_flags, u16 payload length, payload
 * and every record becomes one message in a buffer of exactly its length
 * (so AddressSanitizer sees a read past its end), with a header whose
 * nlmsg_len is right: libnl and mpvpn_events_recv() check nlmsg_ok()
 * before any parser runs, so a lying nlmsg_len never reaches them, while
 * the lengths inside (genl header, attributes, nests, the request echoed
 * in an NLMSG_ERROR) are all the fuzzer's.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/rtnetlink.h>

#include "internal.h"
#include "events.h"

/* The genl family id is dynamic; any id past the control range will do. */
#define FUZZ_FAMILY_ID	0x20

enum record_kind {
	RECORD_GENL,		/* a reply or event of the mpvpn family */
	RECORD_ERROR,		/* NLMSG_ERROR: an ack, maybe with extack TLVs */
	RECORD_DONE,		/* NLMSG_DONE ending a dump */
	RECORD_NEWLINK,		/* rtnetlink's answer to GETLINK */
	RECORD_KIND_COUNT
};

static void use_event(const struct mpvpn_event *event)
{
	static const struct event_stamp stamp = { .seq = UINT64_MAX };
	struct event_filter filter = { .states = ~0U };
	struct event_env env;
	char line[512];

	/* The log and monitor line, and the daemon's hook environment. */
	mpvpn_event_text(event, line, sizeof(line));
	if (!memchr(line, '\0', sizeof(line)))
		abort();
	event_env(event, &stamp, &env);
	if (env.count > EVENT_ENV_MAX || env.vars[env.count] != NULL)
		abort();
	/* Which hooks run on it: a state of any value must not overflow. */
	event_filter_match(&filter, event);
}

static void parse_genl(struct nlmsghdr *hdr)
{
	struct mpvpn_device_info device;
	struct mpvpn_path_info path;
	struct mpvpn_event event;

	/* The library picks the parser by the request; try them all. */
	mpvpn_parse_device(hdr, &device);
	/* The verdicts fill a fixed array: the count must stay within it. */
	if (mpvpn_parse_path_reply(hdr, &path) == 0 &&
	    path.verdict_count > MPVPN_MAX_VERDICTS)
		abort();
	if (mpvpn_parse_event(hdr, &event) == 0)
		use_event(&event);
}

static void parse_one(enum record_kind kind, uint16_t flags,
		      const uint8_t *payload, size_t len)
{
	static const uint16_t types[RECORD_KIND_COUNT] = {
		[RECORD_GENL] = FUZZ_FAMILY_ID,
		[RECORD_ERROR] = NLMSG_ERROR,
		[RECORD_DONE] = NLMSG_DONE,
		[RECORD_NEWLINK] = RTM_NEWLINK,
	};
	struct nlmsghdr *hdr = malloc(NLMSG_HDRLEN + len);
	struct link_info info;
	char msg[256];
	int error;

	if (!hdr)
		return;
	hdr->nlmsg_len = (uint32_t)(NLMSG_HDRLEN + len);
	hdr->nlmsg_type = types[kind];
	hdr->nlmsg_flags = flags;
	hdr->nlmsg_seq = 1;
	hdr->nlmsg_pid = 0;
	memcpy((uint8_t *)hdr + NLMSG_HDRLEN, payload, len);

	switch (kind) {
	case RECORD_GENL:
		parse_genl(hdr);
		break;
	case RECORD_ERROR:
	case RECORD_DONE:
		if (mpvpn_ack_parse(hdr, &error, msg, sizeof(msg)) == 0 &&
		    (error > 0 || !memchr(msg, '\0', sizeof(msg))))
			abort();
		break;
	case RECORD_NEWLINK:
		if (mpvpn_link_parse_info(hdr, &info) == 0 &&
		    !memchr(info.kind, '\0', sizeof(info.kind)))
			abort();
		break;
	case RECORD_KIND_COUNT:
		break;
	}
	free(hdr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	while (size >= 5) {
		enum record_kind kind = data[0] % RECORD_KIND_COUNT;
		uint16_t flags = (uint16_t)(data[1] | data[2] << 8);
		size_t len = (size_t)(data[3] | data[4] << 8);

		data += 5;
		size -= 5;
		if (len > size)
			len = size;
		parse_one(kind, flags, data, len);
		data += len;
		size -= len;
	}
	return 0;
}
