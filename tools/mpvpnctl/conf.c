// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>

#include "cli.h"
#include "conf.h"
#include "mpvpn-names.h"

static void set(json_t *object, const char *key, json_t *value)
{
	json_object_set_new(object, key, value);
}

/* @value unless it is @default_value: the file then needs no member. */
static void set_unless(json_t *object, const char *key, uint64_t value,
		       uint64_t default_value)
{
	if (value != default_value)
		set(object, key, json_integer((json_int_t)value));
}

/* The thresholds of @health that differ from @base's values. */
static json_t *health_differences(const struct mpvpn_health_info *health,
				  const uint32_t *base)
{
	json_t *object = json_object();

	for (unsigned int attr = 1; attr < MPVPN_HEALTH_A_RESET; attr++)
		if ((health->present & MPVPN_HEALTH_HAS(attr)) &&
		    health->value[attr] != base[attr])
			set(object, mpvpn_health_name(attr),
			    json_integer(health->value[attr]));
	return object;
}

static void set_health(json_t *object, const struct mpvpn_health_info *health,
		       const uint32_t *base)
{
	json_t *differences = health_differences(health, base);

	if (json_object_size(differences))
		set(object, "health", differences);
	else
		json_decref(differences);
}

static json_t *conf_path(const struct mpvpn_path_info *path,
			 const struct mpvpn_device_info *device)
{
	char addr[MPVPN_ENDPOINT_STRLEN];
	json_t *object = json_object();

	set(object, "id", json_integer(path->id));
	if (mpvpn_addr_len(&path->local))
		set(object, "local", json_string(mpvpn_addr_format(&path->local,
								   addr,
								   sizeof(addr))));
	if (path->local_ifindex) {
		char ifname[IF_NAMESIZE];

		set(object, "dev", json_string(ifindex_to_name(path->local_ifindex,
							       ifname)));
	}
	/*
	 * A remote the kernel learned from the peer was not configured: the
	 * path listens (a hub's), or its configured remote is not known now.
	 */
	if (mpvpn_path_has_remote(path) && !path->remote_learned)
		set(object, "remote",
		    json_string(mpvpn_endpoint_format(&path->remote,
						      path->remote_port, addr,
						      sizeof(addr))));
	else if (mpvpn_path_has_remote(path))
		set(object, "comment", json_string(
			"the remote was learned from the peer, not configured: without \"remote\" the path listens"));
	if (path->remote_fixed)
		set(object, "fixed", json_true());
	set(object, "priority", json_integer(path->priority));
	set_unless(object, "weight", path->weight, MPVPN_WEIGHT_DEFAULT);
	if (path->bandwidth_kbps) {
		char rate[MPVPN_RATE_STRLEN];

		set(object, "bandwidth",
		    json_string(mpvpn_rate_format(path->bandwidth_kbps, rate)));
	}
	if (!path->admin_up)
		set(object, "admin_up", json_false());
	/* The values in force; the path's own are those not the device's. */
	if ((path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_HEALTH)) &&
	    (device->present & MPVPN_DEV_HAS(MPVPN_A_HEALTH)))
		set_health(object, &path->health, device->health.value);
	return object;
}

/*
 * Of the handshake's keys the kernel shows the public ones only: the
 * peer's goes into the file, and the comment says which private key file
 * the operator adds (the one whose public key the kernel shows).
 */
static void set_keys(json_t *object, const struct mpvpn_device_info *device)
{
	char peer[MPVPN_KEY_BASE64_LEN + 1], own[MPVPN_KEY_BASE64_LEN + 1];
	char comment[320];

	if (!(device->present & MPVPN_DEV_HAS(MPVPN_A_PUBLIC_KEY)) ||
	    !(device->present & MPVPN_DEV_HAS(MPVPN_A_PEER_PUBLIC_KEY))) {
		set(object, "comment", json_string(
			"keys are never shown: add \"private_key_file\" and \"peer_public_key\" (mpvpnd.conf(5)); mpvpnd refuses the file until then"));
		return;
	}
	mpvpn_key_to_base64(device->public_key, own);
	mpvpn_key_to_base64(device->peer_public_key, peer);
	snprintf(comment, sizeof(comment),
		 "secret keys are never shown: add \"private_key_file\" (the key whose public key is %s) and \"psk_file\" if the tunnel has a pre-shared key (mpvpnd.conf(5)); mpvpnd refuses the file until then",
		 own);
	set(object, "comment", json_string(comment));
	set(object, "peer_public_key", json_string(peer));
}

/* Secret keys never leave the kernel: say what the operator adds. */
static void set_encryption(json_t *object,
			   const struct mpvpn_device_info *device)
{
	if (!(device->present & MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION)))
		return;
	switch (device->encryption) {
	case MPVPN_ENCRYPTION_NONE:
		set(object, "encryption", json_string("none"));
		return;
	case MPVPN_ENCRYPTION_CHACHA20_POLY1305:
		set_keys(object, device);
		set(object, "encryption",
		    json_string(mpvpn_encryption_name(device->encryption)));
		set_unless(object, "rekey_seconds", device->rekey_seconds,
			   MPVPN_REKEY_SECONDS_DEFAULT);
		return;
	default:
		set(object, "comment", json_string(
			"the device has neither keys nor plaintext set: add \"private_key_file\" and \"peer_public_key\", or \"encryption\": \"none\""));
	}
}

json_t *conf_device(const struct device_snapshot *dev,
		    char *const *addresses, size_t address_count)
{
	const struct mpvpn_device_info *device = &dev->device;
	json_t *object = json_object();
	json_t *paths = json_object();

	set(object, "port", json_integer(device->port));
	set(object, "tunnel_id", json_integer(device->tunnel_id));
	set(object, "mode", json_string(mpvpn_mode_name(device->mode)));
	if ((device->present & MPVPN_DEV_HAS(MPVPN_A_FAILBACK)) &&
	    device->failback != MPVPN_FAILBACK_REVERT)
		set(object, "failback",
		    json_string(mpvpn_failback_name(device->failback)));
	set_unless(object, "revert_delay_ms", device->revert_delay_ms,
		   MPVPN_REVERT_DELAY_MS_DEFAULT);
	/* "ecn", the default, needs no member. */
	if (device->tos_inherit)
		set(object, "tos", json_string(mpvpn_tos_name(true)));
	if (device->present & MPVPN_DEV_HAS(MPVPN_A_REDUNDANCY))
		set_unless(object, "redundancy", device->redundancy,
			   MPVPN_REDUNDANCY_DEFAULT);
	if (device->present & MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_MS))
		set_unless(object, "reorder_wait_ms", device->reorder_wait_ms,
			   MPVPN_REORDER_WAIT_MS_DEFAULT);
	if (device->present & MPVPN_DEV_HAS(MPVPN_A_HEALTH))
		set_health(object, &device->health, mpvpn_health_defaults);
	set_encryption(object, device);
	if (address_count) {
		json_t *list = json_array();

		for (size_t i = 0; i < address_count; i++)
			json_array_append_new(list, json_string(addresses[i]));
		set(object, "addresses", list);
	}
	for (size_t i = 0; i < dev->path_count; i++)
		set(paths, dev->paths[i].name, conf_path(&dev->paths[i], device));
	set(object, "paths", paths);
	return object;
}
