#!/bin/bash
# A hostile sender floods the tunnel port with junk while traffic flows:
# no splat, the tunnel keeps working, and the drop counters account for
# every junk packet under its reason.
#
#   [gw1] wan1 10.1.0.1 ------ 10.1.0.2 wan1 [gw2]   path "fiber"
#         wan2 10.2.0.1 ------ 10.2.0.2 wan2 [evil]
#   (fiber_only of tests/lib/scenario.sh, and evil on wan2)
. "$(dirname "$0")/../lib/scenario.sh"

fiber_only
gateway evil
wan gw1 evil 2
at gw1 ping -c 2 -i 0.2 -W 2 10.99.0.2

before=$(ctl gw1 -j stats mpvpn0 | jq -c '.[0].stats')
at gw1 ping -c 50 -i 0.05 -W 2 10.99.0.2 >"$SCENARIO_TMP/ping.txt" &
ping_pid=$!
at evil python3 "$MPVPN_REPO/tests/lib/junk.py" 10.2.0.1 5555 4 >"$SCENARIO_TMP/junk.json"
wait $ping_pid || fail "ping through the tunnel lost packets during the flood"
# ping's own summary: it exits 0 when some replies came, so its words tell
# whether all did.
grep -q " 0% packet loss" "$SCENARIO_TMP/ping.txt" ||
	fail "ping lost packets: $(tail -2 "$SCENARIO_TMP/ping.txt")"
pass "tunnel traffic unaffected by the flood"
sent=$(cat "$SCENARIO_TMP/junk.json")
log "junk sent: $sent"
after=$(ctl gw1 -j stats mpvpn0 | jq -c '.[0].stats')
log "counters after: $after"
for reason in rx_short rx_bad_version rx_bad_header rx_unknown_tunnel rx_unknown_source; do
	delta=$(( $(jq -r ".$reason" <<<"$after") - $(jq -r ".$reason" <<<"$before") ))
	assert_eq "$delta" "$(jq -r ".$reason" <<<"$sent")" "$reason counted"
done
# Path 1's id from evil: opened and refused, under the key slot junk.py
# names (whether the device has a key in it depends on the epoch).
delta=$(( $(jq -r '.rx_not_authentic + .rx_no_key' <<<"$after") - $(jq -r '.rx_not_authentic + .rx_no_key' <<<"$before") ))
assert_eq "$delta" "$(jq -r .rx_not_authentic <<<"$sent")" \
	"packets of a known path from elsewhere counted as not authentic or without a key"
assert_eq "$(jq -r .rx_bad_inner <<<"$after")" 0 "no junk reached the inner stack"
