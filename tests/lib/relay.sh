# The relayed-copy attack's stage, shared by 27-roam-attacks.sh and
# manual/relay-diag.sh (which runs it on older versions of the module too,
# so this uses only what every version's scenario.sh has).
#   [gw1] wan1 -- [mid] -- wan3 [gw2]  "fiber" (A)
#         wan2 --------------- wan2    "lte" (B)
# Sourced after scenario.sh.

ATTACKER="python3 $MPVPN_REPO/tests/lib/attacker.py"

relay_topology() {	# both gateways with fiber and lte up
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
}

# mid holds what arrives from gw1 on fiber back 50 ms (ifb + netem), so
# that the copies the attacker relays at once arrive first.
relay_hold_fiber() {
	at mid ip link add ifb0 type ifb
	at mid ip link set ifb0 up
	at mid tc qdisc add dev ifb0 root netem delay 50ms
	# The copies go to lte's address at the hub, as if lte had carried them.
	at mid ip route add 10.2.0.0/24 via 10.3.0.2 dev wan3
	at mid tc qdisc add dev wan1 handle ffff: ingress
	at mid tc filter add dev wan1 parent ffff: protocol ip u32 match u32 0 0 \
		action mirred egress redirect dev ifb0
}

relay_copies() {	# relay_copies SECONDS: copies of fiber's packets, from lte's address to lte's
	at mid $ATTACKER relay wan1 5555 10.2.0.1 5555 10.2.0.2 "$1"
}
