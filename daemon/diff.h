/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What has to change so that the kernel matches a configuration: the
 * devices and paths the kernel has now (a view, read by reconcile.c or
 * made up by a unit test), the configuration applied before (to know
 * which devices and addresses the daemon made and may take away again)
 * and the wanted one, in, a plan of actions out. Pure: no system call.
 *
 * A path whose settings all match gets no action at all, so its traffic
 * is not disturbed; a changed priority, weight, bandwidth, endpoint, pin,
 * admin state or threshold is one PATH_SET, and a device's changed mode,
 * failback, tos, redundancy, reorder wait, thresholds, rekey interval,
 * encryption or keys one DEV_SET. The kernel reports the public keys of
 * the handshake but never the private or the pre-shared one, so the keys
 * are installed when the device is created, when the kernel has none or
 * other public keys than the file's, at start-up (the pre-shared key a
 * device holds cannot be known; the kernel takes the same keys again as
 * a no-op and keeps its sessions), after plaintext, and when the
 * fingerprint of the keys (mpvpn_keys_fingerprint()) differs from the
 * previous configuration's. Only
 * what the kernel cannot change in place is replaced: a path's id or
 * local binding, or a remote the kernel was given for a path the file
 * wants listening (delete and add), a device's port or tunnel id (delete
 * the device and create it again).
 *
 * Roaming is no drift: a remote the kernel learned from the peer's
 * packets (a roaming path's, or a listening path's) differs from the
 * file's because the peer moved, and stays. The file's remote is sent
 * only when the configuration changed it since @previous, when the
 * kernel's was set by hand, or when the file pins it ("fixed").
 */
#ifndef MPVPND_DIFF_H
#define MPVPND_DIFF_H

#include "config.h"
#include "view.h"

enum action_type {
	ACTION_LINK_DEL,	/* @device */
	ACTION_LINK_ADD,	/* @device with @link */
	ACTION_DEV_SET,		/* @device, @settings */
	ACTION_PATH_DEL,	/* @path.name */
	ACTION_PATH_SET,	/* the fields of @path marked present */
	ACTION_PATH_ADD,	/* likewise; @local_dev names LOCAL_IFINDEX */
	ACTION_ADDR_DEL,	/* @address */
	ACTION_ADDR_ADD,	/* @address; one that exists is no error */
};

struct action {
	enum action_type type;
	char device[IF_NAMESIZE];
	/* For the log: "weight 1 -> 3"; room for two key files and a key. */
	char why[256];
	struct mpvpn_link_config link;
	/*
	 * DEV_SET: the settings marked present. The handshake's keys are
	 * marked (config_identity_present()) without the keys: the plan
	 * holds no secret. Whoever applies it fills them in from
	 * @identity_from, the wanted device (config_identity_fill()), sends
	 * them and wipes the copy.
	 */
	struct mpvpn_dev_settings settings;
	const struct config_device *identity_from;
	struct mpvpn_path_info path;
	char local_dev[IF_NAMESIZE];	/* PATH_ADD: the binding by name */
	struct config_address address;
};

struct plan {
	struct action *actions;
	size_t count;
	size_t capacity;
};

const char *action_type_name(enum action_type type);

/*
 * Fills @plan (emptied first) with the actions that take the kernel from
 * @running to @wanted. @previous is the configuration applied last, or
 * NULL at start-up: devices of @previous that @wanted lacks are deleted,
 * devices the daemon never configured are left alone. The wanted paths'
 * @local_ifindex must be resolved from @local_dev beforehand.
 * 0, or -ENOMEM.
 */
int diff_plan(const struct view *running, const struct config *previous,
	      const struct config *wanted, struct plan *plan);
void plan_free(struct plan *plan);

#endif /* MPVPND_DIFF_H */
