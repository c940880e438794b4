#!/bin/bash
# Path MTU: the gateways' own links carry 1500 bytes, a link in the middle
# only 1280 (a tunnel, PPPoE, an IPv6 path at its minimum). Each gateway
# learns its path's MTU, from the routers' ICMP errors where they get
# through and from its padded probes (RFC 8899) where a router filters
# them; hosts behind the gateways get ICMP errors for packets too big
# for the path, so their TCP finds its segment size instead of stalling.
# Over an IPv4 and an IPv6 underlay, each with and without ICMP.
#
#   [h1] lan 10.51.0.0/24 [gw1] wan1 -- [r1] wan2 MTU 1280 -- [r2] wan3 -- [gw2]
#                          10.1.0.1    10.1.0.2  10.2.0.1/.2  10.3.0.1   10.3.0.2
#                          fd00:1::1                                      fd00:3::2
#                         mpvpn0 10.99.0.1/30  ===================  mpvpn0 10.99.0.2/30
#   r1 and r2 drop the ICMP errors they would send, in the filtered runs.
. "$(dirname "$0")/../lib/scenario.sh"

MIDDLE_MTU=1280

# topology FILTER: the namespaces and devices above, the routers' ICMP
# errors dropped when FILTER is "filtered".
topology() {
	local filter=$1 ns
	gateway h1
	gateway gw1
	gateway r1
	gateway r2
	gateway gw2
	for ns in r1 r2; do at $ns sysctl -qw net.ipv6.conf.all.forwarding=1; done
	wan gw1 r1 1
	wan r1 r2 2
	wan r2 gw2 3
	ip link add lan netns h1 type veth peer name lan netns gw1
	ip -n h1 addr add 10.51.0.1/24 dev lan
	ip -n gw1 addr add 10.51.0.2/24 dev lan
	ip -n h1 link set lan up
	ip -n gw1 link set lan up
	ip -n h1 route add default via 10.51.0.2
	for ns in r1 r2; do ip -n $ns link set wan2 mtu $MIDDLE_MTU; done
	at gw1 ip route add 10.3.0.0/24 via 10.1.0.2
	at gw1 ip -6 route add fd00:3::/64 via fd00:1::2
	at r1 ip route add 10.3.0.0/24 via 10.2.0.2
	at r1 ip -6 route add fd00:3::/64 via fd00:2::2
	at r2 ip route add 10.1.0.0/24 via 10.2.0.1
	at r2 ip -6 route add fd00:1::/64 via fd00:2::1
	at gw2 ip route add 10.1.0.0/24 via 10.3.0.1
	at gw2 ip -6 route add fd00:1::/64 via fd00:3::1
	if [ "$filter" = filtered ]; then
		for ns in r1 r2; do
			at $ns nft -f - <<'EOF'
table inet noicmp {
	chain out {
		type filter hook output priority 0; policy accept;
		icmp type destination-unreachable counter drop
		icmpv6 type packet-too-big counter drop
	}
}
EOF
		done
	fi
	tunnel gw1 mpvpn0 10.99.0.1/30
	tunnel gw2 mpvpn0 10.99.0.2/30
	at gw2 ip route add 10.51.0.0/24 dev mpvpn0
}

# add_paths FAMILY: the path "wan" on both gateways.
add_paths() {
	if [ "$1" = 6 ]; then
		ctl gw1 path add mpvpn0 wan local fd00:1::1 remote "[fd00:3::2]:5555"
		ctl gw2 path add mpvpn0 wan local fd00:3::2 remote "[fd00:1::1]:5555"
	else
		ctl gw1 path add mpvpn0 wan local 10.1.0.1 remote 10.3.0.2:5555
		ctl gw2 path add mpvpn0 wan local 10.3.0.2 remote 10.1.0.1:5555
	fi
}

# teardown: every namespace of the run, before the next topology.
teardown() {
	local ns
	for ns in "${SCENARIO_NS[@]}"; do ip netns del "$ns"; done
	SCENARIO_NS=()
}

# wait_pmtu NS MTU SECONDS: polls the path's MTU; prints the ms it took.
wait_pmtu() {
	local ns=$1 want=$2 limit=$3 start=$EPOCHREALTIME got=""
	local end=$(( ${EPOCHREALTIME/./} + limit * 1000000 ))
	while (( ${EPOCHREALTIME/./} < end )); do
		got=$(path_field "$ns" mpvpn0 wan pmtu || true)
		if [ "$got" = "$want" ]; then
			ms_between "$start" "$EPOCHREALTIME"
			return 0
		fi
		sleep 0.1
	done
	fail "$ns: path MTU is '$got' after ${limit}s, expected $want"
}

# check_path FAMILY FILTER: the path learns the middle link's MTU; too big
# pings get their error; TCP goes through.
check_path() {
	local family=$1 filter=$2 overhead inner ms out json rate gw
	overhead=$([ "$family" = 6 ] && echo 84 || echo 64)
	inner=$(( MIDDLE_MTU - overhead ))
	log "IPv$family underlay, ICMP $filter"
	topology "$filter"
	monitor_start gw1
	add_paths "$family"
	ms=$(wait_pmtu gw1 $MIDDLE_MTU 60)
	log "figure: IPv$family underlay, ICMP $filter: path MTU $MIDDLE_MTU found in $ms ms after the paths were added"
	wait_up gw1 mpvpn0 wan
	wait_up gw2 mpvpn0 wan
	wait_pmtu gw2 $MIDDLE_MTU 60 >/dev/null
	assert_eq "$(path_field gw1 mpvpn0 wan mtu)" 1500 "gw1's link MTU"
	monitor_stop
	assert_ge "$(event_count ".reason == \"mtu-changed\" and .path.pmtu == $MIDDLE_MTU")" 1 \
		"mtu-changed events to $MIDDLE_MTU"
	if [ "$filter" = filtered ]; then
		assert_ge "$(at r1 nft -j list table inet noicmp | jq '[.nftables[].rule.expr[]? | .counter.packets? // empty] | add // 0')" 1 \
			"ICMP errors r1 dropped"
	fi

	# A 1400-byte DF ping from the host behind gw1: its error names the
	# largest inner packet the path carries; a ping that fits passes.
	out=$(at h1 ping -c 3 -i 0.3 -W 1 -M do -s $((1400 - 28)) 10.99.0.2 2>&1 || true)
	log "$(echo "$out" | grep -m2 -i mtu || true)"
	echo "$out" | grep -Eqi "mtu ?=? ?$inner" ||
		fail "no ICMP error with mtu $inner for a 1400-byte ping: $out"
	pass "1400-byte DF pings get an ICMP error with mtu $inner"
	assert_ge "$(stat_field gw1 mpvpn0 tx_too_big)" 1 "gw1's tx_too_big"
	at h1 ping -c 2 -W 2 -M do -s $((inner - 28)) -q 10.99.0.2 >/dev/null ||
		fail "a ping of $inner bytes did not pass"
	pass "a DF ping of $inner bytes passes"
	# The gateways' own pings too, either way.
	for gw in gw1 gw2; do
		peer=$([ $gw = gw1 ] && echo 10.99.0.2 || echo 10.99.0.1)
		out=$(at $gw ping -c 2 -i 0.3 -W 1 -M do -s $((1400 - 28)) $peer 2>&1 || true)
		echo "$out" | grep -Eqi "mtu ?=? ?$inner" ||
			fail "$gw: no error with mtu $inner for a 1400-byte ping: $out"
	done
	pass "the gateways' own 1400-byte DF pings get the error"

	# Errors forged by someone who knows the addresses and ports but has
	# not seen the packets (a wrong tunnel, an unknown path, sequence
	# numbers guessed) change nothing and are counted; r1 filters its own
	# errors in the filtered run.
	if [ "$family" = 4 ] && [ "$filter" = open ]; then
		tid=$(ctl gw1 get mpvpn0 tunnel_id)
		pid=$(path_field gw1 mpvpn0 wan id)
		before=$(stat_field gw1 mpvpn0 rx_icmp_ignored)
		for quote in "$((tid + 1)) $pid" "$tid 9" "$tid $pid"; do
			at r1 python3 "$MPVPN_REPO/tests/lib/icmpforge.py" 10.1.0.1 \
				10.1.0.1 10.3.0.2 5555 $quote random 600 5 >/dev/null
		done
		sleep 0.5
		assert_ge "$(( $(stat_field gw1 mpvpn0 rx_icmp_ignored) - before ))" 15 \
			"forged ICMP errors ignored and counted"
		assert_eq "$(path_field gw1 mpvpn0 wan pmtu)" $MIDDLE_MTU "path MTU after forged errors"
		at gw1 ping -c 2 -W 2 -M do -s $((inner - 28)) -q 10.99.0.2 >/dev/null ||
			fail "a ping of $inner bytes did not pass after forged errors"
	fi

	# TCP from the host behind gw1 through the tunnel.
	iperf_server gw2 5201 -1
	json=$(iperf_json h1 -c 10.99.0.2 -p 5201 -t 3)
	rate=$(mbps <<<"$json")
	assert_ge "$rate" 0.1 "TCP through the tunnel (Mbit/s)"
	log "figure: IPv$family underlay, ICMP $filter: TCP through the 1280-byte path $rate Mbit/s"
	assert_eq "$(path_field gw1 mpvpn0 wan state)" up "the path after the TCP run"
	teardown
}

for family in 4 6; do
	check_path $family filtered
	check_path $family open
done
