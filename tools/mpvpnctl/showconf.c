// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "showconf": the running devices as an mpvpnd configuration file, like
 * "wg showconf", so that a setup built by hand can be handed to mpvpnd.
 */
#include <ifaddrs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "cli.h"
#include "conf.h"
#include "json.h"
#include "snapshot.h"

#define SHOWCONF_SYNOPSIS	"showconf [DEV]"

/* "10.99.0.1/30": the inner addresses of @ifname, link-local ones aside. */
static size_t inner_addresses(const char *ifname, char ***out)
{
	struct ifaddrs *list, *ifa;
	char **addresses = NULL;
	size_t count = 0;

	*out = NULL;
	if (getifaddrs(&list) < 0)
		return 0;
	for (ifa = list; ifa; ifa = ifa->ifa_next) {
		char text[INET6_ADDRSTRLEN + 8], addr[INET6_ADDRSTRLEN];
		int family = ifa->ifa_addr ? ifa->ifa_addr->sa_family : 0;
		const void *bytes, *mask;
		unsigned int prefix = 0;
		size_t len;
		char **grown;

		if (strcmp(ifa->ifa_name, ifname) || !ifa->ifa_netmask ||
		    (family != AF_INET && family != AF_INET6))
			continue;
		if (family == AF_INET) {
			bytes = &((struct sockaddr_in *)ifa->ifa_addr)->sin_addr;
			mask = &((struct sockaddr_in *)ifa->ifa_netmask)->sin_addr;
			len = 4;
		} else {
			const struct in6_addr *a6 =
				&((struct sockaddr_in6 *)ifa->ifa_addr)->sin6_addr;

			/* The kernel's own, not the operator's. */
			if (IN6_IS_ADDR_LINKLOCAL(a6))
				continue;
			bytes = a6;
			mask = &((struct sockaddr_in6 *)ifa->ifa_netmask)->sin6_addr;
			len = 16;
		}
		for (size_t i = 0; i < len; i++)
			prefix += (unsigned int)__builtin_popcount(((const unsigned char *)mask)[i]);
		inet_ntop(family, bytes, addr, sizeof(addr));
		snprintf(text, sizeof(text), "%s/%u", addr, prefix);
		grown = realloc(addresses, (count + 1) * sizeof(*addresses));
		if (!grown || !(grown[count] = strdup(text))) {
			addresses = grown ? grown : addresses;
			break;
		}
		addresses = grown;
		count++;
	}
	freeifaddrs(list);
	*out = addresses;
	return count;
}

static json_t *document(const struct snapshot *snap)
{
	json_t *root = json_object();
	json_t *devices = json_object();

	json_object_set_new(root, "comment", json_string(
		"mpvpnctl showconf: the devices as the kernel has them; external probes, hooks and metrics are mpvpnd's own and not shown"));
	for (size_t i = 0; i < snap->count; i++) {
		const struct device_snapshot *dev = &snap->devices[i];
		char **addresses;
		size_t count = inner_addresses(dev->device.ifname, &addresses);

		json_object_set_new(devices, dev->device.ifname,
				    conf_device(dev, addresses, count));
		for (size_t j = 0; j < count; j++)
			free(addresses[j]);
		free(addresses);
	}
	json_object_set_new(root, "devices", devices);
	return root;
}

int showconf_main(int argc, char **argv)
{
	static const struct snapshot_printer printer = { .document = document };
	int ret;

	ret = cli_simple_args("showconf", SHOWCONF_SYNOPSIS,
			      "Prints DEV, or every mpvpn device, as an mpvpnd configuration file\n"
			      "(mpvpnd.conf(5)): its settings, inner addresses and paths, leaving\n"
			      "out what is at its default. Private keys are never shown: a device\n"
			      "that has keys needs its \"private_key_file\" (and \"psk_file\", if it\n"
			      "uses one) added before mpvpnd takes it.\n",
			      1, argc, argv);
	if (ret != CLI_GO_ON)
		return ret;
	return snapshot_print("showconf", argc == 2 ? argv[1] : NULL, &printer);
}
