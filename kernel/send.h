/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_SEND_H
#define _MPVPN_SEND_H

#include <linux/netdevice.h>

netdev_tx_t mpvpn_xmit(struct sk_buff *skb, struct net_device *dev);

#endif /* _MPVPN_SEND_H */
