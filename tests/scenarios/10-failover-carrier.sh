#!/bin/bash
# Priority failover on carrier loss, with traffic: ping, one iperf3 TCP
# flow and a 1 ms UDP stream whose longest gap is the outage.
#
#        wan1 10.1.0.0/24  delay 5 ms   prio 1  "fiber"
#   [gw1]---------------------------------------------[gw2]
#        wan2 10.2.0.0/24  delay 20 ms  prio 2  "lte"
#        -----------------------------------------------
#        wan3 10.3.0.0/24  delay 40 ms  prio 3  "dsl"
#        -----------------------------------------------
#   mpvpn0 10.99.0.1/30  =====================  mpvpn0 10.99.0.2/30
. "$(dirname "$0")/../lib/scenario.sh"

# The product's figure is ~10 ms (make bench: 9 ms on the stock kernel).
# On the debug kernel under emulation a sender stall inside the loss run
# stretches the measure (one run: 2 packets lost, sent 90 ms apart), so
# the bound is 10 times that; a carrier loss left to the probes would
# still take 300 ms and fail it.
OUTAGE_LIMIT_MS=100

gateway gw1
gateway gw2
wan gw1 gw2 1 delay 5ms
wan gw1 gw2 2 delay 20ms
wan gw1 gw2 3 delay 40ms
tunnel gw1 mpvpn0 10.99.0.1/30
tunnel gw2 mpvpn0 10.99.0.2/30
n=1
for name in fiber lte dsl; do
	ctl gw1 path add mpvpn0 $name local 10.$n.0.1 remote 10.$n.0.2:5555 prio $n
	ctl gw2 path add mpvpn0 $name local 10.$n.0.2 remote 10.$n.0.1:5555 prio $n
	n=$((n + 1))
done
wait_up gw1 mpvpn0 fiber lte dsl
wait_up gw2 mpvpn0 fiber lte dsl
# Quick recovery for this test: a path back from a failure is up after
# 0.5 s of health and takes traffic back 1 s later (defaults 2 s and 5 s).
for gw in gw1 gw2; do ctl $gw dev set mpvpn0 hold 500ms revert-delay 1s; done
ctl gw1 show

at gw1 ping -c 3 -i 0.2 -W 2 10.99.0.2
assert_eq "$(path_field gw1 mpvpn0 fiber active)" true "fiber is active"

# Baseline: one TCP flow over the bare fiber link, then through the tunnel.
iperf_server gw2 5201 -1
bare=$(iperf_json gw1 -c 10.1.0.2 -p 5201 -t 4 | mbps)
iperf_server gw2 5202 -1
tunneled=$(iperf_json gw1 -c 10.99.0.2 -p 5202 -t 4 | mbps)
log "figure: one TCP flow, bare wan1 $bare Mbit/s, through mpvpn $tunneled Mbit/s"

# A TCP flow that must survive the failover without a reset, paced low:
# it proves the session lives on, not the throughput (measured above). A
# saturating flow makes the emulated CPUs queue hundreds of milliseconds
# of packets in the softnet backlog, and what sits queued for the dead
# link is lost with it: the outage would measure that queue (one CI run:
# 238 ms at 1.7 Mbit/s on a host that gave the VM 5 Mbit/s).
iperf_server gw2 5203 -1
flow_json=$SCENARIO_TMP/flow.json
at gw1 iperf3 -c 10.99.0.2 -p 5203 -t 8 -b 512K -l 4K -J >"$flow_json" &
flow=$!
sleep 1
tx_lte_before=$(path_stat gw1 mpvpn0 lte tx_packets)

monitor_start gw1
log "fiber before the fault: $(path_field gw1 mpvpn0 fiber measure)"
result=$(outage_during gw1 10.99.0.2 gw2 carrier gw1 1 down)
log "carrier loss: $result"
monitor_stop
assert_eq "$(event_count '.reason == "carrier-lost" and .path.name == "fiber" and .path.state == "down" and .active_path.name == "lte"')" 1 \
	"carrier-lost events of fiber from mpvpnctl monitor"
assert_eq "$(path_field gw1 mpvpn0 fiber state)" down "fiber state after carrier loss"
assert_eq "$(path_field gw1 mpvpn0 lte active)" true "lte took over"
assert_le "$(json_get "$result" outage_ms)" $OUTAGE_LIMIT_MS "carrier-loss outage (ms)"
log "figure: carrier-loss outage $(json_get "$result" outage_ms) ms ($(json_get "$result" run_lost) packets in that run), $(json_get "$result" lost) packets lost, longest arrival gap $(json_get "$result" max_gap_ms) ms"
[ "$(path_stat gw1 mpvpn0 lte tx_packets)" -gt "$tx_lte_before" ] || fail "lte carried nothing"

wait $flow || fail "the TCP flow did not survive the failover"
# iperf3 ends with a short tail interval that may carry nothing, and a
# stalled VM stretches intervals: judge the last two of at least 0.5 s.
late=$(jq -c '[.intervals[].sum | select(.seconds >= 0.5) | .bytes] | .[-2:]' "$flow_json")
log "flow intervals (s, bytes): $(jq -c '[.intervals[].sum | [(.seconds * 100 | round / 100), .bytes]]' "$flow_json")"
jq -e '[.intervals[].sum | select(.seconds >= 0.5) | .bytes] | .[-2:] | length == 2 and all(. > 0)' "$flow_json" >/dev/null ||
	fail "TCP flow stalled after the failover"
pass "TCP flow kept going on lte"

# Carrier back: fiber has to prove itself (probes answered, the loss of
# the outage out of the window, the hold time), then traffic returns to it
# after the revert delay.
carrier gw1 1 up
wait_field gw1 mpvpn0 fiber state up 15
pass "fiber state up after carrier back"
wait_field gw1 mpvpn0 fiber active true 5
pass "fiber active again"
tx_fiber=$(path_stat gw1 mpvpn0 fiber tx_packets)
at gw1 ping -c 3 -i 0.2 -W 2 10.99.0.2
[ "$(path_stat gw1 mpvpn0 fiber tx_packets)" -gt "$tx_fiber" ] || fail "fiber carries no traffic after return"
pass "traffic back on fiber"

# Both higher tiers gone: the last tier carries it; all gone: counted drops.
carrier gw1 1 down
carrier gw1 2 down
wait_field gw1 mpvpn0 dsl active true 5
at gw1 ping -c 2 -i 0.2 -W 2 10.99.0.2
assert_eq "$(path_field gw1 mpvpn0 dsl active)" true "dsl active with fiber and lte down"
carrier gw1 3 down
no_path=$(stat_field gw1 mpvpn0 tx_no_path)
refused at gw1 ping -c 2 -i 0.2 -W 1 10.99.0.2
[ "$(stat_field gw1 mpvpn0 tx_no_path)" -ge $((no_path + 2)) ] || fail "drops without a path not counted"
pass "no usable path: packets dropped and counted"
# The kernel's log line itself (health.rst lists it): what is tested here
# is the line an operator reads; the state came from the fields above.
at gw1 dmesg | grep -E "mpvpn0: path (fiber|lte|dsl) down \(carrier-lost\); active path" | tail -3
at gw1 dmesg | grep -q "mpvpn0: path fiber down (carrier-lost); active path lte" ||
	fail "no log line for the failover"
pass "kernel log line present"
