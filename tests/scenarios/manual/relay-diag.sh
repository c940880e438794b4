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

ATTACKER="python3 $MPVPN_REPO/tests/lib/attacker.py"
gateway gw1
gateway mid
gateway gw2
wan gw1 mid 1
wan gw1 gw2 2 delay 20ms
wan mid gw2 3
at gw1 ip route add 10.3.0.0/24 via 10.1.0.2 dev wan1
at gw2 ip route add 10.1.0.0/24 via 10.3.0.1 dev wan3
tunnel gw1 mpvpn0 10.99.0.1/30
tunnel gw2 mpvpn0 10.99.0.2/30
ctl gw1 path add mpvpn0 fiber id 1 local 10.1.0.1 remote 10.3.0.2:5555 prio 1
ctl gw1 path add mpvpn0 lte id 2 local 10.2.0.1 remote 10.2.0.2:5555 prio 2
ctl gw2 path add mpvpn0 fiber id 1 local 10.3.0.2 remote 10.1.0.1:5555 prio 1
ctl gw2 path add mpvpn0 lte id 2 local 10.2.0.2 remote 10.2.0.1:5555 prio 2
wait_up gw1 mpvpn0 fiber lte
wait_up gw2 mpvpn0 fiber lte
at mid ip link add ifb0 type ifb
at mid ip link set ifb0 up
at mid tc qdisc add dev ifb0 root netem delay 50ms
# The copies go to lte's address at the hub, as if lte had carried them.
at mid ip route add 10.2.0.0/24 via 10.3.0.2 dev wan3
at mid tc qdisc add dev wan1 handle ffff: ingress
at mid tc filter add dev wan1 parent ffff: protocol ip u32 match u32 0 0 \
	action mirred egress redirect dev ifb0
monitor_start gw2
at mid $ATTACKER relay wan1 5555 10.2.0.1 5555 10.2.0.2 8
monitor_stop
log "figure: relay: hub fiber state changes $(event_count '.path.name == "fiber" and .old_state != null'), hub fiber now $(path_field gw2 mpvpn0 fiber state), branch fiber now $(path_field gw1 mpvpn0 fiber state)"
