/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel-version-dependent construct of the module goes here, so the
 * rest keeps the shape of current upstream code. Tested: Debian's 6.1.
 */
#ifndef _MPVPN_COMPAT_H
#define _MPVPN_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "mpvpn needs Linux 6.1 or later"
#endif

#endif /* _MPVPN_COMPAT_H */
