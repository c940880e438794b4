#!/bin/bash
# Diagnosis, not a test: what random loss on the slowest of three_links
# (l3, 20 Mbit/s, 40 ms) does to one TCP flow through aggregate mode, at
# full rate (Debian's stock kernel: tests/vm/run --stock --verbose
# tests/scenarios/manual/lossy-diag.sh). The loss is on gw1's side of l3,
# the direction of the flow's data; the paths' loss thresholds are raised
# so that health keeps l3 up and only the scheduler can act. For each
# loss rate in LOSSES (percent; default "0 1 2 5 0"): l3's state after
# 15 s, then a 20 s flow and its goodput.
. "$(dirname "$0")/../../lib/scenario.sh"

export MPVPN_TEST_PLAINTEXT=1
three_links 1
for gw in gw1 gw2; do
	ctl $gw dev set mpvpn0 mode aggregate loss-fail 100% loss-recover 90%
done

port=5300
for loss in ${LOSSES:-0 1 2 5 0}; do
	at gw1 tc qdisc change dev wan3 root handle 1: netem \
		delay 40ms limit 10000 loss "$loss%"
	sleep 15
	log "figure: l3 loss $loss %: $(ctl gw1 get mpvpn0 path l3 state active measure.loss_permille measure.loss_lately_permille | tr '\n' ' ')"
	iperf_server gw2 $port -1
	log "figure: l3 loss $loss %: one flow $(iperf_json gw1 -c 10.99.0.2 -p $port -t 20 | mbps) Mbit/s"
	port=$((port + 1))
done
