// SPDX-License-Identifier: GPL-2.0
/*
 * The path state engine, for every mode: a path's state from its admin
 * state, carrier, pushed verdicts and in-band health; the active path the
 * mode chooses; the events and log lines that announce a change.
 *
 * States and the active path are written under RTNL only. Probe timers run
 * in softirq and cannot take it: they publish their assessment for the data
 * path (which then avoids a dead path at once, see pick_path()) and kick
 * state_work, which applies the change under RTNL. The work waits for
 * RTNL like any other writer; dellink, which holds RTNL, marks the device
 * dying and cancels the work without waiting, and the device's destructor,
 * which runs without RTNL, waits for a run that was already under way.
 */

#include "state.h"
#include "device.h"
#include "failover.h"
#include "netlink.h"
#include "path.h"
#include "schedule.h"

#include <linux/rtnetlink.h>

#include "mpvpn-names.h"
#include "mpvpn-reason.h"

/*
 * The names of reasons and states are the spec's (common/mpvpn-names.h):
 * the log says what mpvpnctl and mpvpnd say.
 */
const char *mpvpn_reason_text(enum mpvpn_reason reason)
{
	if (reason >= ARRAY_SIZE(mpvpn_reason_names) ||
	    !mpvpn_reason_names[reason])
		return "unknown";
	return mpvpn_reason_names[reason];
}

/* The state a path should have now, and why; any context. */
u8 mpvpn_path_state_now(struct mpvpn_path *path, u8 *reason)
{
	struct mpvpn_health_assessment assessment;

	if (!READ_ONCE(path->admin_up)) {
		*reason = MPVPN_REASON_ADMIN_DOWN;
		return MPVPN_PATH_STATE_DOWN;
	}
	if (!READ_ONCE(path->carrier)) {
		*reason = MPVPN_REASON_CARRIER_LOST;
		return MPVPN_PATH_STATE_DOWN;
	}
	if (!READ_ONCE(path->local_ok)) {
		*reason = MPVPN_REASON_NO_LOCAL_ADDRESS;
		return MPVPN_PATH_STATE_DOWN;
	}
	if (!mpvpn_path_has_remote(path)) {
		*reason = MPVPN_REASON_LISTENING;
		return MPVPN_PATH_STATE_DOWN;
	}
	if (mpvpn_verdict_failing(&path->verdicts)) {
		*reason = MPVPN_REASON_PUSHED_PROBE;
		return MPVPN_PATH_STATE_DOWN;
	}
	mpvpn_health_snapshot(path, NULL, &assessment, NULL, NULL);
	*reason = assessment.reason;
	return assessment.state;
}

/* Log lines: Documentation/health.rst lists them. */

/* "rtt 12.3 ms, jitter 0.4 ms, loss 5.0 %, 3 missed" */
static void format_figures(char *buf, size_t len, struct mpvpn_path *path)
{
	struct mpvpn_health_measure m;

	mpvpn_health_snapshot(path, &m, NULL, NULL, NULL);
	if (!m.have_rtt) {
		snprintf(buf, len, "no answer yet, %u missed", m.misses);
		return;
	}
	snprintf(buf, len, "rtt %u.%u ms, jitter %u.%u ms, loss %u.%u %%, %u missed",
		 m.srtt_us / 1000, m.srtt_us % 1000 / 100,
		 m.jitter_us / 1000, m.jitter_us % 1000 / 100,
		 m.loss_permille / 10, m.loss_permille % 10, m.misses);
}

static void log_change(struct mpvpn_device *mpvpn, struct mpvpn_path *changed,
		       enum mpvpn_reason reason, struct mpvpn_path *active)
{
	const char *active_name = active ? active->name : "none";
	char figures[96];

	if (!__ratelimit(&mpvpn->log_ratelimit))
		return;
	if (!changed) {
		netdev_info(mpvpn->dev, "active path %s (%s)\n", active_name,
			    mpvpn_reason_text(reason));
		return;
	}
	if (!mpvpn_reason_has_figures(reason)) {
		netdev_info(mpvpn->dev, "path %s %s (%s); active path %s\n",
			    changed->name, mpvpn_path_state_names[changed->state],
			    mpvpn_reason_text(reason), active_name);
		return;
	}
	format_figures(figures, sizeof(figures), changed);
	netdev_info(mpvpn->dev, "path %s %s (%s: %s); active path %s\n",
		    changed->name, mpvpn_path_state_names[changed->state],
		    mpvpn_reason_text(reason), figures, active_name);
}

/*
 * The failover history: how often a path's state changed and how long it
 * spent in each, counted in jiffies64 under RTNL, where the state changes.
 * @now is get_jiffies_64(), given so that a test can choose it.
 */
static void history_start(struct mpvpn_path *path, u64 now)
{
	ASSERT_RTNL();
	path->state_changes = 0;
	path->state_since = now;
	memset(path->state_jiffies, 0, sizeof(path->state_jiffies));
}

static void history_change(struct mpvpn_path *path, u8 old_state, u64 now)
{
	ASSERT_RTNL();
	path->state_jiffies[old_state] += now - path->state_since;
	path->state_since = now;
	path->state_changes++;
}

static void history_at(const struct mpvpn_path *path, u64 now,
		       struct mpvpn_state_history *history)
{
	u64 stretch = now - path->state_since;
	unsigned int s;

	history->changes = path->state_changes;
	history->last_change_ms = jiffies64_to_msecs(stretch);
	for (s = 0; s < __MPVPN_PATH_STATE_MAX; s++)
		history->state_ms[s] =
			jiffies64_to_msecs(path->state_jiffies[s] +
					   (s == path->state ? stretch : 0));
}

/* What MPVPN_PATH_A_HISTORY reports now; under RTNL. */
void mpvpn_state_history(const struct mpvpn_path *path,
			 struct mpvpn_state_history *history)
{
	ASSERT_RTNL();
	history_at(path, get_jiffies_64(), history);
}

/* Applies @path's current state; returns true when it changed. */
static bool apply_state(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
			u8 *old_state)
{
	u8 state, reason, old_reason = path->state_reason;

	*old_state = path->state;
	state = mpvpn_path_state_now(path, &reason);
	if (state == path->state && reason == path->state_reason)
		return false;
	WRITE_ONCE(path->state, state);
	path->state_reason = reason;
	if (state != *old_state)
		history_change(path, *old_state, get_jiffies_64());
	mpvpn_config_changed(mpvpn);
	/*
	 * A path back from a failure waits out the revert delay before it
	 * takes over; a new path or one the operator just enabled does not.
	 */
	if (state == MPVPN_PATH_STATE_UP && *old_state != MPVPN_PATH_STATE_UP)
		WRITE_ONCE(path->revert_at, jiffies +
			   (old_reason == MPVPN_REASON_PROBING ? 0 :
			    msecs_to_jiffies(mpvpn->revert_delay_ms)));
	return *old_state != state;
}

/*
 * Publishes the active path; returns the previous one. In lowlatency mode
 * it is the path that mode chose, so that its changes are announced like
 * any other; in the other modes the failover choice (the fallback of the
 * data path when the mode has no usable path).
 */
static struct mpvpn_path *apply_active(struct mpvpn_device *mpvpn)
{
	struct mpvpn_path *old_active = rtnl_dereference(mpvpn->active);
	struct mpvpn_path *active;

	mpvpn_schedule_rebuild(mpvpn);
	active = mpvpn_schedule_lowlat_path(mpvpn) ?:
		 mpvpn_failover_select(mpvpn);
	if (active != old_active) {
		rcu_assign_pointer(mpvpn->active, active);
		mpvpn_config_changed(mpvpn);
	}
	return old_active;
}

static void announce(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
		     enum mpvpn_reason reason, int old_state,
		     struct mpvpn_path *old_active)
{
	struct mpvpn_path *active = rtnl_dereference(mpvpn->active);
	struct mpvpn_event event = {
		.reason = reason,
		.old_state = old_state,
		.old_active_id = old_active ? old_active->id : 0,
	};

	log_change(mpvpn, path, reason, active);
	mpvpn_netlink_event(mpvpn, path, &event);
}

/* "192.0.2.7:5555", "[2001:db8::7]:5555" or "none" */
static void format_remote(char *buf, size_t len, sa_family_t family,
			  bool has_remote, const union mpvpn_addr *addr,
			  __be16 port)
{
	if (!has_remote)
		snprintf(buf, len, "none");
	else if (family == AF_INET)
		snprintf(buf, len, "%pI4:%u", &addr->ip4, ntohs(port));
	else
		snprintf(buf, len, "[%pI6c]:%u", &addr->ip6, ntohs(port));
}

/*
 * A path whose peer roamed (path.c, mpvpn_path_roam()) is announced with
 * reason endpoint-changed, where it was and where it is, in an event and
 * a log line: "mpvpn0: path lte endpoint 198.51.100.9:4500 ->
 * 198.51.100.9:61002 (endpoint-changed)".
 */
static void announce_roam(struct mpvpn_device *mpvpn, struct mpvpn_path *path)
{
	struct mpvpn_path *active = rtnl_dereference(mpvpn->active);
	struct mpvpn_event event = {
		.reason = MPVPN_REASON_ENDPOINT_CHANGED,
		.old_state = -1,
		.old_active_id = active ? active->id : 0,
	};
	char from[56], to[56];	/* "[" IPv6 "]:" port */
	struct mpvpn_endpoint_addr old;
	struct mpvpn_endpoint now;

	if (!mpvpn_path_take_roam(path, &old))
		return;
	mpvpn_path_endpoint_get(path, &now);
	event.old_remote = &old;
	if (__ratelimit(&mpvpn->log_ratelimit)) {
		format_remote(from, sizeof(from), old.family, old.has_remote,
			      &old.remote, old.port);
		format_remote(to, sizeof(to), now.family, now.has_remote,
			      &now.remote, now.remote_port);
		netdev_info(mpvpn->dev, "path %s endpoint %s -> %s (%s)\n",
			    path->name, from, to,
			    mpvpn_reason_text(MPVPN_REASON_ENDPOINT_CHANGED));
	}
	mpvpn_config_changed(mpvpn);
	mpvpn_netlink_event(mpvpn, path, &event);
}

/*
 * A path whose MTU moved (pmtu.c, or its underlay's) is announced with
 * reason mtu-changed, in an event whose path carries the new PMTU and a
 * log line: "mpvpn0: path lte mtu 1500 -> 1280 (mtu-changed)".
 */
static void announce_mtu(struct mpvpn_device *mpvpn, struct mpvpn_path *path)
{
	struct mpvpn_path *active = rtnl_dereference(mpvpn->active);
	struct mpvpn_event event = {
		.reason = MPVPN_REASON_MTU_CHANGED,
		.old_state = -1,
		.old_active_id = active ? active->id : 0,
	};
	u32 mtu = mpvpn_path_mtu(path);

	ASSERT_RTNL();
	if (mtu == path->mtu_announced)
		return;
	if (__ratelimit(&mpvpn->log_ratelimit))
		netdev_info(mpvpn->dev, "path %s mtu %u -> %u (%s)\n",
			    path->name, path->mtu_announced, mtu,
			    mpvpn_reason_text(MPVPN_REASON_MTU_CHANGED));
	path->mtu_announced = mtu;
	mpvpn_config_changed(mpvpn);
	mpvpn_netlink_event(mpvpn, path, &event);
}

/*
 * Called under RTNL after anything that may change a path's state or the
 * choice of the active path. @changed is the path the change is about (it
 * may be unlinked already when it is being removed), or NULL; @reason is
 * what the caller did. A state that changed for another reason than the
 * caller's is announced with its own reason.
 */
void mpvpn_state_update(struct mpvpn_device *mpvpn,
			struct mpvpn_path *changed, enum mpvpn_reason reason)
{
	struct mpvpn_path *old_active;
	bool state_changed = false;
	u8 old_state = 0;

	ASSERT_RTNL();
	/* The history starts when the path is added, whatever its state. */
	if (changed && reason == MPVPN_REASON_PATH_ADDED)
		history_start(changed, get_jiffies_64());
	if (changed && reason != MPVPN_REASON_PATH_REMOVED)
		state_changed = apply_state(mpvpn, changed, &old_state);
	if (state_changed && changed->state != MPVPN_PATH_STATE_UP &&
	    reason != MPVPN_REASON_PATH_ADDED)
		reason = changed->state_reason;
	old_active = apply_active(mpvpn);

	if (!state_changed && rtnl_dereference(mpvpn->active) == old_active &&
	    reason != MPVPN_REASON_PATH_ADDED &&
	    reason != MPVPN_REASON_PATH_REMOVED)
		return;
	announce(mpvpn, changed, reason, state_changed ? old_state : -1,
		 old_active);
}

/*
 * Brings every path's state and the active path up to date under RTNL:
 * what the probe timers and expiring verdicts changed.
 */
void mpvpn_state_refresh(struct mpvpn_device *mpvpn)
{
	DECLARE_BITMAP(changed, MPVPN_MAX_PATHS + 1) = { 0 };
	u8 old_state[MPVPN_MAX_PATHS + 1];
	struct mpvpn_path *path, *old_active;
	bool expired[MPVPN_MAX_PATHS + 1];
	enum mpvpn_reason reason;

	ASSERT_RTNL();
	list_for_each_entry(path, &mpvpn->paths, node) {
		announce_roam(mpvpn, path);
		announce_mtu(mpvpn, path);
	}
	list_for_each_entry(path, &mpvpn->paths, node) {
		expired[path->id] = mpvpn_verdict_expire(&path->verdicts);
		if (apply_state(mpvpn, path, &old_state[path->id]))
			__set_bit(path->id, changed);
	}
	old_active = apply_active(mpvpn);

	list_for_each_entry(path, &mpvpn->paths, node) {
		if (!test_bit(path->id, changed))
			continue;
		reason = path->state_reason;
		if (expired[path->id] && old_state[path->id] == MPVPN_PATH_STATE_DOWN)
			reason = MPVPN_REASON_VERDICT_EXPIRED;
		announce(mpvpn, path, reason, old_state[path->id], old_active);
	}
	if (bitmap_empty(changed, MPVPN_MAX_PATHS + 1) &&
	    rtnl_dereference(mpvpn->active) != old_active)
		announce(mpvpn, NULL, mpvpn->mode == MPVPN_MODE_LOWLATENCY ?
			 MPVPN_REASON_LATENCY : MPVPN_REASON_REVERT,
			 -1, old_active);
}

static void state_work(struct work_struct *work)
{
	struct mpvpn_device *mpvpn = container_of(to_delayed_work(work),
						  struct mpvpn_device,
						  state_work);

	rtnl_lock();
	/* Its paths are gone with dellink, and so is anything to refresh. */
	if (!mpvpn->dying)
		mpvpn_state_refresh(mpvpn);
	rtnl_unlock();
}

void mpvpn_state_init(struct mpvpn_device *mpvpn)
{
	INIT_DELAYED_WORK(&mpvpn->state_work, state_work);
}

/* Has state_work bring the device up to date under RTNL; any context. */
void mpvpn_state_kick(struct mpvpn_device *mpvpn)
{
	mod_delayed_work(system_wq, &mpvpn->state_work, 0);
}

/*
 * From a probe timer: does RTNL need to look at this path? Either its
 * state is no longer what was published, or it is a better path than the
 * active one and its revert delay has passed.
 */
void mpvpn_state_check(struct mpvpn_path *path)
{
	struct mpvpn_device *mpvpn = path->mpvpn;
	bool kick;
	u8 reason;

	kick = mpvpn_path_state_now(path, &reason) != READ_ONCE(path->state);
	/* Take-overs are failover's; lowlatency moves on its own (schedule.c). */
	if (!kick && READ_ONCE(path->state) == MPVPN_PATH_STATE_UP &&
	    READ_ONCE(mpvpn->mode) == MPVPN_MODE_FAILOVER)
		kick = mpvpn_failover_takes_over(path);
	if (kick)
		mpvpn_state_kick(mpvpn);
}

#ifdef MPVPN_KUNIT
#include "tests/state_test.c"
#endif
