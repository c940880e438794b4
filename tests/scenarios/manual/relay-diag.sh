#!/bin/bash
# Diagnosis, not a test: what relaying copies of path A's packets ahead of
# the originals, from path B's address, does to a tunnel (the attack of
# 27-roam-attacks.sh, without its assertions, so that it runs on any
# version of the module: tests/vm/run --verbose tests/scenarios/manual/relay-diag.sh).
# Prints the hub's fiber events, both ends' fiber state after 8 s of
# relaying, and what a 1 ms stream through the tunnel lost meanwhile.
#   [gw1] wan1 -- [mid] -- wan3 [gw2]  "fiber" (A), mid holds it back 50 ms
#         wan2 --------------- wan2    "lte" (B)
. "$(dirname "$0")/../../lib/scenario.sh"

. "$MPVPN_REPO/tests/lib/relay.sh"

relay_topology
relay_hold_fiber
monitor_start gw2
# With a 1 ms stream through the tunnel, so that data is relayed too.
relay_copies 8 >"$SCENARIO_TMP/relay" &
relay_pid=$!
result=$(outage_during gw1 10.99.0.2 gw2 sleep 6)
wait "$relay_pid"
monitor_stop
log "figure: relay: $(cat "$SCENARIO_TMP/relay") copies; hub fiber state changes $(event_count '.path.name == "fiber" and .old_state != null'), hub fiber now $(path_field gw2 mpvpn0 fiber state), branch fiber now $(path_field gw1 mpvpn0 fiber state); the stream: $result"
