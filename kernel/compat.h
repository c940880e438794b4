/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel-version-dependent construct of the module goes here, as a
 * macro shim, so the rest keeps the shape of current upstream code.
 * Tested: Debian's 6.1; nothing here yet, because nothing else is tested.
 */
#ifndef _MPVPN_COMPAT_H
#define _MPVPN_COMPAT_H

#include <linux/version.h>

#endif /* _MPVPN_COMPAT_H */
