// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <string.h>

#include "internal.h"

/* Fields a request may carry; the rest are read only. */
#define PATH_KEY_FIELDS		(MPVPN_PATH_HAS(MPVPN_PATH_A_ID) | \
				 MPVPN_PATH_HAS(MPVPN_PATH_A_NAME))
#define PATH_WRITABLE_FIELDS	(PATH_KEY_FIELDS | \
				 MPVPN_PATH_HAS(MPVPN_PATH_A_LOCAL_ADDR) | \
				 MPVPN_PATH_HAS(MPVPN_PATH_A_LOCAL_IFINDEX) | \
				 MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_ADDR) | \
				 MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_PORT) | \
				 MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_FIXED) | \
				 MPVPN_PATH_HAS(MPVPN_PATH_A_PRIORITY) | \
				 MPVPN_PATH_HAS(MPVPN_PATH_A_WEIGHT) | \
				 MPVPN_PATH_HAS(MPVPN_PATH_A_BANDWIDTH_KBPS) | \
				 MPVPN_PATH_HAS(MPVPN_PATH_A_ADMIN_UP) | \
				 MPVPN_PATH_HAS(MPVPN_PATH_A_HEALTH))

bool mpvpn_path_has_remote(const struct mpvpn_path_info *path)
{
	/* A reply sets the address only when the kernel sent one. */
	return mpvpn_addr_len(&path->remote) != 0;
}

static int put_addr(struct nl_msg *msg, int type, const struct mpvpn_addr *addr)
{
	size_t len = mpvpn_addr_len(addr);

	if (!len)
		return -EINVAL;
	return nla_put(msg, type, (int)len, addr->bytes) < 0 ? -EMSGSIZE : 0;
}

int mpvpn_put_path_attrs(struct nl_msg *msg, const struct mpvpn_path_info *path,
			 uint32_t fields)
{
	struct nlattr *nest;
	int ret = 0;

	nest = nla_nest_start(msg, MPVPN_A_PATH);
	if (!nest)
		return -EMSGSIZE;

	for (int type = 1; type <= MPVPN_PATH_A_MAX && ret == 0; type++) {
		if (!(fields & MPVPN_PATH_HAS(type)))
			continue;
		switch (type) {
		case MPVPN_PATH_A_ID:
			ret = nla_put_u32(msg, type, path->id);
			break;
		case MPVPN_PATH_A_NAME:
			ret = nla_put_string(msg, type, path->name);
			break;
		case MPVPN_PATH_A_LOCAL_ADDR:
			ret = put_addr(msg, type, &path->local);
			break;
		case MPVPN_PATH_A_LOCAL_IFINDEX:
			ret = nla_put_u32(msg, type, path->local_ifindex);
			break;
		case MPVPN_PATH_A_REMOTE_ADDR:
			ret = put_addr(msg, type, &path->remote);
			break;
		case MPVPN_PATH_A_REMOTE_PORT:
			ret = nla_put_u16(msg, type, path->remote_port);
			break;
		case MPVPN_PATH_A_REMOTE_FIXED:
			ret = nla_put_u8(msg, type, path->remote_fixed ? 1 : 0);
			break;
		case MPVPN_PATH_A_PRIORITY:
			ret = nla_put_u32(msg, type, path->priority);
			break;
		case MPVPN_PATH_A_WEIGHT:
			ret = nla_put_u32(msg, type, path->weight);
			break;
		case MPVPN_PATH_A_BANDWIDTH_KBPS:
			ret = nla_put_u32(msg, type, path->bandwidth_kbps);
			break;
		case MPVPN_PATH_A_ADMIN_UP:
			ret = nla_put_u8(msg, type, path->admin_up ? 1 : 0);
			break;
		case MPVPN_PATH_A_HEALTH:
			ret = mpvpn_put_health_nest(msg, type, &path->health);
			break;
		default:
			/* Read-only fields are never sent. */
			break;
		}
	}
	if (ret == -EINVAL)
		return ret;
	if (ret < 0)
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

int mpvpn_put_verdict(struct nl_msg *msg,
		      const struct mpvpn_verdict_info *verdict)
{
	struct nlattr *nest = nla_nest_start(msg, MPVPN_A_VERDICT);
	int ret;

	if (!nest)
		return -EMSGSIZE;
	ret = nla_put_string(msg, MPVPN_VERDICT_A_NAME, verdict->name);
	/* Forgetting a verdict needs nothing but the probe's name. */
	if (ret == 0 && verdict->remove)
		ret = nla_put_flag(msg, MPVPN_VERDICT_A_DELETE);
	else if (ret == 0)
		ret = nla_put_u8(msg, MPVPN_VERDICT_A_OK, verdict->ok ? 1 : 0);
	if (ret == 0 && !verdict->remove && verdict->has_rtt)
		ret = nla_put_u32(msg, MPVPN_VERDICT_A_RTT_US, verdict->rtt_us);
	if (ret == 0 && !verdict->remove && verdict->has_valid)
		ret = nla_put_u32(msg, MPVPN_VERDICT_A_VALID_MS,
				  verdict->valid_ms);
	if (ret < 0)
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/*
 * Builds one path request in *@out: the device, then the path's fields
 * among @allowed. The caller may append more before sending it.
 */
static int path_request_new(struct mpvpn_client *client, uint8_t cmd,
			    const struct mpvpn_dev_ref *dev,
			    const struct mpvpn_path_info *path,
			    uint32_t allowed, struct nl_msg **out)
{
	struct nl_msg *msg;
	int ret;

	if (!(path->present & PATH_KEY_FIELDS))
		return mpvpn_client_fail(client, -EINVAL,
					 "the path needs an id or a name");
	if ((path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_NAME)) &&
	    !path->name[0])
		return mpvpn_client_fail(client, -EINVAL, "empty path name");

	msg = mpvpn_client_request_new(client, cmd, 0);
	if (!msg)
		return mpvpn_client_fail(client, -ENOMEM, "%s", strerror(ENOMEM));
	ret = mpvpn_client_put_dev_ref(client, msg, dev);
	if (ret == 0) {
		ret = mpvpn_put_path_attrs(msg, path, path->present & allowed);
		if (ret == -EINVAL)
			mpvpn_client_fail(client, ret, "address without a family");
		else if (ret < 0)
			mpvpn_client_fail(client, ret, "request too large");
	}
	if (ret < 0) {
		nlmsg_free(msg);
		return ret;
	}
	*out = msg;
	return 0;
}

/* Builds and sends one path request; @on_reply may be NULL. */
static int path_request(struct mpvpn_client *client, uint8_t cmd,
			const struct mpvpn_dev_ref *dev,
			const struct mpvpn_path_info *path, uint32_t allowed,
			reply_handler on_reply, void *arg)
{
	struct nl_msg *msg;
	int ret;

	mpvpn_client_clear_error(client);
	ret = path_request_new(client, cmd, dev, path, allowed, &msg);
	if (ret < 0)
		return ret;
	return mpvpn_client_do(client, msg, on_reply, arg);
}

int mpvpn_path_add(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		   const struct mpvpn_path_info *path)
{
	return path_request(client, MPVPN_CMD_PATH_ADD, dev, path,
			    PATH_WRITABLE_FIELDS, NULL, NULL);
}

int mpvpn_path_set(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		   const struct mpvpn_path_info *path)
{
	return path_request(client, MPVPN_CMD_PATH_SET, dev, path,
			    PATH_WRITABLE_FIELDS, NULL, NULL);
}

int mpvpn_path_del(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		   const struct mpvpn_path_info *path)
{
	return path_request(client, MPVPN_CMD_PATH_DEL, dev, path,
			    PATH_KEY_FIELDS, NULL, NULL);
}

static int store_path(struct nlmsghdr *hdr, void *arg)
{
	return mpvpn_parse_path_reply(hdr, arg);
}

int mpvpn_path_get(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		   const struct mpvpn_path_info *key,
		   struct mpvpn_path_info *out)
{
	int ret;

	memset(out, 0, sizeof(*out));
	ret = path_request(client, MPVPN_CMD_PATH_GET, dev, key,
			   PATH_KEY_FIELDS, store_path, out);
	if (ret == 0 && !out->present)
		return mpvpn_client_fail(client, -EPROTO,
					 "the kernel sent no path in its reply");
	return ret;
}

static int collect_path(struct nlmsghdr *hdr, void *arg)
{
	struct item_vec *paths = arg;
	struct mpvpn_path_info *path = mpvpn_item_vec_push(paths);

	if (!path)
		return -ENOMEM;
	return mpvpn_parse_path_reply(hdr, path);
}

int mpvpn_path_dump(struct mpvpn_client *client,
		    const struct mpvpn_dev_ref *dev, mpvpn_path_cb cb,
		    void *arg)
{
	struct item_vec paths = { .item_size = sizeof(struct mpvpn_path_info) };
	const struct dump_request req = {
		.cmd = MPVPN_CMD_PATH_GET,
		.dev = dev,
		.collect = collect_path,
		.collected = &paths,
	};
	int ret;

	mpvpn_client_clear_error(client);
	ret = mpvpn_client_dump(client, &req);
	for (size_t i = 0; ret == 0 && i < paths.count; i++)
		ret = cb((const struct mpvpn_path_info *)paths.items + i, arg);
	mpvpn_item_vec_free(&paths);
	return mpvpn_callback_result(client, ret);
}

int mpvpn_path_verdict(struct mpvpn_client *client,
		       const struct mpvpn_dev_ref *dev,
		       const struct mpvpn_path_info *key,
		       const struct mpvpn_verdict_info *verdict)
{
	size_t len = strnlen(verdict->name, sizeof(verdict->name));
	struct nl_msg *msg;
	int ret;

	mpvpn_client_clear_error(client);
	if (!len || len == sizeof(verdict->name))
		return mpvpn_client_fail(client, -EINVAL,
					 "the probe name must have 1 to %d characters",
					 MPVPN_PROBE_NAME_LEN - 1);
	ret = path_request_new(client, MPVPN_CMD_PATH_VERDICT, dev, key,
			       PATH_KEY_FIELDS, &msg);
	if (ret < 0)
		return ret;
	if (mpvpn_put_verdict(msg, verdict) < 0) {
		nlmsg_free(msg);
		return mpvpn_client_fail(client, -EMSGSIZE, "request too large");
	}
	return mpvpn_client_do(client, msg, NULL, NULL);
}
