// SPDX-License-Identifier: GPL-2.0
/*
 * The attribute policies of the generic netlink family and of the rtnl
 * link (ip link add ... type mpvpn), keyed by the uapi enums. Tables only:
 * this file is to be generated from a YAML netlink spec.
 */

#include "netlink-gen.h"

#include <linux/if.h>
#include <linux/in6.h>

#define READ_ONLY(msg) { .type = NLA_REJECT, .reject_message = msg }

static struct netlink_range_validation weight_range = {
	.min = 1,
	.max = 65535,
};

static struct netlink_range_validation bandwidth_range = {
	.min = 0,
	.max = MPVPN_BANDWIDTH_KBPS_MAX,
};

static struct netlink_range_validation level_ms_range = {
	.min = 1,
	.max = 60000,
};

static struct netlink_range_validation time_ms_range = {
	.min = 0,
	.max = MPVPN_TIME_MS_MAX,
};

static struct netlink_range_validation valid_ms_range = {
	.min = 1,
	.max = MPVPN_TIME_MS_MAX,
};

static struct netlink_range_validation rekey_range = {
	.min = MPVPN_REKEY_SECONDS_MIN,
	.max = MPVPN_REKEY_SECONDS_MAX,
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
		NLA_POLICY_FULL_RANGE(NLA_U32, &level_ms_range),
	[MPVPN_HEALTH_A_LATENCY_RECOVER_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &level_ms_range),
	[MPVPN_HEALTH_A_JITTER_FAIL_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &level_ms_range),
	[MPVPN_HEALTH_A_JITTER_RECOVER_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &level_ms_range),
	[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE] = NLA_POLICY_MAX(NLA_U32, 1000),
	[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE] = NLA_POLICY_MAX(NLA_U32, 1000),
	[MPVPN_HEALTH_A_HOLD_MS] = NLA_POLICY_FULL_RANGE(NLA_U32, &time_ms_range),
	[MPVPN_HEALTH_A_RESET] = { .type = NLA_FLAG },
};

const struct nla_policy mpvpn_verdict_nl_policy[MPVPN_VERDICT_A_MAX + 1] = {
	[MPVPN_VERDICT_A_NAME] = { .type = NLA_NUL_STRING,
				   .len = MPVPN_PROBE_NAME_LEN - 1 },
	[MPVPN_VERDICT_A_OK] = NLA_POLICY_MAX(NLA_U8, 1),
	[MPVPN_VERDICT_A_RTT_US] = { .type = NLA_U32 },
	[MPVPN_VERDICT_A_VALID_MS] = NLA_POLICY_FULL_RANGE(NLA_U32,
							   &valid_ms_range),
	[MPVPN_VERDICT_A_DELETE] = { .type = NLA_FLAG },
};

const struct nla_policy mpvpn_path_nl_policy[MPVPN_PATH_A_MAX + 1] = {
	[MPVPN_PATH_A_ID] = NLA_POLICY_RANGE(NLA_U32, 1, MPVPN_MAX_PATHS),
	[MPVPN_PATH_A_NAME] = { .type = NLA_NUL_STRING,
				.len = MPVPN_PATH_NAME_LEN - 1 },
	[MPVPN_PATH_A_LOCAL_ADDR] = { .type = NLA_BINARY,
				      .len = sizeof(struct in6_addr) },
	[MPVPN_PATH_A_LOCAL_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[MPVPN_PATH_A_REMOTE_ADDR] = { .type = NLA_BINARY,
				       .len = sizeof(struct in6_addr) },
	[MPVPN_PATH_A_REMOTE_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[MPVPN_PATH_A_PRIORITY] = { .type = NLA_U32 },
	[MPVPN_PATH_A_WEIGHT] = NLA_POLICY_FULL_RANGE(NLA_U32, &weight_range),
	[MPVPN_PATH_A_ADMIN_UP] = NLA_POLICY_MAX(NLA_U8, 1),
	[MPVPN_PATH_A_STATE] = READ_ONLY("path state is read only"),
	[MPVPN_PATH_A_CARRIER] = READ_ONLY("path carrier is read only"),
	[MPVPN_PATH_A_ACTIVE] = READ_ONLY("the active path is chosen by the kernel"),
	[MPVPN_PATH_A_MTU] = READ_ONLY("path MTU is read only"),
	[MPVPN_PATH_A_STATS] = READ_ONLY("counters are read only"),
	[MPVPN_PATH_A_HEALTH] = NLA_POLICY_NESTED(mpvpn_health_nl_policy),
	[MPVPN_PATH_A_MEASURE] = READ_ONLY("measures are read only"),
	[MPVPN_PATH_A_STATE_REASON] = READ_ONLY("path state is read only"),
	[MPVPN_PATH_A_VERDICTS] = READ_ONLY("push verdicts with MPVPN_CMD_PATH_VERDICT"),
	[MPVPN_PATH_A_BANDWIDTH_KBPS] = NLA_POLICY_FULL_RANGE(NLA_U32,
							      &bandwidth_range),
};

const struct nla_policy mpvpn_keys_nl_policy[MPVPN_KEYS_A_MAX + 1] = {
	[MPVPN_KEYS_A_TX] = NLA_POLICY_EXACT_LEN(MPVPN_KEY_LEN),
	[MPVPN_KEYS_A_RX] = NLA_POLICY_EXACT_LEN(MPVPN_KEY_LEN),
};

const struct nla_policy mpvpn_dev_nl_policy[MPVPN_A_MAX + 1] = {
	[MPVPN_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[MPVPN_A_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[MPVPN_A_PORT] = READ_ONLY("the UDP port is set at creation (ip link add)"),
	[MPVPN_A_TUNNEL_ID] = READ_ONLY("the tunnel id is set at creation (ip link add)"),
	[MPVPN_A_MODE] = NLA_POLICY_MAX(NLA_U8, MPVPN_MODE_MAX),
	[MPVPN_A_MTU] = READ_ONLY("set the MTU with ip link"),
	[MPVPN_A_ACTIVE_PATH_ID] = READ_ONLY("the active path is chosen by the kernel"),
	[MPVPN_A_ACTIVE_PATH_NAME] = READ_ONLY("the active path is chosen by the kernel"),
	[MPVPN_A_PATH_COUNT] = READ_ONLY("path count is read only"),
	[MPVPN_A_STATS] = READ_ONLY("counters are read only"),
	[MPVPN_A_PATH] = NLA_POLICY_NESTED(mpvpn_path_nl_policy),
	[MPVPN_A_REASON] = READ_ONLY("reasons are sent by the kernel"),
	[MPVPN_A_HEALTH] = NLA_POLICY_NESTED(mpvpn_health_nl_policy),
	[MPVPN_A_FAILBACK] = NLA_POLICY_MAX(NLA_U8, MPVPN_FAILBACK_MAX),
	[MPVPN_A_REVERT_DELAY_MS] = NLA_POLICY_FULL_RANGE(NLA_U32,
							  &time_ms_range),
	[MPVPN_A_OLD_STATE] = READ_ONLY("states are sent by the kernel"),
	[MPVPN_A_OLD_ACTIVE_PATH_ID] = READ_ONLY("the active path is chosen by the kernel"),
	[MPVPN_A_VERDICT] = NLA_POLICY_NESTED(mpvpn_verdict_nl_policy),
	[MPVPN_A_REDUNDANCY] = NLA_POLICY_RANGE(NLA_U8, 2, MPVPN_REDUNDANCY_MAX),
	[MPVPN_A_REORDER_WAIT_MS] = NLA_POLICY_RANGE(NLA_U32, 1,
						     MPVPN_REORDER_WAIT_MS_MAX),
	[MPVPN_A_REORDER_WAIT_US] = READ_ONLY("the reorder wait follows the paths; set its cap"),
	[MPVPN_A_ENCRYPTION] = NLA_POLICY_RANGE(NLA_U8, MPVPN_ENCRYPTION_NONE,
						MPVPN_ENCRYPTION_MAX),
	[MPVPN_A_KEYS] = NLA_POLICY_NESTED(mpvpn_keys_nl_policy),
	[MPVPN_A_REKEY_SECONDS] = NLA_POLICY_FULL_RANGE(NLA_U32, &rekey_range),
	[MPVPN_A_KEY_EPOCH] = READ_ONLY("the key epoch follows the clock"),
};

const struct nla_policy mpvpn_link_nl_policy[IFLA_MPVPN_MAX + 1] = {
	[IFLA_MPVPN_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[IFLA_MPVPN_TUNNEL_ID] = { .type = NLA_U32 },
	[IFLA_MPVPN_MODE] = NLA_POLICY_MAX(NLA_U8, MPVPN_MODE_MAX),
};
