/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR MIT) */
/*
 * Do not edit directly, auto-generated from
 * Documentation/netlink/specs/mpvpn.yaml
 * by tools/ynl/mpvpn-gen.py (tools/ynl/gen runs it).
 *
 * The names of the control plane's values, for the kernel's log lines and
 * for libmpvpn (CLI, JSON, the daemon's log and metrics) alike; for
 * userspace also each integer attribute's range. Include after
 * <linux/mpvpn.h>.
 */
#ifndef _MPVPN_NAMES_H
#define _MPVPN_NAMES_H

static const char *const mpvpn_mode_names[] = {
	[MPVPN_MODE_FAILOVER] = "failover",
	[MPVPN_MODE_AGGREGATE] = "aggregate",
	[MPVPN_MODE_FLOWHASH] = "flowhash",
	[MPVPN_MODE_LOWLATENCY] = "lowlatency",
	[MPVPN_MODE_REDUNDANT] = "redundant",
};

static const char *const mpvpn_path_state_names[] = {
	[MPVPN_PATH_STATE_DOWN] = "down",
	[MPVPN_PATH_STATE_UP] = "up",
	[MPVPN_PATH_STATE_DEGRADED] = "degraded",
};

static const char *const mpvpn_reason_names[] = {
	[MPVPN_REASON_NONE] = "none",
	[MPVPN_REASON_PATH_ADDED] = "path-added",
	[MPVPN_REASON_PATH_REMOVED] = "path-removed",
	[MPVPN_REASON_ADMIN_UP] = "admin-up",
	[MPVPN_REASON_ADMIN_DOWN] = "admin-down",
	[MPVPN_REASON_CARRIER_UP] = "carrier-up",
	[MPVPN_REASON_CARRIER_LOST] = "carrier-lost",
	[MPVPN_REASON_CONFIG] = "config",
	[MPVPN_REASON_PROBES_LOST] = "probes-lost",
	[MPVPN_REASON_LATENCY] = "latency",
	[MPVPN_REASON_JITTER] = "jitter",
	[MPVPN_REASON_LOSS] = "loss",
	[MPVPN_REASON_PUSHED_PROBE] = "pushed-probe",
	[MPVPN_REASON_RECOVERED] = "recovered",
	[MPVPN_REASON_REVERT] = "revert",
	[MPVPN_REASON_VERDICT_EXPIRED] = "verdict-expired",
	[MPVPN_REASON_PROBING] = "probing",
	[MPVPN_REASON_ENDPOINT_CHANGED] = "endpoint-changed",
	[MPVPN_REASON_LISTENING] = "listening",
	[MPVPN_REASON_NO_LOCAL_ADDRESS] = "no-local-address",
	[MPVPN_REASON_MTU_CHANGED] = "mtu-changed",
	[MPVPN_REASON_HANDSHAKE_COMPLETED] = "handshake-completed",
	[MPVPN_REASON_HANDSHAKE_FAILED] = "handshake-failed",
};

static const char *const mpvpn_handshake_failure_names[] = {
	[MPVPN_HANDSHAKE_FAILURE_NONE] = "none",
	[MPVPN_HANDSHAKE_FAILURE_UNANSWERED] = "unanswered",
	[MPVPN_HANDSHAKE_FAILURE_NOT_AUTHENTIC] = "not-authentic",
	[MPVPN_HANDSHAKE_FAILURE_STALE] = "stale",
};

static const char *const mpvpn_failback_names[] = {
	[MPVPN_FAILBACK_REVERT] = "revert",
	[MPVPN_FAILBACK_STICKY] = "sticky",
};

static const char *const mpvpn_encryption_names[] = {
	[MPVPN_ENCRYPTION_UNSET] = "unset",
	[MPVPN_ENCRYPTION_NONE] = "none",
	[MPVPN_ENCRYPTION_CHACHA20_POLY1305] = "chacha20-poly1305",
};

static const char *const mpvpn_stats_attr_names[] = {
	[MPVPN_STATS_A_TX_PACKETS] = "tx_packets",
	[MPVPN_STATS_A_TX_BYTES] = "tx_bytes",
	[MPVPN_STATS_A_RX_PACKETS] = "rx_packets",
	[MPVPN_STATS_A_RX_BYTES] = "rx_bytes",
	[MPVPN_STATS_A_TX_ERRORS] = "tx_errors",
	[MPVPN_STATS_A_TX_NO_PATH] = "tx_no_path",
	[MPVPN_STATS_A_RX_SHORT] = "rx_short",
	[MPVPN_STATS_A_RX_BAD_VERSION] = "rx_bad_version",
	[MPVPN_STATS_A_RX_BAD_HEADER] = "rx_bad_header",
	[MPVPN_STATS_A_RX_UNKNOWN_TUNNEL] = "rx_unknown_tunnel",
	[MPVPN_STATS_A_RX_UNKNOWN_SOURCE] = "rx_unknown_source",
	[MPVPN_STATS_A_RX_BAD_INNER] = "rx_bad_inner",
	[MPVPN_STATS_A_RX_DROPPED] = "rx_dropped",
	[MPVPN_STATS_A_RX_BAD_PROBE] = "rx_bad_probe",
	[MPVPN_STATS_A_RX_DUPLICATE] = "rx_duplicate",
	[MPVPN_STATS_A_RX_STALE] = "rx_stale",
	[MPVPN_STATS_A_RX_REORDERED] = "rx_reordered",
	[MPVPN_STATS_A_RX_LATE] = "rx_late",
	[MPVPN_STATS_A_RX_REORDER_TIMEOUT] = "rx_reorder_timeout",
	[MPVPN_STATS_A_RX_REORDER_OVERFLOW] = "rx_reorder_overflow",
	[MPVPN_STATS_A_TX_NO_KEY] = "tx_no_key",
	[MPVPN_STATS_A_RX_NO_KEY] = "rx_no_key",
	[MPVPN_STATS_A_RX_NOT_AUTHENTIC] = "rx_not_authentic",
	[MPVPN_STATS_A_RX_BAD_ECN] = "rx_bad_ecn",
	[MPVPN_STATS_A_TX_TOO_BIG] = "tx_too_big",
	[MPVPN_STATS_A_RX_ICMP_IGNORED] = "rx_icmp_ignored",
};

static const char *const mpvpn_health_attr_names[] = {
	[MPVPN_HEALTH_A_PROBE_INTERVAL_MS] = "probe_interval_ms",
	[MPVPN_HEALTH_A_MISS_COUNT] = "miss_count",
	[MPVPN_HEALTH_A_LOSS_WINDOW] = "loss_window",
	[MPVPN_HEALTH_A_LATENCY_FAIL_MS] = "latency_fail_ms",
	[MPVPN_HEALTH_A_LATENCY_RECOVER_MS] = "latency_recover_ms",
	[MPVPN_HEALTH_A_JITTER_FAIL_MS] = "jitter_fail_ms",
	[MPVPN_HEALTH_A_JITTER_RECOVER_MS] = "jitter_recover_ms",
	[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE] = "loss_fail_permille",
	[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE] = "loss_recover_permille",
	[MPVPN_HEALTH_A_HOLD_MS] = "hold_ms",
	[MPVPN_HEALTH_A_RESET] = "reset",
};

static const char *const mpvpn_measure_attr_names[] = {
	[MPVPN_MEASURE_A_RTT_US] = "rtt_us",
	[MPVPN_MEASURE_A_SRTT_US] = "srtt_us",
	[MPVPN_MEASURE_A_JITTER_US] = "jitter_us",
	[MPVPN_MEASURE_A_LOSS_PERMILLE] = "loss_permille",
	[MPVPN_MEASURE_A_MISSES] = "misses",
	[MPVPN_MEASURE_A_LAST_SEEN_MS] = "last_seen_ms",
	[MPVPN_MEASURE_A_PROBES_SENT] = "probes_sent",
	[MPVPN_MEASURE_A_PROBES_ANSWERED] = "probes_answered",
	[MPVPN_MEASURE_A_RATE_KBPS] = "rate_kbps",
	[MPVPN_MEASURE_A_QUEUE_US] = "queue_us",
	[MPVPN_MEASURE_A_LOSS_LATELY_PERMILLE] = "loss_lately_permille",
};

static const char *const mpvpn_history_attr_names[] = {
	[MPVPN_HISTORY_A_CHANGES] = "changes",
	[MPVPN_HISTORY_A_LAST_CHANGE_MS] = "last_change_ms",
	[MPVPN_HISTORY_A_DOWN_MS] = "down_ms",
	[MPVPN_HISTORY_A_UP_MS] = "up_ms",
	[MPVPN_HISTORY_A_DEGRADED_MS] = "degraded_ms",
};

static const char *const mpvpn_handshake_attr_names[] = {
	[MPVPN_HANDSHAKE_A_INITIATIONS_SENT] = "initiations_sent",
	[MPVPN_HANDSHAKE_A_RESPONSES_SENT] = "responses_sent",
	[MPVPN_HANDSHAKE_A_COOKIE_REPLIES_SENT] = "cookie_replies_sent",
	[MPVPN_HANDSHAKE_A_INITIATIONS_RECEIVED] = "initiations_received",
	[MPVPN_HANDSHAKE_A_RESPONSES_RECEIVED] = "responses_received",
	[MPVPN_HANDSHAKE_A_COOKIE_REPLIES_RECEIVED] = "cookie_replies_received",
	[MPVPN_HANDSHAKE_A_RX_MALFORMED] = "rx_malformed",
	[MPVPN_HANDSHAKE_A_RX_BAD_MAC1] = "rx_bad_mac1",
	[MPVPN_HANDSHAKE_A_RX_NOT_AUTHENTIC] = "rx_not_authentic",
	[MPVPN_HANDSHAKE_A_RX_STALE] = "rx_stale",
	[MPVPN_HANDSHAKE_A_RX_UNEXPECTED] = "rx_unexpected",
	[MPVPN_HANDSHAKE_A_RX_NO_KEYS] = "rx_no_keys",
	[MPVPN_HANDSHAKE_A_RX_QUEUE_FULL] = "rx_queue_full",
	[MPVPN_HANDSHAKE_A_RX_RATELIMITED] = "rx_ratelimited",
	[MPVPN_HANDSHAKE_A_SESSIONS] = "sessions",
	[MPVPN_HANDSHAKE_A_LAST_SESSION_MS] = "last_session_ms",
	[MPVPN_HANDSHAKE_A_LAST_HANDSHAKE_US] = "last_handshake_us",
};

/* The value of each attribute the device starts with. */
static const unsigned int mpvpn_health_defaults[MPVPN_HEALTH_A_MAX + 1] = {
	[MPVPN_HEALTH_A_PROBE_INTERVAL_MS] = MPVPN_PROBE_INTERVAL_MS_DEFAULT,
	[MPVPN_HEALTH_A_MISS_COUNT] = MPVPN_MISS_COUNT_DEFAULT,
	[MPVPN_HEALTH_A_LOSS_WINDOW] = MPVPN_LOSS_WINDOW_DEFAULT,
	[MPVPN_HEALTH_A_LATENCY_FAIL_MS] = MPVPN_LATENCY_FAIL_MS_DEFAULT,
	[MPVPN_HEALTH_A_LATENCY_RECOVER_MS] = MPVPN_LATENCY_RECOVER_MS_DEFAULT,
	[MPVPN_HEALTH_A_JITTER_FAIL_MS] = MPVPN_JITTER_FAIL_MS_DEFAULT,
	[MPVPN_HEALTH_A_JITTER_RECOVER_MS] = MPVPN_JITTER_RECOVER_MS_DEFAULT,
	[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE] = MPVPN_LOSS_FAIL_PERMILLE_DEFAULT,
	[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE] =
		MPVPN_LOSS_RECOVER_PERMILLE_DEFAULT,
	[MPVPN_HEALTH_A_HOLD_MS] = MPVPN_HOLD_MS_DEFAULT,
};

#ifndef __KERNEL__
/* The range the kernel's policy accepts; both ends included. */
struct mpvpn_attr_range {
	unsigned long long min;
	unsigned long long max;
};

static const struct mpvpn_attr_range mpvpn_link_ranges[] = {
	[IFLA_MPVPN_PORT] = { .min = 1, .max = 0xffffULL },
	[IFLA_MPVPN_TUNNEL_ID] = { .min = 0, .max = 0xffffffffULL },
	[IFLA_MPVPN_MODE] = {
		.min = MPVPN_MODE_FAILOVER,
		.max = MPVPN_MODE_MAX,
	},
};

static const struct mpvpn_attr_range mpvpn_dev_ranges[] = {
	[MPVPN_A_IFINDEX] = { .min = 1, .max = 0xffffffffULL },
	[MPVPN_A_MODE] = { .min = MPVPN_MODE_FAILOVER, .max = MPVPN_MODE_MAX },
	[MPVPN_A_FAILBACK] = {
		.min = MPVPN_FAILBACK_REVERT,
		.max = MPVPN_FAILBACK_MAX,
	},
	[MPVPN_A_REVERT_DELAY_MS] = { .min = 0, .max = MPVPN_TIME_MS_MAX },
	[MPVPN_A_REDUNDANCY] = {
		.min = MPVPN_REDUNDANCY_MIN,
		.max = MPVPN_REDUNDANCY_MAX,
	},
	[MPVPN_A_REORDER_WAIT_MS] = {
		.min = 1,
		.max = MPVPN_REORDER_WAIT_MS_MAX,
	},
	[MPVPN_A_ENCRYPTION] = { .min = 1, .max = MPVPN_ENCRYPTION_MAX },
	[MPVPN_A_REKEY_SECONDS] = {
		.min = MPVPN_REKEY_SECONDS_MIN,
		.max = MPVPN_REKEY_SECONDS_MAX,
	},
	[MPVPN_A_TOS_INHERIT] = { .min = 0, .max = 1 },
};

static const struct mpvpn_attr_range mpvpn_path_ranges[] = {
	[MPVPN_PATH_A_ID] = { .min = 1, .max = MPVPN_MAX_PATHS },
	[MPVPN_PATH_A_LOCAL_IFINDEX] = { .min = 1, .max = 0xffffffffULL },
	[MPVPN_PATH_A_REMOTE_PORT] = { .min = 1, .max = 0xffffULL },
	[MPVPN_PATH_A_PRIORITY] = { .min = 0, .max = 0xffffffffULL },
	[MPVPN_PATH_A_WEIGHT] = { .min = 1, .max = MPVPN_WEIGHT_MAX },
	[MPVPN_PATH_A_ADMIN_UP] = { .min = 0, .max = 1 },
	[MPVPN_PATH_A_BANDWIDTH_KBPS] = {
		.min = 0,
		.max = MPVPN_BANDWIDTH_KBPS_MAX,
	},
	[MPVPN_PATH_A_REMOTE_FIXED] = { .min = 0, .max = 1 },
};

static const struct mpvpn_attr_range mpvpn_health_ranges[] = {
	[MPVPN_HEALTH_A_PROBE_INTERVAL_MS] = {
		.min = MPVPN_PROBE_INTERVAL_MS_MIN,
		.max = MPVPN_PROBE_INTERVAL_MS_MAX,
	},
	[MPVPN_HEALTH_A_MISS_COUNT] = { .min = 1, .max = MPVPN_MISS_COUNT_MAX },
	[MPVPN_HEALTH_A_LOSS_WINDOW] = {
		.min = MPVPN_LOSS_WINDOW_MIN,
		.max = MPVPN_LOSS_WINDOW_MAX,
	},
	[MPVPN_HEALTH_A_LATENCY_FAIL_MS] = {
		.min = 1,
		.max = MPVPN_LEVEL_MS_MAX,
	},
	[MPVPN_HEALTH_A_LATENCY_RECOVER_MS] = {
		.min = 1,
		.max = MPVPN_LEVEL_MS_MAX,
	},
	[MPVPN_HEALTH_A_JITTER_FAIL_MS] = {
		.min = 1,
		.max = MPVPN_LEVEL_MS_MAX,
	},
	[MPVPN_HEALTH_A_JITTER_RECOVER_MS] = {
		.min = 1,
		.max = MPVPN_LEVEL_MS_MAX,
	},
	[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE] = {
		.min = 0,
		.max = MPVPN_PERMILLE_MAX,
	},
	[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE] = {
		.min = 0,
		.max = MPVPN_PERMILLE_MAX,
	},
	[MPVPN_HEALTH_A_HOLD_MS] = { .min = 0, .max = MPVPN_TIME_MS_MAX },
};

static const struct mpvpn_attr_range mpvpn_verdict_ranges[] = {
	[MPVPN_VERDICT_A_OK] = { .min = 0, .max = 1 },
	[MPVPN_VERDICT_A_RTT_US] = { .min = 0, .max = 0xffffffffULL },
	[MPVPN_VERDICT_A_VALID_MS] = { .min = 1, .max = MPVPN_TIME_MS_MAX },
};

#endif /* !__KERNEL__ */

#endif /* _MPVPN_NAMES_H */
