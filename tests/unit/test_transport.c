// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The request/ack and dump loops of libmpvpn against a real kernel, using
 * the generic netlink controller ("nlctrl") since the mpvpn module cannot
 * be loaded where unit tests run. Exercises sequence handling, multi-part
 * dumps ended by NLMSG_DONE, kernel errors and extended ack text.
 */
#include <errno.h>
#include <linux/genetlink.h>

#include "internal.h"
#include "unit.h"

static int collect_family(struct nlmsghdr *hdr, void *arg)
{
	struct item_vec *vec = arg;
	struct nlattr *name = nla_find(genlmsg_attrdata(nlmsg_data(hdr), 0),
				       genlmsg_attrlen(nlmsg_data(hdr), 0),
				       CTRL_ATTR_FAMILY_NAME);
	char *slot;

	if (!name)
		return -EPROTO;
	slot = mpvpn_item_vec_push(vec);
	if (!slot)
		return -ENOMEM;
	snprintf(slot, GENL_NAMSIZ, "%s", (const char *)nla_data(name));
	return 0;
}

static int count_reply(struct nlmsghdr *hdr, void *arg)
{
	(void)hdr;
	(*(int *)arg)++;
	return 0;
}

static bool has_name(const struct item_vec *vec, const char *name)
{
	for (size_t i = 0; i < vec->count; i++)
		if (!strcmp((const char *)vec->items + i * GENL_NAMSIZ, name))
			return true;
	return false;
}

/* GETFAMILY "do" for @name; @broken_id puts a too-short family id. */
static int get_family(struct mpvpn_client *client, const char *name,
		      bool broken_id, int *replies)
{
	struct nl_msg *msg = mpvpn_client_request_new(client,
						      CTRL_CMD_GETFAMILY, 0);

	if (name)
		nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, name);
	if (broken_id)
		nla_put_u8(msg, CTRL_ATTR_FAMILY_ID, 1);
	*replies = 0;
	return mpvpn_client_do(client, msg, count_reply, replies);
}

int main(void)
{
	struct mpvpn_client *client = mpvpn_client_new();
	struct item_vec names = { .item_size = GENL_NAMSIZ };	/* char[] */
	const struct dump_request dump = {
		.cmd = CTRL_CMD_GETFAMILY,
		.collect = collect_family,
		.collected = &names,
	};
	int replies;
	int ret;

	if (!client || mpvpn_client_open_socket(client) < 0) {
		printf("ok - generic netlink transport # SKIP no netlink socket\n");
		mpvpn_client_free(client);
		return unit_finish();
	}
	/* Point the client at the controller instead of mpvpn. */
	client->family_id = GENL_ID_CTRL;

	ret = mpvpn_client_dump(client, &dump);
	CHECK("dump of all families completes", ret == 0);
	CHECK("dump collected the controller itself",
	      has_name(&names, "nlctrl"));

	ret = get_family(client, "nlctrl", false, &replies);
	CHECK("do request is answered once and acked",
	      ret == 0 && replies == 1);

	ret = get_family(client, "mpvpn-nosuch", false, &replies);
	CHECK("kernel error comes back as a negative errno",
	      ret == -ENOENT && replies == 0);
	CHECK("kernel error has a message", mpvpn_client_error(client)[0] &&
	      strcmp(mpvpn_client_error(client), "no error"));

	ret = get_family(client, NULL, true, &replies);
	CHECK("policy violation is refused", ret == -EINVAL || ret == -ERANGE);
	CHECK("policy violation carries the kernel's extack text",
	      strstr(mpvpn_client_error(client), "policy") != NULL);
	printf("# extack: %s\n", mpvpn_client_error(client));

	ret = get_family(client, "nlctrl", false, &replies);
	CHECK("the socket stays usable after errors",
	      ret == 0 && replies == 1);

	ret = mpvpn_client_dump(client, &dump);
	CHECK("a second dump works too", ret == 0 &&
	      has_name(&names, "nlctrl"));

	mpvpn_item_vec_free(&names);
	mpvpn_client_free(client);
	return unit_finish();
}
