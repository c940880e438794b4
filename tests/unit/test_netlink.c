// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libmpvpn's message handling without a kernel: replies, events and acks
 * are built here with libnl exactly as the module would send them, then fed
 * to the library's parsers; requests are built and parsed back.
 */
#include <errno.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include "internal.h"
#include "unit.h"

#define FAKE_FAMILY	0x1f
#define HAS(attr)	MPVPN_PATH_HAS(MPVPN_PATH_A_##attr)
#define HEALTH(attr)	MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_##attr)
#define MEASURE(attr)	MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_##attr)
#define DEV(attr)	MPVPN_DEV_HAS(MPVPN_A_##attr)

static const uint8_t v4[4] = { 198, 51, 100, 1 };
static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };

static struct nl_msg *genl_message(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 0, FAKE_FAMILY, 0, 0, cmd, MPVPN_GENL_VERSION);
	return msg;
}

static void put_stats(struct nl_msg *msg, int type, uint64_t tx_packets,
		      uint64_t rx_unknown_source)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	nla_put_u64(msg, MPVPN_STATS_A_TX_PACKETS, tx_packets);
	nla_put_u64(msg, MPVPN_STATS_A_RX_UNKNOWN_SOURCE, rx_unknown_source);
	nla_nest_end(msg, nest);
}

static void test_device_reply(void)
{
	struct nl_msg *msg = genl_message(MPVPN_CMD_DEV_GET);
	struct mpvpn_device_info dev;

	nla_put_u32(msg, MPVPN_A_IFINDEX, 7);
	nla_put_string(msg, MPVPN_A_IFNAME, "mpvpn0");
	nla_put_u16(msg, MPVPN_A_PORT, 5555);
	nla_put_u32(msg, MPVPN_A_TUNNEL_ID, 42);
	nla_put_u8(msg, MPVPN_A_MODE, MPVPN_MODE_FAILOVER);
	nla_put_u32(msg, MPVPN_A_MTU, 1420);
	nla_put_u32(msg, MPVPN_A_ACTIVE_PATH_ID, 2);
	nla_put_string(msg, MPVPN_A_ACTIVE_PATH_NAME, "lte");
	nla_put_u32(msg, MPVPN_A_PATH_COUNT, 3);
	put_stats(msg, MPVPN_A_STATS, 1000, 17);
	/* From a newer module: must be ignored, not rejected. */
	nla_put_u32(msg, MPVPN_A_MAX + 5, 99);

	CHECK("device reply parses", mpvpn_parse_device(nlmsg_hdr(msg), &dev) == 0);
	CHECK("device identity", dev.ifindex == 7 &&
	      !strcmp(dev.ifname, "mpvpn0"));
	CHECK("device settings", dev.port == 5555 && dev.tunnel_id == 42 &&
	      dev.mode == MPVPN_MODE_FAILOVER && dev.mtu == 1420 &&
	      dev.path_count == 3);
	CHECK("device active path", dev.active_path_id == 2 &&
	      !strcmp(dev.active_path_name, "lte"));
	CHECK("a module without tos-inherit: unmarked, ecn",
	      !(dev.present & DEV(TOS_INHERIT)) && !dev.tos_inherit);
	CHECK("device counters and their presence",
	      dev.stats.counter[MPVPN_STATS_A_TX_PACKETS] == 1000 &&
	      dev.stats.counter[MPVPN_STATS_A_RX_UNKNOWN_SOURCE] == 17 &&
	      dev.stats.present ==
	      ((UINT64_C(1) << MPVPN_STATS_A_TX_PACKETS) |
	       (UINT64_C(1) << MPVPN_STATS_A_RX_UNKNOWN_SOURCE)));
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_DEV_GET);
	nla_put_u32(msg, MPVPN_A_IFINDEX, 7);
	CHECK("device reply without a name is refused",
	      mpvpn_parse_device(nlmsg_hdr(msg), &dev) == -EPROTO);
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_DEV_GET);
	nla_put_u32(msg, MPVPN_A_IFINDEX, 7);
	nla_put(msg, MPVPN_A_IFNAME, 3, "abc");	/* no NUL */
	CHECK("unterminated string is refused",
	      mpvpn_parse_device(nlmsg_hdr(msg), &dev) == -EPROTO);
	nlmsg_free(msg);
}

static void test_path_reply(void)
{
	struct nl_msg *msg = genl_message(MPVPN_CMD_PATH_GET);
	struct nlattr *nest = nla_nest_start(msg, MPVPN_A_PATH);
	struct mpvpn_path_info path;

	nla_put_u32(msg, MPVPN_PATH_A_ID, 4);
	nla_put_string(msg, MPVPN_PATH_A_NAME, "fiber");
	nla_put(msg, MPVPN_PATH_A_LOCAL_ADDR, 16, v6);
	nla_put_u32(msg, MPVPN_PATH_A_LOCAL_IFINDEX, 3);
	nla_put(msg, MPVPN_PATH_A_REMOTE_ADDR, 16, v6);
	nla_put_u16(msg, MPVPN_PATH_A_REMOTE_PORT, 5555);
	nla_put_u32(msg, MPVPN_PATH_A_PRIORITY, 10);
	nla_put_u32(msg, MPVPN_PATH_A_WEIGHT, 2);
	nla_put_u8(msg, MPVPN_PATH_A_ADMIN_UP, 1);
	nla_put_u8(msg, MPVPN_PATH_A_STATE, MPVPN_PATH_STATE_UP);
	nla_put_u8(msg, MPVPN_PATH_A_CARRIER, 1);
	nla_put_u8(msg, MPVPN_PATH_A_ACTIVE, 0);
	nla_put_u32(msg, MPVPN_PATH_A_MTU, 1500);
	nla_put_u32(msg, MPVPN_PATH_A_MAX + 1, 1);
	nla_nest_end(msg, nest);

	CHECK("path reply parses", mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == 0);
	CHECK("path identity", path.id == 4 && !strcmp(path.name, "fiber"));
	CHECK("path local side", path.local.family == AF_INET6 &&
	      !memcmp(path.local.bytes, v6, 16) && path.local_ifindex == 3);
	CHECK("path remote side", path.remote.family == AF_INET6 &&
	      path.remote_port == 5555);
	CHECK("path settings", path.priority == 10 && path.weight == 2 &&
	      path.admin_up);
	CHECK("path status", path.state == MPVPN_PATH_STATE_UP && path.carrier &&
	      !path.active && path.mtu == 1500);
	CHECK("path presence marks what came and nothing else",
	      path.present == (HAS(ID) | HAS(NAME) | HAS(LOCAL_ADDR) |
			       HAS(LOCAL_IFINDEX) | HAS(REMOTE_ADDR) |
			       HAS(REMOTE_PORT) | HAS(PRIORITY) | HAS(WEIGHT) |
			       HAS(ADMIN_UP) | HAS(STATE) | HAS(CARRIER) |
			       HAS(ACTIVE) | HAS(MTU)));
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_PATH_GET);
	nest = nla_nest_start(msg, MPVPN_A_PATH);
	nla_put_string(msg, MPVPN_PATH_A_NAME, "lte");
	put_stats(msg, MPVPN_PATH_A_STATS, 5, 0);
	nla_nest_end(msg, nest);
	CHECK("path stats parse",
	      mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == 0 &&
	      path.stats.counter[MPVPN_STATS_A_TX_PACKETS] == 5 &&
	      (path.present & HAS(STATS)) && !(path.present & HAS(LOCAL_ADDR)));
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_PATH_GET);
	nest = nla_nest_start(msg, MPVPN_A_PATH);
	nla_put(msg, MPVPN_PATH_A_REMOTE_ADDR, 5, v6);
	nla_nest_end(msg, nest);
	CHECK("address of 5 bytes is refused",
	      mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == -EPROTO);
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_PATH_GET);
	nla_put_u32(msg, MPVPN_A_IFINDEX, 1);
	CHECK("path reply without a path nest is refused",
	      mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == -EPROTO);
	nlmsg_free(msg);
}

static void test_event(void)
{
	struct nl_msg *msg = genl_message(MPVPN_CMD_EVENT);
	struct nlattr *nest;
	struct mpvpn_event event;

	nla_put_u32(msg, MPVPN_A_IFINDEX, 9);
	nla_put_string(msg, MPVPN_A_IFNAME, "mpvpn1");
	nla_put_u8(msg, MPVPN_A_REASON, MPVPN_REASON_CARRIER_LOST);
	nest = nla_nest_start(msg, MPVPN_A_PATH);
	nla_put_u32(msg, MPVPN_PATH_A_ID, 1);
	nla_put_string(msg, MPVPN_PATH_A_NAME, "fiber");
	nla_put_u8(msg, MPVPN_PATH_A_STATE, MPVPN_PATH_STATE_DOWN);
	nla_put_u8(msg, MPVPN_PATH_A_CARRIER, 0);
	nla_put_u8(msg, MPVPN_PATH_A_ADMIN_UP, 1);
	nla_nest_end(msg, nest);
	nla_put_u32(msg, MPVPN_A_ACTIVE_PATH_ID, 2);
	nla_put_string(msg, MPVPN_A_ACTIVE_PATH_NAME, "lte");

	CHECK("event parses", mpvpn_parse_event(nlmsg_hdr(msg), &event) == 0);
	CHECK("event device", event.ifindex == 9 &&
	      !strcmp(event.ifname, "mpvpn1"));
	CHECK("event reason", event.reason == MPVPN_REASON_CARRIER_LOST);
	CHECK("event path", event.has_path && event.path.id == 1 &&
	      !strcmp(event.path.name, "fiber") &&
	      event.path.state == MPVPN_PATH_STATE_DOWN && !event.path.carrier &&
	      event.path.admin_up);
	CHECK("event active path", event.active_path_id == 2 &&
	      !strcmp(event.active_path_name, "lte"));
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_EVENT);
	nla_put_u32(msg, MPVPN_A_IFINDEX, 9);
	nla_put_u8(msg, MPVPN_A_REASON, MPVPN_REASON_CONFIG);
	nla_put_u32(msg, MPVPN_A_ACTIVE_PATH_ID, 0);
	CHECK("event without a path",
	      mpvpn_parse_event(nlmsg_hdr(msg), &event) == 0 &&
	      !event.has_path && event.active_path_id == 0 &&
	      event.reason == MPVPN_REASON_CONFIG);
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_EVENT);
	nla_put_u32(msg, MPVPN_A_IFINDEX, 9);
	nla_put_u8(msg, MPVPN_A_REASON, MPVPN_REASON_HANDSHAKE_FAILED);
	nla_put_u8(msg, MPVPN_A_HANDSHAKE_FAILURE, MPVPN_HANDSHAKE_FAILURE_STALE);
	nest = nla_nest_start(msg, MPVPN_A_PATH);
	nla_put_u32(msg, MPVPN_PATH_A_ID, 3);
	nla_put_string(msg, MPVPN_PATH_A_NAME, "lte");
	nla_nest_end(msg, nest);
	nla_put_u32(msg, MPVPN_A_ACTIVE_PATH_ID, 0);
	CHECK("a handshake's event: the failure, the path's id and name only",
	      mpvpn_parse_event(nlmsg_hdr(msg), &event) == 0 &&
	      event.reason == MPVPN_REASON_HANDSHAKE_FAILED &&
	      event.handshake_failure == MPVPN_HANDSHAKE_FAILURE_STALE &&
	      event.has_path && event.path.id == 3 &&
	      !strcmp(event.path.name, "lte") &&
	      !(event.path.present & MPVPN_PATH_HAS(MPVPN_PATH_A_STATE)));
	nlmsg_free(msg);
}


static void put_health(struct nl_msg *msg, int type)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	nla_put_u32(msg, MPVPN_HEALTH_A_PROBE_INTERVAL_MS, 100);
	nla_put_u32(msg, MPVPN_HEALTH_A_LATENCY_FAIL_MS, 200);
	nla_put_u32(msg, MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE, 50);
	nla_put_u32(msg, MPVPN_HEALTH_A_HOLD_MS, 2000);
	nla_put_u32(msg, MPVPN_HEALTH_A_MAX + 3, 1);	/* from a newer module */
	nla_nest_end(msg, nest);
}

static void put_verdict_nest(struct nl_msg *msg, const char *name, bool ok,
			     int rtt_us, int valid_ms)
{
	struct nlattr *nest = nla_nest_start(msg, MPVPN_A_VERDICT);

	if (name)
		nla_put_string(msg, MPVPN_VERDICT_A_NAME, name);
	nla_put_u8(msg, MPVPN_VERDICT_A_OK, ok);
	if (rtt_us >= 0)
		nla_put_u32(msg, MPVPN_VERDICT_A_RTT_US, (uint32_t)rtt_us);
	if (valid_ms >= 0)
		nla_put_u32(msg, MPVPN_VERDICT_A_VALID_MS, (uint32_t)valid_ms);
	nla_nest_end(msg, nest);
}

/* A path as a dump reports it once health checking is in the module. */
static struct nl_msg *health_path_reply(void)
{
	struct nl_msg *msg = genl_message(MPVPN_CMD_PATH_GET);
	struct nlattr *path = nla_nest_start(msg, MPVPN_A_PATH);
	struct nlattr *nest;

	nla_put_string(msg, MPVPN_PATH_A_NAME, "fiber");
	nla_put_u8(msg, MPVPN_PATH_A_STATE, MPVPN_PATH_STATE_DEGRADED);
	nla_put_u8(msg, MPVPN_PATH_A_STATE_REASON, MPVPN_REASON_LATENCY);
	put_health(msg, MPVPN_PATH_A_HEALTH);

	nest = nla_nest_start(msg, MPVPN_PATH_A_MEASURE);
	nla_put_u32(msg, MPVPN_MEASURE_A_RTT_US, 212000);
	nla_put_u32(msg, MPVPN_MEASURE_A_SRTT_US, 205300);
	nla_put_u32(msg, MPVPN_MEASURE_A_JITTER_US, 3100);
	nla_put_u32(msg, MPVPN_MEASURE_A_LOSS_PERMILLE, 15);
	nla_put_u32(msg, MPVPN_MEASURE_A_MISSES, 1);
	nla_put_u32(msg, MPVPN_MEASURE_A_LAST_SEEN_MS, 40);
	nla_put_u64(msg, MPVPN_MEASURE_A_PROBES_SENT, UINT64_C(5000000000));
	nla_put_u64(msg, MPVPN_MEASURE_A_PROBES_ANSWERED, 4990);
	nla_put_u32(msg, MPVPN_MEASURE_A_RATE_KBPS, 38200);
	nla_put_u32(msg, MPVPN_MEASURE_A_QUEUE_US, 3100);
	nla_put_u32(msg, MPVPN_MEASURE_A_LOSS_LATELY_PERMILLE, 23);
	nla_nest_end(msg, nest);

	nest = nla_nest_start(msg, MPVPN_PATH_A_VERDICTS);
	put_verdict_nest(msg, "ping", true, 12500, 8200);
	put_verdict_nest(msg, "http", false, -1, 3000);
	nla_nest_end(msg, nest);
	nla_nest_end(msg, path);
	return msg;
}

static void test_path_health_reply(void)
{
	struct nl_msg *msg = health_path_reply();
	struct mpvpn_path_info path;
	const struct mpvpn_measure *m = &path.measure;

	CHECK("path with health parses",
	      mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == 0);
	CHECK("health, measure, reason and verdicts are marked",
	      path.present == (HAS(NAME) | HAS(STATE) | HAS(STATE_REASON) |
			       HAS(HEALTH) | HAS(MEASURE) | HAS(VERDICTS)));
	CHECK("degraded for latency", path.state == MPVPN_PATH_STATE_DEGRADED &&
	      path.state_reason == MPVPN_REASON_LATENCY);
	CHECK("health values in force",
	      path.health.present == (HEALTH(PROBE_INTERVAL_MS) |
				      HEALTH(LATENCY_FAIL_MS) |
				      HEALTH(LOSS_FAIL_PERMILLE) |
				      HEALTH(HOLD_MS)) &&
	      path.health.value[MPVPN_HEALTH_A_PROBE_INTERVAL_MS] == 100 &&
	      path.health.value[MPVPN_HEALTH_A_LATENCY_FAIL_MS] == 200 &&
	      path.health.value[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE] == 50 &&
	      path.health.value[MPVPN_HEALTH_A_HOLD_MS] == 2000);
	CHECK("measures of 32 bits",
	      m->rtt_us == 212000 && m->srtt_us == 205300 &&
	      m->jitter_us == 3100 && m->loss_permille == 15 &&
	      m->misses == 1 && m->last_seen_ms == 40);
	CHECK("probe counters of 64 bits",
	      m->probes_sent == UINT64_C(5000000000) &&
	      m->probes_answered == 4990);
	CHECK("delivery rate and queueing delay",
	      m->rate_kbps == 38200 && m->queue_us == 3100);
	CHECK("loss lately", m->loss_lately_permille == 23);
	CHECK("every measure sent is marked",
	      m->present == (MEASURE(RTT_US) | MEASURE(SRTT_US) |
			     MEASURE(JITTER_US) | MEASURE(LOSS_PERMILLE) |
			     MEASURE(MISSES) | MEASURE(LAST_SEEN_MS) |
			     MEASURE(PROBES_SENT) | MEASURE(PROBES_ANSWERED) |
			     MEASURE(RATE_KBPS) | MEASURE(QUEUE_US) |
			     MEASURE(LOSS_LATELY_PERMILLE)));
	CHECK("two verdicts", path.verdict_count == 2);
	CHECK("a passing verdict with its rtt",
	      !strcmp(path.verdicts[0].name, "ping") && path.verdicts[0].ok &&
	      path.verdicts[0].has_rtt && path.verdicts[0].rtt_us == 12500 &&
	      path.verdicts[0].has_valid && path.verdicts[0].valid_ms == 8200 &&
	      !path.verdicts[0].remove);
	CHECK("a failing verdict without rtt",
	      !strcmp(path.verdicts[1].name, "http") && !path.verdicts[1].ok &&
	      !path.verdicts[1].has_rtt && path.verdicts[1].valid_ms == 3000);
	nlmsg_free(msg);
}

static void test_path_health_edges(void)
{
	struct nl_msg *msg;
	struct nlattr *path_nest, *nest;
	struct mpvpn_path_info path;

	/* Never answered: no last-seen; the pad of the u64s is skipped. */
	msg = genl_message(MPVPN_CMD_PATH_GET);
	path_nest = nla_nest_start(msg, MPVPN_A_PATH);
	nla_put_string(msg, MPVPN_PATH_A_NAME, "new");
	nest = nla_nest_start(msg, MPVPN_PATH_A_MEASURE);
	nla_put_u32(msg, MPVPN_MEASURE_A_MISSES, 3);
	nla_put_u64(msg, MPVPN_MEASURE_A_PROBES_SENT, 3);
	nla_put(msg, MPVPN_MEASURE_A_PAD, 0, NULL);
	nla_nest_end(msg, nest);
	/* As the kernel sends it; plain nla_nest_end() would drop it. */
	nest = nla_nest_start(msg, MPVPN_PATH_A_VERDICTS);
	nla_nest_end_keep_empty(msg, nest);
	nla_nest_end(msg, path_nest);
	CHECK("a path never heard from parses",
	      mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == 0);
	CHECK("no last-seen, no pad",
	      path.measure.present == (MEASURE(MISSES) | MEASURE(PROBES_SENT)) &&
	      path.measure.misses == 3);
	CHECK("an empty verdict list is no verdict",
	      (path.present & HAS(VERDICTS)) && path.verdict_count == 0);
	nlmsg_free(msg);

	/* More verdicts than the uapi allows: the first ones are kept. */
	msg = genl_message(MPVPN_CMD_PATH_GET);
	path_nest = nla_nest_start(msg, MPVPN_A_PATH);
	nla_put_string(msg, MPVPN_PATH_A_NAME, "many");
	nest = nla_nest_start(msg, MPVPN_PATH_A_VERDICTS);
	for (int i = 0; i < MPVPN_MAX_VERDICTS + 2; i++) {
		char name[MPVPN_PROBE_NAME_LEN];

		snprintf(name, sizeof(name), "p%d", i);
		put_verdict_nest(msg, name, i % 2, -1, -1);
	}
	nla_put_u32(msg, MPVPN_A_IFINDEX, 1);	/* not a verdict: skipped */
	nla_nest_end(msg, nest);
	nla_nest_end(msg, path_nest);
	CHECK("verdicts beyond the limit are dropped",
	      mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == 0 &&
	      path.verdict_count == MPVPN_MAX_VERDICTS &&
	      !strcmp(path.verdicts[7].name, "p7") && path.verdicts[7].ok &&
	      !path.verdicts[7].has_valid);
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_PATH_GET);
	path_nest = nla_nest_start(msg, MPVPN_A_PATH);
	nest = nla_nest_start(msg, MPVPN_PATH_A_VERDICTS);
	put_verdict_nest(msg, NULL, true, -1, -1);
	nla_nest_end(msg, nest);
	nla_nest_end(msg, path_nest);
	CHECK("a verdict without a name is refused",
	      mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == -EPROTO);
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_PATH_GET);
	path_nest = nla_nest_start(msg, MPVPN_A_PATH);
	nest = nla_nest_start(msg, MPVPN_PATH_A_MEASURE);
	nla_put_u8(msg, MPVPN_MEASURE_A_RTT_US, 1);	/* too short */
	nla_nest_end(msg, nest);
	nla_nest_end(msg, path_nest);
	CHECK("a measure of the wrong size is refused",
	      mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == -EPROTO);
	nlmsg_free(msg);
}

static void test_device_health_reply(void)
{
	struct nl_msg *msg = genl_message(MPVPN_CMD_DEV_GET);
	struct nlattr *nest;
	struct mpvpn_device_info dev;

	nla_put_u32(msg, MPVPN_A_IFINDEX, 7);
	nla_put_string(msg, MPVPN_A_IFNAME, "mpvpn0");
	put_health(msg, MPVPN_A_HEALTH);
	nla_put_u8(msg, MPVPN_A_FAILBACK, MPVPN_FAILBACK_STICKY);
	nla_put_u32(msg, MPVPN_A_REVERT_DELAY_MS, 5000);
	nla_put_u8(msg, MPVPN_A_TOS_INHERIT, 1);
	nest = nla_nest_start(msg, MPVPN_A_STATS);
	nla_put_u64(msg, MPVPN_STATS_A_RX_BAD_PROBE, 4);
	nla_nest_end(msg, nest);

	CHECK("device with health parses",
	      mpvpn_parse_device(nlmsg_hdr(msg), &dev) == 0);
	CHECK("device presence marks what came",
	      dev.present == (DEV(IFINDEX) | DEV(IFNAME) | DEV(HEALTH) |
			      DEV(FAILBACK) | DEV(REVERT_DELAY_MS) |
			      DEV(TOS_INHERIT) | DEV(STATS)));
	CHECK("device defaults",
	      dev.health.present == (HEALTH(PROBE_INTERVAL_MS) |
				     HEALTH(LATENCY_FAIL_MS) |
				     HEALTH(LOSS_FAIL_PERMILLE) |
				     HEALTH(HOLD_MS)) &&
	      dev.health.value[MPVPN_HEALTH_A_HOLD_MS] == 2000);
	CHECK("device failback",
	      dev.failback == MPVPN_FAILBACK_STICKY &&
	      dev.revert_delay_ms == 5000);
	CHECK("device tos inherit", dev.tos_inherit);
	CHECK("the counter after the pad",
	      dev.stats.present == (UINT64_C(1) << MPVPN_STATS_A_RX_BAD_PROBE) &&
	      dev.stats.counter[MPVPN_STATS_A_RX_BAD_PROBE] == 4);
	nlmsg_free(msg);
}

/* The device and path attributes of the scheduling modes. */
static void test_scheduling_reply(void)
{
	static const struct {
		int type;
		const char *name;
	} counters[] = {
		{ MPVPN_STATS_A_RX_DUPLICATE, "rx_duplicate" },
		{ MPVPN_STATS_A_RX_STALE, "rx_stale" },
		{ MPVPN_STATS_A_RX_REORDERED, "rx_reordered" },
		{ MPVPN_STATS_A_RX_LATE, "rx_late" },
		{ MPVPN_STATS_A_RX_REORDER_TIMEOUT, "rx_reorder_timeout" },
		{ MPVPN_STATS_A_RX_REORDER_OVERFLOW, "rx_reorder_overflow" },
	};
	struct nl_msg *msg = genl_message(MPVPN_CMD_DEV_GET);
	struct nlattr *nest;
	struct mpvpn_device_info dev;
	struct mpvpn_path_info path;
	uint64_t want = 0;
	bool values = true, names = true;

	nla_put_u32(msg, MPVPN_A_IFINDEX, 7);
	nla_put_string(msg, MPVPN_A_IFNAME, "mpvpn0");
	nla_put_u8(msg, MPVPN_A_MODE, MPVPN_MODE_REDUNDANT);
	nla_put_u8(msg, MPVPN_A_REDUNDANCY, 3);
	nla_put_u32(msg, MPVPN_A_REORDER_WAIT_MS, 100);
	nla_put_u32(msg, MPVPN_A_REORDER_WAIT_US, 2345);
	nest = nla_nest_start(msg, MPVPN_A_STATS);
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		nla_put_u64(msg, counters[i].type, UINT64_C(1) << 40 | i);
		want |= UINT64_C(1) << counters[i].type;
	}
	nla_nest_end(msg, nest);

	CHECK("device with scheduling settings parses",
	      mpvpn_parse_device(nlmsg_hdr(msg), &dev) == 0);
	CHECK("scheduling settings are marked",
	      dev.present == (DEV(IFINDEX) | DEV(IFNAME) | DEV(MODE) |
			      DEV(REDUNDANCY) | DEV(REORDER_WAIT_MS) |
			      DEV(REORDER_WAIT_US) | DEV(STATS)));
	CHECK("mode, copies and reorder wait",
	      dev.mode == MPVPN_MODE_REDUNDANT && dev.redundancy == 3 &&
	      dev.reorder_wait_ms == 100 && dev.reorder_wait_us == 2345);
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		unsigned int type = (unsigned int)counters[i].type;

		values &= dev.stats.counter[type] == (UINT64_C(1) << 40 | i);
		names &= !strcmp(mpvpn_stats_name(type), counters[i].name);
	}
	CHECK("duplicate and reorder counters are marked",
	      dev.stats.present == want);
	CHECK("duplicate and reorder counters of 64 bits", values);
	CHECK("duplicate and reorder counters have their names", names);
	CHECK("a counter beyond this build has no name",
	      !strcmp(mpvpn_stats_name(__MPVPN_STATS_A_MAX), "unknown"));
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_DEV_GET);
	nla_put_u32(msg, MPVPN_A_IFINDEX, 7);
	nla_put_string(msg, MPVPN_A_IFNAME, "mpvpn0");
	nla_put_u8(msg, MPVPN_A_REORDER_WAIT_US, 1);	/* too short */
	CHECK("a reorder wait of the wrong size is refused",
	      mpvpn_parse_device(nlmsg_hdr(msg), &dev) == -EPROTO);
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_PATH_GET);
	nest = nla_nest_start(msg, MPVPN_A_PATH);
	nla_put_string(msg, MPVPN_PATH_A_NAME, "fiber");
	nla_put_u32(msg, MPVPN_PATH_A_BANDWIDTH_KBPS, MPVPN_BANDWIDTH_KBPS_MAX);
	nla_nest_end(msg, nest);
	CHECK("path bandwidth parses",
	      mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == 0 &&
	      path.present == (HAS(NAME) | HAS(BANDWIDTH_KBPS)) &&
	      path.bandwidth_kbps == MPVPN_BANDWIDTH_KBPS_MAX);
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_PATH_GET);
	nest = nla_nest_start(msg, MPVPN_A_PATH);
	nla_put_string(msg, MPVPN_PATH_A_NAME, "lte");
	nla_put_u32(msg, MPVPN_PATH_A_BANDWIDTH_KBPS, 0);
	nla_nest_end(msg, nest);
	CHECK("an unknown bandwidth is 0, still marked",
	      mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == 0 &&
	      (path.present & HAS(BANDWIDTH_KBPS)) && path.bandwidth_kbps == 0);
	nlmsg_free(msg);
}

static void test_state_change_event(void)
{
	struct nl_msg *msg = genl_message(MPVPN_CMD_EVENT);
	struct nlattr *nest, *measure;
	struct mpvpn_event event;

	nla_put_u32(msg, MPVPN_A_IFINDEX, 9);
	nla_put_string(msg, MPVPN_A_IFNAME, "mpvpn0");
	nla_put_u8(msg, MPVPN_A_REASON, MPVPN_REASON_PROBES_LOST);
	nla_put_u8(msg, MPVPN_A_OLD_STATE, MPVPN_PATH_STATE_UP);
	nla_put_u32(msg, MPVPN_A_OLD_ACTIVE_PATH_ID, 1);
	nla_put_u32(msg, MPVPN_A_ACTIVE_PATH_ID, 2);
	nla_put_string(msg, MPVPN_A_ACTIVE_PATH_NAME, "lte");
	nest = nla_nest_start(msg, MPVPN_A_PATH);
	nla_put_u32(msg, MPVPN_PATH_A_ID, 1);
	nla_put_string(msg, MPVPN_PATH_A_NAME, "fiber");
	nla_put_u8(msg, MPVPN_PATH_A_STATE, MPVPN_PATH_STATE_DOWN);
	nla_put_u8(msg, MPVPN_PATH_A_STATE_REASON, MPVPN_REASON_PROBES_LOST);
	measure = nla_nest_start(msg, MPVPN_PATH_A_MEASURE);
	nla_put_u32(msg, MPVPN_MEASURE_A_MISSES, 3);
	nla_nest_end(msg, measure);
	nla_nest_end(msg, nest);

	CHECK("state change event parses",
	      mpvpn_parse_event(nlmsg_hdr(msg), &event) == 0);
	CHECK("old state", event.has_old_state &&
	      event.old_state == MPVPN_PATH_STATE_UP);
	CHECK("old active path", event.has_old_active_path &&
	      event.old_active_path_id == 1 && event.active_path_id == 2);
	CHECK("the path's reason and measure",
	      event.path.state_reason == MPVPN_REASON_PROBES_LOST &&
	      (event.path.present & HAS(MEASURE)) &&
	      event.path.measure.misses == 3);
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_EVENT);
	nla_put_u32(msg, MPVPN_A_IFINDEX, 9);
	nla_put_u32(msg, MPVPN_A_OLD_ACTIVE_PATH_ID, 0);
	CHECK("an event without old state",
	      mpvpn_parse_event(nlmsg_hdr(msg), &event) == 0 &&
	      !event.has_old_state && event.has_old_active_path &&
	      event.old_active_path_id == 0);
	nlmsg_free(msg);
}

/* An endpoint-changed event as the kernel sends it; @old_port 0: none. */
static struct nl_msg *roam_event(const uint8_t *old, int old_len,
				 uint16_t old_port, bool with_new_remote)
{
	struct nl_msg *msg = genl_message(MPVPN_CMD_EVENT);
	struct nlattr *nest;

	nla_put_u32(msg, MPVPN_A_IFINDEX, 9);
	nla_put_string(msg, MPVPN_A_IFNAME, "mpvpn0");
	nla_put_u8(msg, MPVPN_A_REASON, MPVPN_REASON_ENDPOINT_CHANGED);
	if (old)
		nla_put(msg, MPVPN_A_OLD_REMOTE_ADDR, old_len, old);
	if (old_port)
		nla_put_u16(msg, MPVPN_A_OLD_REMOTE_PORT, old_port);
	nest = nla_nest_start(msg, MPVPN_A_PATH);
	nla_put_u32(msg, MPVPN_PATH_A_ID, 2);
	nla_put_string(msg, MPVPN_PATH_A_NAME, "lte");
	if (with_new_remote) {
		nla_put(msg, MPVPN_PATH_A_REMOTE_ADDR, 4, v4);
		nla_put_u16(msg, MPVPN_PATH_A_REMOTE_PORT, 61002);
	}
	nla_put_u8(msg, MPVPN_PATH_A_REMOTE_FIXED, 0);
	nla_put_u8(msg, MPVPN_PATH_A_REMOTE_LEARNED, 1);
	nla_nest_end(msg, nest);
	nla_put_u32(msg, MPVPN_A_ACTIVE_PATH_ID, 1);
	return msg;
}

static void test_roaming_reply_and_event(void)
{
	struct nl_msg *msg = genl_message(MPVPN_CMD_PATH_GET);
	struct nlattr *nest = nla_nest_start(msg, MPVPN_A_PATH);
	struct mpvpn_event event;
	struct mpvpn_path_info path;

	/* A listening path: no remote yet, neither pinned nor learned. */
	nla_put_string(msg, MPVPN_PATH_A_NAME, "lte");
	nla_put_u8(msg, MPVPN_PATH_A_REMOTE_FIXED, 0);
	nla_put_u8(msg, MPVPN_PATH_A_REMOTE_LEARNED, 0);
	nla_put_u8(msg, MPVPN_PATH_A_STATE_REASON, MPVPN_REASON_LISTENING);
	nla_nest_end(msg, nest);
	CHECK("a listening path's reply parses",
	      mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == 0);
	CHECK("a listening path has no remote",
	      !mpvpn_path_has_remote(&path) && path.remote.family == AF_UNSPEC &&
	      !(path.present & HAS(REMOTE_ADDR)));
	CHECK("the flags are present even when 0",
	      (path.present & HAS(REMOTE_FIXED)) &&
	      (path.present & HAS(REMOTE_LEARNED)) && !path.remote_fixed &&
	      !path.remote_learned);
	CHECK("the reason listening",
	      path.state_reason == MPVPN_REASON_LISTENING &&
	      !strcmp(mpvpn_reason_name(path.state_reason), "listening"));
	nlmsg_free(msg);

	msg = genl_message(MPVPN_CMD_PATH_GET);
	nest = nla_nest_start(msg, MPVPN_A_PATH);
	nla_put_string(msg, MPVPN_PATH_A_NAME, "lte");
	nla_put(msg, MPVPN_PATH_A_REMOTE_ADDR, 4, v4);
	nla_put_u16(msg, MPVPN_PATH_A_REMOTE_PORT, 61002);
	nla_put_u8(msg, MPVPN_PATH_A_REMOTE_FIXED, 1);
	nla_put_u8(msg, MPVPN_PATH_A_REMOTE_LEARNED, 1);
	nla_nest_end(msg, nest);
	CHECK("a learned, pinned remote parses",
	      mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == 0 &&
	      mpvpn_path_has_remote(&path) && path.remote_port == 61002 &&
	      path.remote_fixed && path.remote_learned);
	nlmsg_free(msg);

	msg = roam_event(v4, 4, 4500, true);
	CHECK("an endpoint-changed event parses",
	      mpvpn_parse_event(nlmsg_hdr(msg), &event) == 0);
	CHECK("the old endpoint",
	      event.old_remote.family == AF_INET &&
	      !memcmp(event.old_remote.bytes, v4, 4) &&
	      event.old_remote_port == 4500);
	CHECK("the new endpoint, learned",
	      mpvpn_path_has_remote(&event.path) &&
	      event.path.remote_port == 61002 && event.path.remote_learned);
	nlmsg_free(msg);

	msg = roam_event(NULL, 0, 0, true);
	CHECK("a listening path's first endpoint has no old one",
	      mpvpn_parse_event(nlmsg_hdr(msg), &event) == 0 &&
	      event.old_remote.family == AF_UNSPEC &&
	      event.old_remote_port == 0);
	nlmsg_free(msg);

	msg = roam_event(v6, 16, 0, true);
	CHECK("an old address without its port is refused",
	      mpvpn_parse_event(nlmsg_hdr(msg), &event) == -EPROTO);
	nlmsg_free(msg);

	msg = roam_event(v6, 5, 4500, true);
	CHECK("an old address of 5 bytes is refused",
	      mpvpn_parse_event(nlmsg_hdr(msg), &event) == -EPROTO);
	nlmsg_free(msg);
}

/* Builds a request nest from @path and parses it back as a reply. */
static uint32_t round_trip(const struct mpvpn_path_info *path, uint32_t fields,
			   struct mpvpn_path_info *back)
{
	struct nl_msg *msg = genl_message(MPVPN_CMD_PATH_SET);
	int ret = mpvpn_put_path_attrs(msg, path, fields);

	memset(back, 0, sizeof(*back));
	if (ret == 0)
		ret = mpvpn_parse_path_reply(nlmsg_hdr(msg), back);
	nlmsg_free(msg);
	return ret < 0 ? UINT32_MAX : back->present;
}

static void test_request_building(void)
{
	struct mpvpn_path_info path = {
		.id = 3, .name = "dsl", .local_ifindex = 4, .remote_port = 80,
		.priority = 5, .weight = 6, .admin_up = true,
		.state = MPVPN_PATH_STATE_UP, .active = true,
	};
	struct mpvpn_path_info back;
	uint32_t writable = HAS(ID) | HAS(NAME) | HAS(LOCAL_ADDR) |
			    HAS(LOCAL_IFINDEX) | HAS(REMOTE_ADDR) |
			    HAS(REMOTE_PORT) | HAS(PRIORITY) | HAS(WEIGHT) |
			    HAS(ADMIN_UP);

	mpvpn_addr_set_bytes(&path.local, v4, 4);
	mpvpn_addr_set_bytes(&path.remote, v4, 4);

	CHECK("only fields marked present are sent",
	      round_trip(&path, HAS(NAME) | HAS(PRIORITY), &back) ==
	      (HAS(NAME) | HAS(PRIORITY)) &&
	      back.priority == 5 && !strcmp(back.name, "dsl"));
	CHECK("every writable field is sent and survives",
	      round_trip(&path, writable, &back) == writable &&
	      back.id == 3 && back.local_ifindex == 4 &&
	      back.remote_port == 80 && back.weight == 6 && back.admin_up &&
	      !memcmp(back.remote.bytes, v4, 4) &&
	      back.local.family == AF_INET);
	CHECK("read-only fields are never sent",
	      round_trip(&path, HAS(NAME) | HAS(STATE) | HAS(ACTIVE) |
			 HAS(STATS), &back) == HAS(NAME));
	path.admin_up = false;
	CHECK("admin down is sent as 0",
	      round_trip(&path, HAS(NAME) | HAS(ADMIN_UP), &back) ==
	      (HAS(NAME) | HAS(ADMIN_UP)) && !back.admin_up);
	memset(&path.remote, 0, sizeof(path.remote));
	CHECK("an address without family is refused",
	      round_trip(&path, HAS(NAME) | HAS(REMOTE_ADDR), &back) ==
	      UINT32_MAX);

	path.health.present = HEALTH(JITTER_FAIL_MS) | HEALTH(MISS_COUNT);
	path.health.value[MPVPN_HEALTH_A_JITTER_FAIL_MS] = 80;
	path.health.value[MPVPN_HEALTH_A_MISS_COUNT] = 5;
	path.health.value[MPVPN_HEALTH_A_HOLD_MS] = 9;	/* not present */
	CHECK("health overrides are sent, only those marked",
	      round_trip(&path, HAS(NAME) | HAS(HEALTH), &back) ==
	      (HAS(NAME) | HAS(HEALTH)) &&
	      back.health.present == path.health.present &&
	      back.health.value[MPVPN_HEALTH_A_JITTER_FAIL_MS] == 80 &&
	      back.health.value[MPVPN_HEALTH_A_MISS_COUNT] == 5);
	CHECK("health is not sent unless marked",
	      round_trip(&path, HAS(NAME), &back) == HAS(NAME));
	path.health.present = HEALTH(RESET);
	CHECK("the reset is sent as a flag",
	      round_trip(&path, HAS(NAME) | HAS(HEALTH), &back) ==
	      (HAS(NAME) | HAS(HEALTH)) &&
	      back.health.present == HEALTH(RESET));
	path.verdict_count = 1;
	strcpy(path.verdicts[0].name, "x");
	path.bandwidth_kbps = 40000;
	CHECK("the bandwidth is sent when marked",
	      round_trip(&path, HAS(NAME) | HAS(BANDWIDTH_KBPS), &back) ==
	      (HAS(NAME) | HAS(BANDWIDTH_KBPS)) &&
	      back.bandwidth_kbps == 40000);
	path.bandwidth_kbps = 0;
	CHECK("a bandwidth of 0 is sent: back to unknown",
	      round_trip(&path, HAS(NAME) | HAS(BANDWIDTH_KBPS), &back) ==
	      (HAS(NAME) | HAS(BANDWIDTH_KBPS)) && back.bandwidth_kbps == 0);
	CHECK("the bandwidth is not sent unless marked",
	      round_trip(&path, HAS(NAME) | HAS(WEIGHT), &back) ==
	      (HAS(NAME) | HAS(WEIGHT)));
	CHECK("measure and verdicts are never sent",
	      round_trip(&path, HAS(NAME) | HAS(MEASURE) | HAS(VERDICTS) |
			 HAS(STATE_REASON), &back) == HAS(NAME));

	path.remote_fixed = true;
	CHECK("a pin is sent as 1",
	      round_trip(&path, HAS(NAME) | HAS(REMOTE_FIXED), &back) ==
	      (HAS(NAME) | HAS(REMOTE_FIXED)) && back.remote_fixed);
	path.remote_fixed = false;
	CHECK("roaming is sent as 0",
	      round_trip(&path, HAS(NAME) | HAS(REMOTE_FIXED), &back) ==
	      (HAS(NAME) | HAS(REMOTE_FIXED)) && !back.remote_fixed);
	path.remote_learned = true;
	CHECK("the learned flag is never sent",
	      round_trip(&path, HAS(NAME) | HAS(REMOTE_LEARNED), &back) ==
	      HAS(NAME));
	CHECK("a path without a remote (listening) sends none",
	      round_trip(&path, HAS(NAME) | HAS(PRIORITY), &back) ==
	      (HAS(NAME) | HAS(PRIORITY)) && !mpvpn_path_has_remote(&back));
}

/* The top-level attributes of @msg, as the kernel's policy would see them. */
static void parse_request(struct nl_msg *msg, struct nlattr **tb)
{
	memset(tb, 0, sizeof(*tb) * (MPVPN_A_MAX + 1));
	nla_parse(tb, MPVPN_A_MAX, genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0),
		  genlmsg_attrlen(nlmsg_data(nlmsg_hdr(msg)), 0), NULL);
}

static void test_dev_settings_building(void)
{
	struct mpvpn_dev_settings settings = {
		.present = DEV(FAILBACK) | DEV(HEALTH) | DEV(TOS_INHERIT),
		.mode = MPVPN_MODE_FAILOVER,
		.failback = MPVPN_FAILBACK_STICKY,
		.revert_delay_ms = 1234,
		.tos_inherit = true,
	};
	struct nlattr *tb[MPVPN_A_MAX + 1];
	struct mpvpn_health_info health;
	struct nl_msg *msg;

	settings.health.present = HEALTH(LOSS_WINDOW);
	settings.health.value[MPVPN_HEALTH_A_LOSS_WINDOW] = 32;

	msg = genl_message(MPVPN_CMD_DEV_SET);
	CHECK("device settings build", mpvpn_put_dev_settings(msg, &settings) == 0);
	parse_request(msg, tb);
	CHECK("only the settings marked are sent",
	      tb[MPVPN_A_FAILBACK] && tb[MPVPN_A_HEALTH] && !tb[MPVPN_A_MODE] &&
	      !tb[MPVPN_A_REVERT_DELAY_MS]);
	CHECK("failback value",
	      nla_get_u8(tb[MPVPN_A_FAILBACK]) == MPVPN_FAILBACK_STICKY);
	CHECK("tos inherit is sent as a u8 of 1",
	      tb[MPVPN_A_TOS_INHERIT] && nla_len(tb[MPVPN_A_TOS_INHERIT]) == 1 &&
	      nla_get_u8(tb[MPVPN_A_TOS_INHERIT]) == 1);
	CHECK("health defaults nest",
	      mpvpn_parse_health_nest(tb[MPVPN_A_HEALTH], &health) == 0 &&
	      health.present == HEALTH(LOSS_WINDOW) &&
	      health.value[MPVPN_HEALTH_A_LOSS_WINDOW] == 32);
	nlmsg_free(msg);

	settings.present = DEV(MODE) | DEV(REVERT_DELAY_MS);
	msg = genl_message(MPVPN_CMD_DEV_SET);
	CHECK("mode and delay build", mpvpn_put_dev_settings(msg, &settings) == 0);
	parse_request(msg, tb);
	CHECK("mode and delay are sent",
	      tb[MPVPN_A_MODE] && !tb[MPVPN_A_HEALTH] && !tb[MPVPN_A_FAILBACK] &&
	      !tb[MPVPN_A_TOS_INHERIT] &&
	      nla_get_u32(tb[MPVPN_A_REVERT_DELAY_MS]) == 1234);
	CHECK("copies and reorder wait are not sent unless marked",
	      !tb[MPVPN_A_REDUNDANCY] && !tb[MPVPN_A_REORDER_WAIT_MS]);
	nlmsg_free(msg);

	settings.present = DEV(MODE) | DEV(REDUNDANCY) | DEV(REORDER_WAIT_MS);
	settings.mode = MPVPN_MODE_REDUNDANT;
	settings.redundancy = 4;
	settings.reorder_wait_ms = 250;
	msg = genl_message(MPVPN_CMD_DEV_SET);
	CHECK("scheduling settings build",
	      mpvpn_put_dev_settings(msg, &settings) == 0);
	parse_request(msg, tb);
	CHECK("mode, copies and reorder wait are sent as the uapi types",
	      tb[MPVPN_A_MODE] &&
	      nla_get_u8(tb[MPVPN_A_MODE]) == MPVPN_MODE_REDUNDANT &&
	      tb[MPVPN_A_REDUNDANCY] && nla_len(tb[MPVPN_A_REDUNDANCY]) == 1 &&
	      nla_get_u8(tb[MPVPN_A_REDUNDANCY]) == 4 &&
	      tb[MPVPN_A_REORDER_WAIT_MS] &&
	      nla_len(tb[MPVPN_A_REORDER_WAIT_MS]) == 4 &&
	      nla_get_u32(tb[MPVPN_A_REORDER_WAIT_MS]) == 250 &&
	      !tb[MPVPN_A_REORDER_WAIT_US] && !tb[MPVPN_A_FAILBACK] &&
	      !tb[MPVPN_A_REVERT_DELAY_MS] && !tb[MPVPN_A_HEALTH]);
	nlmsg_free(msg);
}

/* Encryption: keys go in their nest, and nothing else carries them. */
static void test_encryption_building(void)
{
	struct mpvpn_dev_settings settings = {
		.present = DEV(PRIVATE_KEY) | DEV(PEER_PUBLIC_KEY) |
			   DEV(PRESHARED_KEY) | DEV(REKEY_SECONDS),
		.rekey_seconds = 600,
	};
	struct nlattr *tb[MPVPN_A_MAX + 1];
	struct nl_msg *msg;

	memset(settings.identity.private_key, 0x11, MPVPN_KEY_LEN);
	memset(settings.identity.peer_public_key, 0x22, MPVPN_KEY_LEN);
	memset(settings.identity.preshared_key, 0x33, MPVPN_KEY_LEN);
	msg = genl_message(MPVPN_CMD_DEV_SET);
	CHECK("keys and rekey build", mpvpn_put_dev_settings(msg, &settings) == 0);
	parse_request(msg, tb);
	CHECK("keys and rekey are sent, no encryption mode with them",
	      tb[MPVPN_A_PRIVATE_KEY] && tb[MPVPN_A_PEER_PUBLIC_KEY] &&
	      tb[MPVPN_A_PRESHARED_KEY] && tb[MPVPN_A_REKEY_SECONDS] &&
	      nla_get_u32(tb[MPVPN_A_REKEY_SECONDS]) == 600 &&
	      !tb[MPVPN_A_ENCRYPTION] && !tb[MPVPN_A_MODE] &&
	      !tb[MPVPN_A_KEYS]);
	CHECK("the three keys are 32 bytes each, as given",
	      nla_len(tb[MPVPN_A_PRIVATE_KEY]) == MPVPN_KEY_LEN &&
	      nla_len(tb[MPVPN_A_PEER_PUBLIC_KEY]) == MPVPN_KEY_LEN &&
	      nla_len(tb[MPVPN_A_PRESHARED_KEY]) == MPVPN_KEY_LEN &&
	      ((uint8_t *)nla_data(tb[MPVPN_A_PRIVATE_KEY]))[0] == 0x11 &&
	      ((uint8_t *)nla_data(tb[MPVPN_A_PEER_PUBLIC_KEY]))[31] == 0x22 &&
	      ((uint8_t *)nla_data(tb[MPVPN_A_PRESHARED_KEY]))[0] == 0x33);
	nlmsg_free(msg);

	settings.present = DEV(ENCRYPTION);
	settings.encryption = MPVPN_ENCRYPTION_NONE;
	msg = genl_message(MPVPN_CMD_DEV_SET);
	CHECK("plaintext builds", mpvpn_put_dev_settings(msg, &settings) == 0);
	parse_request(msg, tb);
	CHECK("plaintext is sent as a u8 and without keys",
	      tb[MPVPN_A_ENCRYPTION] && nla_len(tb[MPVPN_A_ENCRYPTION]) == 1 &&
	      nla_get_u8(tb[MPVPN_A_ENCRYPTION]) == MPVPN_ENCRYPTION_NONE &&
	      !tb[MPVPN_A_PRIVATE_KEY] && !tb[MPVPN_A_REKEY_SECONDS]);
	nlmsg_free(msg);

	mpvpn_dev_settings_wipe(&settings);
	CHECK("wiped settings hold no key and mark nothing",
	      settings.present == 0 && settings.identity.private_key[0] == 0 &&
	      settings.identity.preshared_key[0] == 0);
}

static void test_encryption_reply(void)
{
	struct nl_msg *msg = genl_message(MPVPN_CMD_DEV_GET);
	struct nlattr *nest;
	struct mpvpn_device_info dev;

	nla_put_u32(msg, MPVPN_A_IFINDEX, 7);
	nla_put_string(msg, MPVPN_A_IFNAME, "mpvpn0");
	nla_put_u8(msg, MPVPN_A_ENCRYPTION, MPVPN_ENCRYPTION_CHACHA20_POLY1305);
	nla_put_u32(msg, MPVPN_A_REKEY_SECONDS, 120);
	nest = nla_nest_start(msg, MPVPN_A_STATS);
	nla_put_u64(msg, MPVPN_STATS_A_TX_NO_KEY, 1);
	nla_put_u64(msg, MPVPN_STATS_A_RX_NO_KEY, 2);
	nla_put_u64(msg, MPVPN_STATS_A_RX_NOT_AUTHENTIC, 3);
	nla_nest_end(msg, nest);
	CHECK("device with encryption parses",
	      mpvpn_parse_device(nlmsg_hdr(msg), &dev) == 0);
	CHECK("encryption and rekey are marked",
	      dev.present == (DEV(IFINDEX) | DEV(IFNAME) | DEV(ENCRYPTION) |
			      DEV(REKEY_SECONDS) | DEV(STATS)));
	CHECK("encryption and rekey values",
	      dev.encryption == MPVPN_ENCRYPTION_CHACHA20_POLY1305 &&
	      dev.rekey_seconds == 120);
	CHECK("the key counters",
	      dev.stats.counter[MPVPN_STATS_A_TX_NO_KEY] == 1 &&
	      dev.stats.counter[MPVPN_STATS_A_RX_NO_KEY] == 2 &&
	      dev.stats.counter[MPVPN_STATS_A_RX_NOT_AUTHENTIC] == 3);
	CHECK_STR("tx_no_key name", mpvpn_stats_name(MPVPN_STATS_A_TX_NO_KEY),
		  "tx_no_key");
	CHECK_STR("rx_no_key name", mpvpn_stats_name(MPVPN_STATS_A_RX_NO_KEY),
		  "rx_no_key");
	CHECK_STR("rx_not_authentic name",
		  mpvpn_stats_name(MPVPN_STATS_A_RX_NOT_AUTHENTIC),
		  "rx_not_authentic");
	nlmsg_free(msg);
}

static void test_encryption_names(void)
{
	enum mpvpn_encryption encryption;

	CHECK_STR("unset name", mpvpn_encryption_name(MPVPN_ENCRYPTION_UNSET),
		  "unset");
	CHECK_STR("none name", mpvpn_encryption_name(MPVPN_ENCRYPTION_NONE),
		  "none");
	CHECK_STR("aead name",
		  mpvpn_encryption_name(MPVPN_ENCRYPTION_CHACHA20_POLY1305),
		  "chacha20-poly1305");
	CHECK_STR("an encryption beyond this build",
		  mpvpn_encryption_name(__MPVPN_ENCRYPTION_MAX), "unknown");
	CHECK("none parses",
	      mpvpn_encryption_parse("none", &encryption) == 0 &&
	      encryption == MPVPN_ENCRYPTION_NONE);
	CHECK("chacha20-poly1305 parses",
	      mpvpn_encryption_parse("chacha20-poly1305", &encryption) == 0 &&
	      encryption == MPVPN_ENCRYPTION_CHACHA20_POLY1305);
	CHECK("unset cannot be asked for",
	      mpvpn_encryption_parse("unset", &encryption) == -EINVAL);
}

static void test_verdict_building(void)
{
	struct mpvpn_verdict_info verdict = {
		.name = "ping", .ok = true, .has_rtt = true, .rtt_us = 12500,
	};
	struct nlattr *tb[MPVPN_A_MAX + 1];
	struct mpvpn_verdict_info back;
	struct nl_msg *msg;

	msg = genl_message(MPVPN_CMD_PATH_VERDICT);
	CHECK("verdict builds", mpvpn_put_verdict(msg, &verdict) == 0);
	parse_request(msg, tb);
	CHECK("verdict reads back",
	      tb[MPVPN_A_VERDICT] &&
	      mpvpn_parse_verdict_nest(tb[MPVPN_A_VERDICT], &back) == 0 &&
	      !strcmp(back.name, "ping") && back.ok && back.has_rtt &&
	      back.rtt_us == 12500 && !back.has_valid && !back.remove);
	nlmsg_free(msg);

	verdict.ok = false;
	verdict.has_rtt = false;
	verdict.has_valid = true;
	verdict.valid_ms = 0;
	msg = genl_message(MPVPN_CMD_PATH_VERDICT);
	mpvpn_put_verdict(msg, &verdict);
	parse_request(msg, tb);
	CHECK("a failing verdict with a lifetime of 0 is sent as such",
	      mpvpn_parse_verdict_nest(tb[MPVPN_A_VERDICT], &back) == 0 &&
	      !back.ok && !back.has_rtt && back.has_valid &&
	      back.valid_ms == 0);
	nlmsg_free(msg);

	verdict.remove = true;
	verdict.has_rtt = true;
	msg = genl_message(MPVPN_CMD_PATH_VERDICT);
	mpvpn_put_verdict(msg, &verdict);
	parse_request(msg, tb);
	{
		struct nlattr *vtb[MPVPN_VERDICT_A_MAX + 1];

		nla_parse_nested(vtb, MPVPN_VERDICT_A_MAX, tb[MPVPN_A_VERDICT],
				 NULL);
		CHECK("forgetting sends the name and the flag alone",
		      vtb[MPVPN_VERDICT_A_NAME] && vtb[MPVPN_VERDICT_A_DELETE] &&
		      !vtb[MPVPN_VERDICT_A_OK] && !vtb[MPVPN_VERDICT_A_RTT_US] &&
		      !vtb[MPVPN_VERDICT_A_VALID_MS]);
	}
	nlmsg_free(msg);
}

/* An NLMSG_ERROR as the kernel builds it, with the request echoed or not. */
static struct nl_msg *error_message(int error, bool capped, const char *text)
{
	struct nl_msg *request = genl_message(MPVPN_CMD_PATH_ADD);
	struct nlmsghdr *req_hdr;
	struct nlmsgerr err;
	struct nl_msg *msg;
	int flags = (capped ? NLM_F_CAPPED : 0) | (text ? NLM_F_ACK_TLVS : 0);

	nla_put_string(request, MPVPN_A_IFNAME, "mpvpn0");
	req_hdr = nlmsg_hdr(request);

	msg = nlmsg_alloc_simple(NLMSG_ERROR, flags);
	memset(&err, 0, sizeof(err));
	err.error = error;
	err.msg = *req_hdr;
	nlmsg_append(msg, &err, sizeof(err), NLMSG_ALIGNTO);
	if (!capped)
		nlmsg_append(msg, nlmsg_data(req_hdr),
			     (size_t)nlmsg_datalen(req_hdr), NLMSG_ALIGNTO);
	if (text)
		nla_put_string(msg, NLMSGERR_ATTR_MSG, text);
	nlmsg_free(request);
	return msg;
}

static void test_acks(void)
{
	char text[MPVPN_ERROR_LEN];
	struct nl_msg *msg;
	int error = 1;

	msg = error_message(-EEXIST, true, "path name already exists");
	CHECK("capped error with extack",
	      mpvpn_ack_parse(nlmsg_hdr(msg), &error, text,
			      sizeof(text)) == 0 &&
	      error == -EEXIST && !strcmp(text, "path name already exists"));
	nlmsg_free(msg);

	msg = error_message(-EINVAL, false, "weight out of range\n");
	CHECK("uncapped error skips the echoed request",
	      mpvpn_ack_parse(nlmsg_hdr(msg), &error, text,
			      sizeof(text)) == 0 &&
	      error == -EINVAL && !strcmp(text, "weight out of range"));
	nlmsg_free(msg);

	msg = error_message(-ENODEV, false, NULL);
	CHECK("error without extack has no text",
	      mpvpn_ack_parse(nlmsg_hdr(msg), &error, text,
			      sizeof(text)) == 0 &&
	      error == -ENODEV && text[0] == '\0');
	nlmsg_free(msg);

	msg = error_message(0, true, NULL);
	CHECK("plain ack is success",
	      mpvpn_ack_parse(nlmsg_hdr(msg), &error, text,
			      sizeof(text)) == 0 &&
	      error == 0);
	nlmsg_free(msg);

	msg = error_message(-EINVAL, true, NULL);
	nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK_TLVS;
	nla_put_u32(msg, NLMSGERR_ATTR_MISS_TYPE, MPVPN_PATH_A_REMOTE_ADDR);
	CHECK("missing-attribute report without text is explained",
	      mpvpn_ack_parse(nlmsg_hdr(msg), &error, text,
			      sizeof(text)) == 0 &&
	      error == -EINVAL && strstr(text, "attribute 5 is missing"));
	nlmsg_free(msg);

	msg = nlmsg_alloc_simple(NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS);
	error = -ENODEV;
	nlmsg_append(msg, &error, sizeof(error), NLMSG_ALIGNTO);
	nla_put_string(msg, NLMSGERR_ATTR_MSG, "no such mpvpn device");
	error = 0;
	CHECK("dump DONE carrying an error and extack",
	      mpvpn_ack_parse(nlmsg_hdr(msg), &error, text,
			      sizeof(text)) == 0 &&
	      error == -ENODEV && !strcmp(text, "no such mpvpn device"));
	nlmsg_free(msg);

	msg = nlmsg_alloc_simple(NLMSG_DONE, NLM_F_MULTI);
	error = 0;
	nlmsg_append(msg, &error, sizeof(error), NLMSG_ALIGNTO);
	error = 1;
	CHECK("successful DONE",
	      mpvpn_ack_parse(nlmsg_hdr(msg), &error, text,
			      sizeof(text)) == 0 &&
	      error == 0 && text[0] == '\0');
	nlmsg_free(msg);

	msg = nlmsg_alloc_simple(NLMSG_ERROR, 0);
	CHECK("truncated error is refused",
	      mpvpn_ack_parse(nlmsg_hdr(msg), &error, text,
			      sizeof(text)) == -EPROTO);
	nlmsg_free(msg);
}

static void test_client_without_kernel(void)
{
	struct mpvpn_client *client = mpvpn_client_new();
	struct mpvpn_dev_ref dev = { .ifname = "mpvpn0" };
	struct mpvpn_path_info path = { 0 };

	CHECK("client allocates", client != NULL);
	if (!client)
		return;
	CHECK("unconnected client refuses requests",
	      mpvpn_dev_set_mode(client, &dev, MPVPN_MODE_FAILOVER) ==
	      -ENOTCONN && strstr(mpvpn_client_error(client), "not connected"));
	CHECK("a path request without id or name is refused early",
	      mpvpn_path_del(client, &dev, &path) == -EINVAL &&
	      strstr(mpvpn_client_error(client), "id or a name"));
	CHECK("device settings need something to set",
	      mpvpn_dev_set(client, &dev, &(struct mpvpn_dev_settings){ 0 }) ==
	      -EINVAL && strstr(mpvpn_client_error(client), "no device setting"));
	CHECK("unconnected client refuses device settings",
	      mpvpn_dev_set(client, &dev, &(struct mpvpn_dev_settings){
			.present = MPVPN_DEV_HAS(MPVPN_A_FAILBACK) }) ==
	      -ENOTCONN);
	CHECK("the reorder wait is a device setting",
	      mpvpn_dev_set(client, &dev, &(struct mpvpn_dev_settings){
			.present = MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_MS) }) ==
	      -ENOTCONN);
	CHECK("tos inherit is a device setting",
	      mpvpn_dev_set(client, &dev, &(struct mpvpn_dev_settings){
			.present = MPVPN_DEV_HAS(MPVPN_A_TOS_INHERIT) }) ==
	      -ENOTCONN);
	CHECK("the copies are a device setting",
	      mpvpn_dev_set(client, &dev, &(struct mpvpn_dev_settings){
			.present = MPVPN_DEV_HAS(MPVPN_A_REDUNDANCY) }) ==
	      -ENOTCONN);
	CHECK("the wait in force is no device setting",
	      mpvpn_dev_set(client, &dev, &(struct mpvpn_dev_settings){
			.present = MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_US) }) ==
	      -EINVAL);
	path.present = HAS(NAME);
	strcpy(path.name, "fiber");
	CHECK("a verdict without a probe name is refused early",
	      mpvpn_path_verdict(client, &dev, &path,
				 &(struct mpvpn_verdict_info){ .ok = true }) ==
	      -EINVAL && strstr(mpvpn_client_error(client), "probe name"));
	CHECK("unconnected client refuses verdicts",
	      mpvpn_path_verdict(client, &dev, &path,
				 &(struct mpvpn_verdict_info){ .name = "ping" }) ==
	      -ENOTCONN);
	CHECK("events need a connected client",
	      mpvpn_events_open(client) == -ENOTCONN &&
	      mpvpn_events_fd(client) == -1);
	mpvpn_client_free(client);
}

/* The failover history, as the kernel nests it in a path. */
static void test_path_history(void)
{
	struct nl_msg *msg = genl_message(MPVPN_CMD_PATH_GET);
	struct nlattr *path_nest = nla_nest_start(msg, MPVPN_A_PATH);
	struct nlattr *nest;
	struct mpvpn_path_info path;
	const struct mpvpn_history *h = &path.history;

	nla_put_string(msg, MPVPN_PATH_A_NAME, "fiber");
	nest = nla_nest_start(msg, MPVPN_PATH_A_HISTORY);
	nla_put_u32(msg, MPVPN_HISTORY_A_CHANGES, 3);
	nla_put(msg, MPVPN_HISTORY_A_PAD, 0, NULL);
	nla_put_u64(msg, MPVPN_HISTORY_A_LAST_CHANGE_MS, UINT64_C(5000000000));
	nla_put_u64(msg, MPVPN_HISTORY_A_DOWN_MS, 65000);
	nla_put_u64(msg, MPVPN_HISTORY_A_UP_MS, UINT64_C(5000009000));
	nla_put_u64(msg, MPVPN_HISTORY_A_MAX + 2, 1);	/* from a newer module */
	nla_nest_end(msg, nest);
	nla_nest_end(msg, path_nest);
	CHECK("a path with its history parses",
	      mpvpn_parse_path_reply(nlmsg_hdr(msg), &path) == 0 &&
	      (path.present & HAS(HISTORY)));
	CHECK("history figures of 32 and 64 bits",
	      h->value[MPVPN_HISTORY_A_CHANGES] == 3 &&
	      h->value[MPVPN_HISTORY_A_LAST_CHANGE_MS] == UINT64_C(5000000000) &&
	      h->value[MPVPN_HISTORY_A_DOWN_MS] == 65000 &&
	      h->value[MPVPN_HISTORY_A_UP_MS] == UINT64_C(5000009000));
	CHECK("the history figures sent are marked, not the pad",
	      h->present == (MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_CHANGES) |
			     MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_LAST_CHANGE_MS) |
			     MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_DOWN_MS) |
			     MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_UP_MS)));
	CHECK("each state's time has its attribute",
	      mpvpn_history_state_attr(MPVPN_PATH_STATE_UP) == MPVPN_HISTORY_A_UP_MS &&
	      mpvpn_history_state_attr(MPVPN_PATH_STATE_DEGRADED) ==
	      MPVPN_HISTORY_A_DEGRADED_MS &&
	      mpvpn_history_state_attr(__MPVPN_PATH_STATE_MAX) == 0);
	CHECK_STR("history names", mpvpn_history_name(MPVPN_HISTORY_A_LAST_CHANGE_MS),
		  "last_change_ms");
	nlmsg_free(msg);
}

int main(void)
{
	test_path_history();
	test_device_reply();
	test_path_reply();
	test_event();
	test_path_health_reply();
	test_path_health_edges();
	test_device_health_reply();
	test_scheduling_reply();
	test_state_change_event();
	test_roaming_reply_and_event();
	test_request_building();
	test_dev_settings_building();
	test_encryption_building();
	test_encryption_reply();
	test_encryption_names();
	test_verdict_building();
	test_acks();
	test_client_without_kernel();
	return unit_finish();
}
