// SPDX-License-Identifier: GPL-2.0
/*
 * Do not edit directly, auto-generated from
 * Documentation/netlink/specs/mpvpn.yaml
 * by tools/ynl/mpvpn-gen.py (tools/ynl/gen runs it).
 */

#include "netlink-gen.h"

#include <linux/if.h>

static struct netlink_range_validation mpvpn_verdict_valid_ms_range = {
	.min = 1,
	.max = MPVPN_TIME_MS_MAX,
};

static struct netlink_range_validation mpvpn_health_latency_fail_ms_range = {
	.min = 1,
	.max = MPVPN_LEVEL_MS_MAX,
};

static struct netlink_range_validation mpvpn_health_latency_recover_ms_range = {
	.min = 1,
	.max = MPVPN_LEVEL_MS_MAX,
};

static struct netlink_range_validation mpvpn_health_jitter_fail_ms_range = {
	.min = 1,
	.max = MPVPN_LEVEL_MS_MAX,
};

static struct netlink_range_validation mpvpn_health_jitter_recover_ms_range = {
	.min = 1,
	.max = MPVPN_LEVEL_MS_MAX,
};

static struct netlink_range_validation mpvpn_health_hold_ms_range = {
	.max = MPVPN_TIME_MS_MAX,
};

static struct netlink_range_validation mpvpn_path_weight_range = {
	.min = 1,
	.max = MPVPN_WEIGHT_MAX,
};

static struct netlink_range_validation mpvpn_path_bandwidth_kbps_range = {
	.max = MPVPN_BANDWIDTH_KBPS_MAX,
};

static struct netlink_range_validation mpvpn_dev_revert_delay_ms_range = {
	.max = MPVPN_TIME_MS_MAX,
};

static struct netlink_range_validation mpvpn_dev_rekey_seconds_range = {
	.min = MPVPN_REKEY_SECONDS_MIN,
	.max = MPVPN_REKEY_SECONDS_MAX,
};

const struct nla_policy mpvpn_keys_nl_policy[MPVPN_KEYS_A_MAX + 1] = {
	[MPVPN_KEYS_A_TX] = NLA_POLICY_EXACT_LEN(MPVPN_KEY_LEN),
	[MPVPN_KEYS_A_RX] = NLA_POLICY_EXACT_LEN(MPVPN_KEY_LEN),
};

const struct nla_policy mpvpn_verdict_nl_policy[MPVPN_VERDICT_A_MAX + 1] = {
	[MPVPN_VERDICT_A_NAME] = {
		.type = NLA_NUL_STRING,
		.len = MPVPN_PROBE_NAME_LEN - 1,
	},
	[MPVPN_VERDICT_A_OK] = NLA_POLICY_MAX(NLA_U8, 1),
	[MPVPN_VERDICT_A_RTT_US] = { .type = NLA_U32 },
	[MPVPN_VERDICT_A_VALID_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mpvpn_verdict_valid_ms_range),
	[MPVPN_VERDICT_A_DELETE] = { .type = NLA_FLAG },
};

const struct nla_policy mpvpn_health_nl_policy[MPVPN_HEALTH_A_MAX + 1] = {
	[MPVPN_HEALTH_A_PROBE_INTERVAL_MS] =
		NLA_POLICY_RANGE(NLA_U32, MPVPN_PROBE_INTERVAL_MS_MIN,
				 MPVPN_PROBE_INTERVAL_MS_MAX),
	[MPVPN_HEALTH_A_MISS_COUNT] =
		NLA_POLICY_RANGE(NLA_U32, 1, MPVPN_MISS_COUNT_MAX),
	[MPVPN_HEALTH_A_LOSS_WINDOW] =
		NLA_POLICY_RANGE(NLA_U32, MPVPN_LOSS_WINDOW_MIN,
				 MPVPN_LOSS_WINDOW_MAX),
	[MPVPN_HEALTH_A_LATENCY_FAIL_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32,
				      &mpvpn_health_latency_fail_ms_range),
	[MPVPN_HEALTH_A_LATENCY_RECOVER_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32,
				      &mpvpn_health_latency_recover_ms_range),
	[MPVPN_HEALTH_A_JITTER_FAIL_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32,
				      &mpvpn_health_jitter_fail_ms_range),
	[MPVPN_HEALTH_A_JITTER_RECOVER_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32,
				      &mpvpn_health_jitter_recover_ms_range),
	[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE] =
		NLA_POLICY_MAX(NLA_U32, MPVPN_PERMILLE_MAX),
	[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE] =
		NLA_POLICY_MAX(NLA_U32, MPVPN_PERMILLE_MAX),
	[MPVPN_HEALTH_A_HOLD_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mpvpn_health_hold_ms_range),
	[MPVPN_HEALTH_A_RESET] = { .type = NLA_FLAG },
};

const struct nla_policy mpvpn_path_nl_policy[MPVPN_PATH_A_MAX + 1] = {
	[MPVPN_PATH_A_ID] = NLA_POLICY_RANGE(NLA_U32, 1, MPVPN_MAX_PATHS),
	[MPVPN_PATH_A_NAME] = {
		.type = NLA_NUL_STRING,
		.len = MPVPN_PATH_NAME_LEN - 1,
	},
	[MPVPN_PATH_A_LOCAL_ADDR] = { .type = NLA_BINARY, .len = 16 },
	[MPVPN_PATH_A_LOCAL_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[MPVPN_PATH_A_REMOTE_ADDR] = { .type = NLA_BINARY, .len = 16 },
	[MPVPN_PATH_A_REMOTE_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[MPVPN_PATH_A_PRIORITY] = { .type = NLA_U32 },
	[MPVPN_PATH_A_WEIGHT] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mpvpn_path_weight_range),
	[MPVPN_PATH_A_ADMIN_UP] = NLA_POLICY_MAX(NLA_U8, 1),
	[MPVPN_PATH_A_STATE] = {
		.type = NLA_REJECT,
		.reject_message = "path state is read only",
	},
	[MPVPN_PATH_A_CARRIER] = {
		.type = NLA_REJECT,
		.reject_message = "path carrier is read only",
	},
	[MPVPN_PATH_A_ACTIVE] = {
		.type = NLA_REJECT,
		.reject_message = "the active path is chosen by the kernel",
	},
	[MPVPN_PATH_A_MTU] = {
		.type = NLA_REJECT,
		.reject_message = "path MTU is read only",
	},
	[MPVPN_PATH_A_STATS] = {
		.type = NLA_REJECT,
		.reject_message = "counters are read only",
	},
	[MPVPN_PATH_A_HEALTH] = NLA_POLICY_NESTED(mpvpn_health_nl_policy),
	[MPVPN_PATH_A_MEASURE] = {
		.type = NLA_REJECT,
		.reject_message = "measures are read only",
	},
	[MPVPN_PATH_A_STATE_REASON] = {
		.type = NLA_REJECT,
		.reject_message = "path state is read only",
	},
	[MPVPN_PATH_A_VERDICTS] = {
		.type = NLA_REJECT,
		.reject_message = "push verdicts with MPVPN_CMD_PATH_VERDICT",
	},
	[MPVPN_PATH_A_BANDWIDTH_KBPS] =
		NLA_POLICY_FULL_RANGE(NLA_U32,
				      &mpvpn_path_bandwidth_kbps_range),
	[MPVPN_PATH_A_REMOTE_FIXED] = NLA_POLICY_MAX(NLA_U8, 1),
	[MPVPN_PATH_A_REMOTE_LEARNED] = {
		.type = NLA_REJECT,
		.reject_message = "the kernel learns the remote from the peer",
	},
	[MPVPN_PATH_A_HISTORY] = {
		.type = NLA_REJECT,
		.reject_message = "the history is kept by the kernel",
	},
	[MPVPN_PATH_A_PMTU] = {
		.type = NLA_REJECT,
		.reject_message = "the path MTU is learned by the kernel",
	},
};

const struct nla_policy mpvpn_dev_nl_policy[MPVPN_A_MAX + 1] = {
	[MPVPN_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[MPVPN_A_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[MPVPN_A_PORT] = {
		.type = NLA_REJECT,
		.reject_message = "the UDP port is set at creation (ip link add)",
	},
	[MPVPN_A_TUNNEL_ID] = {
		.type = NLA_REJECT,
		.reject_message = "the tunnel id is set at creation (ip link add)",
	},
	[MPVPN_A_MODE] = NLA_POLICY_MAX(NLA_U8, MPVPN_MODE_MAX),
	[MPVPN_A_MTU] = {
		.type = NLA_REJECT,
		.reject_message = "set the MTU with ip link",
	},
	[MPVPN_A_ACTIVE_PATH_ID] = {
		.type = NLA_REJECT,
		.reject_message = "the active path is chosen by the kernel",
	},
	[MPVPN_A_ACTIVE_PATH_NAME] = {
		.type = NLA_REJECT,
		.reject_message = "the active path is chosen by the kernel",
	},
	[MPVPN_A_PATH_COUNT] = {
		.type = NLA_REJECT,
		.reject_message = "path count is read only",
	},
	[MPVPN_A_STATS] = {
		.type = NLA_REJECT,
		.reject_message = "counters are read only",
	},
	[MPVPN_A_PATH] = NLA_POLICY_NESTED(mpvpn_path_nl_policy),
	[MPVPN_A_REASON] = {
		.type = NLA_REJECT,
		.reject_message = "reasons are sent by the kernel",
	},
	[MPVPN_A_HEALTH] = NLA_POLICY_NESTED(mpvpn_health_nl_policy),
	[MPVPN_A_FAILBACK] = NLA_POLICY_MAX(NLA_U8, MPVPN_FAILBACK_MAX),
	[MPVPN_A_REVERT_DELAY_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32,
				      &mpvpn_dev_revert_delay_ms_range),
	[MPVPN_A_OLD_STATE] = {
		.type = NLA_REJECT,
		.reject_message = "states are sent by the kernel",
	},
	[MPVPN_A_OLD_ACTIVE_PATH_ID] = {
		.type = NLA_REJECT,
		.reject_message = "the active path is chosen by the kernel",
	},
	[MPVPN_A_VERDICT] = NLA_POLICY_NESTED(mpvpn_verdict_nl_policy),
	[MPVPN_A_REDUNDANCY] =
		NLA_POLICY_RANGE(NLA_U8, MPVPN_REDUNDANCY_MIN,
				 MPVPN_REDUNDANCY_MAX),
	[MPVPN_A_REORDER_WAIT_MS] =
		NLA_POLICY_RANGE(NLA_U32, 1, MPVPN_REORDER_WAIT_MS_MAX),
	[MPVPN_A_REORDER_WAIT_US] = {
		.type = NLA_REJECT,
		.reject_message = "the reorder wait follows the paths; set its cap",
	},
	[MPVPN_A_ENCRYPTION] =
		NLA_POLICY_RANGE(NLA_U8, 1, MPVPN_ENCRYPTION_MAX),
	[MPVPN_A_KEYS] = NLA_POLICY_NESTED(mpvpn_keys_nl_policy),
	[MPVPN_A_REKEY_SECONDS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mpvpn_dev_rekey_seconds_range),
	[MPVPN_A_KEY_EPOCH] = {
		.type = NLA_REJECT,
		.reject_message = "there are no key epochs any more",
	},
	[MPVPN_A_OLD_REMOTE_ADDR] = {
		.type = NLA_REJECT,
		.reject_message = "endpoints are sent by the kernel",
	},
	[MPVPN_A_OLD_REMOTE_PORT] = {
		.type = NLA_REJECT,
		.reject_message = "endpoints are sent by the kernel",
	},
	[MPVPN_A_TOS_INHERIT] = NLA_POLICY_MAX(NLA_U8, 1),
	[MPVPN_A_PRIVATE_KEY] = NLA_POLICY_EXACT_LEN(MPVPN_KEY_LEN),
	[MPVPN_A_PUBLIC_KEY] = {
		.type = NLA_REJECT,
		.reject_message = "the public key follows from the private one",
	},
	[MPVPN_A_PEER_PUBLIC_KEY] = NLA_POLICY_EXACT_LEN(MPVPN_KEY_LEN),
	[MPVPN_A_PRESHARED_KEY] = NLA_POLICY_EXACT_LEN(MPVPN_KEY_LEN),
	[MPVPN_A_HANDSHAKE] = {
		.type = NLA_REJECT,
		.reject_message = "the handshake is counted by the kernel",
	},
	[MPVPN_A_HANDSHAKE_FAILURE] = {
		.type = NLA_REJECT,
		.reject_message = "the kernel says why a handshake failed",
	},
};

const struct nla_policy mpvpn_link_nl_policy[IFLA_MPVPN_MAX + 1] = {
	[IFLA_MPVPN_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[IFLA_MPVPN_TUNNEL_ID] = { .type = NLA_U32 },
	[IFLA_MPVPN_MODE] = NLA_POLICY_MAX(NLA_U8, MPVPN_MODE_MAX),
};

const struct genl_small_ops mpvpn_nl_ops[7] = {
	{
		.cmd	= MPVPN_CMD_DEV_GET,
		.doit	= mpvpn_nl_dev_get_doit,
		.dumpit	= mpvpn_nl_dev_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= MPVPN_CMD_DEV_SET,
		.doit	= mpvpn_nl_dev_set_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= MPVPN_CMD_PATH_ADD,
		.doit	= mpvpn_nl_path_add_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= MPVPN_CMD_PATH_DEL,
		.doit	= mpvpn_nl_path_del_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= MPVPN_CMD_PATH_SET,
		.doit	= mpvpn_nl_path_set_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= MPVPN_CMD_PATH_GET,
		.doit	= mpvpn_nl_path_get_doit,
		.dumpit	= mpvpn_nl_path_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= MPVPN_CMD_PATH_VERDICT,
		.doit	= mpvpn_nl_path_verdict_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
};

const struct genl_multicast_group mpvpn_nl_mcgrps[1] = {
	[MPVPN_NLGRP_EVENTS] = {
		.name = MPVPN_MCGRP_EVENTS,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};
