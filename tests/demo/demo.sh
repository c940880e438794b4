#!/bin/bash
# make demo: two gateways joined by three emulated WAN links; the primary
# fails under traffic, first loudly (carrier lost), then silently (a black
# hole the in-band probes find), and mpvpn moves the traffic in the kernel.
#
#        wan1  5 ms  prio 1 "fiber"
#   [hq]----------------------------[branch]
#        wan2 20 ms  prio 2 "lte"
#       ------------------------------
#        wan3 40 ms  prio 3 "dsl"
#       ------------------------------
#   mpvpn0 10.99.0.1  ==========  mpvpn0 10.99.0.2
. "$(dirname "$0")/../lib/scenario.sh"

say() { printf '\n=== %s\n' "$*"; }

say "Two gateways, hq and branch, joined by three WAN links (5, 20, 40 ms)"
gateway hq
gateway branch
wan hq branch 1 delay 5ms
wan hq branch 2 delay 20ms
wan hq branch 3 delay 40ms

say "On each gateway: ip link add mpvpn0 type mpvpn; mpvpnctl path add ..."
for gw in hq branch; do
	[ $gw = hq ] && { me=1; peer=2; inner=10.99.0.1/30; } || { me=2; peer=1; inner=10.99.0.2/30; }
	tunnel $gw $inner
	n=1
	for name in fiber lte dsl; do
		echo "  $gw# mpvpnctl path add mpvpn0 $name local 10.$n.0.$me remote 10.$n.0.$peer:5555 prio $n"
		ctl $gw path add mpvpn0 $name local 10.$n.0.$me remote 10.$n.0.$peer:5555 prio $n
		n=$((n + 1))
	done
done

say "Each path is down until its first in-band probe is answered"
wait_up hq fiber lte dsl
wait_up branch fiber lte dsl
echo "  all paths up on both gateways"
echo "  (for a quick demo: hold 1 s and revert delay 2 s instead of 2 s and 5 s)"
for gw in hq branch; do ctl $gw dev set mpvpn0 hold 1s revert-delay 2s; done

say "hq# mpvpnctl show"
ctl hq show

say "Traffic through the tunnel: ping branch from hq"
at hq ping -c 3 -i 0.2 10.99.0.2 | tail -2

say "Now the fiber link fails (carrier lost) while a 1000 packets/s stream flows"
ctl hq monitor >/tmp/events.txt &
monitor=$!
fiber_before=$(path_stat hq fiber tx_packets)
lte_before=$(path_stat hq lte tx_packets)
result=$(outage_during hq 10.99.0.2 branch carrier hq 1 down)
sleep 0.2
kill $monitor 2>/dev/null || true

say "What the kernel announced (mpvpnctl monitor):"
sed 's/^/  /' /tmp/events.txt
say "What the kernel logged (hq and branch share the VM's kernel log: one line each):"
at hq dmesg | grep -E "mpvpn0: path .* (down|up) \(carrier" | tail -2 | sed 's/^/  /'

say "Result"
printf '  outage: %s ms (%s packets lost of %s; longest gap between arrivals %s ms)\n' \
	"$(json_get "$result" outage_ms)" "$(json_get "$result" lost)" \
	"$(json_get "$result" sent)" \
	"$(json_get "$result" max_gap_ms)"
printf '  packets sent during the test: fiber %d, lte %d\n' \
	$(( $(path_stat hq fiber tx_packets) - fiber_before )) \
	$(( $(path_stat hq lte tx_packets) - lte_before ))
printf '  active path now: %s\n' "$(ctl hq -j show mpvpn0 | jq -r '.[0].active_path.name')"

say "The fiber comes back; it must prove itself (hold) before traffic returns (revert delay)"
carrier hq 1 up
wait_field hq fiber active true 30
printf '  active path now: %s\n' "$(ctl hq -j show mpvpn0 | jq -r '.[0].active_path.name')"

say "Now the fiber fails silently: carrier stays up, every packet is lost (netem loss 100 %)"
blackhole() { at hq tc qdisc change dev wan1 root netem delay 5ms "$@"; }
result=$(outage_during hq 10.99.0.2 branch blackhole loss 100%)
wait_field hq fiber state down 5
printf '  outage: %s ms (%s packets lost); only the in-band probes could see this\n' \
	"$(json_get "$result" outage_ms)" "$(json_get "$result" lost)"
at hq dmesg | grep -E "mpvpn0: path fiber down \(probes lost" | tail -1 | sed 's/^/  /'
printf '  active path now: %s\n' "$(ctl hq -j show mpvpn0 | jq -r '.[0].active_path.name')"
blackhole
wait_field hq fiber active true 30

say "hq# mpvpnctl show (RTT, jitter and loss as the probes measure them)"
ctl hq show
