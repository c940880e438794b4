// SPDX-License-Identifier: GPL-2.0
/*
 * Keying: the handshake's messages in and out, and when a device starts one
 * (keying.h; Documentation/handshake.rst, "Sessions").
 *
 * What arrives is checked only as far as it is cheap in softirq (length,
 * tunnel, path) and queued; the work item does the rest, one message at a
 * time: under load it asks a valid mac2 of each message before any
 * Diffie-Hellman, and answers one without it with a cookie reply. Replies
 * go to the address and port the message came from: under NAT that is
 * where the peer is, whatever the path's endpoint says, and a reply is
 * never larger than what it answers, so nobody can aim it at a third party
 * to amplify anything.
 */

#include "keying.h"
#include "compat.h"
#include "device.h"
#include "mpvpn-names.h"
#include "netlink.h"
#include "path.h"
#include "receive.h"
#include "send.h"
#include "socket.h"
#include "state.h"

#include <linux/random.h>
#include <linux/sort.h>
#include <linux/udp.h>

/*
 * What the softirq side learns of a queued message, in its skb->cb: the
 * outer source, whether the queue was long when it came, and its path.
 */
struct keying_cb {
	struct mpvpn_endpoint_addr source;
	bool under_load;
	u8 path_id;
};

static_assert(sizeof(struct keying_cb) <= sizeof_field(struct sk_buff, cb));

static struct keying_cb *keying_cb(struct sk_buff *skb)
{
	return (struct keying_cb *)skb->cb;
}

static struct mpvpn_device *keying_device(struct mpvpn_keying *keying)
{
	return container_of(keying, struct mpvpn_device, keying);
}

static void keying_count(struct mpvpn_keying *keying,
			 enum mpvpn_keying_counter counter)
{
	local_bh_disable();
	mpvpn_counters_inc(keying->counters, counter);
	local_bh_enable();
}

/* The exact length of a handshake message of @type; 0: not one. */
static unsigned int message_len(u8 type)
{
	switch (type) {
	case MPVPN_PKT_INITIATION:
		return MPVPN_MSG_INITIATION_LEN;
	case MPVPN_PKT_RESPONSE:
		return MPVPN_MSG_RESPONSE_LEN;
	case MPVPN_PKT_COOKIE_REPLY:
		return MPVPN_MSG_COOKIE_REPLY_LEN;
	default:
		return 0;
	}
}

/*
 * Whether the UDP payload at @offset is a handshake message rather than a
 * data packet or probe: the version and type that only these carry. The
 * caller pulled the first bytes.
 */
bool mpvpn_keying_is_handshake(const struct sk_buff *skb, unsigned int offset)
{
	const u8 *p = skb->data + offset;

	if (skb_headlen(skb) < offset + 2)
		return false;
	return p[0] == MPVPN_HANDSHAKE_VERSION && message_len(p[1]);
}

static void source_of(const struct sk_buff *skb,
		      struct mpvpn_endpoint_addr *source)
{
	memset(source, 0, sizeof(*source));
	source->has_remote = true;
	mpvpn_outer_source(skb, &source->family, &source->remote);
	source->port = udp_hdr(skb)->source;
}

/*
 * A handshake message from the port's socket (softirq, RCU): queued for
 * the device its tunnel id names, or dropped and counted. Consumes @skb.
 */
void mpvpn_keying_receive(struct mpvpn_port *port, struct sk_buff *skb)
{
	const unsigned int hdr = sizeof(struct udphdr);
	const struct mpvpn_msg_prefix *prefix;
	struct mpvpn_keying *keying;
	struct mpvpn_device *mpvpn;
	struct keying_cb *cb;
	unsigned int len;
	u8 path_id;

	if (!pskb_may_pull(skb, hdr + MPVPN_MSG_PREFIX_LEN)) {
		mpvpn_counters_inc(port->counters, MPVPN_PORT_RX_SHORT);
		goto drop;
	}
	prefix = (const struct mpvpn_msg_prefix *)(skb->data + hdr);
	mpvpn = mpvpn_port_find_tunnel_rcu(port, be32_to_cpu(prefix->tunnel_id));
	if (!mpvpn) {
		mpvpn_counters_inc(port->counters, MPVPN_PORT_RX_UNKNOWN_TUNNEL);
		goto drop;
	}
	keying = &mpvpn->keying;
	len = message_len(prefix->type);
	path_id = prefix->path_id;
	if (skb->len != hdr + len || !mpvpn_path_by_id_rcu(mpvpn, path_id) ||
	    !pskb_may_pull(skb, hdr + len)) {
		mpvpn_counters_inc(keying->counters, MPVPN_KEYING_RX_MALFORMED);
		goto drop;
	}
	if (test_bit(MPVPN_KEYING_STOPPED, &keying->flags) ||
	    !netif_running(mpvpn->dev)) {
		mpvpn_count(mpvpn, MPVPN_DEV_RX_DROPPED);
		goto drop;
	}
	if (skb_queue_len(&keying->queue) >= MPVPN_KEYING_QUEUE_MAX) {
		mpvpn_counters_inc(keying->counters, MPVPN_KEYING_RX_QUEUE_FULL);
		goto drop;
	}
	cb = keying_cb(skb);
	source_of(skb, &cb->source);
	cb->under_load = skb_queue_len(&keying->queue) >=
			 MPVPN_KEYING_LOAD_THRESHOLD;
	cb->path_id = path_id;
	__skb_pull(skb, hdr);
	/* Queued skbs hold no route: a device may go away meanwhile. */
	skb_dst_drop(skb);
	skb_queue_tail(&keying->queue, skb);
	queue_work(system_unbound_wq, &keying->work);
	return;

drop:
	kfree_skb(skb);
}

/* A message of ours went, or did not; counted either way. */
static void send_counted(struct mpvpn_keying *keying, u8 path_id,
			 const struct mpvpn_endpoint_addr *to,
			 const void *msg, unsigned int len,
			 enum mpvpn_keying_counter sent)
{
	struct mpvpn_device *mpvpn = keying_device(keying);

	if (mpvpn_send_handshake(mpvpn, path_id, to, msg, len)) {
		local_bh_disable();
		mpvpn_count(mpvpn, MPVPN_DEV_TX_ERRORS);
		local_bh_enable();
		return;
	}
	keying_count(keying, sent);
}

/*
 * A handshake failed: an event and a log line, at most one of each per
 * MPVPN_KEYING_FAILURE_EVENTS, so that forged or replayed messages do not
 * flood the listeners or the log.
 */
static void handshake_failed(struct mpvpn_keying *keying, u8 path_id,
			     enum mpvpn_handshake_failure failure)
{
	struct mpvpn_device *mpvpn = keying_device(keying);
	u64 now = mpvpn_session_now();
	struct mpvpn_path *path;
	bool tell;

	mutex_lock(&keying->lock);
	tell = !keying->failure_told ||
	       now - keying->failure_told >= MPVPN_KEYING_FAILURE_EVENTS;
	if (tell)
		keying->failure_told = now;
	mutex_unlock(&keying->lock);
	if (!tell)
		return;
	rcu_read_lock();
	path = mpvpn_path_by_id_rcu(mpvpn, path_id);
	/* The form of netlink.rst, "Kernel log lines". */
	netdev_info(mpvpn->dev, "path %s (handshake-failed: %s)\n",
		    path ? path->name : "?",
		    mpvpn_handshake_failure_names[failure]);
	rcu_read_unlock();
	mpvpn_netlink_handshake_event(mpvpn, path_id,
				      MPVPN_REASON_HANDSHAKE_FAILED, failure);
}

static void count_noise_failure(struct mpvpn_keying *keying, u8 path_id,
				enum mpvpn_noise_result result)
{
	switch (result) {
	case MPVPN_NOISE_MALFORMED:
		keying_count(keying, MPVPN_KEYING_RX_MALFORMED);
		break;
	case MPVPN_NOISE_NO_KEYS:
		keying_count(keying, MPVPN_KEYING_RX_NO_KEYS);
		break;
	case MPVPN_NOISE_BAD_MAC1:
		keying_count(keying, MPVPN_KEYING_RX_BAD_MAC1);
		break;
	case MPVPN_NOISE_STALE:
	case MPVPN_NOISE_REPLAYED:
		keying_count(keying, MPVPN_KEYING_RX_STALE);
		handshake_failed(keying, path_id, MPVPN_HANDSHAKE_FAILURE_STALE);
		break;
	case MPVPN_NOISE_NO_HANDSHAKE:
		keying_count(keying, MPVPN_KEYING_RX_UNEXPECTED);
		break;
	default:
		keying_count(keying, MPVPN_KEYING_RX_NOT_AUTHENTIC);
		handshake_failed(keying, path_id,
				 MPVPN_HANDSHAKE_FAILURE_NOT_AUTHENTIC);
		break;
	}
}

/*
 * Whether @msg, an initiation or a response, may cost a Diffie-Hellman
 * now. Always, unless the queue was long when it came: then only with a
 * mac2 that proves its source receives what we send there, and within
 * that source's budget. Without such a mac2 it gets a cookie reply.
 */
static bool load_allows(struct mpvpn_keying *keying, struct sk_buff *skb)
{
	const struct keying_cb *cb = keying_cb(skb);
	struct mpvpn_cookie *cookie = &keying->handshake.cookie;
	struct mpvpn_cookie_source src = {
		.family = cb->source.family,
		.addr = &cb->source.remote,
		.port = cb->source.port,
	};
	struct mpvpn_msg_cookie_reply reply;

	if (!cb->under_load)
		return true;
	if (!mpvpn_cookie_check_mac1(cookie, skb->data, skb->len)) {
		keying_count(keying, MPVPN_KEYING_RX_BAD_MAC1);
		return false;
	}
	if (!mpvpn_cookie_check_mac2(cookie, skb->data, skb->len, &src)) {
		mpvpn_cookie_create_reply(cookie, &reply, skb->data, skb->len,
					  &src);
		send_counted(keying, cb->path_id, &cb->source, &reply,
			     sizeof(reply), MPVPN_KEYING_COOKIE_REPLIES_SENT);
		return false;
	}
	if (!mpvpn_ratelimit_allow(&keying->ratelimit, cb->source.family,
				   &cb->source.remote, mpvpn_session_now())) {
		keying_count(keying, MPVPN_KEYING_RX_RATELIMITED);
		return false;
	}
	return true;
}

/*
 * An authentic, fresh handshake message proves the peer is at its source
 * now: the path's endpoint follows it there, under the roaming rules of
 * any authentic packet (receive.c).
 */
static void follow_source(struct mpvpn_keying *keying, struct sk_buff *skb)
{
	const struct keying_cb *cb = keying_cb(skb);
	struct mpvpn_device *mpvpn = keying_device(keying);
	struct mpvpn_path *path;

	const struct mpvpn_endpoint *ep;

	rcu_read_lock();
	local_bh_disable();
	path = mpvpn_path_by_id_rcu(mpvpn, cb->path_id);
	ep = path ? rcu_dereference_bh(path->endpoint) : NULL;
	if (ep && !mpvpn_endpoint_is(ep, cb->source.family,
				     &cb->source.remote, cb->source.port))
		mpvpn_follow_peer(path, ep, cb->source.family,
				  &cb->source.remote, cb->source.port);
	local_bh_enable();
	rcu_read_unlock();
}

/* Once in 5 s at most: a stale initiation makes us start a handshake. */
static void stale_trigger(struct mpvpn_keying *keying)
{
	u64 now = mpvpn_session_now();

	mutex_lock(&keying->lock);
	if (!keying->stale_trigger ||
	    now - keying->stale_trigger >= MPVPN_KEYING_STALE_TRIGGER) {
		keying->stale_trigger = now;
		keying->next_try = 0;
		set_bit(MPVPN_KEYING_WANTED, &keying->flags);
	}
	mutex_unlock(&keying->lock);
}

/* A session is under way: no initiation is owed, and no retry due. */
static void handshake_done(struct mpvpn_keying *keying)
{
	mutex_lock(&keying->lock);
	keying->tries = 0;
	keying->next_try = 0;
	clear_bit(MPVPN_KEYING_WANTED, &keying->flags);
	mutex_unlock(&keying->lock);
	timer_delete(&keying->retry_timer);
}

/* A session, made over path @path_id: counted, and an event. */
static void session_made(struct mpvpn_keying *keying, u8 path_id)
{
	mutex_lock(&keying->lock);
	keying->last_session = mpvpn_session_now();
	mutex_unlock(&keying->lock);
	keying_count(keying, MPVPN_KEYING_SESSIONS);
	/* Every rekey makes one: the log hears of it at debug level only. */
	netdev_dbg(keying_device(keying)->dev,
		   "path %u (handshake-completed)\n", path_id);
	mpvpn_netlink_handshake_event(keying_device(keying), path_id,
				      MPVPN_REASON_HANDSHAKE_COMPLETED,
				      MPVPN_HANDSHAKE_FAILURE_NONE);
}

/*
 * The peer's initiation: a response on the path it came on, to where it
 * came from, and a session in next, which becomes current when the
 * initiator's first packet under it arrives (session.c).
 */
static void consume_initiation(struct mpvpn_keying *keying,
			       struct sk_buff *skb)
{
	const struct mpvpn_msg_initiation *msg = (const void *)skb->data;
	const struct keying_cb *cb = keying_cb(skb);
	struct mpvpn_device *mpvpn = keying_device(keying);
	u8 peer_slot = msg->prefix.flags & MPVPN_HANDSHAKE_SLOT_MASK;
	struct mpvpn_handshake_route route = {
		.path_id = cb->path_id,
		.tunnel_id = READ_ONCE(mpvpn->tunnel_id),
	};
	struct mpvpn_msg_response response;
	struct mpvpn_session_keys keys;
	struct mpvpn_session *session;
	enum mpvpn_noise_result result;

	if (!load_allows(keying, skb))
		return;
	result = mpvpn_noise_consume_initiation(&keying->handshake, msg);
	if (result != MPVPN_NOISE_OK) {
		count_noise_failure(keying, cb->path_id, result);
		if (result == MPVPN_NOISE_STALE)
			stale_trigger(keying);
		return;
	}
	keying_count(keying, MPVPN_KEYING_INITIATIONS_RECEIVED);
	follow_source(keying, skb);
	/* The session it makes serves us too: we owe no initiation now. */
	handshake_done(keying);

	route.slot = mpvpn_sessions_choose_slot(&keying->sessions, false);
	if (mpvpn_noise_create_response(&keying->handshake, &response, &route,
					&keys))
		return;
	session = mpvpn_session_create(&keys, false, route.slot, peer_slot,
				       mpvpn_session_now());
	if (!session)
		return;
	/* Before the response: the peer may send under it at once. */
	mpvpn_sessions_install(&keying->sessions, session);
	session_made(keying, cb->path_id);
	send_counted(keying, cb->path_id, &cb->source, &response,
		     sizeof(response), MPVPN_KEYING_RESPONSES_SENT);
}

/* The answer to our initiation: the session we send under from now. */
static void consume_response(struct mpvpn_keying *keying, struct sk_buff *skb)
{
	const struct mpvpn_msg_response *msg = (const void *)skb->data;
	u8 peer_slot = msg->prefix.flags & MPVPN_HANDSHAKE_SLOT_MASK;
	struct mpvpn_session_keys keys;
	struct mpvpn_session *session;
	enum mpvpn_noise_result result;
	u8 slot;

	if (!load_allows(keying, skb))
		return;
	result = mpvpn_noise_consume_response(&keying->handshake, msg, &keys);
	if (result != MPVPN_NOISE_OK) {
		count_noise_failure(keying, keying_cb(skb)->path_id, result);
		return;
	}
	keying_count(keying, MPVPN_KEYING_RESPONSES_RECEIVED);
	follow_source(keying, skb);

	mutex_lock(&keying->lock);
	slot = keying->initiation_slot;
	keying->handshake_ns = mpvpn_session_now() - keying->initiation_at;
	mutex_unlock(&keying->lock);
	handshake_done(keying);

	session = mpvpn_session_create(&keys, true, slot, peer_slot,
				       mpvpn_session_now());
	if (!session) {
		/* No memory: try again, from the start. */
		mpvpn_keying_want(keying);
		return;
	}
	mpvpn_sessions_install(&keying->sessions, session);
	session_made(keying, keying_cb(skb)->path_id);
}

/* A cookie for our last message: its next try carries a mac2. */
static void consume_cookie_reply(struct mpvpn_keying *keying,
				 struct sk_buff *skb)
{
	const struct mpvpn_msg_cookie_reply *msg = (const void *)skb->data;

	switch (mpvpn_cookie_consume_reply(&keying->handshake.cookie, msg)) {
	case MPVPN_COOKIE_OK:
		keying_count(keying, MPVPN_KEYING_COOKIE_REPLIES_RECEIVED);
		break;
	case MPVPN_COOKIE_NOTHING_SENT:
		keying_count(keying, MPVPN_KEYING_RX_UNEXPECTED);
		break;
	case MPVPN_COOKIE_MALFORMED:
		keying_count(keying, MPVPN_KEYING_RX_MALFORMED);
		break;
	default:
		keying_count(keying, MPVPN_KEYING_RX_NOT_AUTHENTIC);
		break;
	}
}

static void consume_message(struct mpvpn_keying *keying, struct sk_buff *skb)
{
	switch (((const struct mpvpn_msg_prefix *)skb->data)->type) {
	case MPVPN_PKT_INITIATION:
		consume_initiation(keying, skb);
		break;
	case MPVPN_PKT_RESPONSE:
		consume_response(keying, skb);
		break;
	default:
		consume_cookie_reply(keying, skb);
		break;
	}
}

/* A path an initiation may take: its priority, then its id, orders them. */
struct candidate {
	u32 priority;
	u8 id;
};

static int candidate_cmp(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->priority != y->priority)
		return x->priority < y->priority ? -1 : 1;
	return x->id - y->id;
}

/*
 * The path of the @index-th initiation since the last session: the
 * paths that have carrier and know their peer's address, highest
 * priority first, round and round. Health is no criterion: without a
 * session no probe is answered, so every path is down until one exists.
 * 0: none; *@count: how many there are.
 */
static u8 initiation_path(struct mpvpn_device *mpvpn, unsigned int index,
			  unsigned int *count)
{
	struct candidate candidates[MPVPN_MAX_PATHS];
	const struct mpvpn_endpoint *ep;
	struct mpvpn_path *path;
	unsigned int n = 0;

	rcu_read_lock();
	local_bh_disable();
	list_for_each_entry_rcu(path, &mpvpn->paths, node) {
		ep = rcu_dereference_bh(path->endpoint);
		if (n == ARRAY_SIZE(candidates) || !READ_ONCE(path->admin_up) ||
		    !mpvpn_path_link_ok(path) || !ep->has_remote)
			continue;
		candidates[n].priority = READ_ONCE(path->priority);
		candidates[n].id = path->id;
		n++;
	}
	local_bh_enable();
	rcu_read_unlock();

	*count = n;
	if (!n)
		return 0;
	sort(candidates, n, sizeof(candidates[0]), candidate_cmp, NULL);
	return candidates[index % n].id;
}

static void retry_at(struct mpvpn_keying *keying, u64 when, u64 now)
{
	if (test_bit(MPVPN_KEYING_STOPPED, &keying->flags))
		return;
	mod_timer(&keying->retry_timer,
		  jiffies + nsecs_to_jiffies(when > now ? when - now : 0) + 1);
}

/*
 * Sends the initiation the device owes, if its time has come: on the next
 * path in priority order, 1 s after the last one, and after a round of
 * every path, every 5 s plus jitter.
 */
static void initiate_if_due(struct mpvpn_keying *keying)
{
	struct mpvpn_device *mpvpn = keying_device(keying);
	struct mpvpn_handshake_route route = {
		.tunnel_id = READ_ONCE(mpvpn->tunnel_id),
	};
	struct mpvpn_msg_initiation msg;
	u64 now = mpvpn_session_now();
	unsigned int paths = 0;
	u8 unanswered;

	if (!test_bit(MPVPN_KEYING_WANTED, &keying->flags))
		return;
	mutex_lock(&keying->lock);
	if (now < keying->next_try) {
		retry_at(keying, keying->next_try, now);
		goto out;
	}
	/* A device down has no socket to send from: as good as no path. */
	route.path_id = netif_running(mpvpn->dev) ?
			initiation_path(mpvpn, keying->tries, &paths) : 0;
	if (!route.path_id) {
		/*
		 * Look again soon, or at once when a path comes or the device
		 * comes up (mpvpn_keying_paths_changed()).
		 */
		keying->no_path = true;
		keying->next_try = now + MPVPN_KEYING_PATH_RETRY;
		retry_at(keying, keying->next_try, now);
		goto out;
	}
	keying->no_path = false;
	/* A round of every path went unanswered (its last try, told). */
	unanswered = keying->tries && !(keying->tries % paths) ?
		     keying->last_try_path : 0;
	route.slot = mpvpn_sessions_choose_slot(&keying->sessions, true);
	if (mpvpn_noise_create_initiation(&keying->handshake, &msg, &route))
		goto out;	/* no keys: mpvpn_keying_set_keys() comes back */
	keying->initiation_slot = route.slot;
	keying->last_try_path = route.path_id;
	keying->initiation_at = now;
	keying->tries++;
	keying->next_try = now + (keying->tries < paths ?
		MPVPN_KEYING_PATH_RETRY :
		MPVPN_KEYING_ROUND_RETRY +
		get_random_u32_below(MPVPN_KEYING_RETRY_JITTER));
	retry_at(keying, keying->next_try, now);
	mutex_unlock(&keying->lock);
	if (unanswered)
		handshake_failed(keying, unanswered,
				 MPVPN_HANDSHAKE_FAILURE_UNANSWERED);
	send_counted(keying, route.path_id, NULL, &msg, sizeof(msg),
		     MPVPN_KEYING_INITIATIONS_SENT);
	return;
out:
	mutex_unlock(&keying->lock);
}

/*
 * The keys of sessions past REJECT_AFTER_TIME are wiped; the timer comes
 * back when the next one is.
 */
static void expire_sessions(struct mpvpn_keying *keying)
{
	u64 now = mpvpn_session_now();
	u64 next = mpvpn_sessions_expire(&keying->sessions, now);

	if (next && !test_bit(MPVPN_KEYING_STOPPED, &keying->flags))
		mod_timer(&keying->expire_timer,
			  jiffies + nsecs_to_jiffies(next - now) + 1);
}

static void keying_work(struct work_struct *work)
{
	struct mpvpn_keying *keying = container_of(work, struct mpvpn_keying,
						   work);
	struct sk_buff *skb;
	unsigned int done;

	for (done = 0; done < MPVPN_KEYING_BATCH; done++) {
		skb = skb_dequeue(&keying->queue);
		if (!skb)
			break;
		consume_message(keying, skb);
		consume_skb(skb);
		cond_resched();
	}
	/* The rest in another run, so that other work gets the CPU too. */
	if (!skb_queue_empty(&keying->queue) &&
	    !test_bit(MPVPN_KEYING_STOPPED, &keying->flags))
		queue_work(system_unbound_wq, &keying->work);
	initiate_if_due(keying);
	expire_sessions(keying);
}

static void keying_retry(struct timer_list *timer)
{
	struct mpvpn_keying *keying = timer_container_of(keying, timer,
							 retry_timer);

	if (!test_bit(MPVPN_KEYING_STOPPED, &keying->flags))
		queue_work(system_unbound_wq, &keying->work);
}

static void keying_expire(struct timer_list *timer)
{
	struct mpvpn_keying *keying = timer_container_of(keying, timer,
							 expire_timer);

	if (!test_bit(MPVPN_KEYING_STOPPED, &keying->flags))
		queue_work(system_unbound_wq, &keying->work);
}

/*
 * The device owes the peer an initiation: it has no session to send
 * under, or its session is due for a rekey. Any context; cheap when it
 * was said already.
 */
void mpvpn_keying_want(struct mpvpn_keying *keying)
{
	if (test_bit(MPVPN_KEYING_STOPPED, &keying->flags))
		return;
	if (!test_and_set_bit(MPVPN_KEYING_WANTED, &keying->flags))
		queue_work(system_unbound_wq, &keying->work);
}

/*
 * A path was added, or the device came up (RTNL): an initiation owed that
 * found no path to go on goes now, not at the next look.
 */
void mpvpn_keying_paths_changed(struct mpvpn_keying *keying)
{
	bool now;

	mutex_lock(&keying->lock);
	now = keying->no_path && test_bit(MPVPN_KEYING_WANTED, &keying->flags);
	if (now)
		keying->next_try = 0;
	mutex_unlock(&keying->lock);
	if (now && !test_bit(MPVPN_KEYING_STOPPED, &keying->flags))
		queue_work(system_unbound_wq, &keying->work);
}

/*
 * Boot-time ns when the last session was made, and how long the last
 * handshake this side initiated took; 0: none yet.
 */
void mpvpn_keying_times(struct mpvpn_keying *keying, u64 *last_session,
			u64 *handshake_ns)
{
	mutex_lock(&keying->lock);
	*last_session = keying->last_session;
	*handshake_ns = keying->handshake_ns;
	mutex_unlock(&keying->lock);
}

int mpvpn_keying_init(struct mpvpn_keying *keying)
{
	keying->counters = mpvpn_counters_alloc();
	if (!keying->counters)
		return -ENOMEM;
	mpvpn_handshake_init(&keying->handshake);
	mpvpn_sessions_init(&keying->sessions);
	mpvpn_ratelimit_init(&keying->ratelimit);
	skb_queue_head_init(&keying->queue);
	INIT_WORK(&keying->work, keying_work);
	timer_setup(&keying->retry_timer, keying_retry, 0);
	timer_setup(&keying->expire_timer, keying_expire, 0);
	mutex_init(&keying->lock);
	keying->flags = 0;
	keying->next_try = 0;
	keying->tries = 0;
	keying->no_path = false;
	keying->last_try_path = 0;
	keying->initiation_at = 0;
	keying->handshake_ns = 0;
	keying->failure_told = 0;
	keying->initiation_slot = 0;
	keying->stale_trigger = 0;
	keying->last_session = 0;
	return 0;
}

/*
 * When the device goes: nothing is queued or started any more, what was
 * queued is dropped, the sessions end and every key is wiped. Process
 * context; RTNL may be held.
 */
void mpvpn_keying_uninit(struct mpvpn_keying *keying)
{
	set_bit(MPVPN_KEYING_STOPPED, &keying->flags);
	cancel_work_sync(&keying->work);
	timer_delete_sync(&keying->retry_timer);
	timer_delete_sync(&keying->expire_timer);
	skb_queue_purge(&keying->queue);
	mpvpn_sessions_uninit(&keying->sessions);
	mpvpn_handshake_uninit(&keying->handshake);
	mutex_destroy(&keying->lock);
	free_percpu(keying->counters);
}

/*
 * New static keys (RTNL): the sessions of the old ones end, and a
 * handshake under the new ones starts at once. The keys the device has
 * already change nothing.
 */
int mpvpn_keying_set_keys(struct mpvpn_keying *keying,
			  const u8 private_key[MPVPN_NOISE_KEY_LEN],
			  const u8 peer_public[MPVPN_NOISE_KEY_LEN],
			  const u8 *psk)
{
	int ret;

	if (mpvpn_handshake_has_keys(&keying->handshake, private_key,
				     peer_public, psk))
		return 0;
	ret = mpvpn_handshake_set_keys(&keying->handshake, private_key,
				       peer_public, psk);
	if (ret)
		return ret;
	mpvpn_sessions_clear(&keying->sessions);
	mutex_lock(&keying->lock);
	keying->tries = 0;
	keying->next_try = 0;
	set_bit(MPVPN_KEYING_WANTED, &keying->flags);
	mutex_unlock(&keying->lock);
	if (!test_bit(MPVPN_KEYING_STOPPED, &keying->flags))
		queue_work(system_unbound_wq, &keying->work);
	return 0;
}

/* No static keys (RTNL): no sessions, no handshake. */
void mpvpn_keying_clear_keys(struct mpvpn_keying *keying)
{
	clear_bit(MPVPN_KEYING_WANTED, &keying->flags);
	mpvpn_handshake_clear_keys(&keying->handshake);
	mpvpn_sessions_clear(&keying->sessions);
}
