/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_NETLINK_FILL_H
#define _MPVPN_NETLINK_FILL_H

#include <linux/mpvpn.h>
#include <linux/skbuff.h>

struct mpvpn_device;
struct mpvpn_event;
struct mpvpn_path;

int mpvpn_nl_fill_device(struct sk_buff *skb, struct mpvpn_device *mpvpn);
int mpvpn_nl_fill_path(struct sk_buff *skb, struct mpvpn_device *mpvpn,
		       struct mpvpn_path *path);
int mpvpn_nl_fill_event(struct sk_buff *skb, struct mpvpn_device *mpvpn,
			struct mpvpn_path *path,
			const struct mpvpn_event *event);
int mpvpn_nl_fill_handshake_event(struct sk_buff *skb,
				  struct mpvpn_device *mpvpn, u8 path_id,
				  enum mpvpn_reason reason,
				  enum mpvpn_handshake_failure failure);

#endif /* _MPVPN_NETLINK_FILL_H */
