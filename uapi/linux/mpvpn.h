/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR MIT) */
/*
 * mpvpn: multipath UDP tunnel device.
 *
 * This header is the single definition of the control plane: the rtnetlink
 * link attributes used by "ip link add ... type mpvpn" and the generic
 * netlink family "mpvpn" spoken by mpvpnctl and mpvpnd.
 * Documentation/netlink.rst describes every command and attribute.
 *
 * Integers are in host byte order unless named *_BE. Addresses are raw
 * network-order bytes: 4 bytes for IPv4, 16 for IPv6.
 */
#ifndef _UAPI_LINUX_MPVPN_H
#define _UAPI_LINUX_MPVPN_H

#include <linux/types.h>

#define MPVPN_GENL_NAME		"mpvpn"
#define MPVPN_GENL_VERSION	1
#define MPVPN_MCGRP_EVENTS	"events"

#define MPVPN_DEFAULT_PORT	5555
#define MPVPN_MAX_PATHS		32
#define MPVPN_PATH_NAME_LEN	16	/* including the terminating NUL */

/* Scheduling mode of a device. */
enum mpvpn_mode {
	MPVPN_MODE_FAILOVER,	/* priority tiers, active-backup */
	__MPVPN_MODE_MAX
};

#define MPVPN_MODE_MAX (__MPVPN_MODE_MAX - 1)

/* Health of a path as the kernel sees it. */
enum mpvpn_path_state {
	MPVPN_PATH_DOWN,
	MPVPN_PATH_UP,
	__MPVPN_PATH_STATE_MAX
};

#define MPVPN_PATH_STATE_MAX (__MPVPN_PATH_STATE_MAX - 1)

/* Why a path or the active path changed; carried by every event. */
enum mpvpn_reason {
	MPVPN_REASON_NONE,
	MPVPN_REASON_PATH_ADDED,
	MPVPN_REASON_PATH_REMOVED,
	MPVPN_REASON_ADMIN_UP,
	MPVPN_REASON_ADMIN_DOWN,
	MPVPN_REASON_CARRIER_UP,
	MPVPN_REASON_CARRIER_LOST,
	MPVPN_REASON_CONFIG,		/* priority or other setting changed */
	__MPVPN_REASON_MAX
};

/* rtnetlink: IFLA_INFO_DATA of "ip link add ... type mpvpn". */
enum {
	IFLA_MPVPN_UNSPEC,
	IFLA_MPVPN_PORT,	/* u16: local UDP port, default 5555 */
	IFLA_MPVPN_TUNNEL_ID,	/* u32: unique per port, default lowest free */
	IFLA_MPVPN_MODE,	/* u8: enum mpvpn_mode, default failover */
	__IFLA_MPVPN_MAX
};

#define IFLA_MPVPN_MAX (__IFLA_MPVPN_MAX - 1)

/* Generic netlink commands. */
enum mpvpn_cmd {
	MPVPN_CMD_UNSPEC,
	MPVPN_CMD_DEV_GET,	/* do (by IFINDEX or IFNAME) and dump */
	MPVPN_CMD_DEV_SET,	/* mode */
	MPVPN_CMD_PATH_ADD,
	MPVPN_CMD_PATH_DEL,
	MPVPN_CMD_PATH_SET,
	MPVPN_CMD_PATH_GET,	/* do (one path) and dump (all paths of DEV) */
	MPVPN_CMD_EVENT,	/* notification on the "events" group */
	__MPVPN_CMD_MAX
};

#define MPVPN_CMD_MAX (__MPVPN_CMD_MAX - 1)

/* Top-level attributes. */
enum mpvpn_attr {
	MPVPN_A_UNSPEC,
	MPVPN_A_IFINDEX,	/* u32 */
	MPVPN_A_IFNAME,		/* string */
	MPVPN_A_PORT,		/* u16, read only */
	MPVPN_A_TUNNEL_ID,	/* u32, read only */
	MPVPN_A_MODE,		/* u8: enum mpvpn_mode */
	MPVPN_A_MTU,		/* u32, read only */
	MPVPN_A_ACTIVE_PATH_ID,	/* u32, 0: none, read only */
	MPVPN_A_ACTIVE_PATH_NAME, /* string, read only */
	MPVPN_A_PATH_COUNT,	/* u32, read only */
	MPVPN_A_STATS,		/* nest: MPVPN_STATS_A_*, read only */
	MPVPN_A_PATH,		/* nest: MPVPN_PATH_A_* */
	MPVPN_A_REASON,		/* u8: enum mpvpn_reason, events only */
	MPVPN_A_PAD,
	__MPVPN_A_MAX
};

#define MPVPN_A_MAX (__MPVPN_A_MAX - 1)

/* Attributes of one path, nested in MPVPN_A_PATH. */
enum mpvpn_path_attr {
	MPVPN_PATH_A_UNSPEC,
	MPVPN_PATH_A_ID,	/* u32, 1..MPVPN_MAX_PATHS; chosen if absent */
	MPVPN_PATH_A_NAME,	/* string, unique per device */
	MPVPN_PATH_A_LOCAL_ADDR, /* binary, 4 or 16 bytes */
	MPVPN_PATH_A_LOCAL_IFINDEX, /* u32: bound underlay device */
	MPVPN_PATH_A_REMOTE_ADDR, /* binary, 4 or 16 bytes, required on add */
	MPVPN_PATH_A_REMOTE_PORT, /* u16, required on add */
	MPVPN_PATH_A_PRIORITY,	/* u32, lower is preferred, default 1 */
	MPVPN_PATH_A_WEIGHT,	/* u32, 1..65535, default 1 */
	MPVPN_PATH_A_ADMIN_UP,	/* u8: 0 or 1, default 1 */
	MPVPN_PATH_A_STATE,	/* u8: enum mpvpn_path_state, read only */
	MPVPN_PATH_A_CARRIER,	/* u8: underlay carrier, read only */
	MPVPN_PATH_A_ACTIVE,	/* u8: carries traffic now, read only */
	MPVPN_PATH_A_MTU,	/* u32: underlay MTU, read only */
	MPVPN_PATH_A_STATS,	/* nest: MPVPN_STATS_A_*, read only */
	MPVPN_PATH_A_PAD,
	__MPVPN_PATH_A_MAX
};

#define MPVPN_PATH_A_MAX (__MPVPN_PATH_A_MAX - 1)

/*
 * Counters (u64), nested in MPVPN_A_STATS (device) or MPVPN_PATH_A_STATS
 * (path). A counter that does not apply to the level is omitted.
 * The RX_* drop counters of the device include packets dropped before a
 * device could be found (on the UDP socket the device shares).
 */
enum mpvpn_stats_attr {
	MPVPN_STATS_A_UNSPEC,
	MPVPN_STATS_A_TX_PACKETS,
	MPVPN_STATS_A_TX_BYTES,
	MPVPN_STATS_A_RX_PACKETS,
	MPVPN_STATS_A_RX_BYTES,
	MPVPN_STATS_A_TX_ERRORS,	/* no route, send failure */
	MPVPN_STATS_A_TX_NO_PATH,	/* dropped: no usable path */
	MPVPN_STATS_A_RX_SHORT,		/* shorter than the header */
	MPVPN_STATS_A_RX_BAD_VERSION,
	MPVPN_STATS_A_RX_BAD_HEADER,	/* reserved bits set, bad type */
	MPVPN_STATS_A_RX_UNKNOWN_TUNNEL,
	MPVPN_STATS_A_RX_UNKNOWN_SOURCE, /* matches no path of the tunnel */
	MPVPN_STATS_A_RX_BAD_INNER,	/* payload is not a valid IP packet */
	MPVPN_STATS_A_RX_DROPPED,	/* device down, no memory */
	MPVPN_STATS_A_PAD,
	__MPVPN_STATS_A_MAX
};

#define MPVPN_STATS_A_MAX (__MPVPN_STATS_A_MAX - 1)

#endif /* _UAPI_LINUX_MPVPN_H */
