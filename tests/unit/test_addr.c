// SPDX-License-Identifier: GPL-2.0-or-later
/* Address and endpoint parsing and formatting of libmpvpn. */
#include <errno.h>
#include <sys/socket.h>

#include "libmpvpn.h"
#include "unit.h"

static const uint8_t v4_bytes[4] = { 192, 0, 2, 1 };
static const uint8_t v6_bytes[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

static void test_bare_addresses(void)
{
	struct mpvpn_addr addr;

	CHECK("bare IPv4 parses",
	      mpvpn_addr_parse("192.0.2.1", &addr) == 0 &&
	      addr.family == AF_INET && !memcmp(addr.bytes, v4_bytes, 4) &&
	      mpvpn_addr_len(&addr) == 4);
	CHECK("bare IPv6 parses",
	      mpvpn_addr_parse("2001:db8::1", &addr) == 0 &&
	      addr.family == AF_INET6 && !memcmp(addr.bytes, v6_bytes, 16) &&
	      mpvpn_addr_len(&addr) == 16);
	CHECK("IPv4 with a port is not a bare address",
	      mpvpn_addr_parse("192.0.2.1:80", &addr) == -EINVAL &&
	      addr.family == AF_UNSPEC);
	CHECK("bracketed IPv6 is not a bare address",
	      mpvpn_addr_parse("[2001:db8::1]", &addr) == -EINVAL);
	CHECK("host names are refused",
	      mpvpn_addr_parse("example.org", &addr) == -EINVAL);
	CHECK("short IPv4 forms are refused",
	      mpvpn_addr_parse("10.1", &addr) == -EINVAL);
	CHECK("empty address is refused", mpvpn_addr_parse("", &addr) == -EINVAL);
	CHECK("scope ids are refused",
	      mpvpn_addr_parse("fe80::1%eth0", &addr) == -EINVAL);
}

static void test_endpoints(void)
{
	struct mpvpn_addr addr;
	uint16_t port = 0;

	CHECK("IPv4 endpoint parses",
	      mpvpn_endpoint_parse("192.0.2.1:5555", &addr, &port) == 0 &&
	      addr.family == AF_INET && port == 5555 &&
	      !memcmp(addr.bytes, v4_bytes, 4));
	CHECK("bracketed IPv6 endpoint parses",
	      mpvpn_endpoint_parse("[2001:db8::1]:443", &addr, &port) == 0 &&
	      addr.family == AF_INET6 && port == 443 &&
	      !memcmp(addr.bytes, v6_bytes, 16));
	CHECK("highest port parses",
	      mpvpn_endpoint_parse("192.0.2.1:65535", &addr, &port) == 0 &&
	      port == 65535);
	CHECK("endpoint without port is refused",
	      mpvpn_endpoint_parse("192.0.2.1", &addr, &port) == -EINVAL);
	CHECK("endpoint with empty port is refused",
	      mpvpn_endpoint_parse("192.0.2.1:", &addr, &port) == -EINVAL);
	CHECK("port 0 is refused",
	      mpvpn_endpoint_parse("192.0.2.1:0", &addr, &port) == -EINVAL);
	CHECK("port 65536 is refused",
	      mpvpn_endpoint_parse("192.0.2.1:65536", &addr, &port) == -EINVAL);
	CHECK("negative port is refused",
	      mpvpn_endpoint_parse("192.0.2.1:-1", &addr, &port) == -EINVAL);
	CHECK("port with trailing junk is refused",
	      mpvpn_endpoint_parse("192.0.2.1:80x", &addr, &port) == -EINVAL);
	CHECK("unbracketed IPv6 endpoint is refused as ambiguous",
	      mpvpn_endpoint_parse("2001:db8::1:80", &addr, &port) == -EINVAL);
	CHECK("bracketed IPv4 is refused",
	      mpvpn_endpoint_parse("[192.0.2.1]:80", &addr, &port) == -EINVAL);
	CHECK("unterminated bracket is refused",
	      mpvpn_endpoint_parse("[2001:db8::1:80", &addr, &port) == -EINVAL);
	CHECK("bracket without port is refused",
	      mpvpn_endpoint_parse("[2001:db8::1]", &addr, &port) == -EINVAL);
	CHECK("empty host is refused",
	      mpvpn_endpoint_parse(":80", &addr, &port) == -EINVAL);
	CHECK("empty brackets are refused",
	      mpvpn_endpoint_parse("[]:80", &addr, &port) == -EINVAL);
}

static void test_formatting(void)
{
	char buf[MPVPN_ENDPOINT_STRLEN];
	char tiny[4];
	struct mpvpn_addr addr;

	mpvpn_addr_set_bytes(&addr, v4_bytes, 4);
	CHECK_STR("IPv4 formats", mpvpn_addr_format(&addr, buf, sizeof(buf)),
		  "192.0.2.1");
	CHECK_STR("IPv4 endpoint formats",
		  mpvpn_endpoint_format(&addr, 5555, buf, sizeof(buf)),
		  "192.0.2.1:5555");

	mpvpn_addr_set_bytes(&addr, v6_bytes, 16);
	CHECK_STR("IPv6 formats", mpvpn_addr_format(&addr, buf, sizeof(buf)),
		  "2001:db8::1");
	CHECK_STR("IPv6 endpoint formats with brackets",
		  mpvpn_endpoint_format(&addr, 443, buf, sizeof(buf)),
		  "[2001:db8::1]:443");
	CHECK_STR("too small a buffer gives an empty string",
		  mpvpn_addr_format(&addr, tiny, sizeof(tiny)), "");

	memset(&addr, 0, sizeof(addr));
	CHECK_STR("absent address formats empty",
		  mpvpn_addr_format(&addr, buf, sizeof(buf)), "");
	CHECK("bytes of a bad length are refused",
	      mpvpn_addr_set_bytes(&addr, v6_bytes, 5) == -EINVAL &&
	      addr.family == AF_UNSPEC);
}

static void test_round_trip(void)
{
	static const char *const endpoints[] = {
		"198.51.100.7:1", "[::1]:5555", "[fe80::a:b:c:d]:65535",
		"0.0.0.0:9", "[::ffff:192.0.2.1]:80",
	};

	for (size_t i = 0; i < sizeof(endpoints) / sizeof(endpoints[0]); i++) {
		char buf[MPVPN_ENDPOINT_STRLEN];
		char name[96];
		struct mpvpn_addr addr;
		uint16_t port;

		snprintf(name, sizeof(name), "round trip of %s", endpoints[i]);
		CHECK(name,
		      mpvpn_endpoint_parse(endpoints[i], &addr, &port) == 0 &&
		      !strcmp(mpvpn_endpoint_format(&addr, port, buf,
						    sizeof(buf)),
			      endpoints[i]));
	}
}

static void test_names(void)
{
	enum mpvpn_mode mode;

	CHECK_STR("mode name", mpvpn_mode_name(MPVPN_MODE_FAILOVER), "failover");
	CHECK_STR("unknown mode name", mpvpn_mode_name(200), "unknown");
	CHECK("mode parses", mpvpn_mode_parse("failover", &mode) == 0 &&
	      mode == MPVPN_MODE_FAILOVER);
	CHECK("unknown mode is refused",
	      mpvpn_mode_parse("round-robin", &mode) == -EINVAL);
	CHECK_STR("state up", mpvpn_path_state_name(MPVPN_PATH_STATE_UP), "up");
	CHECK_STR("state down", mpvpn_path_state_name(MPVPN_PATH_STATE_DOWN), "down");
	CHECK_STR("reason path-added",
		  mpvpn_reason_name(MPVPN_REASON_PATH_ADDED), "path-added");
	CHECK_STR("reason path-removed",
		  mpvpn_reason_name(MPVPN_REASON_PATH_REMOVED), "path-removed");
	CHECK_STR("reason admin-up",
		  mpvpn_reason_name(MPVPN_REASON_ADMIN_UP), "admin-up");
	CHECK_STR("reason admin-down",
		  mpvpn_reason_name(MPVPN_REASON_ADMIN_DOWN), "admin-down");
	CHECK_STR("reason carrier-up",
		  mpvpn_reason_name(MPVPN_REASON_CARRIER_UP), "carrier-up");
	CHECK_STR("reason carrier-lost",
		  mpvpn_reason_name(MPVPN_REASON_CARRIER_LOST), "carrier-lost");
	CHECK_STR("reason config", mpvpn_reason_name(MPVPN_REASON_CONFIG),
		  "config");
	CHECK_STR("unknown reason", mpvpn_reason_name(__MPVPN_REASON_MAX),
		  "unknown");
	CHECK_STR("stats name", mpvpn_stats_name(MPVPN_STATS_A_RX_BAD_INNER),
		  "rx_bad_inner");
	CHECK_STR("stats name rx_dropped",
		  mpvpn_stats_name(MPVPN_STATS_A_RX_DROPPED), "rx_dropped");
	CHECK_STR("pad has no stats name", mpvpn_stats_name(MPVPN_STATS_A_PAD),
		  "unknown");
	CHECK_STR("stats name after the pad",
		  mpvpn_stats_name(MPVPN_STATS_A_RX_BAD_PROBE), "rx_bad_probe");
}

static void test_health_names(void)
{
	enum mpvpn_failback failback = MPVPN_FAILBACK_REVERT;
	bool inherit = false;

	CHECK_STR("state degraded",
		  mpvpn_path_state_name(MPVPN_PATH_STATE_DEGRADED), "degraded");
	CHECK_STR("reason probes-lost",
		  mpvpn_reason_name(MPVPN_REASON_PROBES_LOST), "probes-lost");
	CHECK_STR("reason latency", mpvpn_reason_name(MPVPN_REASON_LATENCY),
		  "latency");
	CHECK_STR("reason jitter", mpvpn_reason_name(MPVPN_REASON_JITTER),
		  "jitter");
	CHECK_STR("reason loss", mpvpn_reason_name(MPVPN_REASON_LOSS), "loss");
	CHECK_STR("reason pushed-probe",
		  mpvpn_reason_name(MPVPN_REASON_PUSHED_PROBE), "pushed-probe");
	CHECK_STR("reason recovered",
		  mpvpn_reason_name(MPVPN_REASON_RECOVERED), "recovered");
	CHECK_STR("reason revert", mpvpn_reason_name(MPVPN_REASON_REVERT),
		  "revert");
	CHECK_STR("reason verdict-expired",
		  mpvpn_reason_name(MPVPN_REASON_VERDICT_EXPIRED),
		  "verdict-expired");
	CHECK_STR("reason probing", mpvpn_reason_name(MPVPN_REASON_PROBING),
		  "probing");
	CHECK_STR("failback revert", mpvpn_failback_name(MPVPN_FAILBACK_REVERT),
		  "revert");
	CHECK_STR("failback sticky", mpvpn_failback_name(MPVPN_FAILBACK_STICKY),
		  "sticky");
	CHECK_STR("unknown failback", mpvpn_failback_name(9), "unknown");
	CHECK("failback parses",
	      mpvpn_failback_parse("sticky", &failback) == 0 &&
	      failback == MPVPN_FAILBACK_STICKY);
	CHECK("unknown failback is refused",
	      mpvpn_failback_parse("Sticky", &failback) == -EINVAL &&
	      failback == MPVPN_FAILBACK_STICKY);
	CHECK_STR("tos of 0 is ecn", mpvpn_tos_name(false), "ecn");
	CHECK_STR("tos of 1 is inherit", mpvpn_tos_name(true), "inherit");
	CHECK("tos inherit parses",
	      mpvpn_tos_parse("inherit", &inherit) == 0 && inherit);
	CHECK("tos ecn parses",
	      mpvpn_tos_parse("ecn", &inherit) == 0 && !inherit);
	CHECK("unknown tos is refused",
	      mpvpn_tos_parse("dscp", &inherit) == -EINVAL && !inherit &&
	      mpvpn_tos_parse("Inherit", &inherit) == -EINVAL &&
	      mpvpn_tos_parse("", &inherit) == -EINVAL);
	CHECK_STR("health name probe interval",
		  mpvpn_health_name(MPVPN_HEALTH_A_PROBE_INTERVAL_MS),
		  "probe_interval_ms");
	CHECK_STR("health name loss recover",
		  mpvpn_health_name(MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE),
		  "loss_recover_permille");
	CHECK_STR("health name hold", mpvpn_health_name(MPVPN_HEALTH_A_HOLD_MS),
		  "hold_ms");
	CHECK_STR("no health name for 0", mpvpn_health_name(0), "unknown");
}

int main(void)
{
	test_bare_addresses();
	test_endpoints();
	test_formatting();
	test_round_trip();
	test_names();
	test_health_names();
	return unit_finish();
}
