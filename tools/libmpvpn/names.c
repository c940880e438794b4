// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Names of the uapi enums. They appear in CLI output, JSON and the daemon's
 * logs, so they are part of the interface: change none of them.
 */
#include <errno.h>
#include <string.h>

#include "libmpvpn.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const mode_names[] = {
	[MPVPN_MODE_FAILOVER] = "failover",
	[MPVPN_MODE_AGGREGATE] = "aggregate",
	[MPVPN_MODE_FLOWHASH] = "flowhash",
	[MPVPN_MODE_LOWLATENCY] = "lowlatency",
	[MPVPN_MODE_REDUNDANT] = "redundant",
};

static const char *const state_names[] = {
	[MPVPN_PATH_STATE_DOWN] = "down",
	[MPVPN_PATH_STATE_UP] = "up",
	[MPVPN_PATH_STATE_DEGRADED] = "degraded",
};

static const char *const reason_names[] = {
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
};

static const char *const failback_names[] = {
	[MPVPN_FAILBACK_REVERT] = "revert",
	[MPVPN_FAILBACK_STICKY] = "sticky",
};

static const char *const stats_names[] = {
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
	/* MPVPN_STATS_A_PAD is no counter and has no name. */
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
};

static const char *const encryption_names[] = {
	[MPVPN_ENCRYPTION_UNSET] = "unset",
	[MPVPN_ENCRYPTION_NONE] = "none",
	[MPVPN_ENCRYPTION_CHACHA20_POLY1305] = "chacha20-poly1305",
};

/* Also the JSON keys of mpvpnctl: snake case with the unit, like the uapi. */
static const char *const health_names[] = {
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

/* A new uapi value must get its name here before anything prints it. */
_Static_assert(ARRAY_SIZE(mode_names) == __MPVPN_MODE_MAX, "mode names");
_Static_assert(ARRAY_SIZE(state_names) == __MPVPN_PATH_STATE_MAX,
	       "path state names");
_Static_assert(ARRAY_SIZE(reason_names) == __MPVPN_REASON_MAX, "reason names");
_Static_assert(ARRAY_SIZE(failback_names) == __MPVPN_FAILBACK_MAX,
	       "failback names");
_Static_assert(ARRAY_SIZE(stats_names) == __MPVPN_STATS_A_MAX, "stats names");
_Static_assert(ARRAY_SIZE(encryption_names) == __MPVPN_ENCRYPTION_MAX,
	       "encryption names");
_Static_assert(ARRAY_SIZE(health_names) == __MPVPN_HEALTH_A_MAX,
	       "health names");

static const char *lookup(const char *const *names, size_t count,
			  unsigned int value)
{
	if (value < count && names[value])
		return names[value];
	return "unknown";
}

const char *mpvpn_mode_name(unsigned int mode)
{
	return lookup(mode_names, ARRAY_SIZE(mode_names), mode);
}

/* The index of @name in @names, or -EINVAL. */
static int find(const char *const *names, size_t count, const char *name)
{
	for (size_t i = 0; i < count; i++)
		if (names[i] && !strcmp(name, names[i]))
			return (int)i;
	return -EINVAL;
}

int mpvpn_mode_parse(const char *name, enum mpvpn_mode *mode)
{
	int i = find(mode_names, ARRAY_SIZE(mode_names), name);

	if (i < 0)
		return i;
	*mode = (enum mpvpn_mode)i;
	return 0;
}

const char *mpvpn_path_state_name(unsigned int state)
{
	return lookup(state_names, ARRAY_SIZE(state_names), state);
}

const char *mpvpn_reason_name(unsigned int reason)
{
	return lookup(reason_names, ARRAY_SIZE(reason_names), reason);
}

const char *mpvpn_stats_name(unsigned int stats_attr)
{
	return lookup(stats_names, ARRAY_SIZE(stats_names), stats_attr);
}

const char *mpvpn_failback_name(unsigned int failback)
{
	return lookup(failback_names, ARRAY_SIZE(failback_names), failback);
}

int mpvpn_failback_parse(const char *name, enum mpvpn_failback *failback)
{
	int i = find(failback_names, ARRAY_SIZE(failback_names), name);

	if (i < 0)
		return i;
	*failback = (enum mpvpn_failback)i;
	return 0;
}

const char *mpvpn_health_name(unsigned int health_attr)
{
	return lookup(health_names, ARRAY_SIZE(health_names), health_attr);
}

const char *mpvpn_encryption_name(unsigned int encryption)
{
	return lookup(encryption_names, ARRAY_SIZE(encryption_names),
		      encryption);
}

int mpvpn_encryption_parse(const char *name, enum mpvpn_encryption *encryption)
{
	int i = find(encryption_names, ARRAY_SIZE(encryption_names), name);

	/* UNSET is a state the kernel reports, never one to ask for. */
	if (i < 0 || i == MPVPN_ENCRYPTION_UNSET)
		return -EINVAL;
	*encryption = (enum mpvpn_encryption)i;
	return 0;
}
