#!/bin/bash
# Authenticated encryption on a live tunnel: what crosses the wire is
# ciphertext; mutated, replayed, plaintext and wrongly keyed packets are
# dropped and counted before they change anything; sessions are replaced
# (rekeyed) without losing a packet; a device without keys sends and
# accepts nothing.
#
#   [gw1] wan1 10.1.0.1 ------ 10.1.0.2 wan1 [gw2]    one path, "fiber"
#   (fiber_only of tests/lib/scenario.sh)
. "$(dirname "$0")/../lib/scenario.sh"
PKTFUZZ="python3 $MPVPN_REPO/tests/lib/pktfuzz.py"
DROP_COUNTERS=(rx_short rx_bad_version rx_bad_header rx_unknown_tunnel
	rx_unknown_source rx_not_authentic rx_no_key rx_duplicate rx_stale
	rx_dropped rx_bad_inner rx_bad_probe)

fiber_only
assert_eq "$(ctl gw1 get mpvpn0 encryption)" \
	chacha20-poly1305 "encryption shown"
# The words of the human view are what is tested here, next to the field
# above: an operator reading "show" must see what protects the tunnel.
ctl gw1 show mpvpn0 | grep -q "encryption: chacha20-poly1305" ||
	fail "show does not name the encryption"

# What crosses the wire: no trace of the inner packets' bytes.
dir=$(mktemp -d -p "$SCENARIO_TMP")
at gw2 $PKTFUZZ capture wan1 5555 200 8 "$dir/packets" >"$dir/count" &
cap=$!
sleep 1
at gw1 ping -q -c 20 -i 0.1 -p 5a5a5a5a5a5a5a5a -s 200 10.99.0.2 >/dev/null ||
	fail "ping through the encrypted tunnel"
wait $cap
log "captured $(cat "$dir/count") tunnel packets"
assert_ge "$(cat "$dir/count")" 20 "tunnel packets captured"
refused grep -q 5a5a5a5a5a5a5a5a "$dir/packets"
pass "the inner payload is not on the wire"

# Mutations of those packets, sent from gw1's own address and port: every
# one is counted as dropped, none is delivered or changes the path.
# A mutation may turn a data header into a handshake message's prefix
# (version 2, type 6 to 8): the handshake's drop counters count it then.
stats_sum() {	# stats_sum NS: the sum of the drop counters, and rx packets
	local handshake
	handshake=$(ctl "$1" get mpvpn0 handshake |
		jq '[to_entries[] | select(.key | startswith("rx_")) | .value] | add')
	ctl "$1" -j stats mpvpn0 | jq -r --argjson names \
		"$(printf '%s\n' "${DROP_COUNTERS[@]}" | jq -R . | jq -sc .)" \
		--argjson handshake "$handshake" \
		'.[0].stats as $s | "\([$names[] | $s[.]] | add + $handshake) \($s.rx_packets)"'
}
# gw1's own traffic meanwhile (the kernel's IPv6 router solicitations and
# MLD reports on mpvpn0) is what gw2 may deliver. gw1 can send at any time,
# so its counter is read on both sides of gw2's: what gw2 delivered must lie
# between what gw1 had surely sent and what it may have sent.
sent_early=$(stat_field gw1 mpvpn0 tx_packets)
read -r drops0 rx0 <<<"$(stats_sum gw2)"
seen0=$(path_stat gw2 mpvpn0 fiber rx_packets)
sent_late=$(stat_field gw1 mpvpn0 tx_packets)
seed=${FUZZ_SEED:-$RANDOM}
result=$(at gw1 $PKTFUZZ fuzz "$dir/packets" "${FUZZ_SECONDS:-20}" "$seed")
log "packet fuzzer: $result"
sleep 1
sent_surely=$(( $(stat_field gw1 mpvpn0 tx_packets) - sent_late ))
sleep 0.5	# what gw1 had sent by then has reached gw2
read -r drops1 rx1 <<<"$(stats_sum gw2)"
seen1=$(path_stat gw2 mpvpn0 fiber rx_packets)
sent_maybe=$(( $(stat_field gw1 mpvpn0 tx_packets) - sent_early ))
log "gw2 counters: $(ctl gw2 -j stats mpvpn0 | jq -c '.[0].stats')"
log "gw1 sent between $sent_surely and $sent_maybe packets meanwhile"
assert_eq $((drops1 - drops0)) "$(jq .sent <<<"$result")" \
	"every fuzzed packet counted as a drop (seed $seed)"
assert_ge $((rx1 - rx0)) "$sent_surely" "delivered: all gw1 sent"
assert_le $((rx1 - rx0)) "$sent_maybe" "delivered: no fuzzed packet"
assert_ge $((seen1 - seen0)) "$sent_surely" "counted on the path: all gw1 sent"
assert_le $((seen1 - seen0)) "$sent_maybe" "counted on the path: no fuzzed packet"
assert_eq "$(path_field gw2 mpvpn0 fiber state)" up "path still up"
assert_ge "$(stat_field gw2 mpvpn0 rx_not_authentic)" 1 "forgeries counted"
assert_ge "$(( $(stat_field gw2 mpvpn0 rx_duplicate) + $(stat_field gw2 mpvpn0 rx_stale) ))" 1 \
	"replays counted"
at gw1 ping -q -c 3 -i 0.2 -W 2 10.99.0.2 >/dev/null || fail "tunnel after the fuzzer"
pass "tunnel works after the fuzzer"
rm -rf "$dir"

# Wrong keys on one end (another pre-shared key): its sessions end, no
# handshake completes, nothing gets through, the path goes down, and it
# comes back with the right keys. gw1 still sends under the session gw2
# forgot: gw2 counts those packets as of no key it has.
bad0=$(( $(stat_field gw2 mpvpn0 rx_not_authentic) + $(stat_field gw2 mpvpn0 rx_no_key) ))
sessions0=$(ctl gw2 get mpvpn0 handshake.sessions)
refused0=$(ctl gw2 get mpvpn0 handshake.rx_not_authentic)
new_psk "$SCENARIO_TMP/other.psk"
tunnel_keys gw2 mpvpn0 "$SCENARIO_TMP/other.psk"
refused at gw1 ping -q -c 3 -i 0.2 -W 1 10.99.0.2 >/dev/null
wait_field gw1 mpvpn0 fiber state down
assert_ge $(( $(stat_field gw2 mpvpn0 rx_not_authentic) + $(stat_field gw2 mpvpn0 rx_no_key) - bad0 )) 3 \
	"wrongly keyed packets counted"
# gw1 takes gw2's initiations (they prove gw2's static key, not the
# pre-shared key) and answers them; gw2 cannot open the answers.
assert_eq "$(ctl gw2 get mpvpn0 handshake.sessions)" "$sessions0" \
	"gw2's sessions with a peer of another pre-shared key"
assert_ge $(( $(ctl gw2 get mpvpn0 handshake.rx_not_authentic) - refused0 )) 1 \
	"responses of another pre-shared key refused"
pass "a peer with other keys is not heard"
tunnel_keys gw2 mpvpn0
# Back up once 20 clean probes and the 2 s hold have passed, and the
# jitter has settled, which a busy debug VM makes take longer than 10 s.
wait_field gw1 mpvpn0 fiber state up 30
at gw1 ping -q -c 3 -i 0.2 -W 2 10.99.0.2 >/dev/null || fail "tunnel with the keys back"
pass "the right keys bring the path back"

# Sessions of 2 s on both ends: a 1 ms stream crosses several rekeys
# without a loss, and each rekey made a new session.
rekeys_during_stream 7 3 "keys set by mpvpnctl"

# Plaintext only when asked for; an encrypted end does not hear it.
ctl gw1 dev set mpvpn0 encryption none
assert_eq "$(ctl gw1 get mpvpn0 encryption)" none "plaintext asked for"
ctl gw1 show mpvpn0 | grep -q "encryption: NONE" ||
	fail "show does not say loudly that the tunnel is plaintext"
nokey0=$(stat_field gw2 mpvpn0 rx_not_authentic)
refused at gw1 ping -q -c 3 -i 0.2 -W 1 10.99.0.2 >/dev/null
assert_ge $(( $(stat_field gw2 mpvpn0 rx_not_authentic) - nokey0 )) 3 \
	"plaintext packets refused by the encrypted end"
ctl gw2 dev set mpvpn0 encryption none
wait_up gw1 mpvpn0 fiber
at gw1 ping -q -c 3 -i 0.2 -W 2 10.99.0.2 >/dev/null || fail "plaintext tunnel"
pass "plaintext when both ends ask for it"

# A device given neither keys nor "none" sends and accepts nothing.
ctl gw1 dev add mpvpn5 port 5560
ip -n gw1 addr add 10.95.0.1/30 dev mpvpn5
ip -n gw1 link set mpvpn5 up
ctl gw1 path add mpvpn5 fiber local 10.1.0.1 remote 10.1.0.2:5560
assert_eq "$(ctl gw1 get mpvpn5 encryption)" unset "new device unset"
ctl gw1 show mpvpn5 | grep -q "encryption: not configured" ||
	fail "show does not say the device is not configured"
refused at gw1 ping -q -c 2 -i 0.2 -W 1 10.95.0.2 >/dev/null
assert_ge "$(stat_field gw1 mpvpn5 tx_no_key)" 2 "unkeyed sends counted"
assert_eq "$(path_stat gw1 mpvpn5 fiber tx_packets)" 0 \
	"nothing sent by an unkeyed device"
ctl gw1 dev del mpvpn5
