// SPDX-License-Identifier: GPL-2.0
/*
 * Paths: creation, change and removal, matching a received packet to its
 * path, and following the underlay device's carrier and MTU.
 *
 * Writers hold RTNL. The data path finds paths under RCU (mpvpn->active,
 * mpvpn->path_by_id, the mpvpn->paths list) and reads path->endpoint with
 * rcu_dereference(); a removed path is unlinked, then freed after a grace
 * period. The endpoint also changes without RTNL, when the peer roams:
 * path->endpoint_lock orders its writers, and RTNL holders read it under
 * RCU like the data path.
 */

#include "path.h"
#include "device.h"
#include "state.h"

#include <linux/inetdevice.h>
#include <net/addrconf.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/stringify.h>
#include <net/ipv6_stubs.h>

static bool endpoint_same(const struct mpvpn_endpoint *a,
			  const struct mpvpn_endpoint *b)
{
	return a->family == b->family && a->has_local == b->has_local &&
	       a->has_remote == b->has_remote &&
	       a->remote_fixed == b->remote_fixed &&
	       !memcmp(&a->local, &b->local, sizeof(a->local)) &&
	       !memcmp(&a->remote, &b->remote, sizeof(a->remote)) &&
	       a->remote_port == b->remote_port &&
	       a->local_ifindex == b->local_ifindex;
}

static bool addr_equal(sa_family_t family, const union mpvpn_addr *a,
		       const union mpvpn_addr *b)
{
	if (family == AF_INET)
		return a->ip4 == b->ip4;
	return ipv6_addr_equal(&a->ip6, &b->ip6);
}

/* Whether @ep's remote is @addr:@port; any context. */
bool mpvpn_endpoint_is(const struct mpvpn_endpoint *ep, sa_family_t family,
		       const union mpvpn_addr *addr, __be16 port)
{
	return ep->has_remote && ep->family == family &&
	       ep->remote_port == port && addr_equal(family, &ep->remote, addr);
}

/* A copy of @want with a route cache of its own. */
static struct mpvpn_endpoint *endpoint_alloc(const struct mpvpn_endpoint *want,
					     gfp_t gfp)
{
	struct mpvpn_endpoint *ep = kmemdup(want, sizeof(*ep), gfp);

	if (ep && dst_cache_init(&ep->dst_cache, gfp)) {
		kfree(ep);
		ep = NULL;
	}
	return ep;
}

static void endpoint_free_rcu(struct rcu_head *rcu)
{
	struct mpvpn_endpoint *ep = container_of(rcu, struct mpvpn_endpoint,
						 rcu);

	dst_cache_destroy(&ep->dst_cache);
	kfree(ep);
}

/* Puts @ep in place of the path's endpoint; @path->endpoint_lock held. */
static void endpoint_replace_locked(struct mpvpn_path *path,
				    struct mpvpn_endpoint *ep)
{
	struct mpvpn_endpoint *old;

	old = rcu_dereference_protected(path->endpoint,
					lockdep_is_held(&path->endpoint_lock));
	rcu_assign_pointer(path->endpoint, ep);
	/* Senders that read the old one finish with its routes first. */
	call_rcu(&old->rcu, endpoint_free_rcu);
}

/* The path's endpoint as it is now, without its route cache; any context. */
void mpvpn_path_endpoint_get(struct mpvpn_path *path,
			     struct mpvpn_endpoint *out)
{
	const struct mpvpn_endpoint *ep;

	rcu_read_lock();
	ep = rcu_dereference(path->endpoint);
	memcpy(out, ep, offsetof(struct mpvpn_endpoint, dst_cache));
	rcu_read_unlock();
}

static int endpoint_validate(struct mpvpn_device *mpvpn,
			     const struct mpvpn_endpoint *ep,
			     struct netlink_ext_ack *extack)
{
	struct net *net = rtnl_dereference(mpvpn->creating_net);

	if (!net) {
		NL_SET_ERR_MSG(extack, "the namespace that created the device is gone");
		return -ENETUNREACH;
	}
	if (ep->local_ifindex && !__dev_get_by_index(net, ep->local_ifindex)) {
		NL_SET_ERR_MSG(extack, "no such underlay device where the tunnel socket is");
		return -ENODEV;
	}
	if (ep->family == AF_INET6 && !IS_ENABLED(CONFIG_IPV6)) {
		NL_SET_ERR_MSG(extack, "IPv6 underlay needs a kernel with IPv6");
		return -EAFNOSUPPORT;
	}
	return 0;
}

/* The device the path leaves through, when the endpoint names one. */
static struct net_device *underlay_dev(struct net *net,
				       const struct mpvpn_endpoint *ep)
{
	if (ep->local_ifindex)
		return __dev_get_by_index(net, ep->local_ifindex);
	if (!ep->has_local)
		return NULL;
	if (ep->family == AF_INET)
		return __ip_dev_find(net, ep->local.ip4, false);
	if (IS_ENABLED(CONFIG_IPV6) && ipv6_stub->ipv6_dev_find)
		return ipv6_stub->ipv6_dev_find(net, &ep->local.ip6, NULL);
	return NULL;
}

/*
 * Whether @dev has an address the path can send from: one of @family
 * (any, when the path has no family yet) that is not link-local. RCU.
 */
static bool dev_has_address(struct net_device *dev, sa_family_t family)
{
	bool found = false;

	if (family != AF_INET6) {
		struct in_device *in_dev = __in_dev_get_rcu(dev);

		found = in_dev && rcu_access_pointer(in_dev->ifa_list);
	}
#if IS_ENABLED(CONFIG_IPV6)
	if (!found && family != AF_INET) {
		struct inet6_dev *idev = __in6_dev_get(dev);
		struct inet6_ifaddr *ifa;

		if (idev) {
			read_lock_bh(&idev->lock);
			list_for_each_entry(ifa, &idev->addr_list, if_list) {
				if (!(ifa->scope & IFA_LINK) &&
				    !(ifa->flags & IFA_F_TENTATIVE)) {
					found = true;
					break;
				}
			}
			read_unlock_bh(&idev->lock);
		}
	}
#endif
	return found;
}

/*
 * Whether the path has its local address: the one it names is on a device
 * of @net, or the device it is bound to has one to send from. A path that
 * names neither leaves the choice to the routing table. RCU.
 */
static bool local_address_present(struct net *net,
				  const struct mpvpn_endpoint *ep,
				  struct net_device *dev)
{
	if (ep->has_local)
		return dev;	/* underlay_dev() found the address's device */
	if (ep->local_ifindex)
		return dev && dev_has_address(dev, ep->family);
	return true;
}

/*
 * Re-reads carrier, local address and MTU of the underlay. A path that
 * names a device or a local address has carrier only while that device is
 * up with carrier; a path that names neither follows the routing table
 * and is assumed to have carrier (in-band probes will tell). Returns the
 * reason to announce when the carrier or the local address changed, else
 * MPVPN_REASON_NONE.
 */
enum mpvpn_reason mpvpn_path_refresh_link(struct mpvpn_path *path)
{
	struct mpvpn_device *mpvpn = path->mpvpn;
	struct net *net = rtnl_dereference(mpvpn->creating_net);
	bool carrier, named, local_ok = false;
	unsigned int mtu = ETH_DATA_LEN;
	struct net_device *dev = NULL;
	struct mpvpn_endpoint ep;

	ASSERT_RTNL();
	mpvpn_path_endpoint_get(path, &ep);
	named = ep.local_ifindex || ep.has_local;
	if (net) {
		rcu_read_lock();
		dev = underlay_dev(net, &ep);
		if (dev && dev->reg_state != NETREG_REGISTERED)
			dev = NULL;
		if (dev) {
			mtu = READ_ONCE(dev->mtu);
			WRITE_ONCE(path->underlay_ll_room,
				   LL_RESERVED_SPACE(dev));
		}
		local_ok = local_address_present(net, &ep, dev);
		/* A named local address that is gone is not a carrier loss. */
		if (ep.has_local && !local_ok)
			carrier = path->carrier;
		else
			carrier = dev ? netif_running(dev) &&
					netif_carrier_ok(dev) : !named;
		rcu_read_unlock();
	} else {
		carrier = false;
	}
	rcu_assign_pointer(path->underlay, dev);

	WRITE_ONCE(path->underlay_mtu, mtu);
	if (local_ok != path->local_ok) {
		WRITE_ONCE(path->local_ok, local_ok);
		WRITE_ONCE(path->carrier, carrier);
		return local_ok ? MPVPN_REASON_CONFIG :
				  MPVPN_REASON_NO_LOCAL_ADDRESS;
	}
	if (carrier == path->carrier)
		return MPVPN_REASON_NONE;
	WRITE_ONCE(path->carrier, carrier);
	return carrier ? MPVPN_REASON_CARRIER_UP : MPVPN_REASON_CARRIER_LOST;
}

/*
 * Routes cached for the path may hold a source address that is gone or
 * no longer the one the routing table would choose: the path gets an
 * endpoint with an empty route cache. May sleep.
 */
static void renew_routes(struct mpvpn_path *path)
{
	struct mpvpn_endpoint now, *ep, *old;

	mpvpn_path_endpoint_get(path, &now);
	ep = endpoint_alloc(&now, GFP_KERNEL);
	if (!ep)
		return;
	spin_lock_bh(&path->endpoint_lock);
	old = rcu_dereference_protected(path->endpoint,
					lockdep_is_held(&path->endpoint_lock));
	/* What a roam put in place meanwhile stays, with its own routes. */
	if (!endpoint_same(old, &now))
		call_rcu(&ep->rcu, endpoint_free_rcu);
	else
		endpoint_replace_locked(path, ep);
	spin_unlock_bh(&path->endpoint_lock);
}

static u32 free_path_id(struct mpvpn_device *mpvpn)
{
	DECLARE_BITMAP(used, MPVPN_MAX_PATHS + 1) = { 0 };
	struct mpvpn_path *path;

	list_for_each_entry(path, &mpvpn->paths, node)
		__set_bit(path->id, used);
	return find_next_zero_bit(used, MPVPN_MAX_PATHS + 1, 1);
}

struct mpvpn_path *mpvpn_path_find_rtnl(struct mpvpn_device *mpvpn, u32 id,
					const char *name)
{
	struct mpvpn_path *path;

	ASSERT_RTNL();
	list_for_each_entry(path, &mpvpn->paths, node) {
		if (id && path->id == id)
			return path;
		if (name && !strcmp(path->name, name))
			return path;
	}
	return NULL;
}

static int check_unique(struct mpvpn_device *mpvpn,
			const struct mpvpn_path_config *cfg,
			struct netlink_ext_ack *extack)
{
	if (mpvpn->path_count >= MPVPN_MAX_PATHS) {
		NL_SET_ERR_MSG(extack, "a device has at most "
			       __stringify(MPVPN_MAX_PATHS) " paths");
		return -ENOSPC;
	}
	if (mpvpn_path_find_rtnl(mpvpn, 0, cfg->name)) {
		NL_SET_ERR_MSG(extack, "a path of that name exists on the device");
		return -EEXIST;
	}
	if (test_bit(MPVPN_PATH_SET_ID, &cfg->set) &&
	    mpvpn_path_find_rtnl(mpvpn, cfg->id, NULL)) {
		NL_SET_ERR_MSG(extack, "a path with that id exists on the device");
		return -EEXIST;
	}
	return 0;
}

/* Thresholds: the device's, except those the path overrides. */
static void merge_health(struct mpvpn_health_config *out,
			 const struct mpvpn_health_config *defaults,
			 const struct mpvpn_health_config *own, u32 overrides)
{
	int attr;

	for (attr = 0; attr <= MPVPN_HEALTH_A_MAX; attr++)
		out->value[attr] = overrides & BIT(attr) ? own->value[attr] :
							    defaults->value[attr];
}

/*
 * The path's thresholds after @cfg, on top of the overrides it has
 * (@current_overrides, with their values in @current_cfg), checked.
 */
static int plan_health(struct mpvpn_device *mpvpn,
		       const struct mpvpn_path_config *cfg,
		       const struct mpvpn_health_config *current_cfg,
		       u32 current_overrides, struct mpvpn_health_config *own,
		       u32 *overrides, struct netlink_ext_ack *extack)
{
	*overrides = cfg->health_reset ? 0 : current_overrides;
	merge_health(own, &mpvpn->health_defaults, current_cfg, *overrides);
	merge_health(own, own, &cfg->health, cfg->health_overrides);
	*overrides |= cfg->health_overrides;
	return mpvpn_health_config_check(own, extack);
}

/*
 * Installs thresholds: @cfg's values for the attributes in @overrides,
 * the device's for the rest. The probe timer reads them without a lock,
 * one value at a time.
 */
void mpvpn_path_apply_health(struct mpvpn_path *path,
			     const struct mpvpn_health_config *cfg,
			     u32 overrides)
{
	struct mpvpn_health_config merged;
	int attr;

	ASSERT_RTNL();
	merge_health(&merged, &path->mpvpn->health_defaults, cfg, overrides);
	for (attr = 0; attr <= MPVPN_HEALTH_A_MAX; attr++)
		WRITE_ONCE(path->health_cfg.value[attr], merged.value[attr]);
	path->health_overrides = overrides;
}

static struct mpvpn_path *path_alloc(const struct mpvpn_path_config *cfg)
{
	struct mpvpn_endpoint *ep;
	struct mpvpn_path *path;

	path = kzalloc(sizeof(*path), GFP_KERNEL);
	if (!path)
		return NULL;
	path->counters = mpvpn_counters_alloc();
	if (!path->counters)
		goto err_path;
	ep = endpoint_alloc(&cfg->endpoint, GFP_KERNEL);
	if (!ep)
		goto err_counters;
	spin_lock_init(&path->endpoint_lock);
	RCU_INIT_POINTER(path->endpoint, ep);
	return path;

err_counters:
	free_percpu(path->counters);
err_path:
	kfree(path);
	return NULL;
}

struct mpvpn_path *mpvpn_path_create(struct mpvpn_device *mpvpn,
				     const struct mpvpn_path_config *cfg,
				     struct netlink_ext_ack *extack)
{
	struct mpvpn_health_config health;
	struct mpvpn_path *path;
	u32 overrides;
	int ret;

	ASSERT_RTNL();
	ret = check_unique(mpvpn, cfg, extack);
	if (!ret)
		ret = endpoint_validate(mpvpn, &cfg->endpoint, extack);
	if (!ret)
		ret = plan_health(mpvpn, cfg, &mpvpn->health_defaults, 0,
				  &health, &overrides, extack);
	if (ret)
		return ERR_PTR(ret);

	path = path_alloc(cfg);
	if (!path)
		return ERR_PTR(-ENOMEM);
	path->mpvpn = mpvpn;
	path->id = test_bit(MPVPN_PATH_SET_ID, &cfg->set) ? cfg->id :
		   free_path_id(mpvpn);
	strscpy(path->name, cfg->name, sizeof(path->name));
	path->priority = cfg->priority;
	path->weight = cfg->weight;
	path->bandwidth_kbps = cfg->bandwidth_kbps;
	path->admin_up = cfg->admin_up;
	path->state = MPVPN_PATH_STATE_DOWN;
	mpvpn_path_apply_health(path, &health, overrides);
	mpvpn_health_init(path);
	mpvpn_path_refresh_link(path);
	path->mtu_announced = mpvpn_path_mtu(path);

	list_add_tail_rcu(&path->node, &mpvpn->paths);
	rcu_assign_pointer(mpvpn->path_by_id[path->id], path);
	mpvpn->path_count++;
	mpvpn_config_changed(mpvpn);
	netdev_dbg(mpvpn->dev, "path %s created\n", path->name);

	mpvpn_device_update_mtu(mpvpn);
	if (path->admin_up && netif_running(mpvpn->dev))
		mpvpn_health_start(path);
	mpvpn_state_update(mpvpn, path, MPVPN_REASON_PATH_ADDED);
	return path;
}

static void path_free_rcu(struct rcu_head *rcu)
{
	struct mpvpn_path *path = container_of(rcu, struct mpvpn_path, rcu);

	struct mpvpn_endpoint *ep = rcu_access_pointer(path->endpoint);

	free_percpu(path->counters);
	/*
	 * The last endpoint: a roam cannot replace it any more, and any
	 * endpoint it replaced earlier has its own grace period queued.
	 */
	dst_cache_destroy(&ep->dst_cache);
	kfree(ep);
	kfree(path);
}

void mpvpn_path_remove(struct mpvpn_path *path)
{
	struct mpvpn_device *mpvpn = path->mpvpn;

	ASSERT_RTNL();
	mpvpn_health_stop(path);
	/* Unlink first so the failover choice below cannot pick it again. */
	list_del_rcu(&path->node);
	RCU_INIT_POINTER(mpvpn->path_by_id[path->id], NULL);
	mpvpn->path_count--;
	mpvpn_config_changed(mpvpn);
	path->state = MPVPN_PATH_STATE_DOWN;
	path->state_reason = MPVPN_REASON_PATH_REMOVED;
	mpvpn_state_update(mpvpn, path, MPVPN_REASON_PATH_REMOVED);
	mpvpn_device_update_mtu(mpvpn);
	netdev_dbg(mpvpn->dev, "path %s destroyed\n", path->name);
	/* Readers that found it under RCU finish before it is freed. */
	call_rcu(&path->rcu, path_free_rcu);
}

void mpvpn_path_remove_all(struct mpvpn_device *mpvpn)
{
	struct mpvpn_path *path, *tmp;

	list_for_each_entry_safe(path, tmp, &mpvpn->paths, node)
		mpvpn_path_remove(path);
}

/*
 * The operator's endpoint for the path: it replaces what the path has,
 * learned or not. The caller built @want from the path's endpoint of a
 * moment ago; a roam since then is undone, as if it came before.
 */
static int update_endpoint(struct mpvpn_path *path,
			   const struct mpvpn_endpoint *want,
			   struct netlink_ext_ack *extack)
{
	struct mpvpn_endpoint now, *ep;
	int ret;

	mpvpn_path_endpoint_get(path, &now);
	if (endpoint_same(&now, want))
		return 0;
	ret = endpoint_validate(path->mpvpn, want, extack);
	if (ret)
		return ret;
	ep = endpoint_alloc(want, GFP_KERNEL);
	if (!ep)
		return -ENOMEM;
	spin_lock_bh(&path->endpoint_lock);
	endpoint_replace_locked(path, ep);
	path->roamed = false;
	spin_unlock_bh(&path->endpoint_lock);
	return 0;
}

int mpvpn_path_update(struct mpvpn_path *path,
		      const struct mpvpn_path_config *cfg,
		      struct netlink_ext_ack *extack)
{
	struct mpvpn_device *mpvpn = path->mpvpn;
	enum mpvpn_reason reason = MPVPN_REASON_CONFIG;
	struct mpvpn_health_config health;
	u32 overrides;
	int ret;

	ASSERT_RTNL();
	if (test_bit(MPVPN_PATH_SET_HEALTH, &cfg->set)) {
		ret = plan_health(mpvpn, cfg, &path->health_cfg,
				  path->health_overrides, &health, &overrides,
				  extack);
		if (ret)
			return ret;
	}
	if (test_bit(MPVPN_PATH_SET_ENDPOINT, &cfg->set)) {
		ret = update_endpoint(path, &cfg->endpoint, extack);
		if (ret)
			return ret;
		mpvpn_path_refresh_link(path);
		mpvpn_device_update_mtu(mpvpn);
	}
	if (test_bit(MPVPN_PATH_SET_PRIORITY, &cfg->set))
		WRITE_ONCE(path->priority, cfg->priority);
	if (test_bit(MPVPN_PATH_SET_WEIGHT, &cfg->set))
		WRITE_ONCE(path->weight, cfg->weight);
	if (test_bit(MPVPN_PATH_SET_BANDWIDTH, &cfg->set))
		WRITE_ONCE(path->bandwidth_kbps, cfg->bandwidth_kbps);
	if (test_bit(MPVPN_PATH_SET_HEALTH, &cfg->set))
		mpvpn_path_apply_health(path, &health, overrides);
	if (test_bit(MPVPN_PATH_SET_ADMIN, &cfg->set) &&
	    cfg->admin_up != path->admin_up) {
		WRITE_ONCE(path->admin_up, cfg->admin_up);
		reason = cfg->admin_up ? MPVPN_REASON_ADMIN_UP :
					 MPVPN_REASON_ADMIN_DOWN;
		/* Out of service: no probes, no answers; back: from scratch. */
		if (!cfg->admin_up)
			mpvpn_health_stop(path);
		else if (netif_running(mpvpn->dev))
			mpvpn_health_start(path);
	}
	mpvpn_config_changed(mpvpn);
	mpvpn_state_update(mpvpn, path, reason);
	return 0;
}

/*
 * The peer sent an authentic, new packet of @path from @addr:@port, which
 * is not the path's remote endpoint: the endpoint follows it (NAT
 * rebinding, a new address of the peer, a listening path's first packet).
 * The receive path checked that the path may roam; softirq. Returns
 * whether it moved: the caller has state_work announce it, under RTNL.
 */
bool mpvpn_path_roam(struct mpvpn_path *path, sa_family_t family,
		     const union mpvpn_addr *addr, __be16 port)
{
	struct mpvpn_endpoint *old, *ep;
	bool moved = false;

	spin_lock_bh(&path->endpoint_lock);
	old = rcu_dereference_protected(path->endpoint,
					lockdep_is_held(&path->endpoint_lock));
	/* Another CPU may have moved it here a moment ago. */
	if (mpvpn_endpoint_is(old, family, addr, port))
		goto out;
	ep = endpoint_alloc(old, GFP_ATOMIC);
	if (!ep)
		goto out;
	if (!path->roamed) {
		path->roamed_from.family = old->family;
		path->roamed_from.has_remote = old->has_remote;
		path->roamed_from.remote = old->remote;
		path->roamed_from.port = old->remote_port;
		path->roamed = true;
	}
	ep->family = family;
	ep->remote = *addr;
	ep->remote_port = port;
	ep->has_remote = true;
	ep->remote_learned = true;
	endpoint_replace_locked(path, ep);
	WRITE_ONCE(path->endpoint_heard, jiffies);
	moved = true;
out:
	spin_unlock_bh(&path->endpoint_lock);
	return moved;
}

/*
 * Whether the path roamed since the last call, and from where; for
 * state_work, which announces it.
 */
bool mpvpn_path_take_roam(struct mpvpn_path *path,
			  struct mpvpn_endpoint_addr *from)
{
	bool roamed;

	spin_lock_bh(&path->endpoint_lock);
	roamed = path->roamed;
	if (roamed)
		*from = path->roamed_from;
	path->roamed = false;
	spin_unlock_bh(&path->endpoint_lock);
	return roamed;
}

/* Underlay carrier and MTU changes of any device in a tunnel's namespace. */
void mpvpn_paths_refresh(struct mpvpn_device *mpvpn)
{
	struct mpvpn_path *path;
	enum mpvpn_reason reason;

	list_for_each_entry(path, &mpvpn->paths, node) {
		reason = mpvpn_path_refresh_link(path);
		if (reason != MPVPN_REASON_NONE)
			mpvpn_state_update(mpvpn, path, reason);
	}
	mpvpn_device_update_mtu(mpvpn);
}

/* An address came or went in the namespace of the device's sockets. */
static void paths_addresses_changed(struct mpvpn_device *mpvpn)
{
	struct mpvpn_path *path;

	list_for_each_entry(path, &mpvpn->paths, node)
		renew_routes(path);
	mpvpn_paths_refresh(mpvpn);
}

/*
 * New device defaults: every path follows them where it does not override
 * them, and every path's thresholds must stay consistent.
 */
int mpvpn_paths_check_health_defaults(struct mpvpn_device *mpvpn,
				      const struct mpvpn_health_config *defaults,
				      struct netlink_ext_ack *extack)
{
	struct mpvpn_health_config merged;
	struct mpvpn_path *path;
	int ret;

	ASSERT_RTNL();
	ret = mpvpn_health_config_check(defaults, extack);
	if (ret)
		return ret;
	list_for_each_entry(path, &mpvpn->paths, node) {
		merge_health(&merged, defaults, &path->health_cfg,
			     path->health_overrides);
		if (mpvpn_health_config_check(&merged, NULL)) {
			NL_SET_ERR_MSG(extack, "a path's own thresholds would cross these levels");
			return -EINVAL;
		}
	}
	return 0;
}

/* Defaults that mpvpn_paths_check_health_defaults() accepted; cannot fail. */
void mpvpn_paths_set_health_defaults(struct mpvpn_device *mpvpn,
				     const struct mpvpn_health_config *defaults)
{
	struct mpvpn_path *path;

	ASSERT_RTNL();
	mpvpn->health_defaults = *defaults;
	list_for_each_entry(path, &mpvpn->paths, node)
		mpvpn_path_apply_health(path, &path->health_cfg,
					path->health_overrides);
	mpvpn_config_changed(mpvpn);
}

/* The device went up or down: probes follow it. */
void mpvpn_paths_start(struct mpvpn_device *mpvpn)
{
	struct mpvpn_path *path;

	list_for_each_entry(path, &mpvpn->paths, node) {
		if (path->admin_up)
			mpvpn_health_start(path);
	}
	mpvpn_state_refresh(mpvpn);
}

void mpvpn_paths_stop(struct mpvpn_device *mpvpn)
{
	struct mpvpn_path *path;

	list_for_each_entry(path, &mpvpn->paths, node)
		mpvpn_health_stop(path);
	mpvpn_state_refresh(mpvpn);
}

static int netdev_event(struct notifier_block *nb, unsigned long event,
			void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct mpvpn_device *mpvpn;

	switch (event) {
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
	case NETDEV_CHANGEMTU:
	case NETDEV_REGISTER:
	case NETDEV_UNREGISTER:
		break;
	default:
		return NOTIFY_DONE;
	}
	if (mpvpn_is_device(dev))
		return NOTIFY_DONE;

	list_for_each_entry(mpvpn, &mpvpn_device_list, device_list) {
		if (rtnl_dereference(mpvpn->creating_net) == dev_net(dev))
			mpvpn_paths_refresh(mpvpn);
	}
	return NOTIFY_DONE;
}

static struct notifier_block netdev_notifier = {
	.notifier_call = netdev_event,
};

/* IPv4 addresses: the chain is called under RTNL. */
static int inetaddr_event(struct notifier_block *nb, unsigned long event,
			  void *ptr)
{
	const struct in_ifaddr *ifa = ptr;
	struct net *net = dev_net(ifa->ifa_dev->dev);
	struct mpvpn_device *mpvpn;

	ASSERT_RTNL();
	list_for_each_entry(mpvpn, &mpvpn_device_list, device_list) {
		if (rtnl_dereference(mpvpn->creating_net) == net)
			paths_addresses_changed(mpvpn);
	}
	return NOTIFY_DONE;
}

static struct notifier_block inetaddr_notifier = {
	.notifier_call = inetaddr_event,
};

/*
 * IPv6 addresses: the chain is atomic and called with or without RTNL,
 * so every device is refreshed from a work item.
 */
static void inet6addr_work_fn(struct work_struct *work)
{
	struct mpvpn_device *mpvpn;

	rtnl_lock();
	list_for_each_entry(mpvpn, &mpvpn_device_list, device_list)
		paths_addresses_changed(mpvpn);
	rtnl_unlock();
}

static DECLARE_WORK(inet6addr_work, inet6addr_work_fn);

static int inet6addr_event(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	schedule_work(&inet6addr_work);
	return NOTIFY_DONE;
}

static struct notifier_block inet6addr_notifier = {
	.notifier_call = inet6addr_event,
};

int mpvpn_path_notifier_init(void)
{
	int ret;

	ret = register_netdevice_notifier(&netdev_notifier);
	if (ret)
		return ret;
	ret = register_inetaddr_notifier(&inetaddr_notifier);
	if (ret)
		goto err_netdev;
	if (IS_ENABLED(CONFIG_IPV6)) {
		ret = register_inet6addr_notifier(&inet6addr_notifier);
		if (ret)
			goto err_inetaddr;
	}
	return 0;

err_inetaddr:
	unregister_inetaddr_notifier(&inetaddr_notifier);
err_netdev:
	unregister_netdevice_notifier(&netdev_notifier);
	return ret;
}

void mpvpn_path_notifier_uninit(void)
{
	if (IS_ENABLED(CONFIG_IPV6))
		unregister_inet6addr_notifier(&inet6addr_notifier);
	/* A queued refresh would find no devices, but must not outlive us. */
	flush_work(&inet6addr_work);
	unregister_inetaddr_notifier(&inetaddr_notifier);
	unregister_netdevice_notifier(&netdev_notifier);
}

#ifdef MPVPN_KUNIT
#include "tests/path_test.c"
#endif
