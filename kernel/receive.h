/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_RECEIVE_H
#define _MPVPN_RECEIVE_H

#include <linux/socket.h>
#include <linux/types.h>

struct mpvpn_endpoint;
struct mpvpn_path;
struct sock;
struct sk_buff;
union mpvpn_addr;

int mpvpn_udp_recv(struct sock *sk, struct sk_buff *skb);
void mpvpn_outer_source(const struct sk_buff *skb, sa_family_t *family,
			union mpvpn_addr *saddr);
void mpvpn_follow_peer(struct mpvpn_path *path,
		       const struct mpvpn_endpoint *ep, sa_family_t family,
		       const union mpvpn_addr *from, __be16 sport);

#endif /* _MPVPN_RECEIVE_H */
