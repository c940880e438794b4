#!/bin/bash
# IPv6 underlay with IPv4 and IPv6 inside, failover on it; then a device
# that lives in another namespace than its UDP socket, and the death of the
# namespace that owns the socket.
#
#        wan1 fd00:1::/64 delay 5 ms  prio 1 "fiber"
#   [gw1]------------------------------------------[gw2]
#        wan2 fd00:2::/64 delay 20 ms prio 2 "lte"
#        --------------------------------------------
#   mpvpn0 10.99.0.1 fd99::1  =======  mpvpn0 10.99.0.2 fd99::2
#
#   [lan1] mpvpn1 10.98.0.1 (socket in gw1) ===== mpvpn1 10.98.0.2 [gw2]
. "$(dirname "$0")/../lib/scenario.sh"

fiber_and_lte 6
ip -n gw1 addr add fd99::1/64 dev mpvpn0 nodad
ip -n gw2 addr add fd99::2/64 dev mpvpn0 nodad

assert_eq "$(at gw1 cat /sys/class/net/mpvpn0/mtu)" $((1500 - 84)) "MTU over an IPv6 underlay"
at gw1 ping -c 3 -i 0.2 -W 2 10.99.0.2
at gw1 ping -6 -c 3 -i 0.2 -W 2 fd99::2
pass "IPv4 and IPv6 inner traffic over an IPv6 underlay"

result=$(outage_during gw1 fd99::2 gw2 carrier gw1 1 down)
log "IPv6 underlay carrier loss: $result"
assert_eq "$(path_field gw1 mpvpn0 lte active)" true "lte took over"
# The bound of scenario 10, for the same reason.
assert_le "$(json_get "$result" outage_ms)" 100 "IPv6 carrier-loss outage (ms)"
carrier gw1 1 up

# A second tunnel on the same port (tunnel id 2, picked as the lowest free)
# whose device moves to another namespace; its socket stays in gw1.
gateway lan1
ip -n gw1 link add mpvpn1 type mpvpn
ip -n gw2 link add mpvpn1 type mpvpn
tunnel_keys gw1 mpvpn1
tunnel_keys gw2 mpvpn1
assert_eq "$(ctl gw1 get mpvpn1 tunnel_id)" 2 "second device got tunnel id 2"
ip -n gw1 link set mpvpn1 netns lan1
ip -n lan1 addr add 10.98.0.1/30 dev mpvpn1
ip -n lan1 link set mpvpn1 up
ip -n gw2 addr add 10.98.0.2/30 dev mpvpn1
ip -n gw2 link set mpvpn1 up
ctl lan1 path add mpvpn1 fiber local 10.1.0.1 remote 10.1.0.2:5555
ctl gw2 path add mpvpn1 fiber local 10.1.0.2 remote 10.1.0.1:5555
wait_up lan1 mpvpn1 fiber
pass "path up seen from lan1"
at lan1 ping -c 3 -i 0.2 -W 2 10.98.0.2
pass "device in lan1 sends through its socket in gw1"
refused ip -n gw1 link show mpvpn1 >/dev/null 2>&1
pass "the device is gone from gw1"

# The namespace owning the socket dies: the device in lan1 stays, its
# paths go down, nothing leaks (kmemleak at the end of the run).
ip netns del gw1
SCENARIO_NS=(gw2 lan1)
sleep 1
assert_eq "$(path_field lan1 mpvpn1 fiber state)" down "path down once its socket's namespace is gone"
refused at lan1 ping -c 1 -W 1 10.98.0.2
ip -n lan1 link del mpvpn1
pass "device deleted after its socket's namespace"
