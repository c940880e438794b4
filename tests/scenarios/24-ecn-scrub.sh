#!/bin/bash
# The tunnel behaves as the kernel's own UDP tunnels do with ECN (RFC
# 6040) and with the packets' metadata: a CE mark a queue of the path puts
# on the outer header reaches the inner packet; a CE on the outer header
# of a packet whose sender does not do ECN drops it, counted; the outer
# header carries the inner ECN field but not its DSCP unless the device is
# told to (tos-inherit); and the outer packet of an IPv6 underlay is a
# packet of its own for the socket's namespace (scrubbed), which its
# conntrack tracks.
# (the fiber_and_lte setup of tests/lib/scenario.sh, over IPv6)
. "$(dirname "$0")/../lib/scenario.sh"

fiber_and_lte 6

# nft_count NS TABLE CHAIN: the packets the chain's counter saw.
nft_count() { at "$1" nft -j list chain inet "$2" "$3" | jq '[.nftables[].rule.expr[]? | .counter.packets? // empty] | add // 0'; }

# What the outer and the inner headers carry, counted by nftables: on
# gw1's way out (the outer IPv6 header of wan1) and on gw2's way in from
# the tunnel (the inner IPv4 header).
at gw1 nft -f - <<'EOF'
table inet out {
	chain post {
		type filter hook postrouting priority 0; policy accept;
		oifname "wan1" udp dport 5555 ip6 dscp cs4 counter
	}
}
EOF
at gw2 nft -f - <<'EOF'
table inet in {
	chain ce {
		type filter hook input priority 0; policy accept;
		iifname "mpvpn0" ip ecn ce counter
	}
}
EOF

# The DSCP stays inside unless asked for; ECN crosses.
at gw1 ping -c 5 -i 0.2 -Q 0x80 -q 10.99.0.2 >/dev/null
assert_eq "$(nft_count gw1 out post)" 0 "outer packets with the inner DSCP (cs4), by default"
ctl gw1 dev set mpvpn0 tos inherit
assert_eq "$(ctl gw1 get mpvpn0 tos_inherit)" true "tos inherit shown"
at gw1 ping -c 5 -i 0.2 -Q 0x80 -q 10.99.0.2 >/dev/null
assert_ge "$(nft_count gw1 out post)" 5 "outer packets with the inner DSCP, with tos inherit"
ctl gw1 dev set mpvpn0 tos ecn

# A queue of the path marks instead of dropping: netem's ecn marks CE on
# ECN-capable packets it would have lost. The probes are not ECN-capable
# and are lost instead: the thresholds let fiber keep the traffic.
for gw in gw1 gw2; do
	ctl $gw dev set mpvpn0 loss-fail 90% loss-recover 80% miss-count 20
done
at gw1 tc qdisc change dev wan1 root netem delay 5ms loss 30% ecn
at gw1 ping -c 20 -i 0.1 -Q 0x02 -q 10.99.0.2 >/dev/null || true
ce=$(nft_count gw2 in ce)
assert_ge "$ce" 1 "inner packets that arrived with CE"
log "figure: $ce of 20 ECN-capable pings arrived marked CE"

# A CE on the outer header of a packet whose sender does not do ECN: the
# receiver cannot pass the mark on, and drops it (RFC 6040, section 4.2).
at gw1 tc qdisc change dev wan1 root netem delay 5ms
at gw1 nft add rule inet out post oifname wan1 udp dport 5555 ip6 ecn set ce
before=$(stat_field gw2 mpvpn0 rx_bad_ecn)
at gw1 ping -c 5 -i 0.2 -W 1 -Q 0 -q 10.99.0.2 >/dev/null && fail "not-ECT pings under a CE outer header got through"
assert_ge "$(( $(stat_field gw2 mpvpn0 rx_bad_ecn) - before ))" 5 "not-ECT inner packets with a CE outer header dropped"
wait_up gw2 mpvpn0 fiber
at gw1 nft flush chain inet out post

# Conntrack in the sender's namespace sees the outer packets of an IPv6
# underlay as UDP of their own: they do not carry the inner packet's
# connection out (the inet table makes gw1 track its inner IPv4 too).
at gw1 nft -f - <<'EOF'
table inet track {
	chain post {
		type filter hook postrouting priority 0; policy accept;
		meta nfproto ipv6 udp dport 5555 ct original proto-dst 5555 counter
	}
}
EOF
at gw1 ping -c 5 -i 0.2 -q 10.99.0.2 >/dev/null
tracked=$(nft_count gw1 track post)
assert_ge "$tracked" 5 "IPv6 tunnel packets tracked as UDP to port 5555 on gw1"
