/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel-version-dependent construct of the module goes here, as a
 * macro shim, so the rest keeps the shape of current upstream code.
 * Tested: Debian 12's 6.1 (the stock linux-image-amd64 and the debug test
 * kernel built from linux-source-6.1). No shim yet: a shim that no test
 * runs would be a guess, so later kernels get theirs with a test run.
 * The oldest kernel accepted (6.1) is checked in Kbuild, before any file
 * is compiled.
 */
#ifndef _MPVPN_COMPAT_H
#define _MPVPN_COMPAT_H

#include <linux/version.h>

#endif /* _MPVPN_COMPAT_H */
