// SPDX-License-Identifier: GPL-2.0
/*
 * Path health. Every running path has a timer that sends a probe each
 * interval and re-evaluates the path; the receive path feeds it the peer's
 * acknowledgments and the answers to our probes.
 *
 * Liveness is round-trip evidence: every probe and answer from the peer
 * carries the path sequence number of the last packet it received from us
 * on this path (data or probe). When that number moves, our packets get
 * through and the peer's get back, so a busy path is proven alive by its
 * data as much as by its probes, and a link that fails in one direction
 * only is seen from both sides. A path is down after miss_count probe
 * intervals without such progress in which we did send miss_count probes;
 * the timer is armed for that deadline, not only for the next probe.
 *
 * RTT, jitter and loss come from our own probes: a ring remembers when
 * each was sent, so an answer is timed against our clock and a stray or
 * duplicate answer changes nothing.
 *
 * The assessment (up, degraded, down) is published for the data path with
 * WRITE_ONCE(); the state engine turns it into the path state under RTNL.
 */

#include "health.h"
#include "compat.h"
#include "device.h"
#include "counters.h"
#include "path.h"
#include "pmtu.h"
#include "probe.h"
#include "schedule.h"
#include "state.h"
#include "wire.h"

#include <linux/ktime.h>
#include <linux/random.h>

#include "mpvpn-names.h"

void mpvpn_health_config_defaults(struct mpvpn_health_config *cfg)
{
	unsigned int attr;

	/* The spec's "<attribute>-default" constants (common/mpvpn-names.h). */
	for (attr = 0; attr < ARRAY_SIZE(cfg->value); attr++)
		cfg->value[attr] = mpvpn_health_defaults[attr];
}

/* Each recovery level must be strictly better than its failure level. */
int mpvpn_health_config_check(const struct mpvpn_health_config *cfg,
			      struct netlink_ext_ack *extack)
{
	const u32 *v = cfg->value;

	if (v[MPVPN_HEALTH_A_LATENCY_RECOVER_MS] >=
	    v[MPVPN_HEALTH_A_LATENCY_FAIL_MS]) {
		NL_SET_ERR_MSG(extack, "latency recovery level must be below the failure level");
		return -EINVAL;
	}
	if (v[MPVPN_HEALTH_A_JITTER_RECOVER_MS] >=
	    v[MPVPN_HEALTH_A_JITTER_FAIL_MS]) {
		NL_SET_ERR_MSG(extack, "jitter recovery level must be below the failure level");
		return -EINVAL;
	}
	if (v[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE] >=
	    v[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE]) {
		NL_SET_ERR_MSG(extack, "loss recovery level must be below the failure level");
		return -EINVAL;
	}
	return 0;
}

/* Estimators */

void mpvpn_health_rtt_sample(struct mpvpn_health_measure *m, u32 rtt_us)
{
	s64 delta;

	if (!m->have_rtt) {
		m->have_rtt = true;
		m->rtt_us = rtt_us;
		m->srtt_us = rtt_us;
		m->jitter_us = 0;
		return;
	}
	delta = abs((s64)rtt_us - m->rtt_us);
	m->jitter_us = (s64)m->jitter_us + (delta - (s64)m->jitter_us) / 16;
	m->srtt_us = (s64)m->srtt_us + ((s64)rtt_us - (s64)m->srtt_us) / 8;
	m->rtt_us = rtt_us;
}

void mpvpn_owd_sample(struct mpvpn_owd *owd, s64 sample_ns)
{
	if (!owd->valid || sample_ns > owd->peak_ns + MPVPN_OWD_RESTART_NS ||
	    sample_ns < owd->floor_ns - MPVPN_OWD_RESTART_NS) {
		owd->valid = true;
		owd->peak_ns = sample_ns;
		owd->floor_ns = sample_ns;
		return;
	}
	if (sample_ns >= owd->peak_ns)
		owd->peak_ns = sample_ns;
	else
		owd->peak_ns -= (owd->peak_ns - sample_ns) / 64;
	if (sample_ns <= owd->floor_ns)
		owd->floor_ns = sample_ns;
	else
		owd->floor_ns += (sample_ns - owd->floor_ns) / 64;
}

/*
 * Loss over the last @window probes whose fate is known: answered, or
 * unanswered for @timeout_ns. Probes not sent yet, or sent before
 * @since_ns, count as answered, so that one early loss on a fresh path
 * reads as 1/window, not as 100 %. Without @count_queued, a probe sent
 * while the path was queueing counts as answered too.
 */
u32 mpvpn_health_loss(const struct mpvpn_probe_slot *ring, u32 next_id,
		      u32 window, u64 since_ns, u64 timeout_ns, u64 now_ns,
		      bool count_queued)
{
	const struct mpvpn_probe_slot *slot;
	u32 id = next_id, judged = 0, lost = 0;

	while (judged < window && next_id - id < MPVPN_PROBE_RING) {
		id--;
		slot = &ring[id % MPVPN_PROBE_RING];
		if (slot->id != id || !slot->sent_ns ||
		    (s64)(slot->sent_ns - since_ns) < 0)
			break;
		if (!slot->answered && now_ns - slot->sent_ns < timeout_ns)
			continue;
		judged++;
		if (!slot->answered && (count_queued || !slot->queued))
			lost++;
	}
	return window ? lost * 1000 / window : 0;
}

/*
 * Probes missed since the peer last acknowledged anything: the intervals
 * of silence, but no more than the probes we sent in them. When this host
 * stalls (softirqs held off, a vCPU preempted), its timer sends nothing and
 * the answers wait unread in a queue; the silence then says nothing about
 * the path, and the next probes decide.
 */
u32 mpvpn_health_misses(u64 silent_ns, u64 interval_ns, u32 probes_since_ack)
{
	return min_t(u64, div64_u64(silent_ns, interval_ns), probes_since_ack);
}

static u8 failing_reason(const struct mpvpn_health_measure *m,
			 const struct mpvpn_health_config *cfg)
{
	const u32 *v = cfg->value;

	if (m->have_rtt &&
	    m->srtt_us > v[MPVPN_HEALTH_A_LATENCY_FAIL_MS] * USEC_PER_MSEC)
		return MPVPN_REASON_LATENCY;
	if (m->have_rtt &&
	    m->jitter_us > v[MPVPN_HEALTH_A_JITTER_FAIL_MS] * USEC_PER_MSEC)
		return MPVPN_REASON_JITTER;
	if (m->loss_permille > v[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE])
		return MPVPN_REASON_LOSS;
	return MPVPN_REASON_NONE;
}

static bool healthy(const struct mpvpn_health_measure *m,
		    const struct mpvpn_health_config *cfg)
{
	const u32 *v = cfg->value;

	return m->srtt_us <= v[MPVPN_HEALTH_A_LATENCY_RECOVER_MS] * USEC_PER_MSEC &&
	       m->jitter_us <= v[MPVPN_HEALTH_A_JITTER_RECOVER_MS] * USEC_PER_MSEC &&
	       m->loss_permille <= v[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE];
}

/*
 * The state machine. Failing is immediate; getting better is not: a path
 * that failed comes back up only after every measure has stayed at or
 * below its recovery level for the hold time, and is degraded (usable only
 * when nothing is up) meanwhile. A path that has not been alive since its
 * last reset (new, admin up, device up) is up on its first answer: it has
 * no history to flap with. Returns true when the state or reason changed.
 */
bool mpvpn_health_evaluate(struct mpvpn_health_assessment *a,
			   const struct mpvpn_health_measure *m,
			   const struct mpvpn_health_config *cfg, bool alive,
			   u64 now_ns)
{
	u64 hold_ns = (u64)cfg->value[MPVPN_HEALTH_A_HOLD_MS] * NSEC_PER_MSEC;
	u8 state = a->state, reason = a->reason, fail;

	fail = alive ? failing_reason(m, cfg) : MPVPN_REASON_NONE;
	if (!alive) {
		state = MPVPN_PATH_STATE_DOWN;
		if (a->proven)
			reason = MPVPN_REASON_PROBES_LOST;
		else
			reason = MPVPN_REASON_PROBING;
		a->healthy_since_ns = 0;
	} else if (fail) {
		state = MPVPN_PATH_STATE_DEGRADED;
		reason = fail;
		a->healthy_since_ns = 0;
	} else if (state == MPVPN_PATH_STATE_UP) {
		/* Between the two levels: stays up. */
	} else if (!a->proven) {
		state = MPVPN_PATH_STATE_UP;
		reason = MPVPN_REASON_RECOVERED;
	} else if (!healthy(m, cfg)) {
		state = MPVPN_PATH_STATE_DEGRADED;
		a->healthy_since_ns = 0;
	} else {
		if (!a->healthy_since_ns)
			a->healthy_since_ns = now_ns;
		state = MPVPN_PATH_STATE_DEGRADED;
		if (now_ns - a->healthy_since_ns >= hold_ns) {
			state = MPVPN_PATH_STATE_UP;
			reason = MPVPN_REASON_RECOVERED;
		}
	}
	if (alive)
		a->proven = true;
	if (state == a->state && reason == a->reason)
		return false;
	WRITE_ONCE(a->state, state);
	WRITE_ONCE(a->reason, reason);
	return true;
}

/* The timer */

static u64 interval_ns(const struct mpvpn_path *path)
{
	return (u64)mpvpn_health_get(&path->health_cfg,
				     MPVPN_HEALTH_A_PROBE_INTERVAL_MS) *
	       NSEC_PER_MSEC;
}

static u64 detect_ns(const struct mpvpn_path *path)
{
	return interval_ns(path) *
	       mpvpn_health_get(&path->health_cfg, MPVPN_HEALTH_A_MISS_COUNT);
}

/*
 * Measures and assessment as of @now; caller holds the lock. @left_out:
 * aggregate mode leaves the path out for its loss, so its loss lately
 * counts every lost probe, queueing or not: the congestion guard forgives
 * the losses our own data may cause, and a path left out carries none.
 * Without that, a lossy path whose RTT merely wobbles (other traffic, a
 * busy host) would read as clean again and be taken back at once.
 */
static void refresh_locked(struct mpvpn_path *path, u64 now, bool left_out)
{
	struct mpvpn_health *h = &path->health;
	const struct mpvpn_health_config *cfg = &path->health_cfg;
	u32 miss_count = mpvpn_health_get(cfg, MPVPN_HEALTH_A_MISS_COUNT);
	u64 timeout;
	bool alive;

	h->measure.misses = mpvpn_health_misses(now - h->last_ack_ns,
						interval_ns(path),
						h->probes_since_ack);
	alive = h->have_ack && h->measure.misses < miss_count;
	timeout = max(detect_ns(path), 2ULL * h->measure.srtt_us * NSEC_PER_USEC);
	h->measure.loss_permille =
		mpvpn_health_loss(h->ring, h->next_probe_id,
				  mpvpn_health_get(cfg, MPVPN_HEALTH_A_LOSS_WINDOW),
				  h->loss_since_ns, timeout, now, true);
	h->measure.loss_lately_permille =
		mpvpn_health_loss(h->ring, h->next_probe_id, MPVPN_PROBE_RING,
				  h->loss_since_ns, timeout, now, left_out);
	mpvpn_health_evaluate(&h->assessment, &h->measure, cfg, alive, now);
}

/* Whether an RTT of @rtt_us says the path is queueing (loss lately). */
static bool queueing_locked(const struct mpvpn_health *h, u32 rtt_us)
{
	return mpvpn_rate_queue_us(&h->rate, rtt_us) >= MPVPN_PROBE_QUEUED_US;
}

/*
 * A probe is due now: remember it. Returns its id. Whether the path is
 * queueing is judged on the latest RTT as well as the smoothed one,
 * which lags a queue that TCP fills within a round trip.
 */
static u32 record_probe_locked(struct mpvpn_health *h, u64 now)
{
	const struct mpvpn_health_measure *m = &h->measure;
	struct mpvpn_probe_slot *slot;
	u32 id = h->next_probe_id++;

	slot = &h->ring[id % MPVPN_PROBE_RING];
	slot->id = id;
	slot->sent_ns = now;
	slot->answered = false;
	slot->queued = queueing_locked(h, max(m->rtt_us, m->srtt_us));
	h->probes_sent++;
	h->probes_since_ack++;
	return id;
}

/*
 * Next wake-up: the next probe, or the moment the path turns silent if that
 * is still ahead (once past, only the next probe can complete the misses).
 */
static void arm_locked(struct mpvpn_path *path, u64 now)
{
	struct mpvpn_health *h = &path->health;
	u64 next = h->next_probe_ns, deadline;
	unsigned long delay = 1;

	deadline = h->last_ack_ns + detect_ns(path) + 1;
	if (h->have_ack && h->assessment.state != MPVPN_PATH_STATE_DOWN &&
	    (s64)(deadline - now) > 0)
		next = min(next, deadline);
	if ((s64)(next - now) > 0)
		delay = max(1UL, nsecs_to_jiffies(next - now));
	mod_timer(&h->timer, jiffies + delay);
}

/*
 * A delivery rate sample once acknowledgments span a quarter second
 * (rate.c). The per-CPU counters give the average size of what was sent;
 * they are summed only when a sample is due.
 */
static void rate_sample_locked(struct mpvpn_path *path, u32 now_ms)
{
	struct mpvpn_health *h = &path->health;
	struct mpvpn_rate *r = &h->rate;
	u64 sum[MPVPN_COUNTERS_MAX], packets;
	u32 kbps = 0;

	if (!h->have_ack || (r->have_base &&
			     h->last_ack_ns - r->base_ack_ns < MPVPN_RATE_SAMPLE_NS))
		return;
	mpvpn_counters_sum(path->counters, sum);
	packets = sum[MPVPN_PATH_TX_PACKETS] - r->base_tx_packets;
	if (r->have_base) {
		if (packets)
			kbps = mpvpn_rate_kbps(h->acked_seq - r->base_seq,
					       div64_u64(sum[MPVPN_PATH_TX_BYTES] -
							 r->base_tx_bytes, packets),
					       h->last_ack_ns - r->base_ack_ns);
		mpvpn_rate_sample(r, now_ms, kbps);
	}
	r->have_base = true;
	r->base_seq = h->acked_seq;
	r->base_ack_ns = h->last_ack_ns;
	r->base_tx_packets = sum[MPVPN_PATH_TX_PACKETS];
	r->base_tx_bytes = sum[MPVPN_PATH_TX_BYTES];
}

/* Whether the path's best rate or queue moved. */
static bool rate_tick_locked(struct mpvpn_path *path, u64 now)
{
	struct mpvpn_health *h = &path->health;
	struct mpvpn_health_measure *m = &h->measure;
	u32 now_ms = div_u64(now, NSEC_PER_MSEC), best, queue_us;

	if (m->have_rtt)
		mpvpn_rate_rtt(&h->rate, now_ms, m->rtt_us);
	rate_sample_locked(path, now_ms);
	best = mpvpn_rate_best(&h->rate);
	queue_us = mpvpn_rate_queue_us(&h->rate, m->srtt_us);
	if (best == m->rate_kbps && queue_us == m->queue_us)
		return false;
	m->rate_kbps = best;
	m->queue_us = queue_us;
	/* For aggregate mode's shares (schedule.c). */
	WRITE_ONCE(path->rate_best_kbps, best);
	WRITE_ONCE(path->rate_queue_us, queue_us);
	return true;
}

/* Whether the loss aggregate mode compares (schedule.c) moved. */
static bool publish_loss_lately_locked(struct mpvpn_path *path)
{
	u32 loss = path->health.measure.loss_lately_permille;

	if (loss == READ_ONCE(path->loss_lately_permille))
		return false;
	WRITE_ONCE(path->loss_lately_permille, loss);
	return true;
}

static void health_timer(struct timer_list *timer)
{
	struct mpvpn_health *h = timer_container_of(h, timer, timer);
	struct mpvpn_path *path = container_of(h, struct mpvpn_path, health);
	bool send = false, measure_moved;
	u32 probe_id = 0, acked_seq, srtt_us;
	bool have_ack, left_out;
	u64 now;

	/* Before the lock: the schedule's own readers take none of ours. */
	left_out = mpvpn_schedule_left_out(path->mpvpn, path);
	spin_lock(&h->lock);
	if (!h->running) {
		spin_unlock(&h->lock);
		return;
	}
	/*
	 * Read under the lock: an acknowledgment stamped on another CPU
	 * while we waited for it must not lie in our future.
	 */
	now = ktime_get_ns();
	if ((s64)(now - h->next_probe_ns) >= 0) {
		probe_id = record_probe_locked(h, now);
		h->next_probe_ns = now + interval_ns(path);
		send = true;
	}
	refresh_locked(path, now, left_out);
	measure_moved = rate_tick_locked(path, now);
	measure_moved |= publish_loss_lately_locked(path);
	arm_locked(path, now);
	have_ack = h->have_ack;
	acked_seq = h->acked_seq;
	srtt_us = h->measure.srtt_us;
	spin_unlock(&h->lock);

	if (send)
		mpvpn_probe_send(path, MPVPN_PKT_PROBE, probe_id);
	/* The MTU search shares the timer; a silent path judges no size. */
	mpvpn_pmtu_tick(path, now, have_ack, acked_seq, srtt_us,
			interval_ns(path));
	if (measure_moved)
		mpvpn_schedule_measure_changed(path->mpvpn);
	mpvpn_state_check(path);
}

/* For the schedulers and the reorder wait, which take no lock. */
static void publish_rtt(struct mpvpn_path *path,
			const struct mpvpn_health_measure *m)
{
	WRITE_ONCE(path->srtt_us, m->have_rtt ? max(m->srtt_us, 1U) : 0);
	WRITE_ONCE(path->jitter_us, m->jitter_us);
}

static void publish_owd(struct mpvpn_path *path, const struct mpvpn_owd *owd)
{
	atomic64_set(&path->owd_peak_ns, owd->peak_ns);
	atomic64_set(&path->owd_floor_ns, owd->floor_ns);
	/* Pairs with the acquire in the reorder wait: valid means set. */
	smp_store_release(&path->owd_valid, owd->valid);
}

/* Lifetime; start and stop run under RTNL. */

static void reset_locked(struct mpvpn_path *path, u64 now)
{
	struct mpvpn_health *h = &path->health;

	memset(h->ring, 0, sizeof(h->ring));
	memset(&h->measure, 0, sizeof(h->measure));
	publish_rtt(path, &h->measure);
	memset(&h->rate, 0, sizeof(h->rate));
	WRITE_ONCE(path->rate_best_kbps, 0);
	WRITE_ONCE(path->rate_queue_us, 0);
	WRITE_ONCE(path->loss_lately_permille, 0);
	memset(&h->owd, 0, sizeof(h->owd));
	publish_owd(path, &h->owd);
	/* A random start: answers to probes of an earlier life match nothing. */
	h->next_probe_id = get_random_u32();
	h->next_probe_ns = now;
	h->have_ack = false;
	h->loss_since_ns = now;
	h->acked_seq = atomic_read(&path->tx_seq);
	h->last_ack_ns = now;
	h->probes_since_ack = 0;
	h->assessment.proven = false;
	h->assessment.healthy_since_ns = 0;
	WRITE_ONCE(h->assessment.state, MPVPN_PATH_STATE_DOWN);
	WRITE_ONCE(h->assessment.reason, MPVPN_REASON_PROBING);
}

void mpvpn_health_init(struct mpvpn_path *path)
{
	struct mpvpn_health *h = &path->health;

	spin_lock_init(&h->lock);
	timer_setup(&h->timer, health_timer, 0);
	reset_locked(path, ktime_get_ns());
	mpvpn_pmtu_init(path);
}

/* Starts probing from scratch: the path is down until its first answer. */
void mpvpn_health_start(struct mpvpn_path *path)
{
	struct mpvpn_health *h = &path->health;

	ASSERT_RTNL();
	mpvpn_pmtu_start(path);
	spin_lock_bh(&h->lock);
	reset_locked(path, ktime_get_ns());
	h->running = true;
	spin_unlock_bh(&h->lock);
	mod_timer(&h->timer, jiffies);
}

void mpvpn_health_stop(struct mpvpn_path *path)
{
	struct mpvpn_health *h = &path->health;

	ASSERT_RTNL();
	spin_lock_bh(&h->lock);
	h->running = false;
	reset_locked(path, ktime_get_ns());
	spin_unlock_bh(&h->lock);
	/* The handler sees !running and does not re-arm. */
	timer_delete_sync(&h->timer);
	mpvpn_pmtu_stop(path);
}

/* From the receive path */

/*
 * The peer received our packets up to @acked_seq on this path. An ack of
 * more than we ever sent is refused: it comes from an earlier life of the
 * path (deleted and added again on this side only, the peer's path still
 * acknowledging the old sequence), and taking it would make every real
 * ack after it look old, the path dead until the sequence caught up.
 */
void mpvpn_health_acked(struct mpvpn_path *path, u32 acked_seq)
{
	struct mpvpn_health *h = &path->health;

	spin_lock(&h->lock);
	if (h->running && (s32)(acked_seq - h->acked_seq) > 0 &&
	    (s32)(acked_seq - (u32)atomic_read(&path->tx_seq)) <= 0) {
		h->acked_seq = acked_seq;
		h->last_ack_ns = ktime_get_ns();
		h->probes_since_ack = 0;
		if (!h->have_ack)
			h->loss_since_ns = h->last_ack_ns;
		h->have_ack = true;
	}
	spin_unlock(&h->lock);
}

/*
 * An answer that found the path queueing also marks the two probes sent
 * before it: a queue that TCP filled within a round trip drops packets
 * before any probe has seen it.
 */
static void mark_queued_locked(struct mpvpn_health *h, u32 probe_id,
			       u32 rtt_us)
{
	struct mpvpn_probe_slot *slot;
	u32 id;

	if (!queueing_locked(h, rtt_us))
		return;
	for (id = probe_id - 2; id != probe_id; id++) {
		slot = &h->ring[id % MPVPN_PROBE_RING];
		if (slot->id == id)
			slot->queued = true;
	}
}

bool mpvpn_health_answered(struct mpvpn_path *path, u32 probe_id)
{
	struct mpvpn_health *h = &path->health;
	struct mpvpn_probe_slot *slot;
	bool matched;
	u32 rtt_us;

	spin_lock(&h->lock);
	slot = &h->ring[probe_id % MPVPN_PROBE_RING];
	matched = h->running && slot->id == probe_id && slot->sent_ns &&
		  !slot->answered;
	if (matched) {
		slot->answered = true;
		rtt_us = min_t(u64, div_u64(ktime_get_ns() - slot->sent_ns,
					    NSEC_PER_USEC), U32_MAX);
		mpvpn_health_rtt_sample(&h->measure, rtt_us);
		mark_queued_locked(h, probe_id, rtt_us);
		h->probes_answered++;
		publish_rtt(path, &h->measure);
	}
	spin_unlock(&h->lock);
	return matched;
}

/* The send time of a probe or reply of the peer's; from receive. */
void mpvpn_health_peer_sent(struct mpvpn_path *path, u64 peer_sent_ns)
{
	struct mpvpn_health *h = &path->health;

	spin_lock(&h->lock);
	if (h->running) {
		mpvpn_owd_sample(&h->owd, (s64)(ktime_get_ns() - peer_sent_ns));
		publish_owd(path, &h->owd);
	}
	spin_unlock(&h->lock);
}

void mpvpn_health_snapshot(struct mpvpn_path *path,
			   struct mpvpn_health_measure *measure,
			   struct mpvpn_health_assessment *assessment,
			   u64 *probes_sent, u64 *probes_answered)
{
	struct mpvpn_health *h = &path->health;

	spin_lock_bh(&h->lock);
	if (measure)
		*measure = h->measure;
	if (assessment)
		*assessment = h->assessment;
	if (probes_sent)
		*probes_sent = h->probes_sent;
	if (probes_answered)
		*probes_answered = h->probes_answered;
	spin_unlock_bh(&h->lock);
}

#ifdef MPVPN_KUNIT
#include "tests/health_test.c"
#endif
