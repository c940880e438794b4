#!/bin/bash
# Diagnosis, not a test: whether aggregate mode leaves paths out for loss
# that is only congestion. FLOWS (default 16) TCP flows over three_links
# at full rate for 20 s fill every link's queue, and tbf drops probes
# with the data. Every half second: each path's loss over its last 128
# probes and whether it carries traffic; then the goodput (Debian's stock
# kernel: tests/vm/run --stock --verbose
# tests/scenarios/manual/congested-diag.sh). LEARNED=1: no bandwidths.
# PFIFO=N: each link's tbf queues in a pfifo of N packets rather than its
# own byte limit, under which a small probe still fits when a full-size
# segment no longer does; a modem's queue counts packets.
. "$(dirname "$0")/../../lib/scenario.sh"

export MPVPN_TEST_PLAINTEXT=1
three_links 1
if [ -n "${PFIFO:-}" ]; then
	for n in 1 2 3; do
		for ns in gw1 gw2; do
			at $ns tc qdisc add dev wan$n parent 2:1 handle 3: pfifo limit "$PFIFO"
		done
	done
fi
for gw in gw1 gw2; do
	ctl $gw dev set mpvpn0 mode aggregate
	[ "${LEARNED:-0}" = 1 ] || continue
	for n in 1 2 3; do ctl $gw path set mpvpn0 l$n bandwidth 0; done
done

stop=$(mktemp -u)
(
	while [ ! -e "$stop" ]; do
		line=""
		for n in 1 2 3; do
			line+=" | l$n $(ctl gw1 get mpvpn0 path l$n active measure.loss_lately_permille | tr '\n' ' ')"
		done
		log "$line"
		sleep 0.5
	done
) &
iperf_server gw2 5300 -1
log "figure: ${FLOWS:-16} flows: $(iperf_json gw1 -c 10.99.0.2 -p 5300 -t 20 -P "${FLOWS:-16}" | mbps) Mbit/s"
touch "$stop"
wait
