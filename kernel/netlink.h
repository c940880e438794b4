/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_NETLINK_H
#define _MPVPN_NETLINK_H

#include <linux/mpvpn.h>
#include <linux/types.h>

struct mpvpn_device;
struct mpvpn_endpoint_addr;
struct mpvpn_path;

/* What an event says besides the device, the path and the active path. */
struct mpvpn_event {
	enum mpvpn_reason reason;
	int old_state;			/* negative: the state did not change */
	u32 old_active_id;		/* 0: there was none */
	/* endpoint-changed: where the path's remote was; else NULL */
	const struct mpvpn_endpoint_addr *old_remote;
};

int mpvpn_genetlink_init(void);
void mpvpn_genetlink_uninit(void);
void mpvpn_netlink_event(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
			 const struct mpvpn_event *event);
void mpvpn_netlink_handshake_event(struct mpvpn_device *mpvpn, u8 path_id,
				   enum mpvpn_reason reason,
				   enum mpvpn_handshake_failure failure);

#endif /* _MPVPN_NETLINK_H */
