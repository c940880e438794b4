#!/bin/bash
# Diagnostic: where copies go in redundant mode when the primary loses
# its carrier, with every counter of both gateways before and after,
# several times over.
. "$(dirname "$0")/../../lib/scenario.sh"

fiber_and_lte
for gw in gw1 gw2; do ctl $gw dev set mpvpn0 mode redundant redundancy 2; done
snap() { for gw in gw1 gw2; do log "$1 $gw: $(ctl $gw -j stats mpvpn0 | jq -c '.[0].stats | with_entries(select(.value != 0))')"; log "$1 $gw paths: $(ctl $gw -j show mpvpn0 | jq -c '[.[0].paths[] | {name, state, tx: .stats.tx_packets, rx: .stats.rx_packets, txe: .stats.tx_errors}]')"; log "$1 $gw netstat: $(at $gw cat /proc/net/snmp | grep Udp: | tail -1)"; done; }
for round in 1 2 3 4; do
	snap "before $round"
	result=$(STREAM_SETTLE=2 outage_during gw1 10.99.0.2 gw2 carrier gw1 1 down)
	log "round $round carrier loss on fiber: $result"
	snap "after $round"
	carrier gw1 1 up
	wait_up gw1 mpvpn0 fiber
	wait_up gw2 mpvpn0 fiber
done
