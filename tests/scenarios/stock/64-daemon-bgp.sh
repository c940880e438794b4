#!/bin/bash
# mpvpnd's bgp probe against FRR: a bgpd in each gateway, peering over the
# fiber link; the probe on fiber reads the session's state through vtysh.
# The far end shuts the neighbour down: the session leaves Established,
# the verdict fails and fiber goes down although the link is healthy; the
# neighbour back, fiber comes back.
#
# Runs on Debian's stock kernel only (make check runs tests/scenarios/stock/
# there; tests/vm/run globs tests/scenarios/*.sh): in the debug VM vtysh
# took seconds to start and runs were cut short. Alone:
#   tests/vm/run --stock tests/scenarios/stock/64-daemon-bgp.sh
# The probe was also checked against FRR bgpd in two namespaces on the
# host (Established, then Active after "neighbor ... shutdown", back).
#
#        wan1 10.1.0.0/24  delay 5 ms   prio 1  "fiber"  BGP 65001 <-> 65002
#   [gw1]---------------------------------------------[gw2]
#        wan2 10.2.0.0/24  delay 20 ms  prio 2  "lte"
#        wan3 10.3.0.0/24  delay 40 ms  prio 3  "dsl"
#   mpvpn0 10.99.0.1/30  =====================  mpvpn0 10.99.0.2/30
. "$(dirname "$0")/../../lib/scenario.sh"
. "$(dirname "$0")/../../lib/daemon.sh"

three_links
# bgpd NS N: FRR's bgpd in NS without zebra, its vty sockets in its own
# path space (/var/run/frr/NS); "vtysh -N NS" talks to it.
bgpd_start() {
	local ns=$1 me=$2 peer=$(( 3 - $2 ))
	# bgpd drops to the frr user: its files must be reachable for it.
	mkdir -p "/var/run/frr/$ns" "$DAEMON_DIR/frr-$ns"
	chown frr:frr /var/run/frr "/var/run/frr/$ns"
	chmod 755 "$SCENARIO_TMP" "$DAEMON_DIR"
	chmod 777 "$DAEMON_DIR/frr-$ns"
	cat >"$DAEMON_DIR/frr-$ns/bgpd.conf" <<CONF
router bgp 6500$me
 bgp router-id 10.1.0.$me
 no bgp ebgp-requires-policy
 neighbor 10.1.0.$peer remote-as 6500$peer
 neighbor 10.1.0.$peer timers 1 3
 neighbor 10.1.0.$peer timers connect 1
CONF
	chmod 644 "$DAEMON_DIR/frr-$ns/bgpd.conf"
	ip netns exec "$ns" /usr/lib/frr/bgpd -d -Z -N "$ns" \
		-f "$DAEMON_DIR/frr-$ns/bgpd.conf" -i "$DAEMON_DIR/frr-$ns/bgpd.pid" \
		-l 10.1.0.$me >"$DAEMON_DIR/frr-$ns/log" 2>&1 ||
		{ cat "$DAEMON_DIR/frr-$ns/log"; fail "bgpd did not start in $ns"; }
	SCENARIO_PIDS+=("$(cat "$DAEMON_DIR/frr-$ns/bgpd.pid")")
}
bgpd_start gw1 1
bgpd_start gw2 2
# The probe's vtysh: the one of gw1's path space.
printf '#!/bin/sh\nexec vtysh -N gw1 "$@"\n' >"$DAEMON_DIR/vtysh-gw1"
chmod +x "$DAEMON_DIR/vtysh-gw1"

bgp_state() {
	ip netns exec gw1 vtysh -N gw1 -c 'show bgp neighbors 10.1.0.2 json' 2>/dev/null |
		jq -r '.["10.1.0.2"].bgpState'
}
for _ in $(seq 120); do [ "$(bgp_state)" = Established ] && break; sleep 0.5; done
assert_eq "$(bgp_state)" Established "BGP session over fiber"

three_links_config 2 | jq --argjson h "$SLOW_VM_HEALTH" 'del(.hooks) | .devices.mpvpn0.health += $h' >"$DAEMON_DIR/gw2.json"
three_links_config 1 | jq --argjson h "$SLOW_VM_HEALTH" 'del(.hooks) | .devices.mpvpn0.health += $h | .devices.mpvpn0.paths.fiber.probes = { bgp: { type: "bgp",
	neighbor: "10.1.0.2", interval_ms: 10000, timeout_ms: 9000, fail_count: 2, success_count: 1 } }' \
	>"$DAEMON_DIR/gw1.json"
# --debug: each failed run of the probe is logged with its reason.
export MPVPND_VTYSH=$DAEMON_DIR/vtysh-gw1
DAEMON_ARGS=--debug daemon_start gw1
unset MPVPND_VTYSH
daemon_start gw2
daemon_wait_log gw1 'configuration applied'
wait_up gw1 mpvpn0 lte dsl
# vtysh (through a shell) takes seconds to start in the debug VM (runs
# past 2.5 s and 4.5 s seen): one run every 10 s, and fiber is judged
# once the verdict is ok.
wait_verdict gw1 mpvpn0 fiber bgp ok 120
wait_field gw1 mpvpn0 fiber state up 15
wait_field gw1 mpvpn0 fiber active true 15
pass "fiber active with the session up"

ip netns exec gw2 vtysh -N gw2 -c 'configure terminal' -c 'router bgp 65002' \
	-c 'neighbor 10.1.0.1 shutdown' 2>/dev/null
wait_verdict gw1 mpvpn0 fiber bgp fail 60
log "session: $(bgp_state)"
wait_field gw1 mpvpn0 fiber state down 5
assert_eq "$(path_field gw1 mpvpn0 fiber state_reason)" pushed-probe "fiber down because of the BGP session"
assert_eq "$(path_field gw1 mpvpn0 lte active)" true "lte took over"
daemon_wait_log gw1 'probe bgp \(bgp\) fail after 2 failures in a row: BGP session with 10.1.0.2 is '

ip netns exec gw2 vtysh -N gw2 -c 'configure terminal' -c 'router bgp 65002' \
	-c 'no neighbor 10.1.0.1 shutdown' 2>/dev/null
wait_verdict gw1 mpvpn0 fiber bgp ok 120
wait_field gw1 mpvpn0 fiber state up 15
wait_field gw1 mpvpn0 fiber active true 15
pass "fiber back with the BGP session"
