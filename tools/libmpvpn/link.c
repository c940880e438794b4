// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Creation and removal of mpvpn links over rtnetlink. libnl-route would
 * bring a second object model for three messages, so they are built here
 * on the core library, and sent through the transaction code of client.c
 * to get the same extack handling as the generic netlink calls.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "internal.h"

/* rtnetlink's own wording when no link type of the kind is registered. */
#define UNKNOWN_KIND_TEXT	"Unknown device type"

bool mpvpn_link_name_valid(const char *ifname)
{
	/* The rules of the kernel's dev_valid_name(). */
	if (!ifname || !ifname[0] || strlen(ifname) >= IF_NAMESIZE ||
	    !strcmp(ifname, ".") || !strcmp(ifname, ".."))
		return false;
	for (const char *c = ifname; *c; c++)
		if (*c == '/' || *c == ':' || isspace((unsigned char)*c))
			return false;
	return true;
}

/* A request of @type with an ifinfomsg that names no device by index. */
static struct nl_msg *link_request(int type, int flags, uint32_t ifindex)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = (int)ifindex,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(type, NLM_F_REQUEST | flags);

	if (msg && nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int put_link_data(struct nl_msg *msg,
			 const struct mpvpn_link_config *cfg)
{
	struct nlattr *data;
	int ret = 0;

	/* An empty IFLA_INFO_DATA would say nothing; leave it out. */
	if (!cfg || !(cfg->present & ~MPVPN_LINK_HAS(IFLA_MPVPN_UNSPEC)))
		return 0;
	data = nla_nest_start(msg, IFLA_INFO_DATA);
	if (!data)
		return -EMSGSIZE;
	for (int type = 1; type <= IFLA_MPVPN_MAX && ret == 0; type++) {
		if (!(cfg->present & MPVPN_LINK_HAS(type)))
			continue;
		switch (type) {
		case IFLA_MPVPN_PORT:
			ret = nla_put_u16(msg, type, cfg->port);
			break;
		case IFLA_MPVPN_TUNNEL_ID:
			ret = nla_put_u32(msg, type, cfg->tunnel_id);
			break;
		case IFLA_MPVPN_MODE:
			ret = nla_put_u8(msg, type, cfg->mode);
			break;
		}
	}
	if (ret < 0)
		return -EMSGSIZE;
	nla_nest_end(msg, data);
	return 0;
}

int mpvpn_link_build_newlink(const char *ifname,
			     const struct mpvpn_link_config *cfg,
			     struct nl_msg **out)
{
	struct nlattr *linkinfo;
	struct nl_msg *msg;
	int ret;

	*out = NULL;
	if (!mpvpn_link_name_valid(ifname))
		return -EINVAL;
	/* EXCL: an existing device of that name must not be "changed". */
	msg = link_request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK,
			   0);
	if (!msg)
		return -ENOMEM;
	ret = nla_put_string(msg, IFLA_IFNAME, ifname) < 0 ? -EMSGSIZE : 0;
	linkinfo = ret ? NULL : nla_nest_start(msg, IFLA_LINKINFO);
	if (!ret && (!linkinfo ||
		     nla_put_string(msg, IFLA_INFO_KIND, MPVPN_LINK_KIND) < 0))
		ret = -EMSGSIZE;
	if (!ret)
		ret = put_link_data(msg, cfg);
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	nla_nest_end(msg, linkinfo);
	*out = msg;
	return 0;
}

int mpvpn_link_build_getlink(const char *ifname, struct nl_msg **out)
{
	struct nl_msg *msg;

	*out = NULL;
	if (!mpvpn_link_name_valid(ifname))
		return -EINVAL;
	msg = link_request(RTM_GETLINK, 0, 0);
	if (!msg)
		return -ENOMEM;
	/* Counters and VF details would only make the reply larger. */
	if (nla_put_string(msg, IFLA_IFNAME, ifname) < 0 ||
	    nla_put_u32(msg, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS) < 0) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	*out = msg;
	return 0;
}

int mpvpn_link_build_dellink(uint32_t ifindex, struct nl_msg **out)
{
	*out = NULL;
	if (!ifindex)
		return -EINVAL;
	*out = link_request(RTM_DELLINK, 0, ifindex);
	return *out ? 0 : -ENOMEM;
}

int mpvpn_link_parse_info(struct nlmsghdr *hdr, struct link_info *info)
{
	struct nlattr *tb[IFLA_MAX + 1];
	struct nlattr *linkinfo[IFLA_INFO_MAX + 1];
	const struct ifinfomsg *ifi;
	struct nlattr *kind;

	memset(info, 0, sizeof(*info));
	if (hdr->nlmsg_type != RTM_NEWLINK ||
	    !nlmsg_valid_hdr(hdr, sizeof(*ifi)) ||
	    nlmsg_parse(hdr, sizeof(*ifi), tb, IFLA_MAX, NULL) < 0)
		return -EPROTO;
	ifi = nlmsg_data(hdr);
	if (ifi->ifi_index <= 0)
		return -EPROTO;
	info->ifindex = (uint32_t)ifi->ifi_index;

	/* Physical devices have no IFLA_LINKINFO, or one without a kind. */
	if (!tb[IFLA_LINKINFO])
		return 0;
	if (nla_parse_nested(linkinfo, IFLA_INFO_MAX, tb[IFLA_LINKINFO],
			     NULL) < 0)
		return -EPROTO;
	kind = linkinfo[IFLA_INFO_KIND];
	if (!kind)
		return 0;
	if (nla_len(kind) < 1 ||
	    !memchr(nla_data(kind), '\0', (size_t)nla_len(kind)))
		return -EPROTO;
	/* A kind too long for @kind cannot be MPVPN_LINK_KIND anyway. */
	nla_strlcpy(info->kind, kind, sizeof(info->kind));
	return 0;
}

/* rtnetlink gives no text for these; strerror() alone leaves it vague. */
static int explain(struct mpvpn_client *client, int ret, const char *ifname)
{
	if (ret >= 0 || client->error_from_kernel)
		return ret;
	if (ret == -EPERM)
		return mpvpn_client_fail(client, ret,
					 "%s (creating and deleting devices needs CAP_NET_ADMIN)",
					 strerror(EPERM));
	if (ret == -EEXIST)
		return mpvpn_client_fail(client, ret, "device '%s' already exists",
					 ifname);
	if (ret == -ENODEV)
		return mpvpn_client_fail(client, ret, "no such device '%s'", ifname);
	return ret;
}

static int store_link_info(struct nlmsghdr *hdr, void *arg)
{
	return mpvpn_link_parse_info(hdr, arg);
}

static int build_failed(struct mpvpn_client *client, int err,
			const char *ifname)
{
	if (err == -EINVAL)
		return mpvpn_client_fail(client, err, "invalid device name '%s'",
					 ifname ? ifname : "");
	if (err == -ENOMEM)
		return mpvpn_client_fail(client, err, "%s", strerror(ENOMEM));
	return mpvpn_client_fail(client, err, "request too large");
}

/*
 * Readies the first request of mpvpn_link_add/del, whose building returned
 * @built: explains a build failure, or opens the route socket for @msg,
 * freeing @msg when that cannot be done.
 */
static int route_socket_for(struct mpvpn_client *client, int built,
			    struct nl_msg *msg, const char *ifname)
{
	int ret;

	if (built < 0)
		return build_failed(client, built, ifname);
	ret = mpvpn_client_open_route_socket(client);
	if (ret < 0)
		nlmsg_free(msg);
	return ret;
}

int mpvpn_link_add(struct mpvpn_client *client, const char *ifname,
		   const struct mpvpn_link_config *cfg)
{
	struct nl_msg *msg;
	int ret;

	mpvpn_client_clear_error(client);
	ret = mpvpn_link_build_newlink(ifname, cfg, &msg);
	ret = route_socket_for(client, ret, msg, ifname);
	if (ret < 0)
		return ret;
	ret = mpvpn_client_route_do(client, msg, RTM_NEWLINK, NULL, NULL);
	/*
	 * rtnetlink found no "mpvpn" link type even after trying to load
	 * rtnl-link-mpvpn; its text alone would not tell an operator that.
	 */
	if (ret == -EOPNOTSUPP &&
	    (!client->error_from_kernel ||
	     !strcmp(client->error, UNKNOWN_KIND_TEXT)))
		return mpvpn_client_fail(client, ret,
					 "the kernel has no mpvpn device type: the mpvpn module is not loaded and could not be loaded (try \"modprobe mpvpn\")");
	return explain(client, ret, ifname);
}

int mpvpn_link_del(struct mpvpn_client *client, const char *ifname)
{
	struct link_info info;
	struct nl_msg *msg;
	int ret;

	mpvpn_client_clear_error(client);
	ret = mpvpn_link_build_getlink(ifname, &msg);
	ret = route_socket_for(client, ret, msg, ifname);
	if (ret < 0)
		return ret;
	memset(&info, 0, sizeof(info));
	ret = mpvpn_client_route_do(client, msg, RTM_NEWLINK, store_link_info,
				    &info);
	if (ret < 0)
		return explain(client, ret, ifname);
	if (!info.ifindex)
		return mpvpn_client_fail(client, -EPROTO,
					 "the kernel sent no link in its reply");
	if (strcmp(info.kind, MPVPN_LINK_KIND))
		return mpvpn_client_fail(client, -EINVAL,
					 "'%s' is not an mpvpn device (%s%s), refusing to delete it",
					 ifname, info.kind[0] ? "kind " : "no kind",
					 info.kind);

	/*
	 * By the index just checked, not by name again: a rename between
	 * the two requests must not make us delete some other device.
	 */
	ret = mpvpn_link_build_dellink(info.ifindex, &msg);
	if (ret < 0)
		return build_failed(client, ret, ifname);
	ret = mpvpn_client_route_do(client, msg, RTM_NEWLINK, NULL, NULL);
	/* Deleted by someone else meanwhile. */
	return explain(client, ret, ifname);
}
