// SPDX-License-Identifier: GPL-2.0
/*
 * The attributes of the family's messages: devices, paths, their counters,
 * measures, health thresholds and pushed verdicts. Replies, dumps and
 * events are filled by the same functions; the caller (netlink.c) puts
 * the genl header around them. Everything here runs under RTNL.
 */

#include "netlink_fill.h"
#include "netlink.h"
#include "device.h"
#include "path.h"
#include "reorder.h"
#include "schedule.h"
#include "socket.h"
#include "state.h"

#include <linux/rtnetlink.h>
#include <net/netlink.h>

/* Counters */

/* A counter of MPVPN_A_STATS or MPVPN_PATH_A_STATS. */
static int put_counter(struct sk_buff *skb, int type, u64 value)
{
	return nla_put_u64_64bit(skb, type, value, MPVPN_STATS_A_PAD);
}

/* Which uapi counter each internal counter is reported as. */
struct counter_map {
	u16 attr;
	u8 index;
};

static const struct counter_map dev_counter_map[] = {
	{ MPVPN_STATS_A_TX_PACKETS, MPVPN_DEV_TX_PACKETS },
	{ MPVPN_STATS_A_TX_BYTES, MPVPN_DEV_TX_BYTES },
	{ MPVPN_STATS_A_TX_ERRORS, MPVPN_DEV_TX_ERRORS },
	{ MPVPN_STATS_A_TX_NO_PATH, MPVPN_DEV_TX_NO_PATH },
	{ MPVPN_STATS_A_RX_UNKNOWN_SOURCE, MPVPN_DEV_RX_UNKNOWN_SOURCE },
	{ MPVPN_STATS_A_RX_BAD_INNER, MPVPN_DEV_RX_BAD_INNER },
	{ MPVPN_STATS_A_RX_DROPPED, MPVPN_DEV_RX_DROPPED },
	{ MPVPN_STATS_A_RX_BAD_PROBE, MPVPN_DEV_RX_BAD_PROBE },
	{ MPVPN_STATS_A_RX_DUPLICATE, MPVPN_DEV_RX_DUPLICATE },
	{ MPVPN_STATS_A_RX_STALE, MPVPN_DEV_RX_STALE },
	{ MPVPN_STATS_A_RX_REORDERED, MPVPN_DEV_RX_REORDERED },
	{ MPVPN_STATS_A_RX_LATE, MPVPN_DEV_RX_LATE },
	{ MPVPN_STATS_A_RX_REORDER_TIMEOUT, MPVPN_DEV_RX_REORDER_TIMEOUT },
	{ MPVPN_STATS_A_RX_REORDER_OVERFLOW, MPVPN_DEV_RX_REORDER_OVERFLOW },
	{ MPVPN_STATS_A_TX_NO_KEY, MPVPN_DEV_TX_NO_KEY },
	{ MPVPN_STATS_A_RX_NO_KEY, MPVPN_DEV_RX_NO_KEY },
	{ MPVPN_STATS_A_RX_NOT_AUTHENTIC, MPVPN_DEV_RX_NOT_AUTHENTIC },
	{ MPVPN_STATS_A_RX_BAD_ECN, MPVPN_DEV_RX_BAD_ECN },
	{ MPVPN_STATS_A_TX_TOO_BIG, MPVPN_DEV_TX_TOO_BIG },
};

static const struct counter_map port_counter_map[] = {
	{ MPVPN_STATS_A_RX_SHORT, MPVPN_PORT_RX_SHORT },
	{ MPVPN_STATS_A_RX_BAD_VERSION, MPVPN_PORT_RX_BAD_VERSION },
	{ MPVPN_STATS_A_RX_BAD_HEADER, MPVPN_PORT_RX_BAD_HEADER },
	{ MPVPN_STATS_A_RX_UNKNOWN_TUNNEL, MPVPN_PORT_RX_UNKNOWN_TUNNEL },
	{ MPVPN_STATS_A_RX_ICMP_IGNORED, MPVPN_PORT_RX_ICMP_IGNORED },
};

static const struct counter_map path_counter_map[] = {
	{ MPVPN_STATS_A_TX_PACKETS, MPVPN_PATH_TX_PACKETS },
	{ MPVPN_STATS_A_TX_BYTES, MPVPN_PATH_TX_BYTES },
	{ MPVPN_STATS_A_RX_PACKETS, MPVPN_PATH_RX_PACKETS },
	{ MPVPN_STATS_A_RX_BYTES, MPVPN_PATH_RX_BYTES },
	{ MPVPN_STATS_A_TX_ERRORS, MPVPN_PATH_TX_ERRORS },
};

static const struct counter_map keying_counter_map[] = {
	{ MPVPN_HANDSHAKE_A_INITIATIONS_SENT, MPVPN_KEYING_INITIATIONS_SENT },
	{ MPVPN_HANDSHAKE_A_RESPONSES_SENT, MPVPN_KEYING_RESPONSES_SENT },
	{ MPVPN_HANDSHAKE_A_COOKIE_REPLIES_SENT,
	  MPVPN_KEYING_COOKIE_REPLIES_SENT },
	{ MPVPN_HANDSHAKE_A_INITIATIONS_RECEIVED,
	  MPVPN_KEYING_INITIATIONS_RECEIVED },
	{ MPVPN_HANDSHAKE_A_RESPONSES_RECEIVED,
	  MPVPN_KEYING_RESPONSES_RECEIVED },
	{ MPVPN_HANDSHAKE_A_COOKIE_REPLIES_RECEIVED,
	  MPVPN_KEYING_COOKIE_REPLIES_RECEIVED },
	{ MPVPN_HANDSHAKE_A_RX_MALFORMED, MPVPN_KEYING_RX_MALFORMED },
	{ MPVPN_HANDSHAKE_A_RX_BAD_MAC1, MPVPN_KEYING_RX_BAD_MAC1 },
	{ MPVPN_HANDSHAKE_A_RX_NOT_AUTHENTIC, MPVPN_KEYING_RX_NOT_AUTHENTIC },
	{ MPVPN_HANDSHAKE_A_RX_STALE, MPVPN_KEYING_RX_STALE },
	{ MPVPN_HANDSHAKE_A_RX_UNEXPECTED, MPVPN_KEYING_RX_UNEXPECTED },
	{ MPVPN_HANDSHAKE_A_RX_NO_KEYS, MPVPN_KEYING_RX_NO_KEYS },
	{ MPVPN_HANDSHAKE_A_RX_QUEUE_FULL, MPVPN_KEYING_RX_QUEUE_FULL },
	{ MPVPN_HANDSHAKE_A_RX_RATELIMITED, MPVPN_KEYING_RX_RATELIMITED },
	{ MPVPN_HANDSHAKE_A_SESSIONS, MPVPN_KEYING_SESSIONS },
};

/*
 * Puts every counter of @map, summed over the CPUs (zeros without a
 * block), in the nest whose padding attribute is @pad.
 */
static int put_counters(struct sk_buff *skb,
			struct mpvpn_counters __percpu *counters,
			const struct counter_map *map, unsigned int n, int pad)
{
	u64 sum[MPVPN_COUNTERS_MAX] = { 0 };
	unsigned int i;

	if (counters)
		mpvpn_counters_sum(counters, sum);
	for (i = 0; i < n; i++) {
		if (nla_put_u64_64bit(skb, map[i].attr, sum[map[i].index], pad))
			return -EMSGSIZE;
	}
	return 0;
}

static int fill_device_stats(struct sk_buff *skb, struct mpvpn_device *mpvpn)
{
	struct mpvpn_port *port = rtnl_dereference(mpvpn->port);
	struct rtnl_link_stats64 ls = { 0 };
	struct nlattr *nest;

	/* Received totals are the device's own (gro_cells path). */
	dev_get_tstats64(mpvpn->dev, &ls);
	nest = nla_nest_start(skb, MPVPN_A_STATS);
	if (!nest ||
	    put_counter(skb, MPVPN_STATS_A_RX_PACKETS, ls.rx_packets) ||
	    put_counter(skb, MPVPN_STATS_A_RX_BYTES, ls.rx_bytes) ||
	    put_counters(skb, mpvpn->counters, dev_counter_map,
			 ARRAY_SIZE(dev_counter_map), MPVPN_STATS_A_PAD) ||
	    put_counters(skb, port ? port->counters : NULL, port_counter_map,
			 ARRAY_SIZE(port_counter_map), MPVPN_STATS_A_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* The handshake's counters, and how long ago it last made a session. */
static int fill_handshake(struct sk_buff *skb, struct mpvpn_keying *keying)
{
	u64 last, took;
	struct nlattr *nest;

	mpvpn_keying_times(keying, &last, &took);
	nest = nla_nest_start(skb, MPVPN_A_HANDSHAKE);
	if (!nest ||
	    put_counters(skb, keying->counters, keying_counter_map,
			 ARRAY_SIZE(keying_counter_map), MPVPN_HANDSHAKE_A_PAD) ||
	    (last &&
	     nla_put_u64_64bit(skb, MPVPN_HANDSHAKE_A_LAST_SESSION_MS,
			       div_u64(mpvpn_session_now() - last,
				       NSEC_PER_MSEC),
			       MPVPN_HANDSHAKE_A_PAD)) ||
	    (took &&
	     nla_put_u64_64bit(skb, MPVPN_HANDSHAKE_A_LAST_HANDSHAKE_US,
			       div_u64(took, NSEC_PER_USEC),
			       MPVPN_HANDSHAKE_A_PAD)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* Both public keys, when the device has keys; the private one never. */
static int fill_identity(struct sk_buff *skb, struct mpvpn_keying *keying)
{
	u8 ours[MPVPN_KEY_LEN], peer[MPVPN_KEY_LEN];

	if (!mpvpn_handshake_describe(&keying->handshake, ours, peer))
		return 0;
	if (nla_put(skb, MPVPN_A_PUBLIC_KEY, sizeof(ours), ours) ||
	    nla_put(skb, MPVPN_A_PEER_PUBLIC_KEY, sizeof(peer), peer))
		return -EMSGSIZE;
	return 0;
}

static int fill_path_stats(struct sk_buff *skb, struct mpvpn_path *path)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, MPVPN_PATH_A_STATS);
	if (!nest || put_counters(skb, path->counters, path_counter_map,
				  ARRAY_SIZE(path_counter_map),
				  MPVPN_STATS_A_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* Attributes */

static int put_addr(struct sk_buff *skb, int type, sa_family_t family,
		    const union mpvpn_addr *addr)
{
	if (family == AF_INET)
		return nla_put_in_addr(skb, type, addr->ip4);
	return nla_put_in6_addr(skb, type, &addr->ip6);
}

static int fill_health(struct sk_buff *skb, int type,
		       const struct mpvpn_health_config *cfg)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	int attr;

	if (!nest)
		return -EMSGSIZE;
	for (attr = MPVPN_HEALTH_A_PROBE_INTERVAL_MS;
	     attr <= MPVPN_HEALTH_A_HOLD_MS; attr++) {
		if (nla_put_u32(skb, attr, mpvpn_health_get(cfg, attr)))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int fill_measure(struct sk_buff *skb, struct mpvpn_path *path)
{
	unsigned long last_rx = READ_ONCE(path->last_rx);
	struct mpvpn_health_measure m;
	u64 sent, answered;
	struct nlattr *nest;

	mpvpn_health_snapshot(path, &m, NULL, &sent, &answered);
	nest = nla_nest_start(skb, MPVPN_PATH_A_MEASURE);
	if (!nest ||
	    (m.have_rtt &&
	     (nla_put_u32(skb, MPVPN_MEASURE_A_RTT_US, m.rtt_us) ||
	      nla_put_u32(skb, MPVPN_MEASURE_A_SRTT_US, m.srtt_us) ||
	      nla_put_u32(skb, MPVPN_MEASURE_A_JITTER_US, m.jitter_us))) ||
	    nla_put_u32(skb, MPVPN_MEASURE_A_LOSS_PERMILLE, m.loss_permille) ||
	    nla_put_u32(skb, MPVPN_MEASURE_A_MISSES, m.misses) ||
	    (last_rx &&
	     nla_put_u32(skb, MPVPN_MEASURE_A_LAST_SEEN_MS,
			 jiffies_to_msecs(jiffies - last_rx))) ||
	    nla_put_u64_64bit(skb, MPVPN_MEASURE_A_PROBES_SENT, sent,
			      MPVPN_MEASURE_A_PAD) ||
	    nla_put_u64_64bit(skb, MPVPN_MEASURE_A_PROBES_ANSWERED, answered,
			      MPVPN_MEASURE_A_PAD) ||
	    (m.rate_kbps &&
	     (nla_put_u32(skb, MPVPN_MEASURE_A_RATE_KBPS, m.rate_kbps) ||
	      nla_put_u32(skb, MPVPN_MEASURE_A_QUEUE_US, m.queue_us))) ||
	    nla_put_u32(skb, MPVPN_MEASURE_A_LOSS_LATELY_PERMILLE,
			m.loss_lately_permille))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* The attribute of the time spent in each state. */
static const u16 history_state_attr[] = {
	[MPVPN_PATH_STATE_DOWN] = MPVPN_HISTORY_A_DOWN_MS,
	[MPVPN_PATH_STATE_UP] = MPVPN_HISTORY_A_UP_MS,
	[MPVPN_PATH_STATE_DEGRADED] = MPVPN_HISTORY_A_DEGRADED_MS,
};

static int fill_history(struct sk_buff *skb, struct mpvpn_path *path)
{
	struct mpvpn_state_history history;
	struct nlattr *nest;
	unsigned int s;

	/* A new state needs its own attribute in the spec's history set. */
	BUILD_BUG_ON(ARRAY_SIZE(history_state_attr) != __MPVPN_PATH_STATE_MAX);
	mpvpn_state_history(path, &history);
	nest = nla_nest_start(skb, MPVPN_PATH_A_HISTORY);
	if (!nest ||
	    nla_put_u32(skb, MPVPN_HISTORY_A_CHANGES, history.changes) ||
	    nla_put_u64_64bit(skb, MPVPN_HISTORY_A_LAST_CHANGE_MS,
			      history.last_change_ms, MPVPN_HISTORY_A_PAD))
		return -EMSGSIZE;
	for (s = 0; s < __MPVPN_PATH_STATE_MAX; s++) {
		if (nla_put_u64_64bit(skb, history_state_attr[s],
				      history.state_ms[s], MPVPN_HISTORY_A_PAD))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int fill_verdict(struct sk_buff *skb, const struct mpvpn_verdict *v)
{
	struct nlattr *nest = nla_nest_start(skb, MPVPN_A_VERDICT);

	if (!nest ||
	    nla_put_string(skb, MPVPN_VERDICT_A_NAME, v->name) ||
	    nla_put_u8(skb, MPVPN_VERDICT_A_OK, v->ok) ||
	    (v->has_rtt && nla_put_u32(skb, MPVPN_VERDICT_A_RTT_US, v->rtt_us)) ||
	    nla_put_u32(skb, MPVPN_VERDICT_A_VALID_MS,
			jiffies_to_msecs(v->expires - jiffies)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int fill_verdicts(struct sk_buff *skb, struct mpvpn_path *path)
{
	const struct mpvpn_verdict *v;
	struct nlattr *nest;
	unsigned int i;

	nest = nla_nest_start(skb, MPVPN_PATH_A_VERDICTS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < MPVPN_MAX_VERDICTS; i++) {
		v = &path->verdicts.slot[i];
		if (!v->name[0] || time_after_eq(jiffies, v->expires))
			continue;
		if (fill_verdict(skb, v))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int fill_path(struct sk_buff *skb, struct mpvpn_device *mpvpn,
		     struct mpvpn_path *path, bool with_stats)
{
	bool active = mpvpn_schedule_carries(mpvpn, path);
	struct mpvpn_endpoint ep;
	struct nlattr *nest;

	/* The peer may move it meanwhile: one copy, as it was. */
	mpvpn_path_endpoint_get(path, &ep);
	nest = nla_nest_start(skb, MPVPN_A_PATH);
	if (!nest ||
	    nla_put_u32(skb, MPVPN_PATH_A_ID, path->id) ||
	    nla_put_string(skb, MPVPN_PATH_A_NAME, path->name) ||
	    (ep.has_local &&
	     put_addr(skb, MPVPN_PATH_A_LOCAL_ADDR, ep.family, &ep.local)) ||
	    (ep.local_ifindex &&
	     nla_put_u32(skb, MPVPN_PATH_A_LOCAL_IFINDEX, ep.local_ifindex)) ||
	    (ep.has_remote &&
	     (put_addr(skb, MPVPN_PATH_A_REMOTE_ADDR, ep.family, &ep.remote) ||
	      nla_put_u16(skb, MPVPN_PATH_A_REMOTE_PORT,
			  ntohs(ep.remote_port)))) ||
	    nla_put_u8(skb, MPVPN_PATH_A_REMOTE_FIXED, ep.remote_fixed) ||
	    nla_put_u8(skb, MPVPN_PATH_A_REMOTE_LEARNED, ep.remote_learned) ||
	    nla_put_u32(skb, MPVPN_PATH_A_PRIORITY, path->priority) ||
	    nla_put_u32(skb, MPVPN_PATH_A_WEIGHT, path->weight) ||
	    nla_put_u32(skb, MPVPN_PATH_A_BANDWIDTH_KBPS, path->bandwidth_kbps) ||
	    nla_put_u8(skb, MPVPN_PATH_A_ADMIN_UP, path->admin_up) ||
	    nla_put_u8(skb, MPVPN_PATH_A_STATE, path->state) ||
	    nla_put_u8(skb, MPVPN_PATH_A_CARRIER, path->carrier) ||
	    nla_put_u8(skb, MPVPN_PATH_A_ACTIVE, active) ||
	    nla_put_u32(skb, MPVPN_PATH_A_MTU, path->underlay_mtu) ||
	    nla_put_u32(skb, MPVPN_PATH_A_PMTU, mpvpn_path_mtu(path)) ||
	    nla_put_u8(skb, MPVPN_PATH_A_STATE_REASON, path->state_reason) ||
	    fill_health(skb, MPVPN_PATH_A_HEALTH, &path->health_cfg) ||
	    fill_measure(skb, path) ||
	    fill_verdicts(skb, path) ||
	    fill_history(skb, path) ||
	    (with_stats && fill_path_stats(skb, path)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int fill_dev_ids(struct sk_buff *skb, struct mpvpn_device *mpvpn)
{
	if (nla_put_u32(skb, MPVPN_A_IFINDEX, mpvpn->dev->ifindex) ||
	    nla_put_string(skb, MPVPN_A_IFNAME, mpvpn->dev->name))
		return -EMSGSIZE;
	return 0;
}

static int fill_active(struct sk_buff *skb, struct mpvpn_device *mpvpn)
{
	struct mpvpn_path *active = rtnl_dereference(mpvpn->active);

	if (nla_put_u32(skb, MPVPN_A_ACTIVE_PATH_ID, active ? active->id : 0) ||
	    (active && nla_put_string(skb, MPVPN_A_ACTIVE_PATH_NAME,
				      active->name)))
		return -EMSGSIZE;
	return 0;
}

/* What protects the device's packets; the keys themselves never leave. */
static int fill_encryption(struct sk_buff *skb, struct mpvpn_device *mpvpn)
{
	if (nla_put_u8(skb, MPVPN_A_ENCRYPTION,
		       mpvpn_crypto_encryption(&mpvpn->crypto)) ||
	    nla_put_u32(skb, MPVPN_A_REKEY_SECONDS,
			mpvpn_sessions_rekey_seconds(&mpvpn->keying.sessions)))
		return -EMSGSIZE;
	return 0;
}

/* Messages */

/* Every attribute of a device, for MPVPN_CMD_DEV_GET. */
int mpvpn_nl_fill_device(struct sk_buff *skb, struct mpvpn_device *mpvpn)
{
	if (fill_dev_ids(skb, mpvpn) ||
	    nla_put_u16(skb, MPVPN_A_PORT, mpvpn->port_num) ||
	    nla_put_u32(skb, MPVPN_A_TUNNEL_ID, mpvpn->tunnel_id) ||
	    nla_put_u8(skb, MPVPN_A_MODE, mpvpn->mode) ||
	    nla_put_u32(skb, MPVPN_A_MTU, mpvpn->dev->mtu) ||
	    nla_put_u32(skb, MPVPN_A_PATH_COUNT, mpvpn->path_count) ||
	    nla_put_u8(skb, MPVPN_A_FAILBACK, mpvpn->failback) ||
	    nla_put_u8(skb, MPVPN_A_TOS_INHERIT, mpvpn->tos_inherit) ||
	    nla_put_u32(skb, MPVPN_A_REVERT_DELAY_MS, mpvpn->revert_delay_ms) ||
	    nla_put_u8(skb, MPVPN_A_REDUNDANCY, mpvpn->redundancy) ||
	    nla_put_u32(skb, MPVPN_A_REORDER_WAIT_MS,
			mpvpn->reorder->wait_cap_ms) ||
	    nla_put_u32(skb, MPVPN_A_REORDER_WAIT_US,
			div_u64(mpvpn_reorder_wait_ns(mpvpn), NSEC_PER_USEC)) ||
	    fill_health(skb, MPVPN_A_HEALTH, &mpvpn->health_defaults) ||
	    fill_encryption(skb, mpvpn) ||
	    fill_identity(skb, &mpvpn->keying) ||
	    fill_handshake(skb, &mpvpn->keying) ||
	    fill_active(skb, mpvpn) ||
	    fill_device_stats(skb, mpvpn))
		return -EMSGSIZE;
	return 0;
}

/* A path with its counters, for MPVPN_CMD_PATH_GET. */
int mpvpn_nl_fill_path(struct sk_buff *skb, struct mpvpn_device *mpvpn,
		       struct mpvpn_path *path)
{
	if (fill_dev_ids(skb, mpvpn) || fill_path(skb, mpvpn, path, true))
		return -EMSGSIZE;
	return 0;
}

/*
 * A change, for MPVPN_CMD_EVENT: the reason, the path it is about (without
 * its counters) and the active path. @old_state is the path's state before
 * the change, or negative when it did not change; @old_active_id the
 * active path's id before it (0: none).
 */
static int fill_old_remote(struct sk_buff *skb,
			   const struct mpvpn_endpoint_addr *old)
{
	if (!old || !old->has_remote)
		return 0;
	if (put_addr(skb, MPVPN_A_OLD_REMOTE_ADDR, old->family, &old->remote) ||
	    nla_put_u16(skb, MPVPN_A_OLD_REMOTE_PORT, ntohs(old->port)))
		return -EMSGSIZE;
	return 0;
}

int mpvpn_nl_fill_event(struct sk_buff *skb, struct mpvpn_device *mpvpn,
			struct mpvpn_path *path,
			const struct mpvpn_event *event)
{
	if (fill_dev_ids(skb, mpvpn) ||
	    nla_put_u8(skb, MPVPN_A_REASON, event->reason) ||
	    (path && event->old_state >= 0 &&
	     nla_put_u8(skb, MPVPN_A_OLD_STATE, event->old_state)) ||
	    nla_put_u32(skb, MPVPN_A_OLD_ACTIVE_PATH_ID, event->old_active_id) ||
	    fill_old_remote(skb, event->old_remote) ||
	    (path && fill_path(skb, mpvpn, path, false)) ||
	    fill_active(skb, mpvpn))
		return -EMSGSIZE;
	return 0;
}

/*
 * A handshake event: the device, the reason and why it failed, the path
 * the handshake went on (its id and name) and the active path. Without
 * RTNL (keying.c's work never takes it): the paths and the active one
 * are read under RCU.
 */
int mpvpn_nl_fill_handshake_event(struct sk_buff *skb,
				  struct mpvpn_device *mpvpn, u8 path_id,
				  enum mpvpn_reason reason,
				  enum mpvpn_handshake_failure failure)
{
	struct mpvpn_path *path, *active;
	struct nlattr *nest;
	int ret = -EMSGSIZE;

	if (fill_dev_ids(skb, mpvpn) ||
	    nla_put_u8(skb, MPVPN_A_REASON, reason) ||
	    (failure && nla_put_u8(skb, MPVPN_A_HANDSHAKE_FAILURE, failure)))
		return -EMSGSIZE;
	rcu_read_lock();
	path = mpvpn_path_by_id_rcu(mpvpn, path_id);
	if (path) {
		nest = nla_nest_start(skb, MPVPN_A_PATH);
		if (!nest || nla_put_u32(skb, MPVPN_PATH_A_ID, path->id) ||
		    nla_put_string(skb, MPVPN_PATH_A_NAME, path->name))
			goto out;
		nla_nest_end(skb, nest);
	}
	active = rcu_dereference(mpvpn->active);
	if (nla_put_u32(skb, MPVPN_A_ACTIVE_PATH_ID, active ? active->id : 0) ||
	    (active && nla_put_string(skb, MPVPN_A_ACTIVE_PATH_NAME,
				      active->name)))
		goto out;
	ret = 0;
out:
	rcu_read_unlock();
	return ret;
}
