/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Do not edit directly, auto-generated from
 * Documentation/netlink/specs/mpvpn.yaml
 * by tools/ynl/mpvpn-gen.py (tools/ynl/gen runs it).
 */
#ifndef _MPVPN_NETLINK_GEN_H
#define _MPVPN_NETLINK_GEN_H

#include <net/genetlink.h>
#include <net/netlink.h>

#include <linux/mpvpn.h>

extern const struct nla_policy mpvpn_link_nl_policy[IFLA_MPVPN_MAX + 1];
extern const struct nla_policy mpvpn_dev_nl_policy[MPVPN_A_MAX + 1];
extern const struct nla_policy mpvpn_path_nl_policy[MPVPN_PATH_A_MAX + 1];
extern const struct nla_policy mpvpn_health_nl_policy[MPVPN_HEALTH_A_MAX + 1];
extern const struct nla_policy mpvpn_verdict_nl_policy[MPVPN_VERDICT_A_MAX + 1];
extern const struct nla_policy mpvpn_keys_nl_policy[MPVPN_KEYS_A_MAX + 1];

int mpvpn_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info);
int mpvpn_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int mpvpn_nl_dev_set_doit(struct sk_buff *skb, struct genl_info *info);
int mpvpn_nl_path_add_doit(struct sk_buff *skb, struct genl_info *info);
int mpvpn_nl_path_del_doit(struct sk_buff *skb, struct genl_info *info);
int mpvpn_nl_path_set_doit(struct sk_buff *skb, struct genl_info *info);
int mpvpn_nl_path_get_doit(struct sk_buff *skb, struct genl_info *info);
int mpvpn_nl_path_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int mpvpn_nl_path_verdict_doit(struct sk_buff *skb, struct genl_info *info);

extern const struct genl_small_ops mpvpn_nl_ops[7];
extern const struct genl_multicast_group mpvpn_nl_mcgrps[1];

enum {
	MPVPN_NLGRP_EVENTS,
};

#endif /* _MPVPN_NETLINK_GEN_H */
