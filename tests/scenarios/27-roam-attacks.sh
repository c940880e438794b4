#!/bin/bash
# What roaming must not let through: a forged packet and a replayed one
# from a new address do not move a path's endpoint, and copies of path
# A's packets relayed ahead of the originals from path B's address (by
# someone who can read A and send from B's address) neither move A nor
# make a healthy A look dead at either end.
#
#   [gw1] wan1 10.1.0.1 -- 10.1.0.2 [mid] 10.3.0.1 -- 10.3.0.2 wan3 [gw2]  "fiber" (A), id 1
#         wan2 10.2.0.1 ------------------------------ 10.2.0.2 wan2       "lte" (B), id 2
#   mid holds what arrives from gw1 back 50 ms (ifb + netem) and relays
#   copies at once from B's endpoint to B's address at the hub
#   (10.2.0.1:5555 -> 10.2.0.2:5555): to the hub they are A's packets
#   arriving over B first. Before paths were identified by their
#   authenticated id (0.2.0), that took A down at the hub
#   (tests/scenarios/manual/relay-diag.sh on the older module).
. "$(dirname "$0")/../lib/scenario.sh"

. "$MPVPN_REPO/tests/lib/relay.sh"

relay_topology

# drops: what the hub counted as not authentic or without a key.
drops() {
	echo $(( $(stat_field gw2 mpvpn0 rx_not_authentic) + $(stat_field gw2 mpvpn0 rx_no_key) ))
}
assert_eq "$(path_field gw2 mpvpn0 fiber remote)" 10.1.0.1:5555 "the hub's fiber endpoint"

# A forged packet of fiber from an address the attacker owns on mid.
at mid ip addr add 10.3.0.66/24 dev wan3
before=$(drops)
at mid $ATTACKER forge 10.3.0.66 10.3.0.2 5555 1 1 20
sleep 0.5
assert_ge "$(( $(drops) - before ))" 20 "forged packets dropped as not authentic"
assert_eq "$(path_field gw2 mpvpn0 fiber remote)" 10.1.0.1:5555 "fiber's endpoint after forged packets"

# A real packet of fiber, captured on its way, replayed from that address.
before=$(stat_field gw2 mpvpn0 rx_duplicate)
before_stale=$(stat_field gw2 mpvpn0 rx_stale)
at mid $ATTACKER replay wan1 5555 10.3.0.66 10.3.0.2 10
sleep 0.5
assert_ge "$(( $(stat_field gw2 mpvpn0 rx_duplicate) + $(stat_field gw2 mpvpn0 rx_stale) - before - before_stale ))" 1 \
	"the replayed packet dropped as seen"
assert_eq "$(path_field gw2 mpvpn0 fiber remote)" 10.1.0.1:5555 "fiber's endpoint after a replay"

# The relay: mid delays what gw1 sends on fiber by 50 ms and sends copies
# at once from lte's address. Every copy is new and authentic; every
# original arrives after its copy, as a duplicate.
relay_hold_fiber
wait_up gw1 mpvpn0 fiber
monitor_start gw2
relay_copies 8 >"$SCENARIO_TMP/relay" &
relay_pid=$!
result=$(outage_during gw1 10.99.0.2 gw2 sleep 6)
wait "$relay_pid" || fail "the relay failed"
monitor_stop
log "relayed copies: $(cat "$SCENARIO_TMP/relay"); the stream meanwhile: $result"
assert_ge "$(jq .relayed "$SCENARIO_TMP/relay")" 50 "packets relayed ahead"
# Dead is what the relay must not make fiber look. Degraded it may be:
# mid, on fiber's way, delays it by 50 ms when the relay starts, which
# any on-path router can do, and the copies give the hub RTT samples of
# another way (on a busy debug VM, tens of ms of jitter).
assert_eq "$(event_count '.path.name == "fiber" and .path.state == "down"')" 0 \
	"fiber down at the hub under the relay"
assert_eq "$(event_count '.reason == "endpoint-changed"')" 0 "endpoint changes under the relay"
for gw in gw2 gw1; do
	[ "$(path_field $gw mpvpn0 fiber state)" != down ] ||
		fail "$gw: fiber down under the relay"
done
pass "fiber alive at both ends under the relay"
assert_eq "$(path_field gw2 mpvpn0 fiber remote)" 10.1.0.1:5555 "fiber's endpoint after the relay"
assert_eq "$(json_get "$result" lost)" 0 "stream packets lost under the relay"
log "figure: relayed-copy attack: $(jq .relayed "$SCENARIO_TMP/relay") copies ahead of the originals, fiber stayed up at both ends, 0 of $(json_get "$result" sent) stream packets lost"
