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

/*
 * Scheduling mode of a device; Documentation/scheduling.rst. Every mode
 * but redundant uses the best tier only: the usable paths with the lowest
 * priority value. Lower tiers wait as backups.
 */
enum mpvpn_mode {
	MPVPN_MODE_FAILOVER,	/* priority tiers, active-backup */
	MPVPN_MODE_AGGREGATE,	/* per packet, weighted; the peer reorders */
	MPVPN_MODE_FLOWHASH,	/* one path per inner flow */
	MPVPN_MODE_LOWLATENCY,	/* the path of the lowest smoothed RTT */
	MPVPN_MODE_REDUNDANT,	/* every packet on the N best paths */
	__MPVPN_MODE_MAX
};

#define MPVPN_MODE_MAX (__MPVPN_MODE_MAX - 1)

/* Health of a path as the kernel sees it. */
enum mpvpn_path_state {
	MPVPN_PATH_DOWN,
	MPVPN_PATH_UP,
	MPVPN_PATH_DEGRADED,	/* alive, past a latency, jitter or loss threshold */
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
	MPVPN_REASON_PROBES_LOST,	/* miss_count probe intervals unanswered */
	MPVPN_REASON_LATENCY,		/* smoothed RTT past its threshold */
	MPVPN_REASON_JITTER,
	MPVPN_REASON_LOSS,		/* probe loss in the window past its threshold */
	MPVPN_REASON_PUSHED_PROBE,	/* a pushed verdict failed */
	MPVPN_REASON_RECOVERED,		/* every measure healthy for the hold time */
	MPVPN_REASON_REVERT,		/* back to a preferred path after revert_delay */
	MPVPN_REASON_VERDICT_EXPIRED,	/* a failing pushed verdict timed out */
	MPVPN_REASON_PROBING,		/* new path, waiting for its first answer */
	__MPVPN_REASON_MAX
};

/* What happens when a preferred path becomes healthy again. */
enum mpvpn_failback {
	MPVPN_FAILBACK_REVERT,	/* go back to it after revert_delay (default) */
	MPVPN_FAILBACK_STICKY,	/* stay on the current path until it fails */
	__MPVPN_FAILBACK_MAX
};

#define MPVPN_FAILBACK_MAX (__MPVPN_FAILBACK_MAX - 1)

/* Health defaults and limits; Documentation/health.rst says why. */
#define MPVPN_PROBE_INTERVAL_MS_DEFAULT	100
#define MPVPN_PROBE_INTERVAL_MS_MIN	10
#define MPVPN_PROBE_INTERVAL_MS_MAX	10000
#define MPVPN_MISS_COUNT_DEFAULT	3
#define MPVPN_MISS_COUNT_MAX		100
#define MPVPN_LOSS_WINDOW_DEFAULT	20
#define MPVPN_LOSS_WINDOW_MIN		4
#define MPVPN_LOSS_WINDOW_MAX		64
#define MPVPN_LATENCY_FAIL_MS_DEFAULT	200
#define MPVPN_LATENCY_RECOVER_MS_DEFAULT 150
#define MPVPN_JITTER_FAIL_MS_DEFAULT	50
#define MPVPN_JITTER_RECOVER_MS_DEFAULT	25
#define MPVPN_LOSS_FAIL_PERMILLE_DEFAULT 50
#define MPVPN_LOSS_RECOVER_PERMILLE_DEFAULT 10
#define MPVPN_HOLD_MS_DEFAULT		2000
#define MPVPN_REVERT_DELAY_MS_DEFAULT	5000
#define MPVPN_TIME_MS_MAX		3600000	/* hold, revert delay, validity */
#define MPVPN_VERDICT_VALID_MS_DEFAULT	10000
#define MPVPN_MAX_VERDICTS		8	/* pushed probes per path */
#define MPVPN_PROBE_NAME_LEN		16	/* including the terminating NUL */

/* Scheduling limits and defaults; Documentation/scheduling.rst says why. */
#define MPVPN_REDUNDANCY_DEFAULT	2	/* copies of each packet */
#define MPVPN_REDUNDANCY_MAX		4
#define MPVPN_REORDER_WAIT_MS_DEFAULT	100	/* longest wait for a hole */
#define MPVPN_REORDER_WAIT_MS_MAX	1000
#define MPVPN_BANDWIDTH_KBPS_MAX	100000000	/* 100 Gbit/s */

/*
 * Protection of a device's tunnel packets; Documentation/security.rst. A
 * new device is UNSET and sends and accepts nothing until it is given keys
 * or told, explicitly, to run in plaintext.
 */
enum mpvpn_encryption {
	MPVPN_ENCRYPTION_UNSET,
	MPVPN_ENCRYPTION_NONE,		/* plaintext: neither authenticated nor secret */
	MPVPN_ENCRYPTION_CHACHA20POLY1305,
	__MPVPN_ENCRYPTION_MAX
};

#define MPVPN_ENCRYPTION_MAX (__MPVPN_ENCRYPTION_MAX - 1)

#define MPVPN_KEY_LEN			32	/* each direction's root key */
#define MPVPN_REKEY_SECONDS_DEFAULT	3600	/* epoch length, also the clock skew tolerated */
#define MPVPN_REKEY_SECONDS_MIN		2
#define MPVPN_REKEY_SECONDS_MAX		86400

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
	MPVPN_CMD_DEV_SET,	/* mode, health defaults, failback */
	MPVPN_CMD_PATH_ADD,
	MPVPN_CMD_PATH_DEL,
	MPVPN_CMD_PATH_SET,
	MPVPN_CMD_PATH_GET,	/* do (one path) and dump (all paths of DEV) */
	MPVPN_CMD_EVENT,	/* notification on the "events" group */
	MPVPN_CMD_PATH_VERDICT,	/* push an external probe's verdict for a path */
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
	MPVPN_A_HEALTH,		/* nest: MPVPN_HEALTH_A_*, device defaults */
	MPVPN_A_FAILBACK,	/* u8: enum mpvpn_failback */
	MPVPN_A_REVERT_DELAY_MS, /* u32 */
	MPVPN_A_OLD_STATE,	/* u8: enum mpvpn_path_state, events only */
	MPVPN_A_OLD_ACTIVE_PATH_ID, /* u32, events only */
	MPVPN_A_VERDICT,	/* nest: MPVPN_VERDICT_A_*, PATH_VERDICT */
	MPVPN_A_REDUNDANCY,	/* u8: copies in redundant mode, 2..MAX */
	MPVPN_A_REORDER_WAIT_MS, /* u32: cap of the reorder wait, 1..MAX */
	MPVPN_A_REORDER_WAIT_US, /* u32: the wait in force now, read only */
	MPVPN_A_ENCRYPTION,	/* u8: enum mpvpn_encryption; UNSET is read only */
	MPVPN_A_KEYS,		/* nest: MPVPN_KEYS_A_*, write only */
	MPVPN_A_REKEY_SECONDS,	/* u32: epoch length, both ends alike */
	MPVPN_A_KEY_EPOCH,	/* u32: epoch the sender uses now, read only */
	__MPVPN_A_MAX
};

#define MPVPN_A_MAX (__MPVPN_A_MAX - 1)

/*
 * The two root keys of a device, nested in MPVPN_A_KEYS of DEV_SET; both
 * are required, and neither is ever dumped. Installing them switches the
 * device to MPVPN_ENCRYPTION_CHACHA20POLY1305.
 */
enum mpvpn_keys_attr {
	MPVPN_KEYS_A_UNSPEC,
	MPVPN_KEYS_A_TX,	/* binary, MPVPN_KEY_LEN: what this end sends */
	MPVPN_KEYS_A_RX,	/* binary, MPVPN_KEY_LEN: what the peer sends */
	__MPVPN_KEYS_A_MAX
};

#define MPVPN_KEYS_A_MAX (__MPVPN_KEYS_A_MAX - 1)

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
	MPVPN_PATH_A_HEALTH,	/* nest: MPVPN_HEALTH_A_*, overrides of the device's */
	MPVPN_PATH_A_MEASURE,	/* nest: MPVPN_MEASURE_A_*, read only */
	MPVPN_PATH_A_STATE_REASON, /* u8: enum mpvpn_reason of the state, read only */
	MPVPN_PATH_A_VERDICTS,	/* nest of MPVPN_A_VERDICT nests, read only */
	MPVPN_PATH_A_BANDWIDTH_KBPS, /* u32: 0 unknown; aggregate shares */
	__MPVPN_PATH_A_MAX
};

#define MPVPN_PATH_A_MAX (__MPVPN_PATH_A_MAX - 1)

/*
 * Health thresholds (all u32), nested in MPVPN_A_HEALTH (device defaults)
 * or MPVPN_PATH_A_HEALTH (one path; a value set here overrides the
 * device's, MPVPN_HEALTH_A_RESET drops every override of the path).
 * Dumps report the values in force. Each recovery level must be below its
 * failure level.
 */
enum mpvpn_health_attr {
	MPVPN_HEALTH_A_UNSPEC,
	MPVPN_HEALTH_A_PROBE_INTERVAL_MS,
	MPVPN_HEALTH_A_MISS_COUNT,	/* down after this many silent intervals */
	MPVPN_HEALTH_A_LOSS_WINDOW,	/* probes the loss figure is taken over */
	MPVPN_HEALTH_A_LATENCY_FAIL_MS,	/* smoothed RTT */
	MPVPN_HEALTH_A_LATENCY_RECOVER_MS,
	MPVPN_HEALTH_A_JITTER_FAIL_MS,
	MPVPN_HEALTH_A_JITTER_RECOVER_MS,
	MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE,
	MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE,
	MPVPN_HEALTH_A_HOLD_MS,		/* healthy this long before up again */
	MPVPN_HEALTH_A_RESET,		/* flag, path only: follow the device */
	__MPVPN_HEALTH_A_MAX
};

#define MPVPN_HEALTH_A_MAX (__MPVPN_HEALTH_A_MAX - 1)

/* What the in-band probes measured on a path, nested in MPVPN_PATH_A_MEASURE. */
enum mpvpn_measure_attr {
	MPVPN_MEASURE_A_UNSPEC,
	MPVPN_MEASURE_A_RTT_US,		/* u32: latest sample */
	MPVPN_MEASURE_A_SRTT_US,	/* u32: smoothed, 1/8 per sample */
	MPVPN_MEASURE_A_JITTER_US,	/* u32: RFC 3550 style, 1/16 per sample */
	MPVPN_MEASURE_A_LOSS_PERMILLE,	/* u32: over the loss window */
	MPVPN_MEASURE_A_MISSES,		/* u32: probe intervals without an answer */
	MPVPN_MEASURE_A_LAST_SEEN_MS,	/* u32: since anything arrived; absent: never */
	MPVPN_MEASURE_A_PROBES_SENT,	/* u64 */
	MPVPN_MEASURE_A_PROBES_ANSWERED, /* u64 */
	MPVPN_MEASURE_A_PAD,
	MPVPN_MEASURE_A_RATE_KBPS,	/* u32: best delivery rate lately; absent: none */
	MPVPN_MEASURE_A_QUEUE_US,	/* u32: smoothed RTT above the lowest lately */
	MPVPN_MEASURE_A_LOSS_LATELY_PERMILLE, /* u32: over the last 128 probes */
	__MPVPN_MEASURE_A_MAX
};

#define MPVPN_MEASURE_A_MAX (__MPVPN_MEASURE_A_MAX - 1)

/*
 * A pushed probe verdict: in MPVPN_A_VERDICT of PATH_VERDICT (with
 * MPVPN_A_PATH naming the path), and in MPVPN_PATH_A_VERDICTS of dumps.
 * A failing verdict holds the path down until it expires or is replaced.
 */
enum mpvpn_verdict_attr {
	MPVPN_VERDICT_A_UNSPEC,
	MPVPN_VERDICT_A_NAME,		/* string: the probe, unique per path */
	MPVPN_VERDICT_A_OK,		/* u8: 1 ok, 0 failed */
	MPVPN_VERDICT_A_RTT_US,		/* u32, optional, shown only */
	MPVPN_VERDICT_A_VALID_MS,	/* u32: lifetime; dumps: time left */
	MPVPN_VERDICT_A_DELETE,		/* flag: forget this probe's verdict */
	__MPVPN_VERDICT_A_MAX
};

#define MPVPN_VERDICT_A_MAX (__MPVPN_VERDICT_A_MAX - 1)

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
	MPVPN_STATS_A_RX_BAD_PROBE,	/* probe body of the wrong size or reserved bits set */
	MPVPN_STATS_A_RX_DUPLICATE,	/* dropped: this counter was delivered */
	MPVPN_STATS_A_RX_STALE,		/* dropped: older than the duplicate window */
	MPVPN_STATS_A_RX_REORDERED,	/* held until the packets before it came */
	MPVPN_STATS_A_RX_LATE,		/* came after its hole was given up */
	MPVPN_STATS_A_RX_REORDER_TIMEOUT, /* holes given up after the wait */
	MPVPN_STATS_A_RX_REORDER_OVERFLOW, /* holes given up: buffer full */
	MPVPN_STATS_A_TX_NO_KEY,	/* dropped: encryption not configured */
	MPVPN_STATS_A_RX_NO_KEY,	/* dropped: not configured, or plaintext mismatch */
	MPVPN_STATS_A_RX_NOT_AUTHENTIC,	/* dropped: failed authentication */
	__MPVPN_STATS_A_MAX
};

#define MPVPN_STATS_A_MAX (__MPVPN_STATS_A_MAX - 1)

#endif /* _UAPI_LINUX_MPVPN_H */
