// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Link creation and removal in libmpvpn: the rtnetlink requests are built
 * and taken apart again without sending them, and the GETLINK reply parser
 * is fed replies built as the kernel builds them. Last, the parts that
 * change nothing (refusing to delete a device that is not an mpvpn one) run
 * against the real kernel.
 */
#include <errno.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "internal.h"
#include "unit.h"

#define HAS(attr)	MPVPN_LINK_HAS(IFLA_MPVPN_##attr)

/* The parts of a request the tests look at, pointing into the message. */
struct request {
	const struct nlmsghdr *hdr;
	const struct ifinfomsg *ifi;
	struct nlattr *tb[IFLA_MAX + 1];
	struct nlattr *info[IFLA_INFO_MAX + 1];	/* of IFLA_LINKINFO */
	struct nlattr *data[IFLA_MPVPN_MAX + 1];	/* of IFLA_INFO_DATA */
};

static bool take_apart(struct nl_msg *msg, struct request *req)
{
	struct nlmsghdr *hdr = nlmsg_hdr(msg);

	memset(req, 0, sizeof(*req));
	req->hdr = hdr;
	if (!nlmsg_valid_hdr(hdr, sizeof(struct ifinfomsg)) ||
	    nlmsg_parse(hdr, sizeof(struct ifinfomsg), req->tb, IFLA_MAX,
			NULL) < 0)
		return false;
	req->ifi = nlmsg_data(hdr);
	if (req->tb[IFLA_LINKINFO] &&
	    nla_parse_nested(req->info, IFLA_INFO_MAX, req->tb[IFLA_LINKINFO],
			     NULL) < 0)
		return false;
	if (req->info[IFLA_INFO_DATA] &&
	    nla_parse_nested(req->data, IFLA_MPVPN_MAX,
			     req->info[IFLA_INFO_DATA], NULL) < 0)
		return false;
	return true;
}

static bool string_is(const struct nlattr *attr, const char *want)
{
	return attr && nla_len(attr) == (int)strlen(want) + 1 &&
	       !memcmp(nla_data(attr), want, strlen(want) + 1);
}

/* How many attributes a nest holds, to catch anything unexpected. */
static int count_attrs(const struct nlattr *nest)
{
	const struct nlattr *attr;
	int rem;
	int n = 0;

	nla_for_each_nested(attr, nest, rem)
		n++;
	return n;
}

static void test_newlink(void)
{
	const struct mpvpn_link_config all = {
		.present = HAS(PORT) | HAS(TUNNEL_ID) | HAS(MODE),
		.port = 5556, .tunnel_id = 7, .mode = MPVPN_MODE_FAILOVER,
	};
	struct mpvpn_link_config some = {
		.present = HAS(TUNNEL_ID), .port = 9999, .tunnel_id = 0xfffffffe,
	};
	struct request req;
	struct nl_msg *msg;

	CHECK("NEWLINK builds", mpvpn_link_build_newlink("mpvpn1", &all, &msg) == 0);
	if (!msg)
		return;
	CHECK("NEWLINK parses back", take_apart(msg, &req));
	CHECK("NEWLINK type", req.hdr->nlmsg_type == RTM_NEWLINK);
	CHECK("NEWLINK creates, exclusively, with an ack",
	      (req.hdr->nlmsg_flags & (NLM_F_REQUEST | NLM_F_CREATE |
				       NLM_F_EXCL | NLM_F_ACK)) ==
	      (NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK) &&
	      !(req.hdr->nlmsg_flags & NLM_F_REPLACE));
	CHECK("ifinfomsg names no device by index",
	      req.ifi->ifi_family == AF_UNSPEC && req.ifi->ifi_index == 0);
	CHECK("IFLA_IFNAME", string_is(req.tb[IFLA_IFNAME], "mpvpn1"));
	CHECK("IFLA_INFO_KIND is mpvpn",
	      string_is(req.info[IFLA_INFO_KIND], "mpvpn"));
	CHECK("IFLA_INFO_DATA present", req.info[IFLA_INFO_DATA] != NULL);
	CHECK("port as u16",
	      req.data[IFLA_MPVPN_PORT] &&
	      nla_len(req.data[IFLA_MPVPN_PORT]) == 2 &&
	      nla_get_u16(req.data[IFLA_MPVPN_PORT]) == 5556);
	CHECK("tunnel id as u32",
	      req.data[IFLA_MPVPN_TUNNEL_ID] &&
	      nla_len(req.data[IFLA_MPVPN_TUNNEL_ID]) == 4 &&
	      nla_get_u32(req.data[IFLA_MPVPN_TUNNEL_ID]) == 7);
	CHECK("mode as u8",
	      req.data[IFLA_MPVPN_MODE] &&
	      nla_len(req.data[IFLA_MPVPN_MODE]) == 1 &&
	      nla_get_u8(req.data[IFLA_MPVPN_MODE]) == MPVPN_MODE_FAILOVER);
	CHECK("nothing else in IFLA_INFO_DATA",
	      count_attrs(req.info[IFLA_INFO_DATA]) == 3);
	nlmsg_free(msg);

	CHECK("NEWLINK with one setting builds",
	      mpvpn_link_build_newlink("t", &some, &msg) == 0 && msg);
	if (msg) {
		CHECK("only the setting marked present is sent",
		      take_apart(msg, &req) &&
		      count_attrs(req.info[IFLA_INFO_DATA]) == 1 &&
		      !req.data[IFLA_MPVPN_PORT] &&
		      nla_get_u32(req.data[IFLA_MPVPN_TUNNEL_ID]) ==
		      0xfffffffe);
		nlmsg_free(msg);
	}

	some.present = MPVPN_LINK_HAS(IFLA_MPVPN_MAX + 1) |
		       MPVPN_LINK_HAS(IFLA_MPVPN_UNSPEC);
	CHECK("bits of no known setting are ignored",
	      mpvpn_link_build_newlink("t", &some, &msg) == 0 && msg &&
	      take_apart(msg, &req) && !req.info[IFLA_INFO_DATA]);
	nlmsg_free(msg);

	CHECK("without settings: kind and no IFLA_INFO_DATA",
	      mpvpn_link_build_newlink("mpvpn%d", NULL, &msg) == 0 && msg &&
	      take_apart(msg, &req) &&
	      string_is(req.info[IFLA_INFO_KIND], "mpvpn") &&
	      !req.info[IFLA_INFO_DATA] &&
	      count_attrs(req.tb[IFLA_LINKINFO]) == 1);
	nlmsg_free(msg);

	CHECK("invalid name is refused before anything is built",
	      mpvpn_link_build_newlink("a/b", &all, &msg) == -EINVAL && !msg);
	CHECK("NULL name is refused",
	      mpvpn_link_build_newlink(NULL, &all, &msg) == -EINVAL && !msg);
}

static void test_getlink_dellink(void)
{
	struct request req;
	struct nl_msg *msg;

	CHECK("GETLINK builds", mpvpn_link_build_getlink("eth0", &msg) == 0 && msg);
	if (msg) {
		CHECK("GETLINK by name, no index",
		      take_apart(msg, &req) &&
		      req.hdr->nlmsg_type == RTM_GETLINK &&
		      !(req.hdr->nlmsg_flags & (NLM_F_DUMP | NLM_F_CREATE)) &&
		      req.ifi->ifi_index == 0 &&
		      string_is(req.tb[IFLA_IFNAME], "eth0"));
		nlmsg_free(msg);
	}
	CHECK("GETLINK of an invalid name is refused",
	      mpvpn_link_build_getlink("", &msg) == -EINVAL && !msg);

	CHECK("DELLINK builds", mpvpn_link_build_dellink(42, &msg) == 0 && msg);
	if (msg) {
		CHECK("DELLINK by the index that was checked",
		      take_apart(msg, &req) &&
		      req.hdr->nlmsg_type == RTM_DELLINK &&
		      req.ifi->ifi_index == 42 && !req.tb[IFLA_IFNAME]);
		nlmsg_free(msg);
	}
	CHECK("DELLINK of index 0 is refused",
	      mpvpn_link_build_dellink(0, &msg) == -EINVAL && !msg);
}

/* An RTM_NEWLINK reply as rtnl_fill_ifinfo() lays it out. */
static struct nl_msg *link_reply(int ifindex, const char *kind, int kind_len)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_NEWLINK, 0);

	nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(msg, IFLA_IFNAME, "x");
	nla_put_u32(msg, IFLA_MTU, 1420);
	if (kind) {
		struct nlattr *nest = nla_nest_start(msg, IFLA_LINKINFO);

		nla_put(msg, IFLA_INFO_KIND, kind_len, kind);
		nla_nest_end(msg, nest);
	}
	return msg;
}

static void test_link_reply(void)
{
	struct link_info info;
	struct nl_msg *msg;

	msg = link_reply(5, "mpvpn", 6);
	CHECK("mpvpn link reply",
	      mpvpn_link_parse_info(nlmsg_hdr(msg), &info) == 0 &&
	      info.ifindex == 5 && !strcmp(info.kind, "mpvpn"));
	nlmsg_free(msg);

	msg = link_reply(6, "veth", 5);
	CHECK("other kind", mpvpn_link_parse_info(nlmsg_hdr(msg), &info) == 0 &&
	      info.ifindex == 6 && !strcmp(info.kind, "veth"));
	nlmsg_free(msg);

	msg = link_reply(1, NULL, 0);
	CHECK("device without IFLA_LINKINFO has no kind",
	      mpvpn_link_parse_info(nlmsg_hdr(msg), &info) == 0 &&
	      info.ifindex == 1 && info.kind[0] == '\0');
	nlmsg_free(msg);

	msg = link_reply(5, "mpvpnx", 5);	/* "mpvpn" without its NUL */
	CHECK("unterminated kind is refused",
	      mpvpn_link_parse_info(nlmsg_hdr(msg), &info) == -EPROTO);
	nlmsg_free(msg);

	msg = link_reply(0, "mpvpn", 6);
	CHECK("reply without an index is refused",
	      mpvpn_link_parse_info(nlmsg_hdr(msg), &info) == -EPROTO);
	nlmsg_free(msg);

	msg = link_reply(5, "mpvpn", 6);
	nlmsg_hdr(msg)->nlmsg_type = RTM_NEWADDR;
	CHECK("reply of another type is refused",
	      mpvpn_link_parse_info(nlmsg_hdr(msg), &info) == -EPROTO);
	nlmsg_free(msg);
}

static void test_names(void)
{
	CHECK("plain name", mpvpn_link_name_valid("mpvpn0"));
	CHECK("15 characters", mpvpn_link_name_valid("abcdefghijklmno"));
	CHECK("16 characters", !mpvpn_link_name_valid("abcdefghijklmnop"));
	CHECK("empty", !mpvpn_link_name_valid(""));
	CHECK("dot and dot-dot",
	      !mpvpn_link_name_valid(".") && !mpvpn_link_name_valid(".."));
	CHECK("slash, colon, space, tab",
	      !mpvpn_link_name_valid("a/b") && !mpvpn_link_name_valid("a:b") &&
	      !mpvpn_link_name_valid("a b") && !mpvpn_link_name_valid("a\tb"));
	CHECK("kernel name template", mpvpn_link_name_valid("mpvpn%d"));
}

/* Nothing here creates or deletes a device: each call is refused first. */
static void test_against_kernel(void)
{
	struct mpvpn_client *client = mpvpn_client_new();
	int ret;

	if (!client)
		return;
	CHECK("invalid name refused without a socket",
	      mpvpn_link_add(client, "a:b", NULL) == -EINVAL &&
	      strstr(mpvpn_client_error(client), "invalid device name") &&
	      client->route_sock == NULL);
	if (mpvpn_client_open_route_socket(client) < 0) {
		printf("ok - rtnetlink link requests # SKIP no rtnetlink socket\n");
		mpvpn_client_free(client);
		return;
	}

	ret = mpvpn_link_del(client, "lo");
	CHECK("deleting lo is refused: not an mpvpn device",
	      ret == -EINVAL &&
	      strstr(mpvpn_client_error(client), "not an mpvpn device"));
	printf("# %s\n", mpvpn_client_error(client));

	ret = mpvpn_link_del(client, "mpvpnunittest0");
	CHECK("deleting a missing device says so",
	      ret == -ENODEV &&
	      strstr(mpvpn_client_error(client), "no such device"));
	printf("# %s\n", mpvpn_client_error(client));

	CHECK("the socket stays usable after errors",
	      mpvpn_link_del(client, "lo") == -EINVAL);
	mpvpn_client_free(client);
}

int main(void)
{
	test_newlink();
	test_getlink_dellink();
	test_link_reply();
	test_names();
	test_against_kernel();
	return unit_finish();
}
