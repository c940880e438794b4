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
};

static const char *const state_names[] = {
	[MPVPN_PATH_DOWN] = "down",
	[MPVPN_PATH_UP] = "up",
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
};

/* A new uapi value must get its name here before anything prints it. */
_Static_assert(ARRAY_SIZE(mode_names) == __MPVPN_MODE_MAX, "mode names");
_Static_assert(ARRAY_SIZE(state_names) == __MPVPN_PATH_STATE_MAX,
	       "path state names");
_Static_assert(ARRAY_SIZE(reason_names) == __MPVPN_REASON_MAX, "reason names");
_Static_assert(ARRAY_SIZE(stats_names) == MPVPN_STATS_A_PAD, "stats names");

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

int mpvpn_mode_parse(const char *name, enum mpvpn_mode *mode)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(mode_names); i++) {
		if (mode_names[i] && !strcmp(name, mode_names[i])) {
			*mode = (enum mpvpn_mode)i;
			return 0;
		}
	}
	return -EINVAL;
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
