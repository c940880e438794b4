// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "mpvpn": devices, paths, counters, events.
 * Every handler takes RTNL, which also guards the path tables, so a
 * request sees and changes one consistent configuration. Dumps take it per
 * batch and report a change between batches with NLM_F_DUMP_INTR.
 */

#include "netlink.h"
#include "device.h"
#include "compat.h"
#include "netlink-gen.h"
#include "netlink_fill.h"
#include "netlink_parse.h"
#include "path.h"
#include "reorder.h"
#include "state.h"

#include <linux/rtnetlink.h>
#include <net/genetlink.h>

static struct genl_family mpvpn_genl_family;

static struct mpvpn_device *lookup_device(struct net *net, struct nlattr **attrs,
					  struct netlink_ext_ack *extack)
{
	struct mpvpn_device *mpvpn;

	if (!attrs[MPVPN_A_IFINDEX] && !attrs[MPVPN_A_IFNAME]) {
		NL_SET_ERR_MSG(extack, "name the device with MPVPN_A_IFINDEX or MPVPN_A_IFNAME");
		return ERR_PTR(-EINVAL);
	}
	mpvpn = mpvpn_device_get_rtnl(net,
				      attrs[MPVPN_A_IFINDEX] ?
				      nla_get_u32(attrs[MPVPN_A_IFINDEX]) : 0,
				      attrs[MPVPN_A_IFNAME] ?
				      nla_data(attrs[MPVPN_A_IFNAME]) : NULL);
	if (!mpvpn) {
		NL_SET_ERR_MSG(extack, "no such mpvpn device");
		return ERR_PTR(-ENODEV);
	}
	return mpvpn;
}

/*
 * A device's message (@path NULL) or a path's, for a reply or a dump; @cb
 * is the dump's, NULL for a reply.
 */
static int put_msg(struct sk_buff *skb, struct mpvpn_device *mpvpn,
		   struct mpvpn_path *path, u32 portid, u32 seq, int flags,
		   struct netlink_callback *cb)
{
	void *hdr;
	int ret;

	hdr = genlmsg_put(skb, portid, seq, &mpvpn_genl_family, flags,
			  path ? MPVPN_CMD_PATH_GET : MPVPN_CMD_DEV_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	ret = path ? mpvpn_nl_fill_path(skb, mpvpn, path) :
		     mpvpn_nl_fill_device(skb, mpvpn);
	if (ret) {
		genlmsg_cancel(skb, hdr);
		return ret;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* Devices */

int mpvpn_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mpvpn_device *mpvpn;
	struct sk_buff *msg;
	int ret;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	mpvpn = lookup_device(genl_info_net(info), info->attrs, info->extack);
	ret = IS_ERR(mpvpn) ? PTR_ERR(mpvpn) :
	      put_msg(msg, mpvpn, NULL, info->snd_portid, info->snd_seq, 0,
		      NULL);
	rtnl_unlock();
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

/* cb->args[0]: devices already sent. */
int mpvpn_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct net_device *dev;
	long idx = 0;
	int ret = 0;

	rtnl_lock();
	cb->seq = mpvpn_generation;
	for_each_netdev(net, dev) {
		if (!mpvpn_is_device(dev))
			continue;
		if (idx++ < cb->args[0])
			continue;
		ret = put_msg(skb, netdev_priv(dev), NULL,
			      NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			      NLM_F_MULTI, cb);
		if (ret) {
			idx--;
			break;
		}
	}
	rtnl_unlock();
	cb->args[0] = idx;
	/* A full buffer means "call me again", anything else is final. */
	return ret == -EMSGSIZE ? skb->len : (ret ?: skb->len);
}

/* The device's new thresholds, checked against every path's, in @out. */
static int dev_plan_health(struct mpvpn_device *mpvpn, struct nlattr *nest,
			   struct mpvpn_health_config *out,
			   struct netlink_ext_ack *extack)
{
	u32 given;
	int ret;

	*out = mpvpn->health_defaults;
	ret = mpvpn_nl_parse_health(nest, out, &given, NULL, extack);
	if (ret)
		return ret;
	return mpvpn_paths_check_health_defaults(mpvpn, out, extack);
}

/*
 * The keys and the encryption setting, checked before: cannot fail. New
 * keys end the sessions of the old ones and start a handshake.
 */
static void dev_set_crypto(struct mpvpn_device *mpvpn, struct nlattr **attrs,
			   const struct mpvpn_nl_identity *identity)
{
	/*
	 * The current session keeps the interval it was made with: a
	 * handshake now makes one with the new interval, a round trip away.
	 */
	if (attrs[MPVPN_A_REKEY_SECONDS]) {
		mpvpn_sessions_set_rekey(&mpvpn->keying.sessions,
					 nla_get_u32(attrs[MPVPN_A_REKEY_SECONDS]));
		mpvpn_keying_want(&mpvpn->keying);
	}
	if (identity->private_key) {
		WARN_ON(mpvpn_keying_set_keys(&mpvpn->keying,
					      identity->private_key,
					      identity->peer_public,
					      identity->psk));
		WRITE_ONCE(mpvpn->crypto.encryption,
			   MPVPN_ENCRYPTION_CHACHA20_POLY1305);
	} else if (attrs[MPVPN_A_ENCRYPTION] &&
		   nla_get_u8(attrs[MPVPN_A_ENCRYPTION]) ==
			   MPVPN_ENCRYPTION_NONE) {
		WRITE_ONCE(mpvpn->crypto.encryption, MPVPN_ENCRYPTION_NONE);
		mpvpn_keying_clear_keys(&mpvpn->keying);
	}
}

int mpvpn_nl_dev_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mpvpn_health_config health;
	struct mpvpn_nl_identity identity;
	struct nlattr **attrs = info->attrs;
	struct mpvpn_device *mpvpn;
	int ret = 0;

	rtnl_lock();
	mpvpn = lookup_device(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(mpvpn)) {
		ret = PTR_ERR(mpvpn);
		goto out;
	}
	/*
	 * All or nothing: first everything that can be refused is checked,
	 * then all of it, which cannot fail, is applied.
	 */
	ret = mpvpn_nl_parse_identity(attrs, &identity, info->extack);
	if (!ret)
		ret = mpvpn_nl_parse_crypto(mpvpn, attrs, &identity,
					    info->extack);
	if (!ret && attrs[MPVPN_A_HEALTH])
		ret = dev_plan_health(mpvpn, attrs[MPVPN_A_HEALTH], &health,
				      info->extack);
	if (ret)
		goto out;
	dev_set_crypto(mpvpn, attrs, &identity);
	if (attrs[MPVPN_A_HEALTH])
		mpvpn_paths_set_health_defaults(mpvpn, &health);
	if (attrs[MPVPN_A_MODE])
		WRITE_ONCE(mpvpn->mode, nla_get_u8(attrs[MPVPN_A_MODE]));
	if (attrs[MPVPN_A_REDUNDANCY])
		mpvpn->redundancy = nla_get_u8(attrs[MPVPN_A_REDUNDANCY]);
	if (attrs[MPVPN_A_REORDER_WAIT_MS]) {
		WRITE_ONCE(mpvpn->reorder->wait_cap_ms,
			   nla_get_u32(attrs[MPVPN_A_REORDER_WAIT_MS]));
		mpvpn_reorder_update_wait(mpvpn);
	}
	if (attrs[MPVPN_A_FAILBACK])
		WRITE_ONCE(mpvpn->failback, nla_get_u8(attrs[MPVPN_A_FAILBACK]));
	if (attrs[MPVPN_A_TOS_INHERIT])
		WRITE_ONCE(mpvpn->tos_inherit,
			   nla_get_u8(attrs[MPVPN_A_TOS_INHERIT]));
	if (attrs[MPVPN_A_REVERT_DELAY_MS])
		mpvpn->revert_delay_ms = nla_get_u32(attrs[MPVPN_A_REVERT_DELAY_MS]);
	mpvpn_config_changed(mpvpn);
	mpvpn_state_update(mpvpn, NULL, MPVPN_REASON_CONFIG);
out:
	rtnl_unlock();
	return ret;
}

/* Paths */

static struct mpvpn_path *lookup_path(struct mpvpn_device *mpvpn,
				      struct nlattr **tb,
				      struct netlink_ext_ack *extack)
{
	struct mpvpn_path *path, *by_name = NULL;
	u32 id = 0;

	if (tb[MPVPN_PATH_A_ID])
		id = nla_get_u32(tb[MPVPN_PATH_A_ID]);
	if (tb[MPVPN_PATH_A_NAME])
		by_name = mpvpn_path_find_rtnl(mpvpn, 0,
					       nla_data(tb[MPVPN_PATH_A_NAME]));
	if (!id && !tb[MPVPN_PATH_A_NAME]) {
		NL_SET_ERR_MSG(extack, "name the path with MPVPN_PATH_A_ID or MPVPN_PATH_A_NAME");
		return ERR_PTR(-EINVAL);
	}
	path = id ? mpvpn_path_find_rtnl(mpvpn, id, NULL) : by_name;
	if (!path || (tb[MPVPN_PATH_A_NAME] && path != by_name)) {
		NL_SET_ERR_MSG(extack, "no such path on the device");
		return ERR_PTR(-ENOENT);
	}
	return path;
}

/*
 * Whether @tb names where a path's packets go. The device's sockets may
 * live in another namespace than the device (the device was moved into a
 * container): only who administers that namespace may aim them.
 */
static bool has_endpoint(struct nlattr **tb)
{
	return tb[MPVPN_PATH_A_REMOTE_ADDR] || tb[MPVPN_PATH_A_REMOTE_PORT] ||
	       tb[MPVPN_PATH_A_REMOTE_FIXED] || tb[MPVPN_PATH_A_LOCAL_ADDR] ||
	       tb[MPVPN_PATH_A_LOCAL_IFINDEX];
}

static int may_aim(struct sk_buff *skb, struct mpvpn_device *mpvpn,
		   struct netlink_ext_ack *extack)
{
	struct net *net = rtnl_dereference(mpvpn->creating_net);

	if (net && !netlink_ns_capable(skb, net->user_ns, CAP_NET_ADMIN)) {
		NL_SET_ERR_MSG(extack, "endpoints need CAP_NET_ADMIN where the sockets are");
		return -EPERM;
	}
	return 0;
}

/* The device and the path a request names; RTNL. */
static struct mpvpn_path *lookup_request_path(struct genl_info *info,
					      struct nlattr **tb,
					      struct mpvpn_device **mpvpn)
{
	*mpvpn = lookup_device(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(*mpvpn))
		return ERR_CAST(*mpvpn);
	return lookup_path(*mpvpn, tb, info->extack);
}

int mpvpn_nl_path_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[MPVPN_PATH_A_MAX + 1];
	struct mpvpn_path_config cfg = {
		.priority = 1,
		.weight = 1,
		.admin_up = true,
	};
	struct mpvpn_device *mpvpn;
	struct mpvpn_path *path;
	int ret;

	ret = mpvpn_nl_parse_path_nest(info, tb);
	if (ret)
		return ret;
	ret = mpvpn_nl_parse_new_path(tb, &cfg, info->extack);
	if (ret)
		return ret;

	rtnl_lock();
	mpvpn = lookup_device(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(mpvpn)) {
		ret = PTR_ERR(mpvpn);
		goto out;
	}
	ret = may_aim(skb, mpvpn, info->extack);
	if (ret)
		goto out;
	path = mpvpn_path_create(mpvpn, &cfg, info->extack);
	ret = PTR_ERR_OR_ZERO(path);
	if (!ret)
		mpvpn_keying_paths_changed(&mpvpn->keying);
out:
	rtnl_unlock();
	return ret;
}

int mpvpn_nl_path_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[MPVPN_PATH_A_MAX + 1];
	struct mpvpn_path_config cfg = { 0 };
	struct mpvpn_device *mpvpn;
	struct mpvpn_path *path;
	int ret;

	ret = mpvpn_nl_parse_path_nest(info, tb);
	if (!ret)
		ret = mpvpn_nl_parse_path(tb, &cfg, info->extack);
	if (ret)
		return ret;

	rtnl_lock();
	path = lookup_request_path(info, tb, &mpvpn);
	if (IS_ERR(path)) {
		ret = PTR_ERR(path);
		goto out;
	}
	if (has_endpoint(tb)) {
		ret = may_aim(skb, mpvpn, info->extack);
		if (ret)
			goto out;
		mpvpn_path_endpoint_get(path, &cfg.endpoint);
		ret = mpvpn_nl_parse_endpoint(tb, &cfg.endpoint, info->extack);
		if (ret)
			goto out;
		__set_bit(MPVPN_PATH_SET_ENDPOINT, &cfg.set);
	}
	ret = mpvpn_path_update(path, &cfg, info->extack);
	if (!ret)
		mpvpn_keying_paths_changed(&mpvpn->keying);
out:
	rtnl_unlock();
	return ret;
}

int mpvpn_nl_path_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[MPVPN_PATH_A_MAX + 1];
	struct mpvpn_device *mpvpn;
	struct mpvpn_path *path;
	int ret;

	ret = mpvpn_nl_parse_path_nest(info, tb);
	if (ret)
		return ret;
	rtnl_lock();
	path = lookup_request_path(info, tb, &mpvpn);
	ret = PTR_ERR_OR_ZERO(path);
	if (!ret)
		mpvpn_path_remove(path);
	rtnl_unlock();
	return ret;
}

int mpvpn_nl_path_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[MPVPN_PATH_A_MAX + 1];
	struct mpvpn_device *mpvpn;
	struct mpvpn_path *path;
	struct sk_buff *msg;
	int ret;

	ret = mpvpn_nl_parse_path_nest(info, tb);
	if (ret)
		return ret;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	path = lookup_request_path(info, tb, &mpvpn);
	ret = IS_ERR(path) ? PTR_ERR(path) :
	      put_msg(msg, mpvpn, path, info->snd_portid, info->snd_seq, 0,
		      NULL);
	rtnl_unlock();
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

/* cb->args[0]: paths already sent; cb->args[1]: ifindex of the device. */
int mpvpn_nl_path_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = mpvpn_genl_dump_attrs(cb);
	struct mpvpn_device *mpvpn;
	struct mpvpn_path *path;
	long idx = 0;
	int ret = 0;

	rtnl_lock();
	if (!cb->args[1]) {
		mpvpn = lookup_device(sock_net(skb->sk), attrs, cb->extack);
		if (IS_ERR(mpvpn)) {
			ret = PTR_ERR(mpvpn);
			goto out;
		}
		cb->args[1] = mpvpn->dev->ifindex;
	} else {
		mpvpn = mpvpn_device_get_rtnl(sock_net(skb->sk), cb->args[1],
					      NULL);
		if (!mpvpn) {
			ret = -ENODEV;
			goto out;
		}
	}
	cb->seq = mpvpn->generation;
	list_for_each_entry(path, &mpvpn->paths, node) {
		if (idx++ < cb->args[0])
			continue;
		ret = put_msg(skb, mpvpn, path, NETLINK_CB(cb->skb).portid,
			      cb->nlh->nlmsg_seq, NLM_F_MULTI, cb);
		if (ret) {
			idx--;
			break;
		}
	}
	cb->args[0] = idx;
out:
	rtnl_unlock();
	return ret == -EMSGSIZE ? skb->len : (ret ?: skb->len);
}

/* Pushed verdicts */

int mpvpn_nl_path_verdict_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[MPVPN_PATH_A_MAX + 1];
	struct mpvpn_verdict verdict = { 0 };
	struct mpvpn_device *mpvpn;
	struct mpvpn_path *path;
	bool remove;
	int ret;

	ret = mpvpn_nl_parse_path_nest(info, tb);
	if (!ret)
		ret = mpvpn_nl_parse_verdict(info, &verdict, &remove);
	if (ret)
		return ret;
	rtnl_lock();
	path = lookup_request_path(info, tb, &mpvpn);
	ret = PTR_ERR_OR_ZERO(path);
	if (ret)
		goto out;
	if (remove)
		ret = mpvpn_verdict_delete(&path->verdicts, verdict.name,
					   info->extack);
	else
		ret = mpvpn_verdict_push(&path->verdicts, &verdict,
					 info->extack);
	if (ret)
		goto out;
	mpvpn_config_changed(mpvpn);
	mpvpn_state_update(mpvpn, path, MPVPN_REASON_PUSHED_PROBE);
out:
	rtnl_unlock();
	return ret;
}

/* Events */

/*
 * An event's message, its header put, or NULL when nobody listens or no
 * memory is left: the event is then not worth building.
 */
static struct sk_buff *event_new(struct net *net, void **hdr)
{
	struct sk_buff *msg;

	if (!genl_has_listeners(&mpvpn_genl_family, net, MPVPN_NLGRP_EVENTS))
		return NULL;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put(msg, 0, 0, &mpvpn_genl_family, 0, MPVPN_CMD_EVENT);
	if (!*hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Multicasts what event_new() began, unless filling it failed (@err). */
static void event_send(struct net *net, struct sk_buff *msg, void *hdr,
		       int err)
{
	if (err) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&mpvpn_genl_family, net, msg, 0,
				MPVPN_NLGRP_EVENTS, GFP_KERNEL);
}

/* Multicasts a change to the events group; see mpvpn_nl_fill_event(). */
void mpvpn_netlink_event(struct mpvpn_device *mpvpn, struct mpvpn_path *path,
			 const struct mpvpn_event *event)
{
	struct net *net = dev_net(mpvpn->dev);
	struct sk_buff *msg;
	void *hdr;

	ASSERT_RTNL();
	msg = event_new(net, &hdr);
	if (msg)
		event_send(net, msg, hdr,
			   mpvpn_nl_fill_event(msg, mpvpn, path, event));
}

/*
 * A handshake completed or failed (keying.c); process context, without
 * RTNL. See mpvpn_nl_fill_handshake_event().
 */
void mpvpn_netlink_handshake_event(struct mpvpn_device *mpvpn, u8 path_id,
				   enum mpvpn_reason reason,
				   enum mpvpn_handshake_failure failure)
{
	struct net *net = dev_net(mpvpn->dev);
	struct sk_buff *msg;
	void *hdr;

	msg = event_new(net, &hdr);
	if (msg)
		event_send(net, msg, hdr,
			   mpvpn_nl_fill_handshake_event(msg, mpvpn, path_id,
							 reason, failure));
}

static struct genl_family mpvpn_genl_family __ro_after_init = {
	.name = MPVPN_GENL_NAME,
	.version = MPVPN_GENL_VERSION,
	.maxattr = MPVPN_A_MAX,
	.policy = mpvpn_dev_nl_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.small_ops = mpvpn_nl_ops,
	.n_small_ops = ARRAY_SIZE(mpvpn_nl_ops),
	.mcgrps = mpvpn_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(mpvpn_nl_mcgrps),
};

int __init mpvpn_genetlink_init(void)
{
	return genl_register_family(&mpvpn_genl_family);
}

void mpvpn_genetlink_uninit(void)
{
	genl_unregister_family(&mpvpn_genl_family);
}
