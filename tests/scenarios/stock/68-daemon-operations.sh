#!/bin/bash
# mpvpnd as an operator runs it: -t names every error of a file (and a
# byte-order mark), --offline needs no key file; a start that fails says
# why on stderr even with --syslog; systemd's readiness protocol (READY,
# RELOADING, STOPPING, STATUS) on a NOTIFY_SOCKET; a reload of a file
# without devices refused, by SIGHUP and by --reload, and applied by
# --reload --force; hooks numbered and stamped, each getting only the
# events it asks for, one at a time per device in the order of events.
#
#        wan1 10.1.0.0/24  delay 5 ms   prio 1  "fiber"
#   [gw1]---------------------------------------------[gw2]
#        wan2 10.2.0.0/24  delay 20 ms  prio 2  "lte"
#        wan3 10.3.0.0/24  delay 40 ms  prio 3  "dsl"
#   mpvpn0 10.99.0.1/30  =====================  mpvpn0 10.99.0.2/30
. "$(dirname "$0")/../../lib/scenario.sh"
. "$(dirname "$0")/../../lib/daemon.sh"

# -t: every error, then the count; --offline passes a missing key file.
cat >"$DAEMON_DIR/bad.json" <<JSON
{ "devices": { "mpvpn0": { "port": 0, "mode": "fast",
    "private_key_file": "$DAEMON_DIR/missing.key", "peer_public_key": "aFBarJBCozhOhjyhsHOziT0t8/iOPJsho3QGLYzdPFg=",
    "paths": { "fiber": { "remote": "10.1.0.2:5555", "weight": 0 } } } } }
JSON
refused "$MPVPND" -t "$DAEMON_DIR/bad.json" 2>"$DAEMON_DIR/err"
sed 's/^/  -t: /' "$DAEMON_DIR/err"
assert_eq "$(grep -c "^$DAEMON_DIR/bad.json:[0-9]*:[0-9]*: " "$DAEMON_DIR/err")" 4 "-t: every error"
grep -q "bad.json: 4 errors" "$DAEMON_DIR/err" || fail "-t: no count"
refused "$MPVPND" -t "$DAEMON_DIR/bad.json" --offline 2>"$DAEMON_DIR/err"
assert_eq "$(grep -c 'missing.key' "$DAEMON_DIR/err")" 0 "--offline: the key file not looked at"
printf '\xef\xbb\xbf{}' >"$DAEMON_DIR/bom.json"
refused "$MPVPND" -t "$DAEMON_DIR/bom.json" 2>"$DAEMON_DIR/err"
grep -q 'byte-order mark' "$DAEMON_DIR/err" || fail "a byte-order mark not named"
pass "a byte-order mark is named"

# A start that fails says why on stderr, even when it logs to syslog.
gateway gw0
status=0
ip netns exec gw0 "$MPVPND" --foreground --syslog \
	--config "$DAEMON_DIR/bad.json" 2>"$DAEMON_DIR/err" || status=$?
assert_eq "$status" 1 "a start with a bad file fails"
grep -q 'devices.mpvpn0.mode: expected a scheduling mode' "$DAEMON_DIR/err" ||
	fail "the start's error is not on stderr"
ip -n gw0 link show mpvpn0 2>/dev/null && fail "a failed start created mpvpn0"
pass "a failed start: the error on stderr, nothing created"

# systemd's protocol, on a socket as systemd would give it.
three_links
three_links_config 2 | jq 'del(.hooks)' >"$DAEMON_DIR/gw2.json"
daemon_start gw2
notify_log=$DAEMON_DIR/notify.log
python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a") as out:
    while True:
        out.write(s.recv(4096).decode().replace("\n", "|") + "\n")
        out.flush()' "$DAEMON_DIR/notify.sock" "$notify_log" &
SCENARIO_PIDS+=($!)
for _ in $(seq 50); do [ -S "$DAEMON_DIR/notify.sock" ] && break; sleep 0.1; done
# gw1: a hook that logs only "down" events, one that logs every event
# around a nap (to see that a device's hooks do not overlap).
three_links_config 1 | jq --arg d "$DAEMON_DIR" '.hooks = [
	{ exec: ["/bin/sh", "-c", "echo \"$MPVPN_SEQ $MPVPN_TIME $MPVPN_PATH $MPVPN_STATE\" >>\"$0\"", ($d + "/down.log")],
	  events: ["down"] },
	{ exec: ["/bin/sh", "-c", "echo \"start $MPVPN_SEQ\" >>\"$0\"; sleep 0.3; echo \"end $MPVPN_SEQ\" >>\"$0\"", ($d + "/all.log")] }
]' >"$DAEMON_DIR/gw1.json"
NOTIFY_SOCKET=$DAEMON_DIR/notify.sock DAEMON_ARGS="--pid-file $DAEMON_DIR/gw1.mpvpnd.pid" \
	daemon_start gw1
daemon_wait_log gw1 'configuration applied'
wait_up gw1 mpvpn0 fiber lte dsl
sleep 0.5
sed 's/^/  notify: /' "$notify_log"
grep -q '^READY=1|STATUS=1 device, 3 paths, 2 hooks' "$notify_log" || fail "no READY=1 with a STATUS"
grep -q '^STATUS=1 device, 3 paths, 2 hooks; last event [0-9:]* mpvpn0: path ' "$notify_log" ||
	fail "no STATUS with the last event"
assert_eq "$(cat "$DAEMON_DIR/gw1.mpvpnd.pid")" "$(daemon_pid gw1)" "the pid file"
pass "READY=1 once applied, STATUS with the last event"

# A reload of "{}": refused by --reload, and by the daemon on SIGHUP.
cp "$DAEMON_DIR/gw1.json" "$DAEMON_DIR/gw1.good.json"
echo '{}' >"$DAEMON_DIR/gw1.json"
status=0
"$MPVPND" --reload --config "$DAEMON_DIR/gw1.json" --pid-file "$DAEMON_DIR/gw1.mpvpnd.pid" \
	2>"$DAEMON_DIR/err" || status=$?
assert_eq "$status" 1 "--reload of a file without devices"
grep -q 'has no devices.*mpvpnd --reload --force' <(tr '\n' ' ' <"$DAEMON_DIR/err") ||
	fail "--reload does not say how to force it"
daemon_reload gw1
daemon_wait_log gw1 'has no devices: applying it would delete all 1 \(mpvpn0\)'
ip -n gw1 link show mpvpn0 >/dev/null || fail "SIGHUP with {} deleted mpvpn0"
grep -q '^RELOADING=1$' "$notify_log" || fail "no RELOADING=1"
assert_eq "$(tail -1 "$notify_log" | cut -d'|' -f1)" READY=1 "READY=1 after the refused reload"
pass "a file without devices refused; RELOADING then READY around it"

# The hooks so far: "down" events only in one, no overlap in the other.
carrier gw1 1 down
wait_field gw1 mpvpn0 lte active true 5
sleep 1.5
sed 's/^/  down hook: /' "$DAEMON_DIR/down.log"
awk '$4 != "down" { exit 1 }' "$DAEMON_DIR/down.log" || fail "the down hook ran for another state"
grep -Eq '^[0-9]+ [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{3}Z fiber down$' "$DAEMON_DIR/down.log" ||
	fail "the down hook saw no numbered, stamped fiber down"
pass "a hook filtered to \"down\" gets only those, with a number and a time"
awk '/^start/ { if (open) exit 1; open = 1; next } /^end/ { open = 0 }' "$DAEMON_DIR/all.log" ||
	{ cat "$DAEMON_DIR/all.log"; fail "two hooks of one device overlapped"; }
seqs=$(sed -n 's/^start //p' "$DAEMON_DIR/all.log" | tr '\n' ' ')
[ "$seqs" = "$(sed -n 's/^start //p' "$DAEMON_DIR/all.log" | sort -n | tr '\n' ' ')" ] ||
	fail "hooks ran out of the order of events: $seqs"
pass "one hook at a time for the device, in the order of events ($seqs)"

# --reload --force applies it: the daemon's device goes.
status=0
"$MPVPND" --reload --force --config "$DAEMON_DIR/gw1.json" \
	--pid-file "$DAEMON_DIR/gw1.mpvpnd.pid" || status=$?
assert_eq "$status" 0 "--reload --force"
daemon_wait_log gw1 'SIGUSR1: reading'
for _ in $(seq 50); do ip -n gw1 link show mpvpn0 >/dev/null 2>&1 || break; sleep 0.1; done
ip -n gw1 link show mpvpn0 >/dev/null 2>&1 && fail "--reload --force left mpvpn0"
pass "--reload --force deleted the device"
# And back, by a plain --reload of the good file.
cp "$DAEMON_DIR/gw1.good.json" "$DAEMON_DIR/gw1.json"
"$MPVPND" --reload --config "$DAEMON_DIR/gw1.json" --pid-file "$DAEMON_DIR/gw1.mpvpnd.pid"
wait_up gw1 mpvpn0 lte dsl
pass "--reload of the good file brings it back"

kill "$(daemon_pid gw1)"
for _ in $(seq 50); do daemon_alive gw1 || break; sleep 0.1; done
grep -q '^STOPPING=1$' "$notify_log" || fail "no STOPPING=1"
[ -e "$DAEMON_DIR/gw1.mpvpnd.pid" ] && fail "the pid file outlived the daemon"
pass "STOPPING=1 and the pid file removed at the end"
