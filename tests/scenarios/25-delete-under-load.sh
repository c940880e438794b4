#!/bin/bash
# A device deleted while its receive path is busy: gw2 floods gw1 through
# the tunnel in aggregate mode (sequenced packets, the reorder buffer and
# its timer, probes and their answers on both paths), while gw1 deletes
# its device and makes it again, over and over. Under KASAN, lockdep and
# kmemleak the harness fails the run on any use after free, lock problem
# or leak; the device works afterwards.
# (the fiber_and_lte setup of tests/lib/scenario.sh)
. "$(dirname "$0")/../lib/scenario.sh"

ROUNDS=${ROUNDS:-12}

fiber_and_lte
for gw in gw1 gw2; do ctl $gw dev set mpvpn0 mode aggregate; done
wait_up gw1 mpvpn0 fiber lte

# gw1's device and paths, as fiber_and_lte makes them.
make_gw1() {
	tunnel gw1 mpvpn0 10.99.0.1/30
	ctl gw1 dev set mpvpn0 mode aggregate
	ctl gw1 path add mpvpn0 fiber local 10.1.0.1 remote 10.1.0.2:5555 prio 1
	ctl gw1 path add mpvpn0 lte local 10.2.0.1 remote 10.2.0.2:5555 prio 2
}

at gw2 ping -f -q -w $(( ROUNDS * 3 + 20 )) 10.99.0.1 >/dev/null 2>&1 &
flood=$!
SCENARIO_PIDS+=("$flood")
for round in $(seq "$ROUNDS"); do
	# Long enough for packets to arrive and timers to be armed.
	sleep 0.$(( RANDOM % 8 + 2 ))
	ip -n gw1 link del mpvpn0
	make_gw1
done
wait_up gw1 mpvpn0 fiber lte
wait_up gw2 mpvpn0 fiber lte
kill "$flood" 2>/dev/null || true
at gw1 ping -c 3 -W 2 -q 10.99.0.2 >/dev/null || fail "no ping after $ROUNDS deletions"
pass "$ROUNDS deletions under load; the tunnel works"
