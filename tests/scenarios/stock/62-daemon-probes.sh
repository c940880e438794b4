#!/bin/bash
# External probes of mpvpnd against real servers in the far gateway: an
# HTTP server (python3 http.server), an HTTPS one with a self-signed
# certificate the probe is given as its CA, and a TCP connect on fiber, a UDP
# echo responder and a DNS server (dnsmasq) on lte, ICMP echo on dsl, and
# an exec command. A probe
# that fails its count holds its path down through a pushed verdict even
# though the link itself is healthy; when it passes again the path comes
# back. A probe bound to dsl's device cannot reach a host that only fiber
# reaches: probes leave through their own path.
#
#        wan1 10.1.0.0/24  delay 5 ms   prio 1  "fiber"  http, tcp -> 10.1.0.2:8080, https :8443
#   [gw1]---------------------------------------------[gw2]
#        wan2 10.2.0.0/24  delay 20 ms  prio 2  "lte"    udp echo -> 10.2.0.2:7007, dns, exec
#        wan3 10.3.0.0/24  delay 40 ms  prio 3  "dsl"    icmp -> 10.3.0.2 (dev wan3)
#   mpvpn0 10.99.0.1/30  =====================  mpvpn0 10.99.0.2/30
. "$(dirname "$0")/../../lib/scenario.sh"
. "$(dirname "$0")/../../lib/daemon.sh"

three_links
three_links_config 2 | jq --argjson h "$SLOW_VM_HEALTH" 'del(.hooks) | .devices.mpvpn0.health += $h' >"$DAEMON_DIR/gw2.json"
# gw1: the same, with probes on its paths.
probes_config() {	# probes_config [EXTRA_DSL_PROBE_JSON]
	# Every probe once every 2 s with a 1.5 s timeout: the debug VM under
	# emulation takes hundreds of milliseconds to start a process or to
	# answer a query when the host is busy. No hook: one shell per event
	# is load this scenario does not need.
	three_links_config 1 | jq --arg flag "$DAEMON_DIR/lte-broken" --argjson extra "${1:-null}" \
		--arg ca "$DAEMON_DIR/tls.pem" \
		--argjson h "$SLOW_VM_HEALTH" '
	del(.hooks) | .devices.mpvpn0.health += $h |
	.devices.mpvpn0.paths.fiber.probes = {
		web: { type: "http", url: "http://10.1.0.2:8080/health", expect_body: "healthy",
		       interval_ms: 2000, timeout_ms: 1500, fail_count: 3, success_count: 2 },
		port: { type: "tcp", host: "10.1.0.2", port: 8080, interval_ms: 2000, timeout_ms: 1500 },
		secure: { type: "http", url: "https://10.1.0.2:8443/health", ca_file: $ca,
		          expect_body: "healthy", interval_ms: 2000, timeout_ms: 1500 } } |
	.devices.mpvpn0.paths.lte.probes = {
		echo: { type: "udp", host: "10.2.0.2", port: 7007, payload: "are you there",
		        interval_ms: 2000, timeout_ms: 1500 },
		script: { type: "exec", command: ["/bin/sh", "-c", "test ! -e \"$0\"", $flag],
		          interval_ms: 5000, timeout_ms: 4000, fail_count: 2, success_count: 1 },
		dns: { type: "dns", host: "10.2.0.2", query: "probe.test", interval_ms: 2000,
		       timeout_ms: 1500 } } |
	.devices.mpvpn0.paths.dsl.probes = ({ ping: { type: "icmp", host: "10.3.0.2",
		interval_ms: 2000, timeout_ms: 1500 } } + (if $extra then { cross: $extra } else {} end))'
}
# The HTTPS server's certificate, for its address; the probe trusts it as
# its CA (ca_file), and nothing else does.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	-days 2 -subj /CN=10.1.0.2 -addext subjectAltName=IP:10.1.0.2 \
	-keyout "$DAEMON_DIR/tls.key" -out "$DAEMON_DIR/tls.pem" 2>/dev/null ||
	fail "openssl could not make the test certificate"
probes_config >"$DAEMON_DIR/gw1.json"
"$MPVPND" --check-config "$DAEMON_DIR/gw1.json"

# The servers of gw2, bound to the far ends of their links.
mkdir -p "$DAEMON_DIR/www"
echo healthy >"$DAEMON_DIR/www/health"
http_start() {
	ip netns exec gw2 python3 -m http.server --bind 10.1.0.2 --directory "$DAEMON_DIR/www" 8080 \
		>/dev/null 2>&1 &
	HTTP_PID=$!
	SCENARIO_PIDS+=("$HTTP_PID")
}
http_start
ip netns exec gw2 python3 -c '
import functools, http.server, ssl, sys
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
server = http.server.HTTPServer(("10.1.0.2", 8443), handler)
tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
tls.load_cert_chain(sys.argv[2], sys.argv[3])
server.socket = tls.wrap_socket(server.socket, server_side=True)
server.serve_forever()
' "$DAEMON_DIR/www" "$DAEMON_DIR/tls.pem" "$DAEMON_DIR/tls.key" >/dev/null 2>&1 &
SCENARIO_PIDS+=($!)
ip netns exec gw2 python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.2.0.2", 7007))
while True:
    data, peer = s.recvfrom(2048)
    s.sendto(data, peer)
' &
SCENARIO_PIDS+=($!)

dns_start() {
	ip netns exec gw2 dnsmasq --keep-in-foreground --listen-address=10.2.0.2 \
		--bind-interfaces --no-resolv --no-hosts --address=/probe.test/10.9.9.9 \
		--user=root --pid-file="$DAEMON_DIR/dnsmasq.pid" >/dev/null 2>&1 &
	DNS_PID=$!
	SCENARIO_PIDS+=("$DNS_PID")
}
dns_start

daemon_start gw1
daemon_start gw2
daemon_wait_log gw1 'configuration applied'
daemon_wait_log gw1 '7 external probes running'
wait_up gw2 mpvpn0 fiber lte dsl

# Python starts slowly in the debug VM: the HTTP server may answer late.
wait_verdict gw1 mpvpn0 fiber web ok 60
wait_verdict gw1 mpvpn0 fiber port ok
wait_verdict gw1 mpvpn0 fiber secure ok 60
wait_verdict gw1 mpvpn0 lte echo ok
wait_verdict gw1 mpvpn0 lte script ok
wait_verdict gw1 mpvpn0 lte dns ok
wait_verdict gw1 mpvpn0 dsl ping ok
wait_up gw1 mpvpn0 fiber lte dsl
log "fiber: $(ctl gw1 get mpvpn0 path fiber state state_reason measure | tr '\n' ' ')"
path_field gw1 mpvpn0 fiber verdicts | jq -c .
assert_eq "$(path_field gw1 mpvpn0 fiber verdicts | jq '[.[] | select(.name == "web") | .valid_ms > 0 and .valid_ms <= 6000] | .[0]')" true "verdicts pushed with their validity (6 s)"
assert_eq "$(path_field gw1 mpvpn0 fiber active)" true "fiber active with every probe ok"

# The HTTP server stops, the link stays healthy: fiber is held down.
kill "$HTTP_PID"
wait_verdict gw1 mpvpn0 fiber web fail 30
wait_verdict gw1 mpvpn0 fiber port fail 30
wait_field gw1 mpvpn0 fiber state down 5
assert_eq "$(path_field gw1 mpvpn0 fiber state_reason)" pushed-probe "fiber down because of the pushed verdict"
assert_eq "$(path_field gw1 mpvpn0 fiber carrier)" true "fiber's link itself is fine"
assert_eq "$(path_field gw1 mpvpn0 lte active)" true "lte took over"
daemon_wait_log gw1 'mpvpn0: path fiber: probe web \(http\) fail after 3 failures in a row: '
at gw1 ping -c 3 -i 0.2 -W 2 10.99.0.2
pass "traffic passes over lte"

# Back: two successes clear the verdicts, fiber recovers and takes over.
http_start
wait_verdict gw1 mpvpn0 fiber web ok 60
wait_verdict gw1 mpvpn0 fiber port ok
wait_field gw1 mpvpn0 fiber state up 15
wait_field gw1 mpvpn0 fiber active true 15
pass "fiber back after the HTTP server came back"

# exec: a command's exit status; fail_count 2. Starting a process takes
# hundreds of milliseconds in the debug VM: this probe runs every 2 s.
touch "$DAEMON_DIR/lte-broken"
wait_verdict gw1 mpvpn0 lte script fail 30
wait_field gw1 mpvpn0 lte state down 5
rm "$DAEMON_DIR/lte-broken"
wait_verdict gw1 mpvpn0 lte script ok 30
wait_field gw1 mpvpn0 lte state up 15

# dns: the server goes away.
kill "$DNS_PID"
wait_verdict gw1 mpvpn0 lte dns fail 30
wait_field gw1 mpvpn0 lte state down 5
dns_start
wait_verdict gw1 mpvpn0 lte dns ok 30
wait_field gw1 mpvpn0 lte state up 15

# icmp: the far end stops answering echo requests.
ip netns exec gw2 sysctl -qw net.ipv4.icmp_echo_ignore_all=1
wait_verdict gw1 mpvpn0 dsl ping fail 30
wait_field gw1 mpvpn0 dsl state down 5
ip netns exec gw2 sysctl -qw net.ipv4.icmp_echo_ignore_all=0
wait_verdict gw1 mpvpn0 dsl ping ok 30
wait_field gw1 mpvpn0 dsl state up 15

# Bound to its path: dsl's probe towards 10.1.0.2 (reachable over wan1
# only) cannot leave through wan3, so it fails although ping from gw1
# reaches the host. Without a route through wan3, Linux takes a
# destination on the bound device for on-link and asks for it by ARP;
# gw2 would answer for any of its addresses on any link (arp_ignore 0),
# so it answers only for those of the link the request came in on.
ip netns exec gw2 sysctl -qw net.ipv4.conf.all.arp_ignore=1
at gw1 ping -c 1 -W 2 10.1.0.2 >/dev/null
probes_config '{"type": "icmp", "host": "10.1.0.2", "interval_ms": 2000, "timeout_ms": 1500}' >"$DAEMON_DIR/gw1.json"
daemon_reload gw1
wait_verdict gw1 mpvpn0 dsl cross fail 30
assert_eq "$(verdict gw1 mpvpn0 dsl ping)" ok "dsl's own probe unaffected"
pass "a probe bound to wan3 does not sneak out over wan1"
# Taken out of the file, its verdict goes from the kernel too.
probes_config >"$DAEMON_DIR/gw1.json"
daemon_reload gw1
wait_verdict gw1 mpvpn0 dsl cross none 20
daemon_wait_log gw1 'mpvpn0: path dsl: probe cross removed'
wait_field gw1 mpvpn0 dsl state up 15
assert_eq "$(verdict gw1 mpvpn0 fiber web)" ok "fiber's verdicts kept across the reload"

# Fail static: a failing verdict of a daemon that dies expires (6 s):
# the path is not pinned down by a dead daemon.
kill "$HTTP_PID"
wait_verdict gw1 mpvpn0 fiber web fail 30
wait_field gw1 mpvpn0 fiber state down 5
kill -KILL "$(daemon_pid gw1)"
wait_verdict gw1 mpvpn0 fiber web none 20
wait_field gw1 mpvpn0 fiber state up 15
log "fiber after the verdicts expired: $(path_field gw1 mpvpn0 fiber state) ($(path_field gw1 mpvpn0 fiber state_reason))"
pass "fiber back on its own once the dead daemon's verdicts expired"

# HTTPS verifies: the same server, probed without the certificate as a CA
# (the system's CAs only), fails, and says why.
three_links_config 1 | jq --argjson h "$SLOW_VM_HEALTH" 'del(.hooks) | .devices.mpvpn0.health += $h |
	.devices.mpvpn0.paths.fiber.probes = { untrusted: { type: "http",
		url: "https://10.1.0.2:8443/health", interval_ms: 2000, timeout_ms: 1500 } }' \
	>"$DAEMON_DIR/gw1.json"
daemon_start gw1
wait_verdict gw1 mpvpn0 fiber untrusted fail 60
daemon_wait_log gw1 'probe untrusted \(http\) fail after 3 failures in a row: .*(certificate|SSL)'
pass "an HTTPS server the probe has no CA for fails it"
