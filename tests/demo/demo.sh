#!/bin/bash
# make demo: two gateways joined by three emulated WAN links, each brought
# up by mpvpnd from its JSON file; the primary fails under traffic, first
# loudly (carrier lost), then silently (a black hole the in-band probes
# find), and mpvpn moves the traffic in the kernel.
#
#        wan1  5 ms  prio 1 "fiber"
#   [hq]----------------------------[branch]
#        wan2 20 ms  prio 2 "lte"
#       ------------------------------
#        wan3 40 ms  prio 3 "dsl"
#       ------------------------------
#   mpvpn0 10.99.0.1  ==========  mpvpn0 10.99.0.2
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/daemon.sh"

say() { printf '\n=== %s\n' "$*"; }
active_path() { ctl hq -j show mpvpn0 | jq -r '.[0].active_path.name'; }

# mpvpnd.json of gateway ME (1: hq, 2: branch); each names its private
# key and the other's public key (daemon_keys: hq side a, branch side b).
demo_config() {
	local me=$1 peer=$(( 3 - $1 ))
	cat <<JSON
{
  "devices": {
    "mpvpn0": {
      "comment": "hold and revert delay shortened from 2 s and 5 s for the demo",
      "tunnel_id": 1,
$(daemon_keys "$me")
      "addresses": ["10.99.0.$me/30"],
      "revert_delay_ms": 2000,
      "health": { "hold_ms": 1000 },
      "paths": {
        "fiber": { "local": "10.1.0.$me", "remote": "10.1.0.$peer:5555", "priority": 1 },
        "lte":   { "local": "10.2.0.$me", "remote": "10.2.0.$peer:5555", "priority": 2 },
        "dsl":   { "local": "10.3.0.$me", "remote": "10.3.0.$peer:5555", "priority": 3 }
      }
    }
  }
}
JSON
}

say "Two gateways, hq and branch, joined by three WAN links (5, 20, 40 ms)"
gateway hq
gateway branch
wan hq branch 1 delay 5ms
wan hq branch 2 delay 20ms
wan hq branch 3 delay 40ms

say "hq's mpvpnd.json (/etc/mpvpn/mpvpnd.json on a real gateway; branch's mirrors it)"
demo_config 1 >"$DAEMON_DIR/hq.json"
demo_config 2 >"$DAEMON_DIR/branch.json"
sed 's/^/  /' "$DAEMON_DIR/hq.json"
"$MPVPND" --check-config "$DAEMON_DIR/hq.json" | sed 's|^.*/||; s/^/  /'

say "mpvpnd on each gateway creates mpvpn0, its paths and its address"
daemon_start hq
daemon_start branch
daemon_wait_log hq 'configuration applied' 30
daemon_wait_log branch 'configuration applied' 30
sed 's/^/  hq: /' "$DAEMON_DIR/hq.log"

say "Each path is down until its first in-band probe is answered"
wait_up hq mpvpn0 fiber lte dsl
wait_up branch mpvpn0 fiber lte dsl
echo "  all paths up on both gateways"

say "hq# mpvpnctl show"
ctl hq show

say "Traffic through the tunnel: ping branch from hq"
at hq ping -c 3 -i 0.2 10.99.0.2 | tail -2

say "Now the fiber link fails (carrier lost) while a 1000 packets/s stream flows"
log_lines=$(wc -l <"$DAEMON_DIR/hq.log")
fiber_before=$(path_stat hq mpvpn0 fiber tx_packets)
lte_before=$(path_stat hq mpvpn0 lte tx_packets)
result=$(outage_during hq 10.99.0.2 branch carrier hq 1 down)
sleep 0.2

say "The kernel's events, as mpvpnd on hq logged them:"
tail -n +$(( log_lines + 1 )) "$DAEMON_DIR/hq.log" | sed 's/^/  /'
say "What the kernel logged (hq and branch share the VM's kernel log: one line each):"
at hq dmesg | grep -E "mpvpn0: path .* (down|up) \(carrier" | tail -2 | sed 's/^/  /'

say "Result"
printf '  outage: %s ms (%s packets lost of %s; longest gap between arrivals %s ms)\n' \
	"$(json_get "$result" outage_ms)" "$(json_get "$result" lost)" \
	"$(json_get "$result" sent)" "$(json_get "$result" max_gap_ms)"
printf '  packets sent during the test: fiber %d, lte %d\n' \
	$(( $(path_stat hq mpvpn0 fiber tx_packets) - fiber_before )) \
	$(( $(path_stat hq mpvpn0 lte tx_packets) - lte_before ))
printf '  active path now: %s\n' "$(active_path)"

say "The fiber comes back; it must prove itself (hold) before traffic returns (revert delay)"
log_lines=$(wc -l <"$DAEMON_DIR/hq.log")
carrier hq 1 up
wait_field hq mpvpn0 fiber active true 30
tail -n +$(( log_lines + 1 )) "$DAEMON_DIR/hq.log" | sed 's/^/  /'
printf '  active path now: %s\n' "$(active_path)"

say "Now the fiber fails silently: carrier stays up, every packet is lost (netem loss 100 %)"
blackhole() { at hq tc qdisc change dev wan1 root netem delay 5ms "$@"; }
log_lines=$(wc -l <"$DAEMON_DIR/hq.log")
result=$(outage_during hq 10.99.0.2 branch blackhole loss 100%)
wait_field hq mpvpn0 fiber state down 5
printf '  outage: %s ms (%s packets lost); only the in-band probes could see this\n' \
	"$(json_get "$result" outage_ms)" "$(json_get "$result" lost)"
tail -n +$(( log_lines + 1 )) "$DAEMON_DIR/hq.log" | sed 's/^/  /'
printf '  active path now: %s\n' "$(active_path)"
blackhole
wait_field hq mpvpn0 fiber active true 30

say "hq# mpvpnctl show (RTT, jitter and loss as the probes measure them)"
ctl hq show
