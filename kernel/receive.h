/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_RECEIVE_H
#define _MPVPN_RECEIVE_H

struct sock;
struct sk_buff;

int mpvpn_udp_recv(struct sock *sk, struct sk_buff *skb);

#endif /* _MPVPN_RECEIVE_H */
