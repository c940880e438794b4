/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPVPN_VERSION_H
#define _MPVPN_VERSION_H

/* The one place the version lives: module, dkms.conf and tools read it. */
#define MPVPN_VERSION "0.2.0"

#endif /* _MPVPN_VERSION_H */
