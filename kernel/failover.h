/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_FAILOVER_H
#define _MPVPN_FAILOVER_H

#include <linux/list.h>
#include <linux/mpvpn.h>

struct mpvpn_device;
struct mpvpn_path;

void mpvpn_failover_init(struct mpvpn_device *mpvpn);
bool mpvpn_failover_preferred(const struct mpvpn_path *path, u8 state,
			      const struct mpvpn_path *best, u8 best_state);
struct mpvpn_path *mpvpn_failover_select(struct mpvpn_device *mpvpn);
struct mpvpn_path *mpvpn_failover_select_live(struct mpvpn_device *mpvpn);
void mpvpn_failover_update(struct mpvpn_device *mpvpn,
			   struct mpvpn_path *changed,
			   enum mpvpn_reason reason);
void mpvpn_failover_refresh(struct mpvpn_device *mpvpn);
void mpvpn_failover_check(struct mpvpn_path *path);
u8 mpvpn_path_state_now(struct mpvpn_path *path, u8 *reason);
const char *mpvpn_reason_text(enum mpvpn_reason reason);

#endif /* _MPVPN_FAILOVER_H */
