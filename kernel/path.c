// SPDX-License-Identifier: GPL-2.0
/*
 * Paths: creation, change and removal, matching a received packet to its
 * path, and following the underlay device's carrier and MTU.
 *
 * Writers hold RTNL. The data path finds paths under RCU (mpvpn->active,
 * the mpvpn->paths list) and reads path->endpoint with rcu_dereference();
 * a removed path is unlinked, then freed after a grace period.
 */

#include "path.h"
#include "device.h"
#include "state.h"

#include <linux/inetdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/stringify.h>
#include <net/ipv6_stubs.h>

static bool endpoint_same(const struct mpvpn_endpoint *a,
			  const struct mpvpn_endpoint *b)
{
	return a->family == b->family && a->has_local == b->has_local &&
	       !memcmp(&a->local, &b->local, sizeof(a->local)) &&
	       !memcmp(&a->remote, &b->remote, sizeof(a->remote)) &&
	       a->remote_port == b->remote_port &&
	       a->local_ifindex == b->local_ifindex;
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
 * Re-reads carrier and MTU of the underlay. A path that names a device or a
 * local address has carrier only while that device is up with carrier; a
 * path that names neither follows the routing table and is assumed to have
 * carrier (in-band probes will tell). Returns true when the carrier changed.
 */
bool mpvpn_path_refresh_link(struct mpvpn_path *path)
{
	struct mpvpn_device *mpvpn = path->mpvpn;
	struct net *net = rtnl_dereference(mpvpn->creating_net);
	const struct mpvpn_endpoint *ep = rtnl_dereference(path->endpoint);
	struct net_device *dev = NULL;
	bool carrier, named = ep->local_ifindex || ep->has_local;
	unsigned int mtu = ETH_DATA_LEN;

	ASSERT_RTNL();
	if (net) {
		rcu_read_lock();
		dev = underlay_dev(net, ep);
		if (dev && dev->reg_state != NETREG_REGISTERED)
			dev = NULL;
		if (dev)
			mtu = READ_ONCE(dev->mtu);
		carrier = dev ? netif_running(dev) && netif_carrier_ok(dev) : !named;
		rcu_read_unlock();
	} else {
		carrier = false;
	}
	rcu_assign_pointer(path->underlay, dev);

	WRITE_ONCE(path->underlay_mtu, mtu);
	if (carrier == path->carrier)
		return false;
	WRITE_ONCE(path->carrier, carrier);
	return true;
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
	ep = kmemdup(&cfg->endpoint, sizeof(*ep), GFP_KERNEL);
	if (!path || !ep)
		goto err;
	path->counters = mpvpn_counters_alloc();
	if (!path->counters)
		goto err;
	if (dst_cache_init(&path->dst_cache, GFP_KERNEL))
		goto err_counters;
	RCU_INIT_POINTER(path->endpoint, ep);
	return path;

err_counters:
	free_percpu(path->counters);
err:
	kfree(ep);
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

	list_add_tail_rcu(&path->node, &mpvpn->paths);
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

	dst_cache_destroy(&path->dst_cache);
	free_percpu(path->counters);
	kfree(rcu_access_pointer(path->endpoint));
	kfree(path);
}

void mpvpn_path_remove(struct mpvpn_path *path)
{
	struct mpvpn_device *mpvpn = path->mpvpn;

	ASSERT_RTNL();
	mpvpn_health_stop(path);
	/* Unlink first so the failover choice below cannot pick it again. */
	list_del_rcu(&path->node);
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

static int update_endpoint(struct mpvpn_path *path,
			   const struct mpvpn_endpoint *want,
			   struct netlink_ext_ack *extack)
{
	struct mpvpn_endpoint *old = rtnl_dereference(path->endpoint), *ep;
	int ret;

	if (endpoint_same(old, want))
		return 0;
	ret = endpoint_validate(path->mpvpn, want, extack);
	if (ret)
		return ret;
	ep = kmemdup(want, sizeof(*ep), GFP_KERNEL);
	if (!ep)
		return -ENOMEM;
	rcu_assign_pointer(path->endpoint, ep);
	kfree_rcu(old, rcu);
	/* Cached routes lead to the old endpoint. */
	dst_cache_reset(&path->dst_cache);
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

static bool addr_equal(sa_family_t family, const union mpvpn_addr *a,
		       const union mpvpn_addr *b)
{
	if (family == AF_INET)
		return a->ip4 == b->ip4;
	return ipv6_addr_equal(&a->ip6, &b->ip6);
}

/*
 * A packet belongs to the path whose remote endpoint sent it and, when the
 * path names a local address or device, which received it there. Several
 * paths may share a remote endpoint (one hub, several local links).
 * Packets are accepted on every configured path, whatever its state: the
 * peer chooses its sending path on its own view of the links.
 */
struct mpvpn_path *mpvpn_path_match_rcu(struct mpvpn_device *mpvpn,
					sa_family_t family,
					const union mpvpn_addr *saddr,
					__be16 sport,
					const union mpvpn_addr *daddr,
					int iif)
{
	const struct mpvpn_endpoint *ep;
	struct mpvpn_path *path;

	list_for_each_entry_rcu(path, &mpvpn->paths, node) {
		ep = rcu_dereference(path->endpoint);
		if (ep->family != family || ep->remote_port != sport ||
		    !addr_equal(family, &ep->remote, saddr))
			continue;
		if (ep->has_local && !addr_equal(family, &ep->local, daddr))
			continue;
		if (ep->local_ifindex && ep->local_ifindex != iif)
			continue;
		return path;
	}
	return NULL;
}

/* Underlay carrier and MTU changes of any device in a tunnel's namespace. */
void mpvpn_paths_refresh(struct mpvpn_device *mpvpn)
{
	struct mpvpn_path *path;

	list_for_each_entry(path, &mpvpn->paths, node) {
		if (mpvpn_path_refresh_link(path))
			mpvpn_state_update(mpvpn, path, path->carrier ?
					   MPVPN_REASON_CARRIER_UP :
					   MPVPN_REASON_CARRIER_LOST);
	}
	mpvpn_device_update_mtu(mpvpn);
}

/*
 * New device defaults: every path follows them where it does not override
 * them, and every path's thresholds must stay consistent.
 */
int mpvpn_paths_set_health_defaults(struct mpvpn_device *mpvpn,
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
	mpvpn->health_defaults = *defaults;
	list_for_each_entry(path, &mpvpn->paths, node)
		mpvpn_path_apply_health(path, &path->health_cfg,
					path->health_overrides);
	mpvpn_config_changed(mpvpn);
	return 0;
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

int mpvpn_path_notifier_init(void)
{
	return register_netdevice_notifier(&netdev_notifier);
}

void mpvpn_path_notifier_uninit(void)
{
	unregister_netdevice_notifier(&netdev_notifier);
}
