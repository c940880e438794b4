/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The running devices as mpvpnd would be configured to make them
 * (mpvpnd.conf(5)): what "mpvpnctl showconf" prints, so that an operator
 * can capture a setup built by hand. Pure: a snapshot in, JSON out.
 */
#ifndef MPVPNCTL_CONF_H
#define MPVPNCTL_CONF_H

#include <jansson.h>

#include "snapshot.h"

/*
 * The "devices" member of mpvpnd.json for @dev, with @addresses
 * ("10.99.0.1/30") as its inner addresses. Settings at their defaults are
 * left out, and so are a path's thresholds that are the device's and a
 * remote the kernel learned from the peer (the path listens). Secret
 * keys are never shown: a device that has keys gets "encryption", the
 * "peer_public_key" the kernel reports, and a comment that the private
 * key file (and a pre-shared key file, if any) are for the operator to
 * add (mpvpnd refuses the file until then).
 */
json_t *conf_device(const struct device_snapshot *dev,
		    char *const *addresses, size_t address_count);

#endif /* MPVPNCTL_CONF_H */
