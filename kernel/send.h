/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_SEND_H
#define _MPVPN_SEND_H

#include <linux/netdevice.h>

struct mpvpn_device;
struct mpvpn_endpoint_addr;
struct mpvpn_path;

void mpvpn_send_init_counters(struct mpvpn_device *mpvpn);
netdev_tx_t mpvpn_xmit(struct sk_buff *skb, struct net_device *dev);
int mpvpn_send_control(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
		       u8 type, const void *body, unsigned int len);
int mpvpn_send_control_padded(struct mpvpn_device *mpvpn,
			      struct mpvpn_path *path, u8 type,
			      const void *body, unsigned int len,
			      unsigned int size);
int mpvpn_send_handshake(struct mpvpn_device *mpvpn, u8 path_id,
			 const struct mpvpn_endpoint_addr *to,
			 const void *msg, unsigned int len);

#endif /* _MPVPN_SEND_H */
