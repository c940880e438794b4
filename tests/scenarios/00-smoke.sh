#!/bin/bash
# Smoke: devices are created and deleted, two gateways joined by one WAN
# link ping each other through the tunnel, ip -s link counts correctly, and
# the MTU follows the path (the user may only lower it).
#
#   [gw1] wan1 10.1.0.1 ---- 10.1.0.2 wan1 [gw2]
#         mpvpn0 10.99.0.1 ===== 10.99.0.2 mpvpn0
. "$(dirname "$0")/../lib/scenario.sh"

# The lifetime logs checked at the end are debug level: the test build
# defines DEBUG; a stock build prints them once dynamic debug allows it.
dyndbg=/sys/kernel/debug/dynamic_debug/control
[ -w "$dyndbg" ] && echo "module mpvpn +p" >"$dyndbg"

gateway gw1
gateway gw2
wan gw1 gw2 1 delay 5ms
tunnel gw1 mpvpn0 10.99.0.1/30
tunnel gw2 mpvpn0 10.99.0.2/30
# No IPv6 housekeeping (router and MLD solicitations, retried for seconds)
# through the tunnel: the packet counts below must be exact.
for gw in gw1 gw2; do at $gw sysctl -qw net.ipv6.conf.mpvpn0.disable_ipv6=1; done
ctl gw1 path add mpvpn0 fiber local 10.1.0.1 remote 10.1.0.2:5555 prio 1
ctl gw2 path add mpvpn0 fiber local 10.1.0.2 remote 10.1.0.1:5555 prio 1
# A new path is down until its first probe is answered.
wait_up gw1 mpvpn0 fiber
wait_up gw2 mpvpn0 fiber
ctl gw1 show
# ip -s link: the 5 echo requests arrived and 5 replies left; what one
# side sent the other received.
link_stat() { ip -n "$1" -s -j link show mpvpn0 | jq ".[0].stats64.$2"; }
rx0=$(link_stat gw2 rx.packets); tx0=$(link_stat gw1 tx.packets)
prx0=$(path_stat gw2 mpvpn0 fiber rx_packets)
at gw1 ping -c 5 -i 0.2 -W 2 10.99.0.2
assert_eq "$(path_field gw1 mpvpn0 fiber state)" up "path state"
rx=$(( $(link_stat gw2 rx.packets) - rx0 ))
assert_eq "$rx" 5 "gw2 mpvpn0 rx packets"
assert_eq "$rx" $(( $(link_stat gw1 tx.packets) - tx0 )) "gw2 received what gw1 sent"
assert_eq $(( $(path_stat gw2 mpvpn0 fiber rx_packets) - prx0 )) "$rx" "path and device rx agree"
# Both directions count inner bytes: what one side sent, the other received.
assert_eq "$(link_stat gw2 tx.bytes)" "$(link_stat gw1 rx.bytes)" "gw2 tx bytes = gw1 rx bytes"

# MTU: underlay less 64 bytes (headers and tag); follows the underlay; the user may lower it.
assert_eq "$(at gw1 cat /sys/class/net/mpvpn0/mtu)" 1436 "MTU from a 1500 underlay"
ip -n gw1 link set wan1 mtu 1400
assert_eq "$(at gw1 cat /sys/class/net/mpvpn0/mtu)" 1336 "MTU follows the underlay"
refused ip -n gw1 link set mpvpn0 mtu 1400 2>/dev/null
pass "MTU above the path MTU refused"
ip -n gw1 link set mpvpn0 mtu 1300
ip -n gw1 link set wan1 mtu 1500
assert_eq "$(at gw1 cat /sys/class/net/mpvpn0/mtu)" 1300 "a lower MTU set by the user stays"

# Several devices per namespace, each with its own tunnel id.
ctl gw1 dev add mpvpn7 port 5556 tunnel 7
assert_eq "$(ctl gw1 -j show mpvpn7 | jq -c '.[0] | [.port, .tunnel_id]')" "[5556,7]" "dev add with port and tunnel"
ip -n gw1 link add mpvpn8 type mpvpn
assert_eq "$(ctl gw1 get mpvpn8 tunnel_id)" 2 "default tunnel id is the lowest free"
refused ctl gw1 dev add mpvpn9 tunnel 1 2>/dev/null
pass "a tunnel id used on the port is refused"
ctl gw1 dev del mpvpn7
ctl gw1 dev del mpvpn8
at gw1 ip link del mpvpn0
at gw2 ip link del mpvpn0
pass "devices deleted"
# The lifetime line itself is what is tested (debug level, STYLE.md 11).
at gw1 dmesg | grep -q "mpvpn0: path fiber destroyed" || fail "no lifetime log for the path"
pass "lifetime logged"
