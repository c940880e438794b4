#!/bin/bash
# The handshake (Documentation/handshake.rst) between two kernels:
# gateways given each other's public keys make sessions within about a
# round trip of the second key, and traffic flows under them; the same
# keys again change nothing; a device dumps both public keys and never the
# private one; a wrong peer key makes no session, and
# the peer counts what it could not authenticate; a replayed initiation
# makes no session either, nor do mutations of real handshake messages.
#
#   [gw1] wan1 10.1.0.1 ------ 10.1.0.2 wan1 [gw2]   "fiber", 10 ms each way
#   mpvpn0 10.99.0.1/30  ==============  mpvpn0 10.99.0.2/30
. "$(dirname "$0")/../lib/scenario.sh"
ATTACKER="python3 $MPVPN_REPO/tests/lib/attacker.py"
PKTFUZZ="python3 $MPVPN_REPO/tests/lib/pktfuzz.py"

# Plaintext first: the handshake's keys come below, one gateway at a time.
MPVPN_TEST_PLAINTEXT=1 fiber_only delay 10ms

# new_key NAME: a private key in NAME.key (root only, as genkey advises);
# prints its public key.
new_key() {
	(umask 077; "$MPVPNCTL" genkey >"$SCENARIO_TMP/$1.key")
	"$MPVPNCTL" pubkey <"$SCENARIO_TMP/$1.key"
}
hs() { ctl "$1" get mpvpn0 "handshake.$2"; }
pub1=$(new_key gw1)
pub2=$(new_key gw2)
# session_at NS: when the device made its last session, on this clock
# (EPOCHREALTIME, microseconds), from the kernel's "milliseconds ago": the
# earliest and the latest it can be, since the reading itself takes a
# while (most of a second in the debug VM).
session_at() {
	local before=${EPOCHREALTIME/./} ago
	ago=$(hs "$1" last_session_ms)
	echo $(( before - ago * 1000 )) $(( ${EPOCHREALTIME/./} - ago * 1000 ))
}
assert_eq "$(wg pubkey <"$SCENARIO_TMP/gw1.key")" "$pub1" "wg pubkey agrees with mpvpnctl pubkey"

# A device without keys (plaintext) makes no handshake and dumps no key.
assert_eq "$(ctl gw1 get mpvpn0 public_key)" null "no public key before keys"
assert_eq "$(hs gw1 initiations_sent)" 0 "no initiation without keys"

# gw2's events from here to the wrong key's end.
monitor_start gw2

# Keys on gw2 first: its initiations go unanswered until gw1 has keys,
# and the two do not hear each other's probes meanwhile.
ctl gw2 dev set mpvpn0 private-key "$SCENARIO_TMP/gw2.key" peer-public-key "$pub1"
set_from=${EPOCHREALTIME/./}
ctl gw1 dev set mpvpn0 private-key "$SCENARIO_TMP/gw1.key" peer-public-key "$pub2"
set_to=${EPOCHREALTIME/./}
wait_dev_field_at_least gw1 mpvpn0 handshake.sessions 1 10
wait_dev_field_at_least gw2 mpvpn0 handshake.sessions 1 10
# gw1 initiates when its keys arrive (and answers gw2's retry, whichever
# comes first): its session is made within the handshake's time of the
# request, which began at set_from and returned at set_to.
read -r made_early made_late <<<"$(session_at gw1)"
early=$(( (made_early - set_to) / 1000 )) late=$(( (made_late - set_from) / 1000 ))
log "figure: handshake: gw1's session made $(( early > 0 ? early : 0 )) to $late ms after its keys were set (RTT 20 ms; setting them took $(( (set_to - set_from) / 1000 )) ms, reading the age $(( (made_late - made_early) / 1000 )) ms)"
for gw in gw1 gw2; do
	log "$gw: $(ctl $gw get mpvpn0 handshake)"
done
# The kernel's own figure: its initiation to the response, on one side.
took=$(ctl gw1 -j show mpvpn0 | jq '[.[0].handshake.last_handshake_us, 0] | max')
(( took > 0 )) || took=$(ctl gw2 -j show mpvpn0 | jq '[.[0].handshake.last_handshake_us, 0] | max')
log "figure: handshake, initiation to response, as the initiator's kernel measured it: $took us (RTT 20 ms)"
assert_ge "$took" 1 "the initiator's kernel measured its handshake"
assert_ge "$(( $(hs gw1 responses_sent) + $(hs gw2 responses_sent) ))" 1 "responses sent"
assert_ge "$(( $(hs gw1 responses_received) + $(hs gw2 responses_received) ))" 1 "responses received"
assert_eq "$(ctl gw1 get mpvpn0 public_key)" "$pub1" "gw1 dumps its public key"
assert_eq "$(ctl gw1 get mpvpn0 peer_public_key)" "$pub2" "gw1 dumps its peer's"
assert_eq "$(ctl gw2 get mpvpn0 public_key)" "$pub2" "gw2 dumps its public key"
for gw in gw1 gw2; do
	refused grep -qF "$(cat "$SCENARIO_TMP/$gw.key")" \
		<(ctl $gw -j show; ctl $gw show; ctl $gw showconf)
done
pass "no private key in show, -j show or showconf"
wait_up gw1 mpvpn0 fiber
at gw1 ping -q -c 3 -i 0.2 -W 2 10.99.0.2 >/dev/null || fail "ping under the session"
pass "traffic under the handshake's session"

# The same keys again (a daemon restarting installs its configuration
# again) change nothing: no handshake, the session stays.
sessions=$(hs gw1 sessions) sent=$(hs gw1 initiations_sent)
ctl gw1 dev set mpvpn0 private-key "$SCENARIO_TMP/gw1.key" peer-public-key "$pub2"
sleep 1
assert_eq "$(hs gw1 sessions)" "$sessions" "sessions after the same keys again"
assert_eq "$(hs gw1 initiations_sent)" "$sent" "initiations after the same keys again"
ctl gw1 show mpvpn0 | grep -q "public key: $pub1" ||
	fail "show does not print the public key"
ctl gw1 show mpvpn0 | grep -q "handshake: [1-9][0-9]* sessions" ||
	fail "show does not print the handshake's sessions"

# A key that is no X25519 public key at all (of small order: all zeros)
# is refused by the kernel, with a reason, and changes nothing.
zero=$(head -c 32 /dev/zero | base64)
out=$(ctl gw1 dev set mpvpn0 private-key "$SCENARIO_TMP/gw1.key" peer-public-key "$zero" 2>&1) &&
	fail "a peer key of small order was taken"
grep -q "not a usable X25519 key" <<<"$out" || fail "no reason given: $out"
assert_eq "$(ctl gw1 get mpvpn0 peer_public_key)" "$pub2" "the peer key after a refused one"

# A wrong peer key on gw2: gw1's initiations fail to authenticate there
# and make no session; gw2's own initiations, meant for another key, fail
# at gw1 the same way.
other=$(new_key other)
before1=$(hs gw1 sessions) before2=$(hs gw2 sessions)
nauth=$(( $(hs gw1 rx_not_authentic) + $(hs gw2 rx_not_authentic) ))
ctl gw2 dev set mpvpn0 private-key "$SCENARIO_TMP/gw2.key" peer-public-key "$other"
ctl gw1 dev set mpvpn0 rekey 120
wait_dev_field_at_least gw2 mpvpn0 handshake.rx_not_authentic $(( $(hs gw2 rx_not_authentic) + 1 )) 10
sleep 2
assert_eq "$(hs gw1 sessions)" "$before1" "gw1's sessions with a peer that has the wrong key"
assert_eq "$(hs gw2 sessions)" "$before2" "gw2's sessions with the wrong key"
log "not authentic, both gateways: $nauth before, $(( $(hs gw1 rx_not_authentic) + $(hs gw2 rx_not_authentic) )) after"

# The events said so: a session made over fiber, then gw1's initiations
# refused (at most one event per 5 s); the text as mpvpnd logs it.
monitor_stop
assert_ge "$(event_count '.reason == "handshake-completed" and .path.name == "fiber"')" 1 \
	"handshake-completed events of gw2 over fiber"
assert_ge "$(event_count '.reason == "handshake-failed" and .handshake_failure == "not-authentic" and .path.name == "fiber"')" 1 \
	"handshake-failed (not-authentic) events of gw2 over fiber"
# (grep -q on a pipe would end dmesg early, failing the pipe under pipefail)
grep -qF "mpvpn0: path fiber (handshake-failed: not-authentic)" <<<"$(dmesg)" ||
	fail "no log line of the failed handshake"

# The right keys again: sessions come back.
ctl gw2 dev set mpvpn0 private-key "$SCENARIO_TMP/gw2.key" peer-public-key "$pub1"
wait_dev_field_at_least gw1 mpvpn0 handshake.sessions $(( before1 + 1 )) 15
wait_dev_field_at_least gw2 mpvpn0 handshake.sessions $(( before2 + 1 )) 15
pass "sessions again with the right keys"

# A replayed initiation: gw1's next one, taken off the wire and sent again
# from gw1's address and port a second later, is stale at gw2 and makes
# no session.
sessions=$(hs gw2 sessions) stale=$(hs gw2 rx_stale)
ready=$SCENARIO_TMP/replayer-ready
ATTACKER_READY=$ready at gw1 $ATTACKER replay-initiation wan1 5555 10.1.0.1 5555 10.1.0.2 30 &
replayer=$!
for _ in $(seq 300); do [ -e "$ready" ] && break; sleep 0.1; done
[ -e "$ready" ] || fail "the replayer did not start listening in 30 s"
sent=$(hs gw1 initiations_sent)
# A rekey interval set (the same) starts a handshake at once.
ctl gw1 dev set mpvpn0 rekey 120
wait_dev_field_at_least gw1 mpvpn0 handshake.initiations_sent $(( sent + 1 )) 5
wait $replayer || fail "no initiation of gw1 replayed (gw1: $(ctl gw1 get mpvpn0 handshake))"
wait_dev_field_at_least gw2 mpvpn0 handshake.rx_stale $(( stale + 1 )) 5
assert_eq "$(hs gw2 sessions)" $(( sessions + 1 )) "gw2's sessions: the original initiation's, not the replay's"

# Mutations of real handshake messages, sent from gw1's address and port
# faster than the queue drains (so that gw2 is under load and answers
# with cookies): none makes a session, and they are counted.
dir=$(mktemp -d -p "$SCENARIO_TMP")
PKTFUZZ_READY=$dir/ready at gw2 $PKTFUZZ capture wan1 5555 16 20 "$dir/packets" handshake >"$dir/count" &
cap=$!
for _ in $(seq 150); do [ -e "$dir/ready" ] && break; sleep 0.1; done
[ -e "$dir/ready" ] || fail "the capture did not start listening in 15 s"
# Both start a handshake: gw2 sees gw1's initiation and its response.
ctl gw1 dev set mpvpn0 rekey 120
ctl gw2 dev set mpvpn0 rekey 120
wait $cap
assert_ge "$(cat "$dir/count")" 2 "handshake messages captured"
wait_dev_field_at_least gw2 mpvpn0 handshake.sessions $(( $(hs gw2 sessions) )) 5
sleep 2
drops() {
	ctl gw2 get mpvpn0 handshake |
		jq '[to_entries[] | select(.key | startswith("rx_")) | .value] | add'
}
sessions=$(hs gw2 sessions) dropped=$(drops) cookies=$(hs gw2 cookie_replies_sent)
seed=${FUZZ_SEED:-$RANDOM}
result=$(at gw1 $PKTFUZZ fuzz "$dir/packets" "${FUZZ_SECONDS:-10}" "$seed")
log "handshake fuzz: $result"
sleep 3
log "gw2 after the fuzz: $(ctl gw2 get mpvpn0 handshake)"
assert_eq "$(hs gw2 sessions)" "$sessions" "gw2's sessions after fuzzed handshake messages"
assert_ge "$(( $(drops) - dropped ))" 1 "fuzzed handshake messages dropped and counted"
log "figure: cookie replies gw2 sent under the fuzz's load: $(( $(hs gw2 cookie_replies_sent) - cookies ))"

# An independent implementation of the protocol (tests/lib/noise_peer.py,
# from handshake.rst and wire-format.rst) takes gw2's place: its
# handshake with gw1's kernel completes, and a probe it seals under the
# session is answered by the kernel, whose answer and own probes it opens.
ip -n gw2 link del mpvpn0
sessions=$(hs gw1 sessions)
peer=$(at gw2 python3 "$MPVPN_REPO/tests/lib/noise_peer.py" \
	"$SCENARIO_TMP/gw2.key" "$pub1" - 10.1.0.2 5555 10.1.0.1 5555 \
	"$(ctl gw1 get mpvpn0 tunnel_id)" "$(path_field gw1 mpvpn0 fiber id)" 20) ||
	fail "the Python peer's handshake and probe with the kernel"
log "figure: Python initiator against the kernel: $peer"
assert_eq "$(hs gw1 sessions)" $(( sessions + 1 )) "gw1's sessions after the Python peer's handshake"
pass "an independent initiator completes a handshake and a probe exchange with the kernel"
