// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Names of the uapi enums and of the counter and threshold attributes, from
 * the tables generated from the netlink spec (common/mpvpn-names.h), which
 * the kernel's log lines use too. They appear in CLI output, JSON and the
 * daemon's logs and metrics, so they are part of the interface.
 */
#include <errno.h>
#include <string.h>

#include "libmpvpn.h"
#include "mpvpn-names.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A new uapi value must get its name in the spec before anything prints it. */
_Static_assert(ARRAY_SIZE(mpvpn_mode_names) == __MPVPN_MODE_MAX, "mode names");
_Static_assert(ARRAY_SIZE(mpvpn_path_state_names) == __MPVPN_PATH_STATE_MAX,
	       "path state names");
_Static_assert(ARRAY_SIZE(mpvpn_reason_names) == __MPVPN_REASON_MAX,
	       "reason names");
_Static_assert(ARRAY_SIZE(mpvpn_failback_names) == __MPVPN_FAILBACK_MAX,
	       "failback names");
_Static_assert(ARRAY_SIZE(mpvpn_stats_attr_names) == __MPVPN_STATS_A_MAX,
	       "stats names");
_Static_assert(ARRAY_SIZE(mpvpn_encryption_names) == __MPVPN_ENCRYPTION_MAX,
	       "encryption names");
_Static_assert(ARRAY_SIZE(mpvpn_health_attr_names) == __MPVPN_HEALTH_A_MAX,
	       "health names");
/* Every history figure but the pad, which is last. */
_Static_assert(ARRAY_SIZE(mpvpn_history_attr_names) == MPVPN_HISTORY_A_PAD,
	       "history names");

static const char *lookup(const char *const *names, size_t count,
			  unsigned int value)
{
	if (value < count && names[value])
		return names[value];
	return "unknown";
}

#define LOOKUP(names, value) lookup(names, ARRAY_SIZE(names), value)

const char *mpvpn_mode_name(unsigned int mode)
{
	return LOOKUP(mpvpn_mode_names, mode);
}

/* The index of @name in @names, or -EINVAL. */
static int find(const char *const *names, size_t count, const char *name)
{
	for (size_t i = 0; i < count; i++)
		if (names[i] && !strcmp(name, names[i]))
			return (int)i;
	return -EINVAL;
}

#define FIND(names, name) find(names, ARRAY_SIZE(names), name)

int mpvpn_mode_parse(const char *name, enum mpvpn_mode *mode)
{
	int i = FIND(mpvpn_mode_names, name);

	if (i < 0)
		return i;
	*mode = (enum mpvpn_mode)i;
	return 0;
}

const char *mpvpn_path_state_name(unsigned int state)
{
	return LOOKUP(mpvpn_path_state_names, state);
}

const char *mpvpn_reason_name(unsigned int reason)
{
	return LOOKUP(mpvpn_reason_names, reason);
}

const char *mpvpn_stats_name(unsigned int stats_attr)
{
	return LOOKUP(mpvpn_stats_attr_names, stats_attr);
}

enum mpvpn_stats_kind mpvpn_stats_kind(unsigned int stats_attr)
{
	switch (stats_attr) {
	case MPVPN_STATS_A_TX_PACKETS:
	case MPVPN_STATS_A_TX_BYTES:
	case MPVPN_STATS_A_RX_PACKETS:
	case MPVPN_STATS_A_RX_BYTES:
		return MPVPN_STATS_KIND_TRAFFIC;
	case MPVPN_STATS_A_RX_DUPLICATE:
	case MPVPN_STATS_A_RX_REORDERED:
	case MPVPN_STATS_A_RX_LATE:
	case MPVPN_STATS_A_RX_REORDER_TIMEOUT:
	case MPVPN_STATS_A_RX_REORDER_OVERFLOW:
		return MPVPN_STATS_KIND_INFO;
	default:
		/* Every other counter of the spec says "dropped". */
		return MPVPN_STATS_KIND_DROP;
	}
}

const char *mpvpn_failback_name(unsigned int failback)
{
	return LOOKUP(mpvpn_failback_names, failback);
}

int mpvpn_failback_parse(const char *name, enum mpvpn_failback *failback)
{
	int i = FIND(mpvpn_failback_names, name);

	if (i < 0)
		return i;
	*failback = (enum mpvpn_failback)i;
	return 0;
}

const char *mpvpn_health_name(unsigned int health_attr)
{
	return LOOKUP(mpvpn_health_attr_names, health_attr);
}

const char *mpvpn_encryption_name(unsigned int encryption)
{
	return LOOKUP(mpvpn_encryption_names, encryption);
}

/*
 * The spec gives MPVPN_A_TOS_INHERIT no enum, only 0 and 1: the names of
 * the two values are written here once, for the CLI and the daemon.
 */
static const char *const tos_names[] = {
	[0] = "ecn",		/* the default: only the ECN field crosses */
	[1] = "inherit",	/* the DSCP too */
};

const char *mpvpn_tos_name(bool inherit)
{
	return LOOKUP(tos_names, inherit);
}

int mpvpn_tos_parse(const char *name, bool *inherit)
{
	int i = FIND(tos_names, name);

	if (i < 0)
		return i;
	*inherit = i == 1;
	return 0;
}

int mpvpn_encryption_parse(const char *name, enum mpvpn_encryption *encryption)
{
	int i = FIND(mpvpn_encryption_names, name);

	/* UNSET is a state the kernel reports, never one to ask for. */
	if (i < 0 || i == MPVPN_ENCRYPTION_UNSET)
		return -EINVAL;
	*encryption = (enum mpvpn_encryption)i;
	return 0;
}

const char *mpvpn_handshake_name(unsigned int handshake_attr)
{
	return LOOKUP(mpvpn_handshake_attr_names, handshake_attr);
}

const char *mpvpn_handshake_failure_name(unsigned int failure)
{
	return LOOKUP(mpvpn_handshake_failure_names, failure);
}

const char *mpvpn_history_name(unsigned int history_attr)
{
	return LOOKUP(mpvpn_history_attr_names, history_attr);
}

/* The time spent in each state has an attribute of its own. */
static const unsigned int history_state_attrs[] = {
	[MPVPN_PATH_STATE_DOWN] = MPVPN_HISTORY_A_DOWN_MS,
	[MPVPN_PATH_STATE_UP] = MPVPN_HISTORY_A_UP_MS,
	[MPVPN_PATH_STATE_DEGRADED] = MPVPN_HISTORY_A_DEGRADED_MS,
};

_Static_assert(ARRAY_SIZE(history_state_attrs) == __MPVPN_PATH_STATE_MAX,
	       "a history attribute for every state");

unsigned int mpvpn_history_state_attr(unsigned int state)
{
	return state < ARRAY_SIZE(history_state_attrs) ?
	       history_state_attrs[state] : 0;
}
