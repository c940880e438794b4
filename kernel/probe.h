/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_PROBE_H
#define _MPVPN_PROBE_H

#include <linux/skbuff.h>

struct mpvpn_device;
struct mpvpn_path;
struct mpvpn_wire_info;

void mpvpn_probe_send(struct mpvpn_path *path, u8 type, u32 probe_id);
void mpvpn_probe_recv(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
		      struct sk_buff *skb, const struct mpvpn_wire_info *info,
		      unsigned int outer_len);

#endif /* _MPVPN_PROBE_H */
