// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <string.h>

#include "internal.h"

static int store_device(struct nlmsghdr *hdr, void *arg)
{
	struct mpvpn_device_info *device = arg;

	return mpvpn_parse_device(hdr, device);
}

int mpvpn_dev_get(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		  struct mpvpn_device_info *out)
{
	struct nl_msg *msg;
	int ret;

	mpvpn_client_clear_error(client);
	memset(out, 0, sizeof(*out));
	msg = mpvpn_client_request_new(client, MPVPN_CMD_DEV_GET, 0);
	if (!msg)
		return mpvpn_client_fail(client, -ENOMEM, "%s", strerror(ENOMEM));
	ret = mpvpn_client_put_dev_ref(client, msg, dev);
	if (ret < 0) {
		nlmsg_free(msg);
		return ret;
	}
	ret = mpvpn_client_do(client, msg, store_device, out);
	if (ret == 0 && !out->ifindex)
		return mpvpn_client_fail(client, -EPROTO,
					 "the kernel sent no device in its reply");
	return ret;
}

static int collect_device(struct nlmsghdr *hdr, void *arg)
{
	struct item_vec *devices = arg;
	struct mpvpn_device_info *device = mpvpn_item_vec_push(devices);

	if (!device)
		return -ENOMEM;
	return mpvpn_parse_device(hdr, device);
}

int mpvpn_dev_dump(struct mpvpn_client *client, mpvpn_device_cb cb, void *arg)
{
	struct item_vec devices = {
		.item_size = sizeof(struct mpvpn_device_info),
	};
	const struct dump_request req = {
		.cmd = MPVPN_CMD_DEV_GET,
		.collect = collect_device,
		.collected = &devices,
	};
	int ret;

	mpvpn_client_clear_error(client);
	ret = mpvpn_client_dump(client, &req);
	for (size_t i = 0; ret == 0 && i < devices.count; i++)
		ret = cb((const struct mpvpn_device_info *)devices.items + i,
			 arg);
	mpvpn_item_vec_free(&devices);
	return mpvpn_callback_result(client, ret);
}

/* What DEV_SET may carry; the rest of a device is read only. */
#define DEV_SETTINGS	(MPVPN_DEV_HAS(MPVPN_A_MODE) | \
			 MPVPN_DEV_HAS(MPVPN_A_FAILBACK) | \
			 MPVPN_DEV_HAS(MPVPN_A_REVERT_DELAY_MS) | \
			 MPVPN_DEV_HAS(MPVPN_A_HEALTH) | \
			 MPVPN_DEV_HAS(MPVPN_A_REDUNDANCY) | \
			 MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_MS) | \
			 MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION) | \
			 MPVPN_DEV_HAS(MPVPN_A_REKEY_SECONDS) | \
			 MPVPN_DEV_HAS(MPVPN_A_TOS_INHERIT) | \
			 MPVPN_DEV_HAS(MPVPN_A_PRIVATE_KEY) | \
			 MPVPN_DEV_HAS(MPVPN_A_PEER_PUBLIC_KEY) | \
			 MPVPN_DEV_HAS(MPVPN_A_PRESHARED_KEY))

int mpvpn_put_dev_settings(struct nl_msg *msg,
			   const struct mpvpn_dev_settings *settings)
{
	uint64_t present = settings->present;
	int ret = 0;

	if (present & MPVPN_DEV_HAS(MPVPN_A_MODE))
		ret = nla_put_u8(msg, MPVPN_A_MODE, settings->mode);
	if (ret == 0 && (present & MPVPN_DEV_HAS(MPVPN_A_FAILBACK)))
		ret = nla_put_u8(msg, MPVPN_A_FAILBACK, settings->failback);
	if (ret == 0 && (present & MPVPN_DEV_HAS(MPVPN_A_REVERT_DELAY_MS)))
		ret = nla_put_u32(msg, MPVPN_A_REVERT_DELAY_MS,
				  settings->revert_delay_ms);
	if (ret == 0 && (present & MPVPN_DEV_HAS(MPVPN_A_REDUNDANCY)))
		ret = nla_put_u8(msg, MPVPN_A_REDUNDANCY, settings->redundancy);
	if (ret == 0 && (present & MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_MS)))
		ret = nla_put_u32(msg, MPVPN_A_REORDER_WAIT_MS,
				  settings->reorder_wait_ms);
	if (ret == 0 && (present & MPVPN_DEV_HAS(MPVPN_A_HEALTH)))
		ret = mpvpn_put_health_nest(msg, MPVPN_A_HEALTH,
					    &settings->health);
	if (ret == 0 && (present & MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION)))
		ret = nla_put_u8(msg, MPVPN_A_ENCRYPTION, settings->encryption);
	if (ret == 0 && (present & MPVPN_DEV_HAS(MPVPN_A_REKEY_SECONDS)))
		ret = nla_put_u32(msg, MPVPN_A_REKEY_SECONDS,
				  settings->rekey_seconds);
	if (ret == 0 && (present & MPVPN_DEV_HAS(MPVPN_A_TOS_INHERIT)))
		ret = nla_put_u8(msg, MPVPN_A_TOS_INHERIT,
				 settings->tos_inherit);
	if (ret == 0 && (present & MPVPN_DEV_HAS(MPVPN_A_PRIVATE_KEY)))
		ret = nla_put(msg, MPVPN_A_PRIVATE_KEY, MPVPN_KEY_LEN,
			      settings->identity.private_key);
	if (ret == 0 && (present & MPVPN_DEV_HAS(MPVPN_A_PEER_PUBLIC_KEY)))
		ret = nla_put(msg, MPVPN_A_PEER_PUBLIC_KEY, MPVPN_KEY_LEN,
			      settings->identity.peer_public_key);
	if (ret == 0 && (present & MPVPN_DEV_HAS(MPVPN_A_PRESHARED_KEY)))
		ret = nla_put(msg, MPVPN_A_PRESHARED_KEY, MPVPN_KEY_LEN,
			      settings->identity.preshared_key);
	return ret < 0 ? -EMSGSIZE : 0;
}

void mpvpn_dev_settings_wipe(struct mpvpn_dev_settings *settings)
{
	mpvpn_wipe(settings, sizeof(*settings));
}

int mpvpn_dev_set(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		  const struct mpvpn_dev_settings *settings)
{
	struct nl_msg *msg;
	int ret;

	mpvpn_client_clear_error(client);
	if (!(settings->present & DEV_SETTINGS))
		return mpvpn_client_fail(client, -EINVAL, "no device setting given");
	msg = mpvpn_client_request_new(client, MPVPN_CMD_DEV_SET, 0);
	if (!msg)
		return mpvpn_client_fail(client, -ENOMEM, "%s", strerror(ENOMEM));
	ret = mpvpn_client_put_dev_ref(client, msg, dev);
	if (ret == 0 && mpvpn_put_dev_settings(msg, settings) < 0)
		ret = mpvpn_client_fail(client, -EMSGSIZE, "request too large");
	if (ret < 0) {
		mpvpn_wipe_message(msg);
		nlmsg_free(msg);
		return ret;
	}
	return mpvpn_client_do_wiped(client, msg, NULL, NULL);
}

int mpvpn_dev_set_mode(struct mpvpn_client *client,
		       const struct mpvpn_dev_ref *dev, enum mpvpn_mode mode)
{
	const struct mpvpn_dev_settings settings = {
		.present = MPVPN_DEV_HAS(MPVPN_A_MODE),
		.mode = (uint8_t)mode,
	};

	return mpvpn_dev_set(client, dev, &settings);
}

