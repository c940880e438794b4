// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>

#include "diff.h"
#include "log.h"
#include "netif.h"
#include "reconcile.h"

/* Adds device @name to @view if the kernel has it; 0 when it has not. */
static int read_device(struct mpvpn_client *client, const char *name,
		       struct view *view)
{
	const struct mpvpn_dev_ref ref = { .ifname = name };
	struct mpvpn_device_info device;
	int ret;

	if (view_find_device(view, name))
		return 0;
	ret = mpvpn_dev_get(client, &ref, &device);
	if (ret == -ENODEV)
		return 0;
	if (ret < 0) {
		log_err("%s: reading the device: %s", name,
			mpvpn_client_error(client));
		return ret;
	}
	ret = view_add_device(&device, view);
	if (ret < 0)
		return ret;
	/* On failure the caller frees the view, this device with it. */
	ret = mpvpn_path_dump(client, &ref, view_add_path,
			      &view->devices[view->device_count - 1]);
	if (ret < 0)
		log_err("%s: reading the paths: %s", name,
			mpvpn_client_error(client));
	return ret;
}

static int read_view(struct mpvpn_client *client, const struct config *previous,
		     const struct config *wanted, struct view *view)
{
	int ret = 0;

	memset(view, 0, sizeof(*view));
	for (size_t i = 0; previous && i < previous->device_count && !ret; i++)
		ret = read_device(client, previous->devices[i].name, view);
	for (size_t i = 0; i < wanted->device_count && !ret; i++)
		ret = read_device(client, wanted->devices[i].name, view);
	if (ret)
		view_free(view);
	return ret;
}

/* Paths bound to a device by name: its index now (0: not there). */
static void resolve_local_devices(struct config *wanted)
{
	for (size_t d = 0; d < wanted->device_count; d++) {
		struct config_device *device = &wanted->devices[d];

		for (size_t i = 0; i < device->path_count; i++) {
			struct config_path *path = &device->paths[i];

			path->local_ifindex = path->local_dev[0] ?
					      if_nametoindex(path->local_dev) : 0;
		}
	}
}

static const char *address_text(const struct config_address *address,
				char *buf, size_t len)
{
	char addr[INET6_ADDRSTRLEN];

	snprintf(buf, len, "%s/%u",
		 mpvpn_addr_format(&address->addr, addr, sizeof(addr)),
		 address->prefix_len);
	return buf;
}

/*
 * A DEV_SET that installs keys: filled in here from the wanted device,
 * sent, and wiped, so that no secret outlives the request.
 */
static int set_with_identity(struct mpvpn_client *client,
			     const struct mpvpn_dev_ref *ref,
			     const struct action *action, char *err,
			     size_t err_len)
{
	struct mpvpn_dev_settings settings = action->settings;
	int ret;

	config_identity_fill(action->identity_from, &settings);
	ret = mpvpn_dev_set(client, ref, &settings);
	if (ret < 0)
		snprintf(err, err_len, "%s", mpvpn_client_error(client));
	mpvpn_dev_settings_wipe(&settings);
	return ret;
}

/* 0, 1 when it turned out to have nothing to do, or a negative errno. */
static int apply(struct mpvpn_client *client, const struct action *action,
		 char *err, size_t err_len)
{
	const struct mpvpn_dev_ref ref = { .ifname = action->device };
	int ret;

	switch (action->type) {
	case ACTION_LINK_DEL:
		ret = mpvpn_link_del(client, action->device);
		break;
	case ACTION_LINK_ADD:
		ret = mpvpn_link_add(client, action->device, &action->link);
		break;
	case ACTION_DEV_SET:
		if (action->identity_from)
			return set_with_identity(client, &ref, action, err,
						 err_len);
		ret = mpvpn_dev_set(client, &ref, &action->settings);
		break;
	case ACTION_PATH_DEL:
		ret = mpvpn_path_del(client, &ref, &action->path);
		break;
	case ACTION_PATH_SET:
		ret = mpvpn_path_set(client, &ref, &action->path);
		break;
	case ACTION_PATH_ADD:
		if (action->local_dev[0] && !action->path.local_ifindex) {
			snprintf(err, err_len, "no device %s to bind to",
				 action->local_dev);
			return -ENODEV;
		}
		ret = mpvpn_path_add(client, &ref, &action->path);
		break;
	case ACTION_ADDR_DEL:
		return netif_addr_del(action->device, &action->address, err,
				      err_len);
	case ACTION_ADDR_ADD:
		return netif_addr_add(action->device, &action->address, err,
				      err_len);
	default:
		snprintf(err, err_len, "unknown action");
		return -EINVAL;
	}
	if (ret < 0)
		snprintf(err, err_len, "%s", mpvpn_client_error(client));
	return ret;
}

static void log_action(const struct action *action, int ret, const char *err)
{
	char object[64] = "";
	char text[INET6_ADDRSTRLEN + 8];

	if (action->type == ACTION_PATH_ADD || action->type == ACTION_PATH_SET ||
	    action->type == ACTION_PATH_DEL)
		snprintf(object, sizeof(object), " %s", action->path.name);
	else if (action->type == ACTION_ADDR_ADD ||
		 action->type == ACTION_ADDR_DEL)
		snprintf(object, sizeof(object), " %s",
			 address_text(&action->address, text, sizeof(text)));
	if (ret < 0)
		log_err("%s: %s%s failed: %s", action->device,
			action_type_name(action->type), object, err);
	else if (ret == 0)
		log_info("%s: %s%s%s%s%s", action->device,
			 action_type_name(action->type), object,
			 action->why[0] ? " (" : "", action->why,
			 action->why[0] ? ")" : "");
}

int reconcile(struct mpvpn_client *client, const struct config *previous,
	      struct config *wanted, struct reconcile_result *result)
{
	struct plan plan = { 0 };
	struct view view;
	char failed_device[IF_NAMESIZE] = "";
	int ret;

	memset(result, 0, sizeof(*result));
	resolve_local_devices(wanted);
	ret = read_view(client, previous, wanted, &view);
	if (ret)
		return ret;
	ret = diff_plan(&view, previous, wanted, &plan);
	view_free(&view);
	if (ret) {
		log_err("planning the changes: %s", strerror(-ret));
		return ret;
	}
	for (size_t i = 0; i < plan.count; i++) {
		const struct action *action = &plan.actions[i];
		char err[256] = "";

		/* Nothing more can be done for a device that was not created. */
		if (!strcmp(action->device, failed_device)) {
			result->failures++;
			continue;
		}
		ret = apply(client, action, err, sizeof(err));
		log_action(action, ret, err);
		if (ret < 0) {
			result->failures++;
			if (action->type == ACTION_LINK_ADD)
				snprintf(failed_device, sizeof(failed_device),
					 "%s", action->device);
		} else if (ret == 0) {
			result->changes++;
		}
	}
	plan_free(&plan);

	/* Brought up every time: an operator's "ip link set down" is undone. */
	for (size_t i = 0; i < wanted->device_count; i++) {
		const char *name = wanted->devices[i].name;
		char err[256] = "";

		if (!strcmp(name, failed_device))
			continue;
		ret = netif_set_up(name, err, sizeof(err));
		if (ret < 0) {
			log_err("%s: %s", name, err);
			result->failures++;
		} else if (ret == 0) {
			log_info("%s: set up", name);
			result->changes++;
		}
	}
	return 0;
}
