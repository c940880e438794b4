// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Replies and events into plain structs. Attributes newer than this build
 * are ignored, so an older tool keeps working against a newer module.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

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

int parse_stats_nest(struct nlattr *nest, struct mpvpn_stats *stats)
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

static int get_addr(struct nlattr *attr, struct mpvpn_addr *addr)
{
	return mpvpn_addr_set_bytes(addr, nla_data(attr),
				    (size_t)nla_len(attr)) < 0 ? -EPROTO : 0;
}

int parse_path_nest(struct nlattr *nest, struct mpvpn_path *path)
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
		case MPVPN_PATH_A_PRIORITY:
			path->priority = nla_get_u32(attr);
			break;
		case MPVPN_PATH_A_WEIGHT:
			path->weight = nla_get_u32(attr);
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
		case MPVPN_PATH_A_STATS:
			ret = parse_stats_nest(attr, &path->stats);
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

int parse_device(struct nlmsghdr *hdr, struct mpvpn_device *device)
{
	struct nlattr *tb[MPVPN_A_MAX + 1];

	memset(device, 0, sizeof(*device));
	if (parse_top(hdr, tb) < 0)
		return -EPROTO;
	/* Without these two nothing can be said about the device. */
	if (!tb[MPVPN_A_IFINDEX] || !tb[MPVPN_A_IFNAME])
		return -EPROTO;

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
	if (tb[MPVPN_A_STATS])
		return parse_stats_nest(tb[MPVPN_A_STATS], &device->stats);
	return 0;
}

int parse_path_reply(struct nlmsghdr *hdr, struct mpvpn_path *path)
{
	struct nlattr *tb[MPVPN_A_MAX + 1];

	if (parse_top(hdr, tb) < 0 || !tb[MPVPN_A_PATH])
		return -EPROTO;
	return parse_path_nest(tb[MPVPN_A_PATH], path);
}

int parse_event(struct nlmsghdr *hdr, struct mpvpn_event *event)
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
	if (tb[MPVPN_A_PATH]) {
		event->has_path = true;
		return parse_path_nest(tb[MPVPN_A_PATH], &event->path);
	}
	return 0;
}
