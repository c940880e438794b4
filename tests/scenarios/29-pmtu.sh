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
#   A fourth link, gw1 wan4 10.4.0.1 -- 10.4.0.2 wan4 gw2, has no small hop.
# One topology for every run (under emulation, building one costs half a
# minute): each run adds the paths, checks, and deletes them; a path added
# again has forgotten its MTU.
. "$(dirname "${BASH_SOURCE[0]}")/../lib/scenario.sh"

MIDDLE_MTU=1280
IPERF_PORT=5200
# What failed, reported at the end: each run's checks go on after a
# failed one, so that one run of the scenario shows every case.
FAILED=()
check() {	# check WHAT CMD...: CMD succeeds, or WHAT is noted as failed
	local what=$1
	shift
	if "$@"; then
		pass "$what"
	else
		log "FAILED: $what"
		FAILED+=("$what")
		diag
	fi
}

# topology: the namespaces and devices above.
topology() {
	local ns
	gateway h1
	gateway gw1
	gateway r1
	gateway r2
	gateway gw2
	for ns in r1 r2; do at $ns sysctl -qw net.ipv6.conf.all.forwarding=1; done
	wan gw1 r1 1
	wan r1 r2 2
	wan r2 gw2 3
	wan gw1 gw2 4
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
	tunnel gw1 mpvpn0 10.99.0.1/30
	tunnel gw2 mpvpn0 10.99.0.2/30
	at gw2 ip route add 10.51.0.0/24 dev mpvpn0
}

# icmp_filter filtered|open: r1 and r2 drop the ICMP errors they would
# send, or not; either way, no host keeps a path MTU an earlier run
# learned (the route exceptions go with a flush of the cache).
icmp_filter() {
	local ns
	for ns in r1 r2; do
		at $ns nft delete table inet noicmp 2>/dev/null || true
		[ "$1" = filtered ] || continue
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
	for ns in h1 gw1 r1 r2 gw2; do
		at $ns ip route flush cache
		at $ns ip -6 route flush cache
	done
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

# del_paths NAME...: those paths gone from both gateways.
del_paths() {
	local gw path
	for gw in gw1 gw2; do
		for path in "$@"; do ctl $gw path del mpvpn0 "$path"; done
	done
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

# diag: what the gateways and the host counted, for a failure's report.
diag() {
	local ns
	log "gw1 tx_too_big $(stat_field gw1 mpvpn0 tx_too_big), pmtu $(path_field gw1 mpvpn0 wan pmtu), mtu $(at gw1 cat /sys/class/net/mpvpn0/mtu)"
	for ns in h1 gw1 gw2; do
		log "$ns: $(at $ns nstat -asz 2>/dev/null | awk '/Icmp(In|Out)(Msgs|DestUnreachs|Errors)|IpFragFails|IpForwDatagrams|IpOutNoRoutes/ { printf "%s %s, ", $1, $2 }')"
	done
	at gw1 ip route get 10.99.0.2 from 10.51.0.1 iif lan 2>&1 | head -2 || true
	at gw1 ip -s link show mpvpn0 || true
}

# check_path FAMILY FILTER: the path learns the middle link's MTU; too big
# pings get their error; TCP goes through.
check_path() {
	local family=$1 filter=$2 overhead inner ms out json rate gw
	overhead=$([ "$family" = 6 ] && echo 84 || echo 64)
	inner=$(( MIDDLE_MTU - overhead ))
	log "IPv$family underlay, ICMP $filter"
	icmp_filter "$filter"
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
	check "h1 pings through the tunnel" at h1 ping -c 2 -W 2 -q 10.99.0.2
	out=$(at h1 ping -c 3 -i 0.3 -W 1 -M do -s $((1400 - 28)) 10.99.0.2 2>&1 || true)
	log "h1: $(echo "$out" | grep -m2 -i mtu || true)"
	check "1400-byte DF pings from h1 get an ICMP error with mtu $inner" \
		grep -Eqi "mtu ?=? ?$inner" <<<"$out"
	check "gw1's tx_too_big counted them" \
		test "$(stat_field gw1 mpvpn0 tx_too_big)" -ge 1
	check "a DF ping of $inner bytes from h1 passes" \
		at h1 ping -c 2 -W 2 -M do -s $((inner - 28)) -q 10.99.0.2
	# The gateways' own pings too, either way.
	for gw in gw1 gw2; do
		peer=$([ $gw = gw1 ] && echo 10.99.0.2 || echo 10.99.0.1)
		out=$(at $gw ping -c 2 -i 0.3 -W 1 -M do -s $((1400 - 28)) $peer 2>&1 || true)
		log "$gw: $(echo "$out" | grep -m2 -i mtu || true)"
		check "$gw's own 1400-byte DF pings get the error" \
			grep -Eqi "mtu ?=? ?$inner" <<<"$out"
	done

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
		check "forged ICMP errors ignored and counted" \
			test "$(( $(stat_field gw1 mpvpn0 rx_icmp_ignored) - before ))" -ge 15
		check "path MTU unchanged after forged errors" \
			test "$(path_field gw1 mpvpn0 wan pmtu)" = $MIDDLE_MTU
		check "a ping of $inner bytes passes after forged errors" \
			at gw1 ping -c 2 -W 2 -M do -s $((inner - 28)) -q 10.99.0.2
	fi

	# TCP from the host behind gw1 through the tunnel.
	# A port per run: a server whose client never came stays behind.
	IPERF_PORT=$((IPERF_PORT + 1))
	iperf_server gw2 $IPERF_PORT -1
	json=$(at h1 timeout 60 iperf3 -c 10.99.0.2 -p $IPERF_PORT -t 3 -J || true)
	rate=$(mbps <<<"$json" 2>/dev/null || true)
	log "figure: IPv$family underlay, ICMP $filter: TCP through the 1280-byte path ${rate:-none} Mbit/s"
	check "TCP through the tunnel" compare "${rate:-0}" ">=" 0.1
	assert_eq "$(path_field gw1 mpvpn0 wan state)" up "the path after the TCP run"
	del_paths wan
}

# aggregate_fits: a second path, "direct", over a link without the
# 1280-byte hop. Aggregate and redundant mode send a packet only on the
# paths it fits, so 1400-byte DF pings go through; failover mode with
# the small path active tells the sender.
aggregate_fits() {
	local mode before out
	log "aggregate and redundant mode with a 1500- and a 1280-byte path"
	icmp_filter open
	add_paths 4
	ctl gw1 path add mpvpn0 direct local 10.4.0.1 remote 10.4.0.2:5555 prio 1
	ctl gw2 path add mpvpn0 direct local 10.4.0.2 remote 10.4.0.1:5555 prio 1
	wait_up gw1 mpvpn0 wan direct
	wait_up gw2 mpvpn0 wan direct
	wait_pmtu gw1 $MIDDLE_MTU 60 >/dev/null
	for mode in aggregate redundant; do
		for gw in gw1 gw2; do ctl $gw dev set mpvpn0 mode $mode; done
		before=$(stat_field gw1 mpvpn0 tx_too_big)
		check "$mode: 1400-byte DF pings go through the path they fit" \
			at h1 ping -c 5 -i 0.2 -W 2 -M do -s $((1400 - 28)) -q 10.99.0.2
		check "$mode: no packet too big for every path" \
			test "$(stat_field gw1 mpvpn0 tx_too_big)" = "$before"
	done
	for gw in gw1 gw2; do ctl $gw dev set mpvpn0 mode failover; done
	ctl gw1 path set mpvpn0 direct prio 2
	wait_field gw1 mpvpn0 wan active true 30
	out=$(at h1 ping -c 2 -i 0.3 -W 1 -M do -s $((1400 - 28)) 10.99.0.2 2>&1 || true)
	check "failover mode on the 1280-byte path: the sender gets the error" \
		grep -Eqi "mtu ?=? ?$((MIDDLE_MTU - 64))" <<<"$out"
	del_paths wan direct
}

# Sourced by tests/scenarios/manual/pmtu-tcp.sh for the topology alone.
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0
topology
# IPv4 before IPv6, filtered before open, so that no run could find a
# size in a route exception an earlier one left (flushed anyway).
for family in 4 6; do
	check_path $family filtered
	check_path $family open
done
aggregate_fits
[ ${#FAILED[@]} = 0 ] || fail "$(IFS=';'; echo "${FAILED[*]}")"
