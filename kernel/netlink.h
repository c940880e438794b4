/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_NETLINK_H
#define _MPVPN_NETLINK_H

#include <linux/mpvpn.h>
#include <linux/types.h>

struct mpvpn_device;
struct mpvpn_path;

int mpvpn_genetlink_init(void);
void mpvpn_genetlink_uninit(void);
void mpvpn_netlink_event(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
			 enum mpvpn_reason reason, int old_state,
			 u32 old_active_id);

#endif /* _MPVPN_NETLINK_H */
