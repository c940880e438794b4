#!/bin/bash
# mpvpnctl as scripts use it: every subcommand, in both output forms
# where it has two, ends with the exit status its outcome deserves (a
# successful "stats" once ended with 1); monitor stamps its lines (-t) and
# objects ("time"); show and get give each path's failover history; the
# device showconf prints is one mpvpnd adopts unchanged; completion offers
# the kernel's devices and paths.
#
#        wan1 10.1.0.0/24  delay 5 ms   prio 1  "fiber"
#   [gw1]---------------------------------------------[gw2]
#        wan2 10.2.0.0/24  delay 20 ms  prio 2  "lte"
#   mpvpn0 10.99.0.1/30  =====================  mpvpn0 10.99.0.2/30
. "$(dirname "$0")/../../lib/scenario.sh"
. "$(dirname "$0")/../../lib/daemon.sh"

fiber_and_lte

# status EXPECTED CMD...: runs CMD with its output kept, and checks its
# exit status.
status() {
	local want=$1 got=0
	shift
	"$@" >"$DAEMON_DIR/out" 2>"$DAEMON_DIR/err" || got=$?
	[ "$got" = "$want" ] || {
		sed 's/^/  out: /' "$DAEMON_DIR/out"; sed 's/^/  err: /' "$DAEMON_DIR/err"
		fail "exit status $got, expected $want: $*"
	}
}
# Every reading subcommand, text and JSON, for one device and for all.
for json in "" -j; do
	for command in show stats showconf; do
		status 0 ctl gw1 $json $command
		status 0 ctl gw1 $json $command mpvpn0
		[ -s "$DAEMON_DIR/out" ] || fail "$json $command printed nothing"
		status 1 ctl gw1 $json $command nosuchdev
		grep -q "^mpvpnctl: $command: no such mpvpn device" "$DAEMON_DIR/err" ||
			fail "$json $command of no device: no error message"
	done
	status 0 ctl gw1 $json get mpvpn0 mode path_count
	status 1 ctl gw1 $json get mpvpn0 nosuchkey
	status 0 ctl gw1 $json
	status 2 ctl gw1 $json show mpvpn0 extra
	status 0 ctl gw1 $json show --help
done
pass "show, stats, showconf and get: 0 when done, 1 on an error, 2 on a bad command line, in both forms"
# The JSON of each is JSON.
for command in show stats showconf; do
	ctl gw1 -j $command mpvpn0 | jq -e . >/dev/null || fail "-j $command is not JSON"
done
ctl gw1 showconf mpvpn0 | jq -e . >/dev/null || fail "showconf is not JSON"
pass "their JSON parses"

# The changing subcommands.
status 0 ctl gw1 path set mpvpn0 lte weight 2
status 1 ctl gw1 path set mpvpn0 nosuchpath weight 2
status 2 ctl gw1 path set mpvpn0 lte weight
status 0 ctl gw1 path add mpvpn0 spare local 10.2.0.1 remote 10.2.0.2:5556 prio 9
status 0 ctl gw1 path verdict mpvpn0 spare web ok valid 5s
status 0 ctl gw1 path verdict mpvpn0 spare web delete
status 0 ctl gw1 path del mpvpn0 spare
status 1 ctl gw1 path del mpvpn0 spare
status 0 ctl gw1 dev set mpvpn0 revert-delay 1s
status 1 ctl gw1 dev set nosuchdev revert-delay 1s
status 2 ctl gw1 dev set mpvpn0 revert-delay soon
status 0 ctl gw1 dev add extra0 port 5999
status 1 ctl gw1 dev add extra0 port 5999
status 0 ctl gw1 dev del extra0
status 0 ctl gw1 complete modes
status 2 ctl gw1 complete nothing
status 2 ctl gw1 nosuchcommand
status 0 ctl gw1 --version
pass "path, dev and complete: 0 when done, 1 on an error, 2 on a bad command line"

# monitor: -t puts the local time before a line, -j objects carry it in
# UTC. Their output ends when they are killed, so they run in the background.
ctl gw1 monitor -t >"$DAEMON_DIR/monitor.txt" &
SCENARIO_PIDS+=($!)
ctl gw1 -j monitor >"$DAEMON_DIR/monitor.json" &
SCENARIO_PIDS+=($!)
sleep 1
carrier gw1 1 down
wait_field gw1 mpvpn0 lte active true 5
carrier gw1 1 up
wait_field gw1 mpvpn0 fiber active true 10
sleep 0.5
sed 's/^/  monitor -t: /' "$DAEMON_DIR/monitor.txt"
grep -Eq '^\[[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{3}[+-][0-9]{2}:[0-9]{2}\] mpvpn0: path fiber up -> down \(carrier-lost\)' \
	"$DAEMON_DIR/monitor.txt" || fail "monitor -t: no stamped line of fiber going down"
pass "monitor -t stamps each line"
jq -e -s 'map(select(.path.name == "fiber" and .old_state == "up")) | length >= 1 and
	all(.time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\.[0-9]{3}Z$"))' \
	"$DAEMON_DIR/monitor.json" >/dev/null || fail "monitor -j: no time on the events"
now=$(date +%s)
t=$(jq -r -s 'map(select(.path.name == "fiber" and .old_state == "up"))[0].time' "$DAEMON_DIR/monitor.json")
assert_le $(( now - $(date -d "$t" +%s) )) 30 "the event's time is now (s)"
assert_ge "$(jq -s 'map(select(.path.name == "fiber" and .reason == "carrier-lost"))[0].path.history.changes' \
	"$DAEMON_DIR/monitor.json")" 2 "fiber's changes in the event: up, then down"

# The history: fiber went up, down and up again (more if the VM's jitter
# degraded it meanwhile).
assert_ge "$(path_field gw1 mpvpn0 fiber history.changes)" 3 "fiber's state changes"
assert_le "$(path_field gw1 mpvpn0 fiber history.last_change_ms)" 15000 "fiber's last change is recent (ms)"
assert_ge "$(path_field gw1 mpvpn0 fiber history.up_ms)" 1 "fiber has been up (ms)"
assert_ge "$(path_field gw1 mpvpn0 fiber history.down_ms)" 1 "fiber has been down (ms)"
assert_ge "$(path_field gw1 mpvpn0 lte history.changes)" 1 "lte's state changes: up at least"
ctl gw1 show mpvpn0 | grep -Eq '^    admin: up, state: up \([a-z-]+\) for [0-9]+(ms|s|m [0-9]+s)' ||
	fail "show does not say how long fiber has been up"
ctl gw1 show mpvpn0 | grep -Eq '^    history: [0-9]+ changes; down [0-9]' ||
	fail "show has no history line"
pass "show says how long a path has been in its state, and its history"

# showconf of a device built by hand, in plaintext: mpvpnd takes the file
# as it is and has nothing to change.
gateway gw3
wan gw3 gw2 3
# ip's plugin of the build tree, as 67-iproute2 takes it: make check
# installs nothing that this could rely on.
IP_LIB_DIR=$MPVPN_REPO/tools/iproute2 \
	ip -n gw3 link add mpvpn0 type mpvpn port 5557 tunnel 4 mode aggregate
ctl gw3 dev set mpvpn0 encryption none failback sticky hold 500
ip -n gw3 addr add 10.98.0.1/30 dev mpvpn0
ip -n gw3 link set mpvpn0 up
ctl gw3 path add mpvpn0 dsl local 10.3.0.1 remote 10.3.0.2:5557 prio 2 weight 3 bandwidth 20mbit latency-fail 400ms
ctl gw3 path add mpvpn0 dsl2 dev wan3 remote 10.3.0.2:5558 down
ctl gw3 showconf >"$DAEMON_DIR/gw3.json"
sed 's/^/  showconf: /' "$DAEMON_DIR/gw3.json"
assert_eq "$(jq -c '.devices.mpvpn0 | [.port, .tunnel_id, .mode, .encryption, .failback, .health.hold_ms, .addresses]' "$DAEMON_DIR/gw3.json")" \
	'[5557,4,"aggregate","none","sticky",500,["10.98.0.1/30"]]' "showconf: the device"
assert_eq "$(jq -c '.devices.mpvpn0.paths | [.dsl.local, .dsl.remote, .dsl.weight, .dsl.bandwidth, .dsl.health, .dsl2.dev, .dsl2.admin_up]' "$DAEMON_DIR/gw3.json")" \
	'["10.3.0.1","10.3.0.2:5557",3,"20mbit",{"latency_fail_ms":400},"wan3",false]' "showconf: the paths"
"$MPVPND" -t "$DAEMON_DIR/gw3.json" || fail "mpvpnd refuses what showconf printed"
daemon_start gw3
daemon_wait_log gw3 'configuration applied'
grep -q 'configuration applied: 0 changes' "$DAEMON_DIR/gw3.log" ||
	{ sed 's/^/  gw3 log: /' "$DAEMON_DIR/gw3.log"; fail "mpvpnd changed what showconf printed"; }
pass "mpvpnd adopts the device showconf printed without a change"
# A keyed device: its file says what to add.
ctl gw1 showconf mpvpn0 >"$DAEMON_DIR/gw1-conf.json"
refused "$MPVPND" -t "$DAEMON_DIR/gw1-conf.json" 2>"$DAEMON_DIR/err"
grep -q 'private_key_file: missing' "$DAEMON_DIR/err" || fail "a keyed device's showconf does not ask for the key file"
pass "a keyed device's showconf needs its key file added"

# Completion offers the kernel's devices and paths.
offered() {	# offered WORDS...: what completing the last word offers
	ip netns exec gw3 bash --norc -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ));
		_mpvpnctl; printf "%s\n" "${COMPREPLY[@]}"' bash \
		"$MPVPN_REPO/tools/completion/mpvpnctl" "$MPVPNCTL" "$@"
}
assert_eq "$(offered show '')" mpvpn0 "completion: the devices"
assert_eq "$(offered path set mpvpn0 '' | sort | tr '\n' ' ')" "dsl dsl2 " "completion: the paths"
