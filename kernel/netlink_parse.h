/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_NETLINK_PARSE_H
#define _MPVPN_NETLINK_PARSE_H

#include <linux/types.h>
#include <net/genetlink.h>

struct mpvpn_device;
struct mpvpn_endpoint;
struct mpvpn_health_config;
struct mpvpn_path_config;
struct mpvpn_verdict;

/* The handshake's keys of a DEV_SET request; NULLs where absent. */
struct mpvpn_nl_identity {
	const u8 *private_key;
	const u8 *peer_public;
	const u8 *psk;
};

int mpvpn_nl_parse_health(struct nlattr *nest, struct mpvpn_health_config *cfg,
			  u32 *overrides, bool *reset,
			  struct netlink_ext_ack *extack);
int mpvpn_nl_parse_crypto(struct mpvpn_device *mpvpn, struct nlattr **attrs,
			  const struct mpvpn_nl_identity *identity,
			  struct netlink_ext_ack *extack);
int mpvpn_nl_parse_identity(struct nlattr **attrs,
			    struct mpvpn_nl_identity *identity,
			    struct netlink_ext_ack *extack);
int mpvpn_nl_parse_endpoint(struct nlattr **tb, struct mpvpn_endpoint *ep,
			    struct netlink_ext_ack *extack);
int mpvpn_nl_parse_path(struct nlattr **tb, struct mpvpn_path_config *cfg,
			struct netlink_ext_ack *extack);
int mpvpn_nl_parse_path_nest(struct genl_info *info, struct nlattr **tb);
int mpvpn_nl_parse_new_path(struct nlattr **tb, struct mpvpn_path_config *cfg,
			    struct netlink_ext_ack *extack);
int mpvpn_nl_parse_verdict(struct genl_info *info, struct mpvpn_verdict *v,
			   bool *remove);

#endif /* _MPVPN_NETLINK_PARSE_H */
