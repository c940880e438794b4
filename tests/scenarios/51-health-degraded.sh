#!/bin/bash
# Degraded links: latency past its threshold moves traffic to the backup;
# once it is good again the traffic reverts after revert_delay, or stays
# put with failback sticky; 10 % loss degrades the link too.
# (the fiber_and_lte setup of tests/lib/scenario.sh)
. "$(dirname "$0")/../lib/scenario.sh"

fiber_and_lte
for gw in gw1 gw2; do ctl $gw dev set mpvpn0 hold 1s revert-delay 2s; done

# fiber NETEM...: the same netem settings on both sides of wan1.
fiber() {
	local gw
	for gw in gw1 gw2; do at $gw tc qdisc change dev wan1 root netem "$@"; done
}

# Latency 5 -> 150 ms each way: RTT about 300 ms, past the 200 ms default.
fiber delay 150ms
wait_field gw1 mpvpn0 fiber state_reason latency 15
assert_eq "$(path_field gw1 mpvpn0 fiber state)" degraded "degraded for latency"
wait_field gw1 mpvpn0 lte active true 5
pass "traffic moved to lte"
log "figure: fiber degraded at srtt $(path_measure gw1 mpvpn0 fiber srtt_us) us"
# The kernel's log line is part of the product too (health.rst lists it):
# this checks the line itself; the state is read from the fields above.
at gw1 dmesg | grep -E "mpvpn0: path fiber degraded \(latency: rtt [0-9.]+ ms" | tail -1 ||
	fail "no log line for the degraded path"

# Back to 5 ms: up once the smoothed RTT has been under 150 ms for the
# hold time, active again after the revert delay (timed from the events).
monitor_start gw1
fiber delay 5ms
t0=$EPOCHREALTIME
wait_field gw1 mpvpn0 fiber active true 30
monitor_stop
up=$(event_time '.path.name == "fiber" and .old_state == "degraded" and .path.state == "up" and .reason == "recovered"')
back=$(event_time '.reason == "revert" and .active_path.name == "fiber"')
# The stamps are taken when the shell reads each event line, and under
# emulation one read can lag the other by a few hundred milliseconds (CI
# once measured 1894 ms); a revert that ignored the delay measures ~0.
assert_ge "$(ms_between "$up" "$back")" 1500 "revert delay of 2 s kept (ms)"
log "figure: revert: fiber up $(ms_between "$t0" "$up") ms after the latency dropped, active $(ms_between "$up" "$back") ms later (hold 1 s, revert delay 2 s)"
pass "reverted to fiber"

# Sticky: the same degradation and recovery, but traffic stays on lte
# until lte itself fails.
for gw in gw1 gw2; do ctl $gw dev set mpvpn0 failback sticky; done
assert_eq "$(ctl gw1 get mpvpn0 failback)" sticky "failback sticky"
fiber delay 150ms
wait_field gw1 mpvpn0 lte active true 15
fiber delay 5ms
wait_field gw1 mpvpn0 fiber state up 20
sleep 3
assert_eq "$(path_field gw1 mpvpn0 lte active)" true "sticky: lte kept after fiber recovered"
carrier gw1 2 down
wait_field gw1 mpvpn0 fiber active true 5
pass "sticky: moved to fiber when lte failed"
carrier gw1 2 up
wait_field gw1 mpvpn0 lte state up 20
sleep 3
assert_eq "$(path_field gw1 mpvpn0 fiber active)" true "sticky: fiber kept after lte recovered"
for gw in gw1 gw2; do ctl $gw dev set mpvpn0 failback revert; done

# 10 % loss each way (about 19 % of probe round trips), past 5 %.
fiber delay 5ms loss 10%
wait_field gw1 mpvpn0 fiber state_reason loss 30
assert_eq "$(path_field gw1 mpvpn0 fiber state)" degraded "degraded for loss"
wait_field gw1 mpvpn0 lte active true 5
log "figure: fiber degraded at loss $(path_measure gw1 mpvpn0 fiber loss_permille) per mille"
fiber delay 5ms
wait_field gw1 mpvpn0 fiber active true 30
pass "back on fiber after the loss stopped"
