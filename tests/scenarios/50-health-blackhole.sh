#!/bin/bash
# Silent failure: the primary link black-holes traffic (netem loss 100 %)
# while its carrier stays up. Only the in-band probes can see it. Measured
# with traffic (the outage of a 1 ms UDP stream) and on an idle tunnel (from
# the fault to the kernel's event), at the default 100 ms probe interval and
# at 20 ms. The bound asserted is the product's promise with a margin:
# (miss_count + 1) x interval + 100 ms.
# (the fiber_and_lte setup of tests/lib/scenario.sh)
. "$(dirname "$0")/../lib/scenario.sh"

MISS_COUNT=3

fiber_and_lte
# Quick recovery between the runs (defaults: hold 2 s, revert delay 5 s).
for gw in gw1 gw2; do ctl $gw dev set mpvpn0 hold 500ms revert-delay 500ms; done

# blackhole on|off: gw1's side of wan1 drops everything it sends, or not.
# A tc process started beforehand reads the changes from a FIFO: starting a
# process takes tens of milliseconds in the debug VM, writing a line does
# not, so the fault goes in when the line is written.
mkfifo "$SCENARIO_TMP/tc-fifo"
exec {tc_fd}<>"$SCENARIO_TMP/tc-fifo"
at gw1 tc -batch - <&$tc_fd &
SCENARIO_PIDS+=($!)
blackhole() {
	if [ "$1" = on ]; then
		echo "qdisc change dev wan1 root netem delay 5ms loss 100%" >&$tc_fd
	else
		echo "qdisc change dev wan1 root netem delay 5ms" >&$tc_fd
	fi
}

back_to_fiber() {
	blackhole off
	wait_field gw1 mpvpn0 fiber active true 20
	wait_field gw2 mpvpn0 fiber active true 20
}

# run INTERVAL_MS: both measurements at one probe interval.
run() {
	local interval=$1 limit result
	limit=$(( (MISS_COUNT + 1) * interval + 100 ))

	result=$(outage_during gw1 10.99.0.2 gw2 blackhole on)
	log "black hole with traffic, probes every $interval ms: $result"
	wait_field gw1 mpvpn0 fiber state down 5
	assert_eq "$(path_field gw1 mpvpn0 lte active)" true "lte took over"
	assert_le "$(json_get "$result" outage_ms)" "$limit" "black-hole outage with traffic, ${interval} ms probes (ms)"
	log "figure: black hole, ${interval} ms probes, with traffic: outage $(json_get "$result" outage_ms) ms, $(json_get "$result" lost) packets lost"
	back_to_fiber

	# Idle: no traffic at all, only the probes, when the fault goes in; a
	# stream starts at that moment and tells when the tunnel carries it.
	result=$(outage_from_idle gw1 10.99.0.2 gw2 blackhole on)
	log "black hole on an idle tunnel, probes every $interval ms: $result"
	assert_le "$(json_get "$result" outage_ms)" "$limit" "black hole on an idle tunnel, ${interval} ms probes: outage (ms)"
	log "figure: black hole, ${interval} ms probes, idle tunnel: outage $(json_get "$result" outage_ms) ms"
	back_to_fiber
}

run 100
# The kernel's log line itself, with its figures (health.rst lists it);
# the state came from the fields above.
at gw1 dmesg | grep -E "mpvpn0: path fiber down \(probes-lost: rtt [0-9]+\.[0-9] ms, jitter [0-9.]+ ms, loss [0-9.]+ %, [0-9]+ missed\); active path lte" | tail -1 ||
	fail "no log line with the figures of the black hole"
pass "kernel log line with the figures"

for gw in gw1 gw2; do ctl $gw dev set mpvpn0 probe-interval 20ms; done
assert_eq "$(path_field gw1 mpvpn0 fiber health.probe_interval_ms)" 20 "paths follow the device's probe interval"
run 20
