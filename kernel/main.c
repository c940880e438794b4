// SPDX-License-Identifier: GPL-2.0
/*
 * mpvpn: a multipath UDP tunnel device with in-kernel failover.
 * This file only sequences module init and exit.
 */

#include "device.h"
#include "netlink.h"
#include "path.h"
#include "socket.h"
#include "version.h"

#include <linux/module.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>

static int __init mpvpn_mod_init(void)
{
	int ret;

	ret = mpvpn_socket_init();
	if (ret)
		goto err_socket;
	ret = mpvpn_path_notifier_init();
	if (ret)
		goto err_notifier;
	ret = mpvpn_genetlink_init();
	if (ret)
		goto err_netlink;
	ret = mpvpn_device_init();
	if (ret)
		goto err_device;

#ifdef MPVPN_HARNESS_SELFTEST
	/* tests/vm/selftest: a warning must fail the run whatever else passes. */
	WARN_ON(1);
#endif
	pr_info("mpvpn " MPVPN_VERSION " loaded\n");
	return 0;

err_device:
	mpvpn_genetlink_uninit();
err_netlink:
	mpvpn_path_notifier_uninit();
err_notifier:
	mpvpn_socket_uninit();
err_socket:
	return ret;
}

static void __exit mpvpn_mod_exit(void)
{
	/* Devices go first: they hold ports and are reached by the notifier. */
	mpvpn_device_uninit();
	mpvpn_genetlink_uninit();
	mpvpn_path_notifier_uninit();
	mpvpn_socket_uninit();
	rcu_barrier();
}

module_init(mpvpn_mod_init);
module_exit(mpvpn_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Multipath UDP tunnel with in-kernel failover");
MODULE_AUTHOR("The mpvpn developers");
MODULE_VERSION(MPVPN_VERSION);
MODULE_ALIAS_RTNL_LINK(KBUILD_MODNAME);
MODULE_ALIAS_GENL_FAMILY(MPVPN_GENL_NAME);
