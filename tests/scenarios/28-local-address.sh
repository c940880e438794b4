#!/bin/bash
# The branch's own address changes, as a DHCP lease or a PPPoE redial
# changes it: a path bound to a device follows the device's address, and
# the hub follows the branch to it; a path whose local address is gone is
# down with reason no-local-address, and comes back when it returns.
#
#   [gw1] wan1 10.1.0.1 -> 10.1.0.11 --------- 10.1.0.2 wan1 [gw2]  "fiber": dev wan1 on gw1
#         wan2 10.2.0.1 -------------------- 10.2.0.2 wan2          "lte": local 10.2.0.1
#   mpvpn0 10.99.0.1/30  ====================  mpvpn0 10.99.0.2/30
. "$(dirname "$0")/../lib/scenario.sh"

gateway gw1
gateway gw2
wan gw1 gw2 1
wan gw1 gw2 2 delay 20ms
tunnel gw1 mpvpn0 10.99.0.1/30
tunnel gw2 mpvpn0 10.99.0.2/30
ctl gw1 path add mpvpn0 fiber id 1 dev wan1 remote 10.1.0.2:5555 prio 1
ctl gw1 path add mpvpn0 lte id 2 local 10.2.0.1 remote 10.2.0.2:5555 prio 2
ctl gw2 path add mpvpn0 fiber id 1 local 10.1.0.2 remote 10.1.0.1:5555 prio 1
ctl gw2 path add mpvpn0 lte id 2 local 10.2.0.2 remote 10.2.0.1:5555 prio 2
wait_up gw1 mpvpn0 fiber lte
wait_up gw2 mpvpn0 fiber lte


# The lease ends: the device has no IPv4 address (its IPv6 one does not
# serve an IPv4 path).
monitor_start gw1
at gw1 ip addr del 10.1.0.1/24 dev wan1
wait_field gw1 mpvpn0 fiber state_reason no-local-address 5
assert_eq "$(path_field gw1 mpvpn0 fiber state)" down "fiber without an address"
wait_field gw1 mpvpn0 lte active true 5
# A new lease, another address: the branch's packets come from it, the
# hub's fiber follows them there.
at gw1 ip addr add 10.1.0.11/24 dev wan1
t0=$EPOCHREALTIME
wait_up gw1 mpvpn0 fiber
wait_field gw2 mpvpn0 fiber remote_addr 10.1.0.11 10
wait_field gw1 mpvpn0 fiber active true 20
log "figure: fiber back $(ms_between "$t0" "$EPOCHREALTIME") ms after its device got a new address"
monitor_stop
assert_ge "$(event_count '.path.name == "fiber" and .reason == "no-local-address"')" 1 \
	"no-local-address events of fiber"
assert_eq "$(path_field gw2 mpvpn0 fiber remote)" 10.1.0.11:5555 "the hub's fiber endpoint"
at gw2 ping -c 2 -W 2 -q 10.99.0.1 >/dev/null || fail "no ping from the hub on the new address"

# A path that names its local address: down while it is gone, up when it
# is back.
at gw1 ip addr del 10.2.0.1/24 dev wan2
wait_field gw1 mpvpn0 lte state_reason no-local-address 5
at gw1 ip addr add 10.2.0.1/24 dev wan2
wait_up gw1 mpvpn0 lte
wait_up gw2 mpvpn0 lte
pass "lte is back with its address"
