// SPDX-License-Identifier: GPL-2.0
/*
 * Priority failover: the path state machine of v1 (carrier and admin
 * state), the choice of the active path, and the events and log lines that
 * announce a change. Everything here runs under RTNL; the data path only
 * reads the mpvpn->active pointer published with rcu_assign_pointer().
 */

#include "failover.h"
#include "device.h"
#include "path.h"
#include "netlink.h"

#include <linux/rtnetlink.h>

static const char *const reason_text[__MPVPN_REASON_MAX] = {
	[MPVPN_REASON_NONE] = "none",
	[MPVPN_REASON_PATH_ADDED] = "path added",
	[MPVPN_REASON_PATH_REMOVED] = "path removed",
	[MPVPN_REASON_ADMIN_UP] = "admin up",
	[MPVPN_REASON_ADMIN_DOWN] = "admin down",
	[MPVPN_REASON_CARRIER_UP] = "carrier up",
	[MPVPN_REASON_CARRIER_LOST] = "carrier lost",
	[MPVPN_REASON_CONFIG] = "configuration",
};

const char *mpvpn_reason_text(enum mpvpn_reason reason)
{
	if (reason >= __MPVPN_REASON_MAX || !reason_text[reason])
		return "unknown";
	return reason_text[reason];
}

static u8 path_state(const struct mpvpn_path *path)
{
	return path->admin_up && path->carrier ? MPVPN_PATH_UP : MPVPN_PATH_DOWN;
}

/*
 * The preferred usable path: the lowest priority value among the paths
 * that are up; within a tier (equal priority) the lowest id, so that the
 * choice is stable and the same on every call.
 */
static bool preferred(const struct mpvpn_path *path,
		      const struct mpvpn_path *best)
{
	u32 prio = READ_ONCE(path->priority), best_prio;

	if (!best)
		return true;
	best_prio = READ_ONCE(best->priority);
	return prio < best_prio || (prio == best_prio && path->id < best->id);
}

struct mpvpn_path *mpvpn_failover_select(struct list_head *paths)
{
	struct mpvpn_path *path, *best = NULL;

	list_for_each_entry(path, paths, node) {
		if (path->state == MPVPN_PATH_UP && preferred(path, best))
			best = path;
	}
	return best;
}

/*
 * The same choice from the data path, under rcu_read_lock_bh(), also
 * skipping paths whose underlay lost carrier since the last update.
 */
struct mpvpn_path *mpvpn_failover_select_live(struct mpvpn_device *mpvpn)
{
	struct mpvpn_path *path, *best = NULL;

	list_for_each_entry_rcu(path, &mpvpn->paths, node) {
		if (READ_ONCE(path->state) == MPVPN_PATH_UP &&
		    mpvpn_path_link_ok(path) && preferred(path, best))
			best = path;
	}
	return best;
}

static void log_change(struct mpvpn_device *mpvpn, struct mpvpn_path *changed,
		       enum mpvpn_reason reason, struct mpvpn_path *active)
{
	const char *active_name = active ? active->name : "none";

	if (!__ratelimit(&mpvpn->log_ratelimit))
		return;
	if (changed)
		netdev_info(mpvpn->dev, "path %s %s (%s); active path %s\n",
			    changed->name,
			    changed->state == MPVPN_PATH_UP ? "up" : "down",
			    mpvpn_reason_text(reason), active_name);
	else
		netdev_info(mpvpn->dev, "active path %s (%s)\n", active_name,
			    mpvpn_reason_text(reason));
}

/*
 * Called after anything that may change a path's state or the choice of
 * the active path. @changed is the path the change is about (it may be
 * unlinked already when it is being removed), or NULL.
 */
void mpvpn_failover_update(struct mpvpn_device *mpvpn,
			   struct mpvpn_path *changed,
			   enum mpvpn_reason reason)
{
	struct mpvpn_path *old_active, *active;
	bool state_changed = false;
	u8 state;

	ASSERT_RTNL();
	if (changed && reason != MPVPN_REASON_PATH_REMOVED) {
		state = path_state(changed);
		state_changed = state != changed->state;
		WRITE_ONCE(changed->state, state);
	}

	old_active = rtnl_dereference(mpvpn->active);
	active = mpvpn_failover_select(&mpvpn->paths);
	if (active != old_active) {
		rcu_assign_pointer(mpvpn->active, active);
		mpvpn_config_changed(mpvpn);
	}

	if (!state_changed && active == old_active &&
	    reason != MPVPN_REASON_PATH_ADDED &&
	    reason != MPVPN_REASON_PATH_REMOVED)
		return;
	log_change(mpvpn, changed, reason, active);
	mpvpn_netlink_event(mpvpn, changed, reason);
}

#ifdef MPVPN_KUNIT
#include "tests/failover_test.c"
#endif
