#!/bin/bash
# Diagnosis, not a test: where one TCP flow through aggregate mode loses
# its rate. Over three_links at full rate (run on Debian's stock kernel:
# tests/vm/run --stock --verbose tests/scenarios/manual/aggregate-diag.sh)
# it prints iperf3's seconds, the sender's cwnd, RTT and retransmissions
# every 4 s with the links' tbf counters, the reorder wait in force every
# second, the path events of the sender during the flow, and the counters
# of both ends.
#
#   MPVPN_VM_ENV=MODE=flowhash ...    another mode
#   MPVPN_VM_ENV=NO_HYSTART=1 ...     cubic without HyStart (slow start
#                                     ends on loss)
# The sampling costs CPU in the emulation: compare runs with each other,
# not with make bench.
. "$(dirname "$0")/../../lib/scenario.sh"

three_links 1
for gw in gw1 gw2; do ctl $gw dev set mpvpn0 mode "${MODE:-aggregate}"; done
[ -n "${NO_HYSTART:-}" ] && echo 0 >/sys/module/tcp_cubic/parameters/hystart

tcp_sample() {
	at gw1 ss -tin dst 10.99.0.2 | grep -o "cwnd:[0-9]*\|rtt:[0-9./]*\|retrans:[0-9/]*\|delivery_rate [0-9.A-Za-z]*" | tr '\n' ' '
}
link_sample() {
	local n
	for n in 1 2 3; do
		printf 'wan%s ' $n
		at gw1 tc -s qdisc show dev wan$n | grep -A2 tbf |
			grep -o "Sent [0-9]* bytes\|dropped [0-9]*\|backlog [0-9a-zA-Z]*" | tr '\n' ' '
	done
}
samples() {
	local i
	for i in 1 2 3 4 5; do
		sleep 4
		echo "t=${i}x4s $(link_sample)"
		echo "t=${i}x4s $(tcp_sample)"
	done
}
waits() {
	local i
	for i in $(seq 20); do
		sleep 1
		ctl gw2 -j show mpvpn0 | jq -r '.[0] | "wait \(.reorder_wait_us) us, timed out \(.stats.rx_reorder_timeout), late \(.stats.rx_late)"'
	done
}

iperf_server gw2 5201 -1
monitor_start gw1
dir=$(mktemp -d)
samples >"$dir/samples" &
sampler=$!
waits >"$dir/waits" &
waiter=$!
at gw1 iperf3 -c 10.99.0.2 -p 5201 -t 20 -i 1 | grep -E "sec"
wait "$sampler" "$waiter"
monitor_stop
cat "$dir/samples" "$dir/waits"
at gw1 nstat -az TcpRetransSegs TcpExtTCPSACKReorder TcpExtTCPTSReorder TcpExtTCPLossProbes
for gw in gw1 gw2; do echo "$gw: $(ctl $gw -j stats mpvpn0 | jq -c '.[0].stats')"; done
rm -rf "$dir"
