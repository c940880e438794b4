// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Replies and events into plain structs. Attributes newer than this build
 * are ignored, so an older tool keeps working against a newer module.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

/* Presence is kept in bit masks of 64 bits, one bit per attribute. */
_Static_assert(MPVPN_A_MAX < 64, "device presence bits");
_Static_assert(MPVPN_PATH_A_MAX < 64, "path presence bits");
_Static_assert(MPVPN_HEALTH_A_MAX < 64, "health presence bits");
_Static_assert(MPVPN_MEASURE_A_MAX < 64, "measure presence bits");
_Static_assert(MPVPN_HISTORY_A_MAX < 64, "history presence bits");
_Static_assert(MPVPN_STATS_A_MAX < 64, "stats presence bits");
_Static_assert(MPVPN_HANDSHAKE_A_MAX < 64, "handshake presence bits");

static const struct nla_policy device_policy[MPVPN_A_MAX + 1] = {
	[MPVPN_A_IFINDEX]		= { .type = NLA_U32 },
	[MPVPN_A_IFNAME]		= { .type = NLA_STRING },
	[MPVPN_A_PORT]			= { .type = NLA_U16 },
	[MPVPN_A_TUNNEL_ID]		= { .type = NLA_U32 },
	[MPVPN_A_MODE]			= { .type = NLA_U8 },
	[MPVPN_A_MTU]			= { .type = NLA_U32 },
	[MPVPN_A_ACTIVE_PATH_ID]	= { .type = NLA_U32 },
	[MPVPN_A_ACTIVE_PATH_NAME]	= { .type = NLA_STRING },
	[MPVPN_A_PATH_COUNT]		= { .type = NLA_U32 },
	[MPVPN_A_STATS]			= { .type = NLA_NESTED },
	[MPVPN_A_PATH]			= { .type = NLA_NESTED },
	[MPVPN_A_REASON]		= { .type = NLA_U8 },
	[MPVPN_A_HEALTH]		= { .type = NLA_NESTED },
	[MPVPN_A_FAILBACK]		= { .type = NLA_U8 },
	[MPVPN_A_REVERT_DELAY_MS]	= { .type = NLA_U32 },
	[MPVPN_A_OLD_STATE]		= { .type = NLA_U8 },
	[MPVPN_A_OLD_ACTIVE_PATH_ID]	= { .type = NLA_U32 },
	[MPVPN_A_VERDICT]		= { .type = NLA_NESTED },
	[MPVPN_A_REDUNDANCY]		= { .type = NLA_U8 },
	[MPVPN_A_REORDER_WAIT_MS]	= { .type = NLA_U32 },
	[MPVPN_A_REORDER_WAIT_US]	= { .type = NLA_U32 },
	[MPVPN_A_ENCRYPTION]		= { .type = NLA_U8 },
	[MPVPN_A_REKEY_SECONDS]		= { .type = NLA_U32 },
	[MPVPN_A_OLD_REMOTE_ADDR]	= { .type = NLA_UNSPEC, .minlen = 4 },
	[MPVPN_A_OLD_REMOTE_PORT]	= { .type = NLA_U16 },
	[MPVPN_A_HANDSHAKE_FAILURE]	= { .type = NLA_U8 },
	[MPVPN_A_TOS_INHERIT]		= { .type = NLA_U8 },
	[MPVPN_A_PUBLIC_KEY]		= { .type = NLA_UNSPEC,
					    .minlen = MPVPN_KEY_LEN },
	[MPVPN_A_PEER_PUBLIC_KEY]	= { .type = NLA_UNSPEC,
					    .minlen = MPVPN_KEY_LEN },
	[MPVPN_A_HANDSHAKE]		= { .type = NLA_NESTED },
};

static const struct nla_policy path_policy[MPVPN_PATH_A_MAX + 1] = {
	[MPVPN_PATH_A_ID]		= { .type = NLA_U32 },
	[MPVPN_PATH_A_NAME]		= { .type = NLA_STRING },
	[MPVPN_PATH_A_LOCAL_ADDR]	= { .type = NLA_UNSPEC, .minlen = 4 },
	[MPVPN_PATH_A_LOCAL_IFINDEX]	= { .type = NLA_U32 },
	[MPVPN_PATH_A_REMOTE_ADDR]	= { .type = NLA_UNSPEC, .minlen = 4 },
	[MPVPN_PATH_A_REMOTE_PORT]	= { .type = NLA_U16 },
	[MPVPN_PATH_A_PRIORITY]		= { .type = NLA_U32 },
	[MPVPN_PATH_A_WEIGHT]		= { .type = NLA_U32 },
	[MPVPN_PATH_A_ADMIN_UP]		= { .type = NLA_U8 },
	[MPVPN_PATH_A_STATE]		= { .type = NLA_U8 },
	[MPVPN_PATH_A_CARRIER]		= { .type = NLA_U8 },
	[MPVPN_PATH_A_ACTIVE]		= { .type = NLA_U8 },
	[MPVPN_PATH_A_MTU]		= { .type = NLA_U32 },
	[MPVPN_PATH_A_STATS]		= { .type = NLA_NESTED },
	[MPVPN_PATH_A_HEALTH]		= { .type = NLA_NESTED },
	[MPVPN_PATH_A_MEASURE]		= { .type = NLA_NESTED },
	[MPVPN_PATH_A_STATE_REASON]	= { .type = NLA_U8 },
	[MPVPN_PATH_A_VERDICTS]		= { .type = NLA_NESTED },
	[MPVPN_PATH_A_BANDWIDTH_KBPS]	= { .type = NLA_U32 },
	[MPVPN_PATH_A_REMOTE_FIXED]	= { .type = NLA_U8 },
	[MPVPN_PATH_A_REMOTE_LEARNED]	= { .type = NLA_U8 },
	[MPVPN_PATH_A_HISTORY]		= { .type = NLA_NESTED },
	[MPVPN_PATH_A_PMTU]		= { .type = NLA_U32 },
};

static const struct nla_policy health_policy[MPVPN_HEALTH_A_MAX + 1] = {
	[MPVPN_HEALTH_A_PROBE_INTERVAL_MS]	= { .type = NLA_U32 },
	[MPVPN_HEALTH_A_MISS_COUNT]		= { .type = NLA_U32 },
	[MPVPN_HEALTH_A_LOSS_WINDOW]		= { .type = NLA_U32 },
	[MPVPN_HEALTH_A_LATENCY_FAIL_MS]	= { .type = NLA_U32 },
	[MPVPN_HEALTH_A_LATENCY_RECOVER_MS]	= { .type = NLA_U32 },
	[MPVPN_HEALTH_A_JITTER_FAIL_MS]		= { .type = NLA_U32 },
	[MPVPN_HEALTH_A_JITTER_RECOVER_MS]	= { .type = NLA_U32 },
	[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE]	= { .type = NLA_U32 },
	[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE]	= { .type = NLA_U32 },
	[MPVPN_HEALTH_A_HOLD_MS]		= { .type = NLA_U32 },
	[MPVPN_HEALTH_A_RESET]			= { .type = NLA_FLAG },
};

static const struct nla_policy measure_policy[MPVPN_MEASURE_A_MAX + 1] = {
	[MPVPN_MEASURE_A_RTT_US]		= { .type = NLA_U32 },
	[MPVPN_MEASURE_A_SRTT_US]		= { .type = NLA_U32 },
	[MPVPN_MEASURE_A_JITTER_US]		= { .type = NLA_U32 },
	[MPVPN_MEASURE_A_LOSS_PERMILLE]		= { .type = NLA_U32 },
	[MPVPN_MEASURE_A_MISSES]		= { .type = NLA_U32 },
	[MPVPN_MEASURE_A_LAST_SEEN_MS]		= { .type = NLA_U32 },
	[MPVPN_MEASURE_A_PROBES_SENT]		= { .type = NLA_U64 },
	[MPVPN_MEASURE_A_PROBES_ANSWERED]	= { .type = NLA_U64 },
	[MPVPN_MEASURE_A_RATE_KBPS]		= { .type = NLA_U32 },
	[MPVPN_MEASURE_A_QUEUE_US]		= { .type = NLA_U32 },
	[MPVPN_MEASURE_A_LOSS_LATELY_PERMILLE]	= { .type = NLA_U32 },
};

static const struct nla_policy history_policy[MPVPN_HISTORY_A_MAX + 1] = {
	[MPVPN_HISTORY_A_CHANGES]		= { .type = NLA_U32 },
	[MPVPN_HISTORY_A_LAST_CHANGE_MS]	= { .type = NLA_U64 },
	[MPVPN_HISTORY_A_DOWN_MS]		= { .type = NLA_U64 },
	[MPVPN_HISTORY_A_UP_MS]			= { .type = NLA_U64 },
	[MPVPN_HISTORY_A_DEGRADED_MS]		= { .type = NLA_U64 },
};

static const struct nla_policy verdict_policy[MPVPN_VERDICT_A_MAX + 1] = {
	[MPVPN_VERDICT_A_NAME]		= { .type = NLA_STRING },
	[MPVPN_VERDICT_A_OK]		= { .type = NLA_U8 },
	[MPVPN_VERDICT_A_RTT_US]	= { .type = NLA_U32 },
	[MPVPN_VERDICT_A_VALID_MS]	= { .type = NLA_U32 },
	[MPVPN_VERDICT_A_DELETE]	= { .type = NLA_FLAG },
};

static const struct nla_policy stats_policy[MPVPN_STATS_A_MAX + 1] = {
	[MPVPN_STATS_A_TX_PACKETS]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_TX_BYTES]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_PACKETS]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_BYTES]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_TX_ERRORS]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_TX_NO_PATH]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_SHORT]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_BAD_VERSION]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_BAD_HEADER]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_UNKNOWN_TUNNEL]	= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_UNKNOWN_SOURCE]	= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_BAD_INNER]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_DROPPED]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_BAD_PROBE]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_DUPLICATE]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_STALE]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_REORDERED]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_LATE]			= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_REORDER_TIMEOUT]	= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_REORDER_OVERFLOW]	= { .type = NLA_U64 },
	[MPVPN_STATS_A_TX_NO_KEY]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_NO_KEY]		= { .type = NLA_U64 },
	[MPVPN_STATS_A_RX_NOT_AUTHENTIC]	= { .type = NLA_U64 },
};

static void copy_string(char *dst, size_t len, struct nlattr *attr)
{
	/* The policy guarantees a NUL inside the attribute. */
	size_t n = strnlen(nla_data(attr), (size_t)nla_len(attr));

	if (n >= len)
		n = len - 1;
	memcpy(dst, nla_data(attr), n);
	dst[n] = '\0';
}

static int parse_stats_nest(struct nlattr *nest, struct mpvpn_stats *stats)
{
	struct nlattr *tb[MPVPN_STATS_A_MAX + 1];

	memset(stats, 0, sizeof(*stats));
	if (nla_parse_nested(tb, MPVPN_STATS_A_MAX, nest, stats_policy) < 0)
		return -EPROTO;
	for (int type = 1; type <= MPVPN_STATS_A_MAX; type++) {
		if (type == MPVPN_STATS_A_PAD || !tb[type])
			continue;
		stats->counter[type] = nla_get_u64(tb[type]);
		stats->present |= UINT64_C(1) << type;
	}
	return 0;
}

/*
 * A nest of u64 counters only (MPVPN_A_HANDSHAKE): each one of the size
 * a u64 has, or the reply is refused; @pad is the nest's padding.
 */
static int parse_counter_nest(struct nlattr *nest, int max, int pad,
			      uint64_t *present, uint64_t *counter)
{
	struct nlattr *attr;
	int rem;

	*present = 0;
	nla_for_each_nested(attr, nest, rem) {
		int type = nla_type(attr);

		if (type < 1 || type > max || type == pad)
			continue;
		if (nla_len(attr) != sizeof(uint64_t))
			return -EPROTO;
		counter[type] = nla_get_u64(attr);
		*present |= UINT64_C(1) << type;
	}
	return 0;
}

int mpvpn_parse_health_nest(struct nlattr *nest,
			    struct mpvpn_health_info *health)
{
	struct nlattr *tb[MPVPN_HEALTH_A_MAX + 1];

	memset(health, 0, sizeof(*health));
	if (nla_parse_nested(tb, MPVPN_HEALTH_A_MAX, nest, health_policy) < 0)
		return -EPROTO;
	for (int type = 1; type <= MPVPN_HEALTH_A_MAX; type++) {
		if (!tb[type])
			continue;
		/* The reset flag has no value; only its presence counts. */
		if (type != MPVPN_HEALTH_A_RESET)
			health->value[type] = nla_get_u32(tb[type]);
		health->present |= MPVPN_HEALTH_HAS(type);
	}
	return 0;
}

static int parse_measure_nest(struct nlattr *nest,
			      struct mpvpn_measure *measure)
{
	struct nlattr *tb[MPVPN_MEASURE_A_MAX + 1];
	uint32_t *u32_field[MPVPN_MEASURE_A_MAX + 1] = {
		[MPVPN_MEASURE_A_RTT_US] = &measure->rtt_us,
		[MPVPN_MEASURE_A_SRTT_US] = &measure->srtt_us,
		[MPVPN_MEASURE_A_JITTER_US] = &measure->jitter_us,
		[MPVPN_MEASURE_A_LOSS_PERMILLE] = &measure->loss_permille,
		[MPVPN_MEASURE_A_MISSES] = &measure->misses,
		[MPVPN_MEASURE_A_LAST_SEEN_MS] = &measure->last_seen_ms,
		[MPVPN_MEASURE_A_RATE_KBPS] = &measure->rate_kbps,
		[MPVPN_MEASURE_A_QUEUE_US] = &measure->queue_us,
		[MPVPN_MEASURE_A_LOSS_LATELY_PERMILLE] =
			&measure->loss_lately_permille,
	};
	uint64_t *u64_field[MPVPN_MEASURE_A_MAX + 1] = {
		[MPVPN_MEASURE_A_PROBES_SENT] = &measure->probes_sent,
		[MPVPN_MEASURE_A_PROBES_ANSWERED] = &measure->probes_answered,
	};

	memset(measure, 0, sizeof(*measure));
	if (nla_parse_nested(tb, MPVPN_MEASURE_A_MAX, nest, measure_policy) < 0)
		return -EPROTO;
	for (int type = 1; type <= MPVPN_MEASURE_A_MAX; type++) {
		if (!tb[type])
			continue;
		if (u32_field[type])
			*u32_field[type] = nla_get_u32(tb[type]);
		else if (u64_field[type])
			*u64_field[type] = nla_get_u64(tb[type]);
		else
			continue;	/* the pad */
		measure->present |= MPVPN_MEASURE_HAS(type);
	}
	return 0;
}

static int parse_history_nest(struct nlattr *nest,
			      struct mpvpn_history *history)
{
	struct nlattr *tb[MPVPN_HISTORY_A_MAX + 1];

	memset(history, 0, sizeof(*history));
	if (nla_parse_nested(tb, MPVPN_HISTORY_A_MAX, nest, history_policy) < 0)
		return -EPROTO;
	for (int type = 1; type <= MPVPN_HISTORY_A_MAX; type++) {
		if (type == MPVPN_HISTORY_A_PAD || !tb[type])
			continue;
		history->value[type] = type == MPVPN_HISTORY_A_CHANGES ?
				       nla_get_u32(tb[type]) :
				       nla_get_u64(tb[type]);
		history->present |= MPVPN_HISTORY_HAS(type);
	}
	return 0;
}

int mpvpn_parse_verdict_nest(struct nlattr *nest,
			     struct mpvpn_verdict_info *verdict)
{
	struct nlattr *tb[MPVPN_VERDICT_A_MAX + 1];

	memset(verdict, 0, sizeof(*verdict));
	if (nla_parse_nested(tb, MPVPN_VERDICT_A_MAX, nest, verdict_policy) < 0)
		return -EPROTO;
	/* A verdict is known by its probe's name; a nameless one is garbage. */
	if (!tb[MPVPN_VERDICT_A_NAME])
		return -EPROTO;
	copy_string(verdict->name, sizeof(verdict->name),
		    tb[MPVPN_VERDICT_A_NAME]);
	if (tb[MPVPN_VERDICT_A_OK])
		verdict->ok = nla_get_u8(tb[MPVPN_VERDICT_A_OK]) != 0;
	if (tb[MPVPN_VERDICT_A_RTT_US]) {
		verdict->has_rtt = true;
		verdict->rtt_us = nla_get_u32(tb[MPVPN_VERDICT_A_RTT_US]);
	}
	if (tb[MPVPN_VERDICT_A_VALID_MS]) {
		verdict->has_valid = true;
		verdict->valid_ms = nla_get_u32(tb[MPVPN_VERDICT_A_VALID_MS]);
	}
	verdict->remove = tb[MPVPN_VERDICT_A_DELETE] != NULL;
	return 0;
}

/* MPVPN_PATH_A_VERDICTS: a list of MPVPN_A_VERDICT nests. */
static int parse_verdicts(struct nlattr *nest, struct mpvpn_path_info *path)
{
	struct nlattr *attr;
	int rem;

	nla_for_each_nested(attr, nest, rem) {
		int ret;

		if (nla_type(attr) != MPVPN_A_VERDICT)
			continue;
		/*
		 * The uapi caps verdicts per path; a newer module allowing
		 * more must not make this build fail, so the rest is dropped.
		 */
		if (path->verdict_count == MPVPN_MAX_VERDICTS)
			break;
		ret = mpvpn_parse_verdict_nest(attr,
					       &path->verdicts[path->verdict_count]);
		if (ret < 0)
			return ret;
		path->verdict_count++;
	}
	return 0;
}

static int get_addr(struct nlattr *attr, struct mpvpn_addr *addr)
{
	return mpvpn_addr_set_bytes(addr, nla_data(attr),
				    (size_t)nla_len(attr)) < 0 ? -EPROTO : 0;
}

static int parse_path_nest(struct nlattr *nest, struct mpvpn_path_info *path)
{
	struct nlattr *tb[MPVPN_PATH_A_MAX + 1];
	int ret = 0;

	memset(path, 0, sizeof(*path));
	if (nla_parse_nested(tb, MPVPN_PATH_A_MAX, nest, path_policy) < 0)
		return -EPROTO;

	for (int type = 1; type <= MPVPN_PATH_A_MAX; type++) {
		struct nlattr *attr = tb[type];

		if (!attr)
			continue;
		switch (type) {
		case MPVPN_PATH_A_ID:
			path->id = nla_get_u32(attr);
			break;
		case MPVPN_PATH_A_NAME:
			copy_string(path->name, sizeof(path->name), attr);
			break;
		case MPVPN_PATH_A_LOCAL_ADDR:
			ret = get_addr(attr, &path->local);
			break;
		case MPVPN_PATH_A_LOCAL_IFINDEX:
			path->local_ifindex = nla_get_u32(attr);
			break;
		case MPVPN_PATH_A_REMOTE_ADDR:
			ret = get_addr(attr, &path->remote);
			break;
		case MPVPN_PATH_A_REMOTE_PORT:
			path->remote_port = nla_get_u16(attr);
			break;
		case MPVPN_PATH_A_REMOTE_FIXED:
			path->remote_fixed = nla_get_u8(attr) != 0;
			break;
		case MPVPN_PATH_A_REMOTE_LEARNED:
			path->remote_learned = nla_get_u8(attr) != 0;
			break;
		case MPVPN_PATH_A_PRIORITY:
			path->priority = nla_get_u32(attr);
			break;
		case MPVPN_PATH_A_WEIGHT:
			path->weight = nla_get_u32(attr);
			break;
		case MPVPN_PATH_A_BANDWIDTH_KBPS:
			path->bandwidth_kbps = nla_get_u32(attr);
			break;
		case MPVPN_PATH_A_ADMIN_UP:
			path->admin_up = nla_get_u8(attr) != 0;
			break;
		case MPVPN_PATH_A_STATE:
			path->state = nla_get_u8(attr);
			break;
		case MPVPN_PATH_A_CARRIER:
			path->carrier = nla_get_u8(attr) != 0;
			break;
		case MPVPN_PATH_A_ACTIVE:
			path->active = nla_get_u8(attr) != 0;
			break;
		case MPVPN_PATH_A_MTU:
			path->mtu = nla_get_u32(attr);
			break;
		case MPVPN_PATH_A_PMTU:
			path->pmtu = nla_get_u32(attr);
			break;
		case MPVPN_PATH_A_STATS:
			ret = parse_stats_nest(attr, &path->stats);
			break;
		case MPVPN_PATH_A_HEALTH:
			ret = mpvpn_parse_health_nest(attr, &path->health);
			break;
		case MPVPN_PATH_A_MEASURE:
			ret = parse_measure_nest(attr, &path->measure);
			break;
		case MPVPN_PATH_A_STATE_REASON:
			path->state_reason = nla_get_u8(attr);
			break;
		case MPVPN_PATH_A_VERDICTS:
			ret = parse_verdicts(attr, path);
			break;
		case MPVPN_PATH_A_HISTORY:
			ret = parse_history_nest(attr, &path->history);
			break;
		default:
			continue;
		}
		if (ret < 0)
			return ret;
		path->present |= MPVPN_PATH_HAS(type);
	}
	return 0;
}

static int parse_top(struct nlmsghdr *hdr, struct nlattr **tb)
{
	return genlmsg_parse(hdr, 0, tb, MPVPN_A_MAX, device_policy) < 0 ?
		-EPROTO : 0;
}

/* Marks in @present every attribute of @tb that this build knows. */
static uint64_t top_present(struct nlattr **tb)
{
	uint64_t present = 0;

	for (int type = 1; type <= MPVPN_A_MAX; type++)
		if (tb[type] && type != MPVPN_A_PAD)
			present |= MPVPN_DEV_HAS(type);
	return present;
}

int mpvpn_parse_device(struct nlmsghdr *hdr, struct mpvpn_device_info *device)
{
	struct nlattr *tb[MPVPN_A_MAX + 1];
	int ret = 0;

	memset(device, 0, sizeof(*device));
	if (parse_top(hdr, tb) < 0)
		return -EPROTO;
	/* Without these two nothing can be said about the device. */
	if (!tb[MPVPN_A_IFINDEX] || !tb[MPVPN_A_IFNAME])
		return -EPROTO;

	device->present = top_present(tb);
	device->ifindex = nla_get_u32(tb[MPVPN_A_IFINDEX]);
	copy_string(device->ifname, sizeof(device->ifname), tb[MPVPN_A_IFNAME]);
	if (tb[MPVPN_A_PORT])
		device->port = nla_get_u16(tb[MPVPN_A_PORT]);
	if (tb[MPVPN_A_TUNNEL_ID])
		device->tunnel_id = nla_get_u32(tb[MPVPN_A_TUNNEL_ID]);
	if (tb[MPVPN_A_MODE])
		device->mode = nla_get_u8(tb[MPVPN_A_MODE]);
	if (tb[MPVPN_A_MTU])
		device->mtu = nla_get_u32(tb[MPVPN_A_MTU]);
	if (tb[MPVPN_A_ACTIVE_PATH_ID])
		device->active_path_id = nla_get_u32(tb[MPVPN_A_ACTIVE_PATH_ID]);
	if (tb[MPVPN_A_ACTIVE_PATH_NAME])
		copy_string(device->active_path_name,
			    sizeof(device->active_path_name),
			    tb[MPVPN_A_ACTIVE_PATH_NAME]);
	if (tb[MPVPN_A_PATH_COUNT])
		device->path_count = nla_get_u32(tb[MPVPN_A_PATH_COUNT]);
	if (tb[MPVPN_A_FAILBACK])
		device->failback = nla_get_u8(tb[MPVPN_A_FAILBACK]);
	if (tb[MPVPN_A_REVERT_DELAY_MS])
		device->revert_delay_ms =
			nla_get_u32(tb[MPVPN_A_REVERT_DELAY_MS]);
	if (tb[MPVPN_A_REDUNDANCY])
		device->redundancy = nla_get_u8(tb[MPVPN_A_REDUNDANCY]);
	if (tb[MPVPN_A_REORDER_WAIT_MS])
		device->reorder_wait_ms =
			nla_get_u32(tb[MPVPN_A_REORDER_WAIT_MS]);
	if (tb[MPVPN_A_REORDER_WAIT_US])
		device->reorder_wait_us =
			nla_get_u32(tb[MPVPN_A_REORDER_WAIT_US]);
	if (tb[MPVPN_A_ENCRYPTION])
		device->encryption = nla_get_u8(tb[MPVPN_A_ENCRYPTION]);
	if (tb[MPVPN_A_REKEY_SECONDS])
		device->rekey_seconds = nla_get_u32(tb[MPVPN_A_REKEY_SECONDS]);
	if (tb[MPVPN_A_TOS_INHERIT])
		device->tos_inherit = nla_get_u8(tb[MPVPN_A_TOS_INHERIT]) != 0;
	if (tb[MPVPN_A_PUBLIC_KEY])
		memcpy(device->public_key, nla_data(tb[MPVPN_A_PUBLIC_KEY]),
		       MPVPN_KEY_LEN);
	if (tb[MPVPN_A_PEER_PUBLIC_KEY])
		memcpy(device->peer_public_key,
		       nla_data(tb[MPVPN_A_PEER_PUBLIC_KEY]), MPVPN_KEY_LEN);
	if (tb[MPVPN_A_STATS])
		ret = parse_stats_nest(tb[MPVPN_A_STATS], &device->stats);
	if (ret == 0 && tb[MPVPN_A_HANDSHAKE])
		ret = parse_counter_nest(tb[MPVPN_A_HANDSHAKE],
					 MPVPN_HANDSHAKE_A_MAX,
					 MPVPN_HANDSHAKE_A_PAD,
					 &device->handshake.present,
					 device->handshake.counter);
	if (ret == 0 && tb[MPVPN_A_HEALTH])
		ret = mpvpn_parse_health_nest(tb[MPVPN_A_HEALTH],
					      &device->health);
	return ret;
}

int mpvpn_parse_path_reply(struct nlmsghdr *hdr, struct mpvpn_path_info *path)
{
	struct nlattr *tb[MPVPN_A_MAX + 1];

	if (parse_top(hdr, tb) < 0 || !tb[MPVPN_A_PATH])
		return -EPROTO;
	return parse_path_nest(tb[MPVPN_A_PATH], path);
}

int mpvpn_parse_event(struct nlmsghdr *hdr, struct mpvpn_event *event)
{
	struct nlattr *tb[MPVPN_A_MAX + 1];

	memset(event, 0, sizeof(*event));
	if (parse_top(hdr, tb) < 0 || !tb[MPVPN_A_IFINDEX])
		return -EPROTO;

	event->ifindex = nla_get_u32(tb[MPVPN_A_IFINDEX]);
	if (tb[MPVPN_A_IFNAME])
		copy_string(event->ifname, sizeof(event->ifname),
			    tb[MPVPN_A_IFNAME]);
	if (tb[MPVPN_A_REASON])
		event->reason = nla_get_u8(tb[MPVPN_A_REASON]);
	if (tb[MPVPN_A_ACTIVE_PATH_ID])
		event->active_path_id = nla_get_u32(tb[MPVPN_A_ACTIVE_PATH_ID]);
	if (tb[MPVPN_A_ACTIVE_PATH_NAME])
		copy_string(event->active_path_name,
			    sizeof(event->active_path_name),
			    tb[MPVPN_A_ACTIVE_PATH_NAME]);
	if (tb[MPVPN_A_OLD_ACTIVE_PATH_ID]) {
		event->has_old_active_path = true;
		event->old_active_path_id =
			nla_get_u32(tb[MPVPN_A_OLD_ACTIVE_PATH_ID]);
	}
	if (tb[MPVPN_A_OLD_STATE]) {
		event->has_old_state = true;
		event->old_state = nla_get_u8(tb[MPVPN_A_OLD_STATE]);
	}
	/* An address without its port (or the reverse) is no endpoint. */
	if (!tb[MPVPN_A_OLD_REMOTE_ADDR] != !tb[MPVPN_A_OLD_REMOTE_PORT])
		return -EPROTO;
	if (tb[MPVPN_A_OLD_REMOTE_ADDR]) {
		if (get_addr(tb[MPVPN_A_OLD_REMOTE_ADDR], &event->old_remote) < 0)
			return -EPROTO;
		event->old_remote_port =
			nla_get_u16(tb[MPVPN_A_OLD_REMOTE_PORT]);
	}
	if (tb[MPVPN_A_HANDSHAKE_FAILURE])
		event->handshake_failure =
			nla_get_u8(tb[MPVPN_A_HANDSHAKE_FAILURE]);
	if (tb[MPVPN_A_PATH]) {
		event->has_path = true;
		return parse_path_nest(tb[MPVPN_A_PATH], &event->path);
	}
	return 0;
}
