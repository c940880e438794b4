// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <net/if.h>
#include <linux/rtnetlink.h>
#include <netlink/netlink.h>
#include <netlink/msg.h>

#include "netif.h"

int netif_set_up(const char *ifname, char *err, size_t err_len)
{
	struct ifreq ifr = { 0 };
	int fd, ret = 0;

	if (strlen(ifname) >= sizeof(ifr.ifr_name)) {
		snprintf(err, err_len, "invalid device name");
		return -EINVAL;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, err_len, "socket: %s", strerror(errno));
		return ret;
	}
	strcpy(ifr.ifr_name, ifname);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		ret = -errno;
		snprintf(err, err_len, "reading the flags: %s", strerror(errno));
	} else if (ifr.ifr_flags & IFF_UP) {
		ret = 1;
	} else {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0) {
			ret = -errno;
			snprintf(err, err_len, "setting it up: %s",
				 strerror(errno));
		}
	}
	close(fd);
	return ret;
}

/* One RTM_NEWADDR or RTM_DELADDR; the kernel's errno, or 0. */
static int addr_request(int type, int flags, unsigned int ifindex,
			const struct config_address *address)
{
	struct ifaddrmsg ifa = {
		.ifa_family = (unsigned char)address->addr.family,
		.ifa_prefixlen = (unsigned char)address->prefix_len,
		.ifa_index = ifindex,
	};
	size_t len = mpvpn_addr_len(&address->addr);
	struct nl_sock *sock = nl_socket_alloc();
	struct nl_msg *msg = NULL;
	int ret = -ENOMEM;

	if (!sock)
		return -ENOMEM;
	if (nl_connect(sock, NETLINK_ROUTE) < 0) {
		ret = -ECONNREFUSED;
		goto out;
	}
	msg = nlmsg_alloc_simple(type, NLM_F_REQUEST | NLM_F_ACK | flags);
	if (!msg || nlmsg_append(msg, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, IFA_LOCAL, (int)len, address->addr.bytes) < 0 ||
	    nla_put(msg, IFA_ADDRESS, (int)len, address->addr.bytes) < 0)
		goto out;
	ret = nl_send_auto(sock, msg);
	if (ret >= 0)
		ret = nl_wait_for_ack(sock);
	/* The core library folds errnos into its own codes; undo that. */
	if (ret < 0) {
		switch (-ret) {
		case NLE_EXIST: ret = -EEXIST; break;
		case NLE_NOADDR: ret = -EADDRNOTAVAIL; break;
		case NLE_OBJ_NOTFOUND: ret = -ENOENT; break;
		case NLE_NODEV: ret = -ENODEV; break;
		case NLE_PERM: ret = -EPERM; break;
		default: ret = -EINVAL; break;
		}
	}
out:
	nlmsg_free(msg);
	nl_socket_free(sock);
	return ret;
}

static int addr_change(int type, int flags, const char *ifname,
		       const struct config_address *address, char *err,
		       size_t err_len)
{
	unsigned int ifindex = if_nametoindex(ifname);
	int ret;

	if (!ifindex) {
		snprintf(err, err_len, "no device %s", ifname);
		return -ENODEV;
	}
	ret = addr_request(type, flags, ifindex, address);
	if (type == RTM_NEWADDR && ret == -EEXIST)
		return 1;
	if (type == RTM_DELADDR && (ret == -EADDRNOTAVAIL || ret == -ENOENT))
		return 1;
	if (ret < 0) {
		char text[INET6_ADDRSTRLEN];

		snprintf(err, err_len, "%s/%u: %s",
			 mpvpn_addr_format(&address->addr, text, sizeof(text)),
			 address->prefix_len, strerror(-ret));
	}
	return ret;
}

int netif_addr_add(const char *ifname, const struct config_address *address,
		   char *err, size_t err_len)
{
	return addr_change(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, ifname,
			   address, err, err_len);
}

int netif_addr_del(const char *ifname, const struct config_address *address,
		   char *err, size_t err_len)
{
	return addr_change(RTM_DELADDR, 0, ifname, address, err, err_len);
}
