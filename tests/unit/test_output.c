// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What mpvpnctl prints: the monitor line and the JSON documents, whose
 * field names scripts depend on.
 */
#include <stdlib.h>
#include <sys/socket.h>

#include "event_text.h"
#include "json.h"
#include "unit.h"

/* Referenced by cli.h; the JSON builders do not depend on it. */
bool json_output;

static struct mpvpn_event carrier_lost(void)
{
	struct mpvpn_event event = {
		.ifindex = 5, .ifname = "mpvpn0",
		.reason = MPVPN_REASON_CARRIER_LOST, .has_path = true,
		.active_path_id = 2, .active_path_name = "lte",
	};

	event.path.present = MPVPN_PATH_HAS(MPVPN_PATH_A_ID) |
			     MPVPN_PATH_HAS(MPVPN_PATH_A_NAME) |
			     MPVPN_PATH_HAS(MPVPN_PATH_A_STATE) |
			     MPVPN_PATH_HAS(MPVPN_PATH_A_CARRIER) |
			     MPVPN_PATH_HAS(MPVPN_PATH_A_ADMIN_UP);
	event.path.id = 1;
	strcpy(event.path.name, "fiber");
	event.path.state = MPVPN_PATH_DOWN;
	event.path.admin_up = true;
	return event;
}

static void test_event_text(void)
{
	struct mpvpn_event event = carrier_lost();
	char line[256];
	char tiny[8];

	CHECK_STR("carrier lost line", event_to_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber down (carrier-lost); active path lte");

	event.reason = MPVPN_REASON_PATH_REMOVED;
	event.active_path_id = 0;
	event.active_path_name[0] = '\0';
	CHECK_STR("removed path, nothing active",
		  event_to_text(&event, line, sizeof(line)),
		  "mpvpn0: path fiber removed (path-removed); no active path");

	event = carrier_lost();
	event.has_path = false;
	event.reason = MPVPN_REASON_CONFIG;
	CHECK_STR("device-level event",
		  event_to_text(&event, line, sizeof(line)),
		  "mpvpn0: device changed (config); active path lte");

	event = carrier_lost();
	event.ifname[0] = '\0';
	event.path.present &= ~MPVPN_PATH_HAS(MPVPN_PATH_A_NAME);
	event.reason = MPVPN_REASON_CARRIER_UP;
	event.path.state = MPVPN_PATH_UP;
	CHECK_STR("nameless device and path",
		  event_to_text(&event, line, sizeof(line)),
		  "if5: path id 1 up (carrier-up); active path lte");

	CHECK_STR("truncates without overflowing",
		  event_to_text(&event, tiny, sizeof(tiny)), "if5: pa");
}

/* Compact, sorted, so the expected text is exact. */
static char *dump(json_t *value)
{
	char *text = json_dumps(value, JSON_SORT_KEYS | JSON_COMPACT);

	json_decref(value);
	return text;
}

static void test_json_event(void)
{
	struct mpvpn_event event = carrier_lost();
	char *text = dump(json_event(&event));

	CHECK_STR("event JSON", text,
		  "{\"active_path\":{\"id\":2,\"name\":\"lte\"},"
		  "\"ifindex\":5,\"ifname\":\"mpvpn0\","
		  "\"path\":{\"admin_up\":true,\"carrier\":false,\"id\":1,"
		  "\"name\":\"fiber\",\"state\":\"down\"},"
		  "\"reason\":\"carrier-lost\"}");
	free(text);

	event.has_path = false;
	event.active_path_id = 0;
	text = dump(json_event(&event));
	CHECK_STR("event JSON without path or active path", text,
		  "{\"active_path\":null,\"ifindex\":5,\"ifname\":\"mpvpn0\","
		  "\"reason\":\"carrier-lost\"}");
	free(text);
}

static void test_json_device(void)
{
	static const uint8_t remote[4] = { 198, 51, 100, 1 };
	struct mpvpn_path path = {
		.id = 1, .name = "fiber", .remote_port = 5555, .priority = 1,
		.weight = 1, .admin_up = true, .state = MPVPN_PATH_UP,
		.carrier = true, .active = true, .mtu = 1500,
	};
	struct device_snapshot dev = {
		.device = {
			.ifindex = 5, .ifname = "mpvpn0", .port = 5555,
			.tunnel_id = 1, .mode = MPVPN_MODE_FAILOVER,
			.mtu = 1420, .active_path_id = 1,
			.active_path_name = "fiber", .path_count = 1,
		},
		.paths = &path,
		.path_count = 1,
	};
	char *text;

	mpvpn_addr_set_bytes(&path.remote, remote, 4);
	path.stats.present = UINT64_C(1) << MPVPN_STATS_A_TX_PACKETS;
	path.stats.counter[MPVPN_STATS_A_TX_PACKETS] = 10;
	dev.device.stats.present =
		(UINT64_C(1) << MPVPN_STATS_A_RX_BAD_INNER) |
		(UINT64_C(1) << MPVPN_STATS_A_TX_NO_PATH);
	dev.device.stats.counter[MPVPN_STATS_A_RX_BAD_INNER] = 3;

	text = dump(json_device(&dev));
	CHECK_STR("device JSON", text,
		  "{\"active_path\":{\"id\":1,\"name\":\"fiber\"},"
		  "\"ifindex\":5,\"ifname\":\"mpvpn0\",\"mode\":\"failover\","
		  "\"mtu\":1420,\"path_count\":1,"
		  "\"paths\":[{\"active\":true,\"admin_up\":true,"
		  "\"carrier\":true,\"id\":1,\"local_addr\":null,"
		  "\"local_dev\":null,\"local_ifindex\":0,\"mtu\":1500,"
		  "\"name\":\"fiber\",\"priority\":1,"
		  "\"remote_addr\":\"198.51.100.1\",\"remote_port\":5555,"
		  "\"state\":\"up\",\"stats\":{\"tx_packets\":10},"
		  "\"weight\":1}],"
		  "\"port\":5555,"
		  "\"stats\":{\"rx_bad_inner\":3,\"tx_no_path\":0},"
		  "\"tunnel_id\":1}");
	free(text);

	text = dump(json_device_stats(&dev));
	CHECK_STR("stats JSON", text,
		  "{\"ifindex\":5,\"ifname\":\"mpvpn0\","
		  "\"paths\":[{\"id\":1,\"name\":\"fiber\","
		  "\"stats\":{\"tx_packets\":10}}],"
		  "\"stats\":{\"rx_bad_inner\":3,\"tx_no_path\":0}}");
	free(text);
}

int main(void)
{
	test_event_text();
	test_json_event();
	test_json_device();
	return unit_finish();
}
