#!/bin/bash
# Lowest-latency mode: packets take the path of the lowest smoothed RTT;
# when the links' delays are swapped mid-run, traffic follows the faster
# path within a few probe intervals, and two paths of about the same delay
# do not alternate.
#
#        wan1 10.1.0.0/24  delay 10 ms, then 30 ms   prio 1  "l1"
#   [gw1]---------------------------------------------------[gw2]
#        wan2 10.2.0.0/24  delay 30 ms, then 10 ms   prio 1  "l2"
#   mpvpn0 10.99.0.1/30  ===========================  mpvpn0 10.99.0.2/30
. "$(dirname "$0")/../lib/scenario.sh"

INTERVAL=50
# The events of lowlatency moving traffic: reason latency, and the active
# path is another than before.
LATENCY_MOVE='.reason == "latency" and .active_path_id != .old_active_path_id'
gateway gw1
gateway gw2
wan gw1 gw2 1 delay 10ms
wan gw1 gw2 2 delay 30ms
tunnel gw1 mpvpn0 10.99.0.1/30
tunnel gw2 mpvpn0 10.99.0.2/30
for n in 1 2; do
	ctl gw1 path add mpvpn0 l$n local 10.$n.0.1 remote 10.$n.0.2:5555 prio 1
	ctl gw2 path add mpvpn0 l$n local 10.$n.0.2 remote 10.$n.0.1:5555 prio 1
done
for gw in gw1 gw2; do
	ctl $gw dev set mpvpn0 mode lowlatency probe-interval ${INTERVAL}ms
done
wait_up gw1 mpvpn0 l1 l2
wait_field gw1 mpvpn0 l1 active true 10
assert_eq "$(path_field gw1 mpvpn0 l2 active)" false "the slow path carries nothing"

# Traffic goes where "active" says.
tx_before=$(path_stat gw1 mpvpn0 l2 tx_packets)
at gw1 ping -c 20 -i 0.02 -W 2 10.99.0.2 >/dev/null
assert_eq "$(( $(path_stat gw1 mpvpn0 l2 tx_packets) - tx_before ))" 0 "packets on the slow path"

# Swap the delays; the time from the swap to gw1's event announcing l2 as
# the active path (reason latency). The tc commands come from processes
# started beforehand (tc -batch reading a FIFO): starting a process takes
# a good part of a second in the debug VM, writing a line does not.
for gw in gw1 gw2; do
	mkfifo "$SCENARIO_TMP/tc-$gw"
	exec {fd}<>"$SCENARIO_TMP/tc-$gw"
	eval "tc_$gw=$fd"
	at $gw tc -batch - <&$fd &
	SCENARIO_PIDS+=($!)
done
monitor_start gw1
start=$EPOCHREALTIME
for gw in gw1 gw2; do
	eval "fd=\$tc_$gw"
	printf 'qdisc change dev wan1 root netem delay 30ms\nqdisc change dev wan2 root netem delay 10ms\n' >&$fd
done
wait_field gw1 mpvpn0 l2 active true 10
monitor_stop
# event_time on its own line: in an argument its failure would not stop
# the scenario.
moved=$(event_time "$LATENCY_MOVE"' and .active_path.name == "l2"')
took=$(ms_between "$start" "$moved")
log "figure: lowlatency follows a swap of delays in $took ms (probes every $INTERVAL ms)"
assert_le "$took" 3000 "time to follow the faster path (ms)"
tx_before=$(path_stat gw1 mpvpn0 l1 tx_packets)
at gw1 ping -c 20 -i 0.02 -W 2 10.99.0.2 >/dev/null
assert_eq "$(( $(path_stat gw1 mpvpn0 l1 tx_packets) - tx_before ))" 0 "packets on the now slow path"

# Equal delays: no alternation over 3 s. Each change of path is an event
# (reason latency), so the monitor sees every one; sampling the paths'
# "active" flag would see only those that last.
for gw in gw1 gw2; do at $gw tc qdisc change dev wan1 root netem delay 10ms; done
sleep 1
monitor_start gw1
sleep 3
monitor_stop
changes=$(event_count "$LATENCY_MOVE")
log "figure: lowlatency, equal delays: $changes changes of path in 3 s"
assert_le "$changes" 1 "changes of path between paths of equal delay"
