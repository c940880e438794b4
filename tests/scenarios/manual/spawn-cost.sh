#!/bin/bash
# Diagnosis, not a test: what starting the programs the scenarios use
# costs in the VM (the figures in testing.rst, "Adding a scenario").
#   tests/vm/run --no-kunit --verbose tests/scenarios/manual/spawn-cost.sh
#   tests/vm/run --stock --verbose tests/scenarios/manual/spawn-cost.sh
. "$(dirname "$0")/../../lib/scenario.sh"

# took CMD...: runs CMD, logs its wall time in ms.
took() {
	local start=$EPOCHREALTIME
	"$@" >/dev/null 2>&1 || true
	log "$(ms_between "$start" "$EPOCHREALTIME") ms: $*"
}
fiber_and_lte
for _ in 1 2; do
	took /bin/true
	took ip -n gw1 link show
	took ip netns exec gw1 /bin/true
	took "$MPVPNCTL" -n gw1 -j show
	took at gw1 "$MPVPNCTL" -j show
	took path_field gw1 mpvpn0 fiber state
	took jq -n 1
	took python3 -c 1
	took awk 'BEGIN { exit }'
done
