// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libkmod.h>

#include "kmod.h"

int kmod_ensure_loaded(const char *name, char *err, size_t err_len)
{
	struct kmod_ctx *ctx = kmod_new(NULL, NULL);
	struct kmod_module *mod = NULL;
	int ret, state;

	if (!ctx) {
		snprintf(err, err_len, "libkmod: cannot create a context");
		return -ENOMEM;
	}
	ret = kmod_module_new_from_name(ctx, name, &mod);
	if (ret < 0) {
		snprintf(err, err_len, "libkmod: %s: %s", name, strerror(-ret));
		goto out;
	}
	/*
	 * A module inserted by hand (insmod of a test build) is live too:
	 * what counts is that the kernel has it, not where it came from.
	 */
	state = kmod_module_get_initstate(mod);
	if (state == KMOD_MODULE_LIVE || state == KMOD_MODULE_BUILTIN ||
	    state == KMOD_MODULE_COMING) {
		ret = 1;
		goto out;
	}
	ret = kmod_module_probe_insert_module(mod, 0, NULL, NULL, NULL, NULL);
	if (ret < 0)
		snprintf(err, err_len,
			 "loading module %s: %s (is it installed for this kernel? see Documentation/install.rst)",
			 name, strerror(-ret));
	else
		ret = 0;
out:
	kmod_module_unref(mod);
	kmod_unref(ctx);
	return ret;
}
