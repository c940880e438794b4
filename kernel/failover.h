/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_FAILOVER_H
#define _MPVPN_FAILOVER_H

#include <linux/types.h>

struct mpvpn_device;
struct mpvpn_path;

bool mpvpn_failover_preferred(const struct mpvpn_path *path, u8 state,
			      const struct mpvpn_path *best, u8 best_state);
struct mpvpn_path *mpvpn_failover_select(struct mpvpn_device *mpvpn);
struct mpvpn_path *mpvpn_failover_select_live(struct mpvpn_device *mpvpn);
bool mpvpn_failover_takes_over(struct mpvpn_path *path);

#endif /* _MPVPN_FAILOVER_H */
