#!/bin/bash
# Smoke: the module creates and deletes devices, and two gateways joined
# by one WAN link ping each other through the tunnel.
#
#   [gw1] wan1 10.1.0.1 ---- 10.1.0.2 wan1 [gw2]
#         mpvpn0 10.99.0.1 ===== 10.99.0.2 mpvpn0
. "$(dirname "$0")/../lib/scenario.sh"

gateway gw1
gateway gw2
wan gw1 gw2 1 delay 5ms
tunnel gw1 10.99.0.1/30
tunnel gw2 10.99.0.2/30
ctl gw1 path add mpvpn0 fiber local 10.1.0.1 remote 10.1.0.2:5555 prio 1
ctl gw2 path add mpvpn0 fiber local 10.1.0.2 remote 10.1.0.1:5555 prio 1
ctl gw1 show
at gw1 ping -c 3 -i 0.2 -W 2 10.99.0.2
assert_eq "$(path_field gw1 fiber state)" up "path state"
at gw1 ip link del mpvpn0
at gw2 ip link del mpvpn0
pass "devices deleted"
