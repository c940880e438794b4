#!/bin/bash
# A branch behind NAT on every link, as an LTE link behind carrier-grade
# NAT is: a masquerading router with random source ports between the
# gateways, and a hub whose paths have no configured remote. The hub's
# paths listen until the branch's first authentic packet, then follow the
# branch's mapping: through NAT rebinding (the router forgets its
# mappings) during a 1 ms stream, through failover on carrier loss and on
# a black hole, and back after a mapping expired while the link was dead.
#
#          wan1 10.1.0.0/24           wan3 10.3.0.0/24
#   [gw1] ------------------ [nat] ------------------- [gw2]   "lte",   prio 1
#         ------------------       -------------------         "fiber", prio 2
#          wan2 10.2.0.0/24           wan4 10.4.0.0/24
#   branch                masquerade random            hub: listening paths
#   mpvpn0 10.99.0.1/30  ================================  mpvpn0 10.99.0.2/30
. "$(dirname "$0")/../lib/scenario.sh"

# Five silent intervals before a path is down: a rebinding recovers within
# one, and the emulated debug kernel's stalls stay clear of the others.
MISS_COUNT=5

gateway gw1
gateway nat
gateway gw2
wan gw1 nat 1 delay 5ms
wan gw1 nat 2 delay 10ms
wan nat gw2 3
wan nat gw2 4
at gw1 ip route add 10.3.0.0/24 via 10.1.0.2 dev wan1
at gw1 ip route add 10.4.0.0/24 via 10.2.0.2 dev wan2
at nat nft -f - <<'EOF'
table ip nat {
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		oifname { "wan3", "wan4" } masquerade random
	}
}
EOF
tunnel gw1 mpvpn0 10.99.0.1/30
tunnel gw2 mpvpn0 10.99.0.2/30
for gw in gw1 gw2; do
	ctl $gw dev set mpvpn0 miss-count $MISS_COUNT hold 500ms revert-delay 500ms
done

# The hub knows its own addresses only; the ids name the paths on both.
ctl gw2 path add mpvpn0 lte id 1 local 10.3.0.2 prio 1
ctl gw2 path add mpvpn0 fiber id 2 local 10.4.0.2 prio 2
sleep 1
for p in lte fiber; do
	assert_eq "$(path_field gw2 mpvpn0 $p state)" down "hub $p before the branch"
	assert_eq "$(path_field gw2 mpvpn0 $p state_reason)" listening "hub $p's reason"
done

monitor_start gw2
ctl gw1 path add mpvpn0 lte id 1 local 10.1.0.1 remote 10.3.0.2:5555 prio 1
ctl gw1 path add mpvpn0 fiber id 2 local 10.2.0.1 remote 10.4.0.2:5555 prio 2
wait_up gw2 mpvpn0 lte fiber
wait_up gw1 mpvpn0 lte fiber
monitor_stop
learned=$(event_time '.reason == "endpoint-changed" and .path.name == "lte"')
up=$(event_time '.path.name == "lte" and .path.state == "up"')
log "figure: a listening path is up $(ms_between "$learned" "$up") ms after it learned its endpoint from the peer's first packet"

first=$(path_field gw2 mpvpn0 lte remote)
log "the hub learned lte at $first"
[[ $first == 10.3.0.1:* ]] || fail "lte's endpoint is not the router's outside address: $first"
[ "${first##*:}" != 5555 ] || fail "the router kept the source port: no NAT to cross"
assert_eq "$(path_field gw2 mpvpn0 lte remote_learned)" true "lte's remote is learned"
at gw1 ping -c 2 -W 2 -q 10.99.0.2 >/dev/null || fail "no ping from the branch"
at gw2 ping -c 2 -W 2 -q 10.99.0.1 >/dev/null || fail "no ping from the hub"
pass "traffic both ways through NAT"

# NAT rebinding: the router forgets every mapping; the branch's next packet
# gets a new source port. The stream goes from the hub to the branch, the
# direction that breaks until the hub follows. This is about roaming, not
# health: on the debug kernel, whose stalls under emulation read as tens
# of ms of jitter on a busy host, only silence fails a path here.
if debug_kernel; then
	for gw in gw1 gw2; do
		ctl $gw dev set mpvpn0 latency-fail 10s latency-recover 9s \
			jitter-fail 10s jitter-recover 9s
	done
fi
monitor_start gw2
result=$(outage_during gw2 10.99.0.1 gw1 at nat conntrack -F)
monitor_stop
log "NAT rebinding during a 1 ms stream: $result"
second=$(path_field gw2 mpvpn0 lte remote)
[ "$second" != "$first" ] || fail "the hub still sends lte to $first"
assert_eq "$(event_count '.reason == "endpoint-changed" and .path.name == "lte"')" 1 \
	"endpoint changes of lte at the rebinding"
# No failover: lte neither goes down nor loses the traffic.
assert_eq "$(event_count '.path.name == "lte" and .path.state == "down"')" 0 \
	"lte down at the rebinding (no failover)"
assert_eq "$(event_count '.active_path.name != "lte"')" 0 \
	"events with another active path than lte at the rebinding"
# One probe interval of quiet, then the round trip: with the emulation's
# stalls, a second is the bound.
assert_le "$(json_get "$result" outage_ms)" 1000 "NAT rebinding outage (ms)"
log "figure: NAT rebinding ($first -> $second): outage $(json_get "$result" outage_ms) ms, $(json_get "$result" lost) packets lost"

# Carrier loss of the branch's lte: the branch moves to fiber at once, and
# the hub hears it there.
result=$(outage_during gw1 10.99.0.2 gw2 carrier gw1 1 down)
log "carrier loss behind NAT: $result"
assert_le "$(json_get "$result" outage_ms)" 200 "carrier-loss outage behind NAT (ms)"
wait_field gw1 mpvpn0 fiber active true 10
carrier gw1 1 up
wait_up gw1 mpvpn0 lte
wait_up gw2 mpvpn0 lte
wait_field gw1 mpvpn0 lte active true 20

# A black hole on lte: failover by the probes; while the link is dead the
# router's mapping expires (flushed here), and when the link returns the
# branch's probes make a new one, which the hub follows.
mkfifo "$SCENARIO_TMP/tc-fifo"
exec {tc_fd}<>"$SCENARIO_TMP/tc-fifo"
at gw1 tc -batch - <&$tc_fd &
SCENARIO_PIDS+=($!)
blackhole() {
	local loss=""
	[ "$1" = on ] && loss="loss 100%"
	echo "qdisc change dev wan1 root netem delay 5ms $loss" >&$tc_fd
}
before=$(path_field gw2 mpvpn0 lte remote)
result=$(outage_during gw1 10.99.0.2 gw2 blackhole on)
log "black hole behind NAT: $result"
limit=$(( (MISS_COUNT + 1) * 100 + 100 ))
assert_le "$(json_get "$result" outage_ms)" "$limit" "black-hole outage behind NAT (ms)"
wait_field gw1 mpvpn0 lte state down 10
at nat conntrack -F
blackhole off
wait_up gw1 mpvpn0 lte
wait_field gw2 mpvpn0 lte state up 20
after=$(path_field gw2 mpvpn0 lte remote)
[ "$after" != "$before" ] || fail "lte came back without a new mapping ($after)"
pass "lte came back through a new mapping: $before -> $after"
at gw2 ping -c 2 -W 2 -q 10.99.0.1 >/dev/null || fail "no ping from the hub after the black hole"
