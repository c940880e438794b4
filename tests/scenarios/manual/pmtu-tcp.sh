#!/bin/bash
# Diagnosis, not a test: TCP from a host behind gw1 through the tunnel
# over 29-pmtu's path with a 1280-byte link in the middle and ICMP
# filtered, without waiting for the path MTU: the figure before and after
# path MTU discovery (issue 23). Run it in a tree of the module to
# measure, on Debian's stock kernel for full rate:
#   tests/vm/run --stock --verbose tests/scenarios/manual/pmtu-tcp.sh
# FAMILY (4 or 6, default 4), FILTER (filtered or open, default filtered),
# SECONDS_TCP (default 10).
. "$(dirname "$0")/../29-pmtu.sh"

family=${FAMILY:-4}
topology
icmp_filter "${FILTER:-filtered}"
add_paths "$family"
wait_up gw1 mpvpn0 wan
wait_up gw2 mpvpn0 wan
iperf_server gw2 5201 -1
json=$(at h1 timeout $(( ${SECONDS_TCP:-10} + 30 )) iperf3 -c 10.99.0.2 -p 5201 -t "${SECONDS_TCP:-10}" -J || true)
log "figure: IPv$family underlay, ICMP ${FILTER:-filtered}: TCP through the 1280-byte path $(mbps <<<"$json" 2>/dev/null || echo none) Mbit/s over ${SECONDS_TCP:-10} s"
log "gw1 path: $(ctl gw1 show mpvpn0 2>&1 | grep -i -m3 'mtu\|wan' | tr '\n' ' ')"
