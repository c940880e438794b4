/* SPDX-License-Identifier: GPL-2.0 */
/* The attribute policies (netlink-gen.c); tables only. */
#ifndef _MPVPN_NETLINK_GEN_H
#define _MPVPN_NETLINK_GEN_H

#include <net/netlink.h>

#include <linux/mpvpn.h>

extern const struct nla_policy mpvpn_health_nl_policy[MPVPN_HEALTH_A_MAX + 1];
extern const struct nla_policy mpvpn_verdict_nl_policy[MPVPN_VERDICT_A_MAX + 1];
extern const struct nla_policy mpvpn_path_nl_policy[MPVPN_PATH_A_MAX + 1];
extern const struct nla_policy mpvpn_keys_nl_policy[MPVPN_KEYS_A_MAX + 1];
extern const struct nla_policy mpvpn_dev_nl_policy[MPVPN_A_MAX + 1];
extern const struct nla_policy mpvpn_link_nl_policy[IFLA_MPVPN_MAX + 1];

#endif /* _MPVPN_NETLINK_GEN_H */
