// SPDX-License-Identifier: GPL-2.0
/*
 * Priority failover: the order of the paths (state, then priority, then
 * id) and the choice of the active path with the failback policy. The
 * state engine (state.c) publishes the choice; the data path falls back on
 * the same order while the published active path is unusable.
 */

#include "failover.h"
#include "device.h"
#include "path.h"

#include <linux/rtnetlink.h>

/* Up before degraded; down is never chosen. */
static int rank(u8 state)
{
	return state == MPVPN_PATH_STATE_UP ? 0 : 1;
}

/*
 * Whether @path is to be preferred over @best: a better state first, then
 * the lowest priority value, then the lowest id, so that the choice is
 * stable and the same on every call.
 */
bool mpvpn_failover_preferred(const struct mpvpn_path *path, u8 state,
			      const struct mpvpn_path *best, u8 best_state)
{
	u32 prio = READ_ONCE(path->priority), best_prio;

	if (!best)
		return true;
	if (rank(state) != rank(best_state))
		return rank(state) < rank(best_state);
	best_prio = READ_ONCE(best->priority);
	return prio < best_prio || (prio == best_prio && path->id < best->id);
}

/*
 * May @path take over from @current, which is up? Never when sticky;
 * when reverting, once it has been up for the revert delay.
 */
static bool may_take_over(const struct mpvpn_device *mpvpn,
			  const struct mpvpn_path *path,
			  const struct mpvpn_path *current_path)
{
	if (path == current_path || !current_path ||
	    READ_ONCE(current_path->state) != MPVPN_PATH_STATE_UP)
		return true;
	return READ_ONCE(mpvpn->failback) == MPVPN_FAILBACK_REVERT &&
	       time_after_eq(jiffies, READ_ONCE(path->revert_at));
}

struct mpvpn_path *mpvpn_failover_select(struct mpvpn_device *mpvpn)
{
	struct mpvpn_path *path, *best = NULL;
	struct mpvpn_path *current_path = rtnl_dereference(mpvpn->active);

	list_for_each_entry(path, &mpvpn->paths, node) {
		if (path->state == MPVPN_PATH_STATE_DOWN ||
		    !may_take_over(mpvpn, path, current_path))
			continue;
		if (mpvpn_failover_preferred(path, path->state, best,
					     best ? best->state : 0))
			best = path;
	}
	return best;
}

/*
 * The data path's choice while the published active path is unusable,
 * under rcu_read_lock_bh(): the same order over the paths that are usable
 * now. It ignores the failback policy: the active path is gone anyway.
 */
struct mpvpn_path *mpvpn_failover_select_live(struct mpvpn_device *mpvpn)
{
	struct mpvpn_path *path, *best = NULL;
	u8 state, best_state = 0;

	list_for_each_entry_rcu(path, &mpvpn->paths, node) {
		state = READ_ONCE(path->state);
		if (state == MPVPN_PATH_STATE_DOWN || !mpvpn_path_usable_now(path))
			continue;
		if (mpvpn_failover_preferred(path, state, best, best_state)) {
			best = path;
			best_state = state;
		}
	}
	return best;
}

/*
 * From a probe timer, in failover mode: would @path, which is up, take
 * over from the active path now? It must be preferred to it and allowed by
 * the failback policy.
 */
bool mpvpn_failover_takes_over(struct mpvpn_path *path)
{
	struct mpvpn_device *mpvpn = path->mpvpn;
	struct mpvpn_path *active;
	bool ret;

	rcu_read_lock();
	active = rcu_dereference(mpvpn->active);
	ret = active && active != path &&
	      mpvpn_failover_preferred(path, MPVPN_PATH_STATE_UP, active,
				       READ_ONCE(active->state)) &&
	      may_take_over(mpvpn, path, active);
	rcu_read_unlock();
	return ret;
}

#ifdef MPVPN_KUNIT
#include "tests/failover_test.c"
#endif
