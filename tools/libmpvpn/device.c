// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <string.h>

#include "internal.h"

static int store_device(struct nlmsghdr *hdr, void *arg)
{
	struct mpvpn_device *device = arg;

	return parse_device(hdr, device);
}

int mpvpn_dev_get(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		  struct mpvpn_device *out)
{
	struct nl_msg *msg;
	int ret;

	client_clear_error(client);
	memset(out, 0, sizeof(*out));
	msg = client_request_new(client, MPVPN_CMD_DEV_GET, 0);
	if (!msg)
		return client_fail(client, -ENOMEM, "%s", strerror(ENOMEM));
	ret = client_put_dev_ref(client, msg, dev);
	if (ret < 0) {
		nlmsg_free(msg);
		return ret;
	}
	ret = client_do(client, msg, store_device, out);
	if (ret == 0 && !out->ifindex)
		return client_fail(client, -EPROTO,
				   "the kernel sent no device in its reply");
	return ret;
}

static int collect_device(struct nlmsghdr *hdr, void *arg)
{
	struct item_vec *devices = arg;
	struct mpvpn_device *device = item_vec_push(devices);

	if (!device)
		return -ENOMEM;
	return parse_device(hdr, device);
}

int mpvpn_dev_dump(struct mpvpn_client *client, mpvpn_device_cb cb, void *arg)
{
	struct item_vec devices = { .item_size = sizeof(struct mpvpn_device) };
	const struct dump_request req = {
		.cmd = MPVPN_CMD_DEV_GET,
		.collect = collect_device,
		.collected = &devices,
	};
	int ret;

	client_clear_error(client);
	ret = client_dump(client, &req);
	for (size_t i = 0; ret == 0 && i < devices.count; i++)
		ret = cb((const struct mpvpn_device *)devices.items + i, arg);
	item_vec_free(&devices);
	return callback_result(client, ret);
}

int mpvpn_dev_set_mode(struct mpvpn_client *client,
		       const struct mpvpn_dev_ref *dev, enum mpvpn_mode mode)
{
	struct nl_msg *msg;
	int ret;

	client_clear_error(client);
	msg = client_request_new(client, MPVPN_CMD_DEV_SET, 0);
	if (!msg)
		return client_fail(client, -ENOMEM, "%s", strerror(ENOMEM));
	ret = client_put_dev_ref(client, msg, dev);
	if (ret == 0 && nla_put_u8(msg, MPVPN_A_MODE, (uint8_t)mode) < 0)
		ret = client_fail(client, -EMSGSIZE, "request too large");
	if (ret < 0) {
		nlmsg_free(msg);
		return ret;
	}
	return client_do(client, msg, NULL, NULL);
}
