#!/bin/bash
# A path deleted and added again on one gateway only: the peer's path
# still acknowledges the old path's sequence numbers for a while. The new
# path must come up and stay up (it once went down for good: a stale ack
# beyond anything the new path had sent made every later ack look old).
# (the fiber_and_lte setup of tests/lib/scenario.sh)
. "$(dirname "$0")/../lib/scenario.sh"

fiber_and_lte
# Some traffic, so that gw2's fiber acknowledges a high sequence number.
at gw1 ping -c 200 -i 0.01 -q 10.99.0.2 >/dev/null
# While gw1's new fiber cannot reach gw2, gw2 goes on acknowledging the
# old path's sequence in its probes, and gw1's new path receives them.
at gw1 tc qdisc change dev wan1 root netem delay 5ms loss 100%
ctl gw1 path del mpvpn0 fiber
ctl gw1 path add mpvpn0 fiber local 10.1.0.1 remote 10.1.0.2:5555 prio 1
sleep 1.5
at gw1 tc qdisc change dev wan1 root netem delay 5ms
wait_up gw1 mpvpn0 fiber
# Three seconds: ten times the time it takes to declare a path dead.
for i in $(seq 15); do
	assert_eq "$(path_field gw1 mpvpn0 fiber state)" up "fiber's state, $((i * 200)) ms after it came up"
	sleep 0.2
done
assert_eq "$(path_field gw1 mpvpn0 fiber active)" true "fiber is active again"
