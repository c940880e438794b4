/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's mpvpn devices with their paths, as one read found them:
 * what diff.c plans against and what metrics.c renders. Reading them is
 * the callers' business (netlink, in reconcile.c and metrics.c); this
 * module only collects what the dumps hand over and frees it, so that a
 * unit test can make a view up by hand.
 */
#ifndef MPVPND_VIEW_H
#define MPVPND_VIEW_H

#include <stddef.h>

#include "libmpvpn.h"

/* One mpvpn device as the kernel reports it, with its paths. */
struct view_device {
	struct mpvpn_device_info device;
	struct mpvpn_path_info *paths;
	size_t path_count;
};

struct view {
	struct view_device *devices;
	size_t device_count;
};

void view_free(struct view *view);
const struct view_device *view_find_device(const struct view *view,
					   const char *name);

/*
 * Callbacks of the libmpvpn dumps: view_add_device() appends @device,
 * without paths, to the struct view @arg; view_add_path() appends @path
 * to the struct view_device @arg. 0 or -ENOMEM.
 */
int view_add_device(const struct mpvpn_device_info *device, void *arg);
int view_add_path(const struct mpvpn_path_info *path, void *arg);

#endif /* MPVPND_VIEW_H */
