#!/bin/bash
# The benchmark, run in the VM as a scenario by tests/bench/run: the same
# workloads over the bare link, the kernel's own tunnels and mpvpn, and the
# failover outage of each system that fails over. Figures only, no
# assertion; one JSON object per figure goes to $BENCH_OUT, which
# tests/bench/report.py turns into the table.
#
#   BENCH_SECONDS  length of each throughput run (default 10)
#   BENCH_REPS     runs per throughput figure, the median is kept (3)
#
#   [a] wan1 10.1.0.0/24 ------------------------------------ [b]
#       wan2 10.2.0.0/24 ------------------------------------
# Each system is set up between a and b, measured and removed again; the
# links have no netem, so the bare link is the reference for throughput and
# latency, and the outage stream sees only the failover.
. "$(dirname "$0")/../lib/scenario.sh"

SECONDS_PER_RUN=${BENCH_SECONDS:-10}
REPS=${BENCH_REPS:-3}
BENCH_OUT=${BENCH_OUT:-/mnt/bench.jsonl}
: >"$BENCH_OUT"

# figure SYSTEM WORKLOAD VALUE UNIT [JSON extra]: one line of results.
figure() {
	local extra=${5:-}
	jq -nc --arg s "$1" --arg w "$2" --argjson v "$3" --arg u "$4" \
		--argjson x "${extra:-null}" '{system: $s, workload: $w, value: $v, unit: $u} + $x' \
		>>"$BENCH_OUT"
	log "figure: $1 $2 $3 $4"
}

median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

gateway a
gateway b
wan a b 1
wan a b 2
# One server, several clients in turn: let each run end before the next.
iperf_server b 5201

# Systems: set up with setup_NAME, the address to reach in TARGET, removed
# with teardown_NAME.

setup_bare() { TARGET=10.1.0.2; }
teardown_bare() { :; }

setup_gre() {
	ip -n a link add gre1 type gre local 10.1.0.1 remote 10.1.0.2
	ip -n b link add gre1 type gre local 10.1.0.2 remote 10.1.0.1
	inner gre1 10.50.0
}
teardown_gre() { ip -n a link del gre1; ip -n b link del gre1; }

setup_fou() {
	modprobe fou	# its generic netlink family is not loaded on demand
	at a ip fou add port 5555 ipproto 4
	at b ip fou add port 5555 ipproto 4
	ip -n a link add fou1 type ipip local 10.1.0.1 remote 10.1.0.2 \
		encap fou encap-sport auto encap-dport 5555
	ip -n b link add fou1 type ipip local 10.1.0.2 remote 10.1.0.1 \
		encap fou encap-sport auto encap-dport 5555
	inner fou1 10.51.0
}
teardown_fou() {
	ip -n a link del fou1; ip -n b link del fou1
	at a ip fou del port 5555; at b ip fou del port 5555
}

setup_wireguard() {
	local dir ns peer
	dir=$(mktemp -d)
	for ns in a b; do
		wg genkey >"$dir/$ns.key"
		wg pubkey <"$dir/$ns.key" >"$dir/$ns.pub"
	done
	for ns in a b; do
		peer=$([ $ns = a ] && echo b || echo a)
		ip -n $ns link add wg1 type wireguard
		at $ns wg set wg1 listen-port 51820 private-key "$dir/$ns.key" \
			peer "$(cat "$dir/$peer.pub")" allowed-ips 0.0.0.0/0 \
			endpoint "10.1.0.$([ $peer = a ] && echo 1 || echo 2):51820"
	done
	rm -rf "$dir"
	inner wg1 10.52.0
}
teardown_wireguard() { ip -n a link del wg1; ip -n b link del wg1; }

# Bonding needs Ethernet slaves: gretap over each link, active-backup, gt1
# (over wan1) primary. MONITOR: miimon or arp, both at 100 ms. gt2 joins
# once both ends are on gt1: the ARP monitor probes through the active
# slave only, and over point-to-point tunnels (no flooding switch) a
# backup sees no traffic, so two ends that start on different slaves may
# never meet on the primary.
setup_bond() {
	local ns me peer n
	for ns in a b; do
		me=$([ $ns = a ] && echo 1 || echo 2)
		peer=$([ $ns = a ] && echo 2 || echo 1)
		if [ "${MONITOR:-miimon}" = arp ]; then
			ip -n $ns link add bond1 type bond mode active-backup \
				arp_interval 100 arp_ip_target 10.53.0.$peer
		else
			ip -n $ns link add bond1 type bond mode active-backup miimon 100
		fi
		for n in 1 2; do
			ip -n $ns link add gt$n type gretap local 10.$n.0.$me remote 10.$n.0.$peer
		done
		ip -n $ns link set gt1 master bond1
		ip -n $ns link set bond1 type bond primary gt1
	done
	inner bond1 10.53.0
	for ns in a b; do
		for n in $(seq 100); do
			[ "$(at $ns cat /sys/class/net/bond1/bonding/active_slave)" = gt1 ] && break
			sleep 0.1
		done
		[ "$(at $ns cat /sys/class/net/bond1/bonding/active_slave)" = gt1 ] ||
			fail "bond1 in $ns: gt1 never became the active slave"
	done
	for ns in a b; do ip -n $ns link set gt2 master bond1; done
}
teardown_bond() {
	local ns
	for ns in a b; do ip -n $ns link del bond1; ip -n $ns link del gt1; ip -n $ns link del gt2; done
}

setup_mpvpn() {
	local n
	tunnel a mpvpn0 10.54.0.1/30
	tunnel b mpvpn0 10.54.0.2/30
	for n in 1 2; do
		ctl a path add mpvpn0 wan$n local 10.$n.0.1 remote 10.$n.0.2:5555 prio $n
		ctl b path add mpvpn0 wan$n local 10.$n.0.2 remote 10.$n.0.1:5555 prio $n
	done
	for ns in a b; do ctl $ns dev set mpvpn0 probe-interval "${PROBE_MS:-100}ms"; done
	wait_up a mpvpn0 wan1 wan2
	wait_up b mpvpn0 wan1 wan2
	TARGET=10.54.0.2
}
teardown_mpvpn() { ip -n a link del mpvpn0; ip -n b link del mpvpn0; }

# inner DEV PREFIX: addresses PREFIX.1/30 (a) and .2 (b) on DEV, up.
inner() {
	ip -n a addr add "$2.1/30" dev "$1"
	ip -n b addr add "$2.2/30" dev "$1"
	ip -n a link set "$1" up
	ip -n b link set "$1" up
	TARGET=$2.2
	# Until the tunnel carries a ping, nothing is measured.
	at a ping -c 1 -W 5 -q "$TARGET" >/dev/null ||
		at a ping -c 1 -W 5 -q "$TARGET" >/dev/null || fail "$1 does not carry traffic"
}

# Workloads, against TARGET from a.

tcp() {	# tcp SYSTEM FLOWS
	local runs="" i v
	for i in $(seq "$REPS"); do
		v=$(iperf_json a -c "$TARGET" -p 5201 -t "$SECONDS_PER_RUN" -P "$2" | mbps)
		runs+=" $v"
	done
	figure "$1" "tcp$2" "$(echo $runs | median)" Mbit/s \
		"{\"runs\": [$(echo $runs | tr ' ' ,)]}"
}

# udp SYSTEM SIZE: unthrottled UDP of SIZE-byte payloads; what arrived.
udp() {
	local json pps mbps
	json=$(iperf_json a -c "$TARGET" -p 5201 -u -b 0 -l "$2" -t "$SECONDS_PER_RUN")
	pps=$(jq '.end.sum | (.packets - .lost_packets) / .seconds | round' <<<"$json")
	mbps=$(jq --argjson l "$2" '.end.sum | (.packets - .lost_packets) * $l * 8 / .seconds / 1e6 * 10 | round / 10' <<<"$json")
	figure "$1" "udp$2" "$pps" packets/s "{\"mbps\": $mbps, \"lost_percent\": $(jq '.end.sum.lost_percent // 0 | . * 10 | round / 10' <<<"$json")}"
}

# latency SYSTEM: mean RTT of 200 pings 10 ms apart, in microseconds.
latency() {
	local rtt
	rtt=$(at a ping -c 200 -i 0.01 -q "$TARGET" | sed -n 's|.* = [0-9.]*/\([0-9.]*\)/.*|\1|p')
	figure "$1" rtt "$(awk -v r="$rtt" 'BEGIN { printf "%d", r * 1000 }')" us
}

measure() {	# measure SYSTEM
	log "measuring $1"
	"setup_${1%%-*}"
	tcp "$1" 1
	tcp "$1" 8
	udp "$1" 64
	udp "$1" 1400
	latency "$1"
	"teardown_${1%%-*}"
}

for system in bare gre fou wireguard bond mpvpn; do
	measure "$system"
done
# The same tunnel unprotected: what encryption costs, next to WireGuard's.
MPVPN_TEST_PLAINTEXT=1 measure mpvpn-plain

# Failover: the 1 ms stream from a, the fault on wan1 (a's carrier, or
# every packet dropped both ways), the stream going on for 3 s.
blackhole() {
	at a tc qdisc add dev wan1 root netem loss 100%
	at b tc qdisc add dev wan1 root netem loss 100%
}
heal() {
	at a tc qdisc del dev wan1 root 2>/dev/null || true
	at b tc qdisc del dev wan1 root 2>/dev/null || true
	carrier a 1 up
}

# outage SYSTEM SETUP FAULT: one failover figure, the longest gap between
# arrivals; null (and "returned": false) when traffic never came back.
outage() {
	local system=$1 setup=$2 fault=$3 result
	eval "$setup"
	sleep 1
	result=$(STREAM_SETTLE=3 stream_during a "$TARGET" b "$fault")
	figure "$system" "$fault" \
		"$(jq 'if .lost_at_end == 0 then .max_gap_ms else null end' <<<"$result")" ms \
		"$(jq -c '{lost, outage_ms, max_gap_ms, returned: (.lost_at_end == 0)}' <<<"$result")"
	"teardown_${system%%-*}"
	heal
	sleep 1
}
carrier_loss() { carrier a 1 down; }

for fault in carrier_loss blackhole; do
	outage bond-miimon "MONITOR=miimon setup_bond" $fault
	outage bond-arp "MONITOR=arp setup_bond" $fault
	outage mpvpn "PROBE_MS=100 setup_mpvpn" $fault
	outage mpvpn-20ms "PROBE_MS=20 setup_mpvpn" $fault
done
# Aggregation over three unlike links (three_links of tests/lib/scenario.sh:
# tbf 40, 30 and 20 Mbit/s behind 10, 25 and 40 ms one way): the best
# link alone, then 1, 4 and 16 TCP flows through aggregate mode and 16
# through flowhash, as a share of the links' 90 Mbit/s, with what the
# receiver's reorder buffer did meanwhile; then 1 and 16 flows through
# aggregate mode with the shares learned instead of configured. All in
# plaintext, as the emulated CPUs seal only about 100 Mbit/s: encrypted,
# these rows would measure the cipher, not the scheduling. The last row is
# one flow again, encrypted, with the bandwidths configured.
MPVPN_TEST_PLAINTEXT=1 three_links 1
iperf_server gw2 5301
share() { awk -v v="$1" 'BEGIN { printf "%.1f", 100 * v / 90 }'; }
stat_delta() {	# stat_delta BEFORE_JSON AFTER_JSON COUNTER
	jq -n --argjson b "$1" --argjson a "$2" --arg f "$3" \
		'$a[0].stats[$f] - $b[0].stats[$f]'
}
v=$(iperf_json gw1 -c 10.1.0.2 -p 5301 -t "$SECONDS_PER_RUN" | mbps)
figure best-link tcp1 "$v" Mbit/s "{\"share_percent\": $(share "$v")}"
aggregate_run() {	# aggregate_run MODE FLOWS [LABEL]
	local runs="" i v before after extra gw
	for gw in gw1 gw2; do ctl $gw dev set mpvpn0 mode "$1"; done
	before=$(ctl gw2 -j stats mpvpn0)
	for i in $(seq "$REPS"); do
		v=$(iperf_json gw1 -c 10.99.0.2 -p 5301 -t "$SECONDS_PER_RUN" -P "$2" | mbps)
		runs+=" $v"
	done
	after=$(ctl gw2 -j stats mpvpn0)
	v=$(echo $runs | median)
	extra=$(jq -nc --argjson s "$(share "$v")" \
		--argjson r "$(stat_delta "$before" "$after" rx_reordered)" \
		--argjson l "$(stat_delta "$before" "$after" rx_late)" \
		--argjson t "$(stat_delta "$before" "$after" rx_reorder_timeout)" \
		--argjson o "$(stat_delta "$before" "$after" rx_reorder_overflow)" \
		'{share_percent: $s, reordered: $r, late: $l, timed_out: $t, overflowed: $o}')
	figure "mpvpn-${3:-$1}" "tcp$2" "$v" Mbit/s "$extra"
}
for flows in 1 4 16; do aggregate_run aggregate $flows; done
aggregate_run flowhash 16
# Without configured bandwidths: aggregate mode learns the shares.
for gw in gw1 gw2; do
	for n in 1 2 3; do ctl $gw path set mpvpn0 l$n bandwidth 0; done
done
for flows in 1 16; do aggregate_run aggregate $flows aggregate-learned; done
three_links_encrypt
aggregate_run aggregate 1 aggregate-encrypted
pass "every figure taken"
