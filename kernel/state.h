/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The path state engine: each path's state and the active path, kept up
 * to date under RTNL for every mode and announced by event and log line.
 * Documentation/failover.rst describes the states.
 */
#ifndef _MPVPN_STATE_H
#define _MPVPN_STATE_H

#include <linux/mpvpn.h>
#include <linux/types.h>

struct mpvpn_device;
struct mpvpn_path;

/* A path's failover history as MPVPN_PATH_A_HISTORY reports it. */
struct mpvpn_state_history {
	u32 changes;
	u64 last_change_ms;
	u64 state_ms[__MPVPN_PATH_STATE_MAX];	/* the current stretch too */
};

void mpvpn_state_init(struct mpvpn_device *mpvpn);
void mpvpn_state_update(struct mpvpn_device *mpvpn,
			struct mpvpn_path *changed, enum mpvpn_reason reason);
void mpvpn_state_refresh(struct mpvpn_device *mpvpn);
void mpvpn_state_check(struct mpvpn_path *path);
void mpvpn_state_kick(struct mpvpn_device *mpvpn);
u8 mpvpn_path_state_now(struct mpvpn_path *path, u8 *reason);
void mpvpn_state_history(const struct mpvpn_path *path,
			 struct mpvpn_state_history *history);
const char *mpvpn_reason_text(enum mpvpn_reason reason);

#endif /* _MPVPN_STATE_H */
