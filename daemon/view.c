// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

void view_free(struct view *view)
{
	for (size_t i = 0; i < view->device_count; i++)
		free(view->devices[i].paths);
	free(view->devices);
	memset(view, 0, sizeof(*view));
}

const struct view_device *view_find_device(const struct view *view,
					   const char *name)
{
	for (size_t i = 0; i < view->device_count; i++)
		if (!strcmp(view->devices[i].device.ifname, name))
			return &view->devices[i];
	return NULL;
}

int view_add_device(const struct mpvpn_device_info *device, void *arg)
{
	struct view *view = arg;
	void *grown = realloc(view->devices,
			      (view->device_count + 1) * sizeof(*view->devices));

	if (!grown)
		return -ENOMEM;
	view->devices = grown;
	memset(&view->devices[view->device_count], 0, sizeof(*view->devices));
	view->devices[view->device_count++].device = *device;
	return 0;
}

int view_add_path(const struct mpvpn_path_info *path, void *arg)
{
	struct view_device *vd = arg;
	void *grown = realloc(vd->paths, (vd->path_count + 1) * sizeof(*path));

	if (!grown)
		return -ENOMEM;
	vd->paths = grown;
	vd->paths[vd->path_count++] = *path;
	return 0;
}
