// SPDX-License-Identifier: GPL-2.0
/*
 * Requests of the family taken apart: health thresholds, encryption,
 * addresses and endpoints, path settings and pushed verdicts. Each checks
 * what the policies (netlink-gen.c) cannot and names the attribute at
 * fault in the extended ack; none of them changes the device.
 */

#include "netlink_parse.h"
#include "netlink-gen.h"
#include "device.h"
#include "path.h"

#include <net/genetlink.h>
#include <net/ipv6.h>

/* Health */

/*
 * Health thresholds from a MPVPN_A_HEALTH or MPVPN_PATH_A_HEALTH nest on
 * top of @cfg; @overrides gets a bit per attribute given.
 */
int mpvpn_nl_parse_health(struct nlattr *nest, struct mpvpn_health_config *cfg,
			  u32 *overrides, bool *reset,
			  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[MPVPN_HEALTH_A_MAX + 1];
	int attr, ret;

	ret = nla_parse_nested(tb, MPVPN_HEALTH_A_MAX, nest,
			       mpvpn_health_nl_policy, extack);
	if (ret)
		return ret;
	*overrides = 0;
	for (attr = MPVPN_HEALTH_A_PROBE_INTERVAL_MS;
	     attr <= MPVPN_HEALTH_A_HOLD_MS; attr++) {
		if (!tb[attr])
			continue;
		cfg->value[attr] = nla_get_u32(tb[attr]);
		*overrides |= BIT(attr);
	}
	if (tb[MPVPN_HEALTH_A_RESET] && !reset) {
		NL_SET_ERR_MSG_ATTR(extack, tb[MPVPN_HEALTH_A_RESET],
				    "only a path can drop its own thresholds");
		return -EINVAL;
	}
	if (reset)
		*reset = !!tb[MPVPN_HEALTH_A_RESET];
	return 0;
}

/* Encryption */

/*
 * The encryption setting of a MPVPN_CMD_DEV_SET request, checked against
 * the handshake's keys of the same request (@identity) and the device's
 * setting: a cipher needs keys, plaintext takes none. The root keys of
 * wire version 1 (MPVPN_A_KEYS) are refused: the handshake replaced them.
 */
int mpvpn_nl_parse_crypto(struct mpvpn_device *mpvpn, struct nlattr **attrs,
			  const struct mpvpn_nl_identity *identity,
			  struct netlink_ext_ack *extack)
{
	u8 encryption;

	if (attrs[MPVPN_A_KEYS]) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[MPVPN_A_KEYS],
				    "root keys are no more: the handshake's private-key and peer-public-key replace them");
		return -EINVAL;
	}
	if (!attrs[MPVPN_A_ENCRYPTION])
		return 0;
	encryption = nla_get_u8(attrs[MPVPN_A_ENCRYPTION]);
	if (encryption == MPVPN_ENCRYPTION_NONE && identity->private_key) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[MPVPN_A_ENCRYPTION],
				    "plaintext takes no keys");
		return -EINVAL;
	}
	if (encryption == MPVPN_ENCRYPTION_CHACHA20_POLY1305 &&
	    !identity->private_key &&
	    mpvpn_crypto_encryption(&mpvpn->crypto) != encryption) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[MPVPN_A_ENCRYPTION],
				    "encryption needs the handshake's keys (private-key, peer-public-key)");
		return -EINVAL;
	}
	return 0;
}

/*
 * The handshake's keys of a MPVPN_CMD_DEV_SET request: the private key and
 * the peer's public key together, the pre-shared key only with them, and a
 * pair that X25519 can use.
 */
int mpvpn_nl_parse_identity(struct nlattr **attrs,
			    struct mpvpn_nl_identity *identity,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *priv = attrs[MPVPN_A_PRIVATE_KEY];
	struct nlattr *peer = attrs[MPVPN_A_PEER_PUBLIC_KEY];
	struct nlattr *psk = attrs[MPVPN_A_PRESHARED_KEY];

	memset(identity, 0, sizeof(*identity));
	if (!priv && !peer && !psk)
		return 0;
	if (!priv || !peer) {
		NL_SET_ERR_MSG_ATTR(extack, priv ?: peer ?: psk,
				    "the private key and the peer's public key go together");
		return -EINVAL;
	}
	if (!mpvpn_noise_keys_usable(nla_data(priv), nla_data(peer))) {
		NL_SET_ERR_MSG_ATTR(extack, peer,
				    "the peer's public key is not a usable X25519 key");
		return -EINVAL;
	}
	identity->private_key = nla_data(priv);
	identity->peer_public = nla_data(peer);
	identity->psk = psk ? nla_data(psk) : NULL;
	return 0;
}

/* Paths */

static int parse_addr(struct nlattr *attr, sa_family_t *family,
		      union mpvpn_addr *addr, struct netlink_ext_ack *extack)
{
	memset(addr, 0, sizeof(*addr));
	switch (nla_len(attr)) {
	case sizeof(struct in_addr):
		*family = AF_INET;
		addr->ip4 = nla_get_in_addr(attr);
		return 0;
	case sizeof(struct in6_addr):
		*family = AF_INET6;
		addr->ip6 = nla_get_in6_addr(attr);
		return 0;
	default:
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "an address is 4 (IPv4) or 16 (IPv6) bytes");
		return -EINVAL;
	}
}

static bool remote_usable(sa_family_t family, const union mpvpn_addr *addr)
{
	if (family == AF_INET)
		return !ipv4_is_zeronet(addr->ip4) &&
		       !ipv4_is_multicast(addr->ip4) &&
		       !ipv4_is_lbcast(addr->ip4);
	return !ipv6_addr_any(&addr->ip6) && !ipv6_addr_is_multicast(&addr->ip6);
}

/* Applies the endpoint attributes of @tb on top of @ep. */
int mpvpn_nl_parse_endpoint(struct nlattr **tb, struct mpvpn_endpoint *ep,
			    struct netlink_ext_ack *extack)
{
	sa_family_t local_family = 0, old_family = ep->family;
	int ret;

	if (tb[MPVPN_PATH_A_REMOTE_ADDR]) {
		ret = parse_addr(tb[MPVPN_PATH_A_REMOTE_ADDR], &ep->family,
				 &ep->remote, extack);
		if (ret)
			return ret;
		if (!remote_usable(ep->family, &ep->remote)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[MPVPN_PATH_A_REMOTE_ADDR],
					    "the remote address must be a unicast address");
			return -EINVAL;
		}
		/* The operator's word replaces what the path learned. */
		ep->has_remote = true;
		ep->remote_learned = false;
	}
	if (tb[MPVPN_PATH_A_REMOTE_PORT])
		ep->remote_port = htons(nla_get_u16(tb[MPVPN_PATH_A_REMOTE_PORT]));
	if (tb[MPVPN_PATH_A_REMOTE_FIXED])
		ep->remote_fixed = nla_get_u8(tb[MPVPN_PATH_A_REMOTE_FIXED]);
	if (ep->remote_fixed && !ep->has_remote) {
		NL_SET_ERR_MSG(extack, "a pinned remote needs an address and port");
		return -EINVAL;
	}
	if (tb[MPVPN_PATH_A_LOCAL_IFINDEX])
		ep->local_ifindex = nla_get_u32(tb[MPVPN_PATH_A_LOCAL_IFINDEX]);
	if (tb[MPVPN_PATH_A_LOCAL_ADDR]) {
		ret = parse_addr(tb[MPVPN_PATH_A_LOCAL_ADDR], &local_family,
				 &ep->local, extack);
		if (ret)
			return ret;
		ep->has_local = true;
		/* A listening path takes the local address's family. */
		if (!ep->has_remote)
			ep->family = local_family;
		if (local_family != ep->family) {
			NL_SET_ERR_MSG_ATTR(extack, tb[MPVPN_PATH_A_LOCAL_ADDR],
					    "local and remote addresses must be of one family");
			return -EINVAL;
		}
	} else if (ep->has_local && ep->family != old_family) {
		NL_SET_ERR_MSG(extack, "a remote of another family needs a new local address too");
		return -EINVAL;
	}
	return 0;
}

/* The settings of @tb that a new path and a changed one share, into @cfg. */
int mpvpn_nl_parse_path(struct nlattr **tb, struct mpvpn_path_config *cfg,
			struct netlink_ext_ack *extack)
{
	int ret;

	if (tb[MPVPN_PATH_A_HEALTH]) {
		ret = mpvpn_nl_parse_health(tb[MPVPN_PATH_A_HEALTH], &cfg->health,
					    &cfg->health_overrides,
					    &cfg->health_reset, extack);
		if (ret)
			return ret;
		__set_bit(MPVPN_PATH_SET_HEALTH, &cfg->set);
	}
	if (tb[MPVPN_PATH_A_PRIORITY]) {
		cfg->priority = nla_get_u32(tb[MPVPN_PATH_A_PRIORITY]);
		__set_bit(MPVPN_PATH_SET_PRIORITY, &cfg->set);
	}
	if (tb[MPVPN_PATH_A_WEIGHT]) {
		cfg->weight = nla_get_u32(tb[MPVPN_PATH_A_WEIGHT]);
		__set_bit(MPVPN_PATH_SET_WEIGHT, &cfg->set);
	}
	if (tb[MPVPN_PATH_A_BANDWIDTH_KBPS]) {
		cfg->bandwidth_kbps = nla_get_u32(tb[MPVPN_PATH_A_BANDWIDTH_KBPS]);
		__set_bit(MPVPN_PATH_SET_BANDWIDTH, &cfg->set);
	}
	if (tb[MPVPN_PATH_A_ADMIN_UP]) {
		cfg->admin_up = nla_get_u8(tb[MPVPN_PATH_A_ADMIN_UP]);
		__set_bit(MPVPN_PATH_SET_ADMIN, &cfg->set);
	}
	return 0;
}

/* The MPVPN_A_PATH nest every path request carries, into @tb. */
int mpvpn_nl_parse_path_nest(struct genl_info *info, struct nlattr **tb)
{
	if (!info->attrs[MPVPN_A_PATH]) {
		NL_SET_ERR_MSG(info->extack, "the path is missing (MPVPN_A_PATH)");
		return -EINVAL;
	}
	return nla_parse_nested(tb, MPVPN_PATH_A_MAX, info->attrs[MPVPN_A_PATH],
				mpvpn_path_nl_policy, info->extack);
}

/*
 * A MPVPN_CMD_PATH_ADD request on top of the defaults in @cfg: a new path
 * needs a name, a remote address and port or neither (a listening path),
 * and has no thresholds of its own to drop.
 */
int mpvpn_nl_parse_new_path(struct nlattr **tb, struct mpvpn_path_config *cfg,
			    struct netlink_ext_ack *extack)
{
	int ret;

	if (!tb[MPVPN_PATH_A_NAME] || !nla_len(tb[MPVPN_PATH_A_NAME]) ||
	    !*(char *)nla_data(tb[MPVPN_PATH_A_NAME])) {
		NL_SET_ERR_MSG(extack, "a new path needs a name (MPVPN_PATH_A_NAME)");
		return -EINVAL;
	}
	if (!tb[MPVPN_PATH_A_REMOTE_ADDR] != !tb[MPVPN_PATH_A_REMOTE_PORT]) {
		NL_SET_ERR_MSG(extack, "a remote needs both address and port (or neither: listen)");
		return -EINVAL;
	}
	nla_strscpy(cfg->name, tb[MPVPN_PATH_A_NAME], sizeof(cfg->name));
	if (tb[MPVPN_PATH_A_ID]) {
		cfg->id = nla_get_u32(tb[MPVPN_PATH_A_ID]);
		__set_bit(MPVPN_PATH_SET_ID, &cfg->set);
	}
	ret = mpvpn_nl_parse_endpoint(tb, &cfg->endpoint, extack);
	if (!ret)
		ret = mpvpn_nl_parse_path(tb, cfg, extack);
	if (ret)
		return ret;
	if (cfg->health_reset) {
		NL_SET_ERR_MSG(extack, "a new path has no thresholds of its own to drop");
		return -EINVAL;
	}
	return 0;
}

/* Pushed verdicts */

/*
 * The MPVPN_A_VERDICT nest of a MPVPN_CMD_PATH_VERDICT request: a verdict
 * to store, or (*@remove) the name of one to delete.
 */
int mpvpn_nl_parse_verdict(struct genl_info *info, struct mpvpn_verdict *v,
			   bool *remove)
{
	struct nlattr *tb[MPVPN_VERDICT_A_MAX + 1];
	u32 valid_ms = MPVPN_VERDICT_VALID_MS_DEFAULT;
	int ret;

	if (!info->attrs[MPVPN_A_VERDICT]) {
		NL_SET_ERR_MSG(info->extack, "the verdict is missing (MPVPN_A_VERDICT)");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, MPVPN_VERDICT_A_MAX,
			       info->attrs[MPVPN_A_VERDICT],
			       mpvpn_verdict_nl_policy, info->extack);
	if (ret)
		return ret;
	if (!tb[MPVPN_VERDICT_A_NAME] ||
	    !*(char *)nla_data(tb[MPVPN_VERDICT_A_NAME])) {
		NL_SET_ERR_MSG(info->extack, "a verdict needs the probe's name");
		return -EINVAL;
	}
	nla_strscpy(v->name, tb[MPVPN_VERDICT_A_NAME], sizeof(v->name));
	*remove = !!tb[MPVPN_VERDICT_A_DELETE];
	if (*remove)
		return 0;
	if (!tb[MPVPN_VERDICT_A_OK]) {
		NL_SET_ERR_MSG(info->extack, "a verdict says ok or not (MPVPN_VERDICT_A_OK)");
		return -EINVAL;
	}
	v->ok = nla_get_u8(tb[MPVPN_VERDICT_A_OK]);
	if (tb[MPVPN_VERDICT_A_RTT_US]) {
		v->has_rtt = true;
		v->rtt_us = nla_get_u32(tb[MPVPN_VERDICT_A_RTT_US]);
	}
	if (tb[MPVPN_VERDICT_A_VALID_MS])
		valid_ms = nla_get_u32(tb[MPVPN_VERDICT_A_VALID_MS]);
	v->expires = jiffies + msecs_to_jiffies(valid_ms);
	return 0;
}
