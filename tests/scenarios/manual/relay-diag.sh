#!/bin/bash
# Diagnosis, not a test: what relaying copies of path A's packets ahead of
# the originals, from path B's address, does to a tunnel (the attack of
# 27-roam-attacks.sh, without its assertions, so that it runs on any
# version of the module: tests/vm/run --verbose tests/scenarios/manual/relay-diag.sh).
# Prints the hub's fiber events and both ends' fiber state after 8 s of
# relaying.
#   [gw1] wan1 -- [mid] -- wan3 [gw2]  "fiber" (A), mid holds it back 50 ms
#         wan2 --------------- wan2    "lte" (B)
. "$(dirname "$0")/../../lib/scenario.sh"

. "$MPVPN_REPO/tests/lib/relay.sh"

relay_topology
relay_hold_fiber
monitor_start gw2
relay_copies 8
monitor_stop
log "figure: relay: hub fiber state changes $(event_count '.path.name == "fiber" and .old_state != null'), hub fiber now $(path_field gw2 mpvpn0 fiber state), branch fiber now $(path_field gw1 mpvpn0 fiber state)"
