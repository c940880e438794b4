# Helpers for the scenarios of mpvpnd; source after scenario.sh.
MPVPND=${MPVPND:-$MPVPN_REPO/daemon/mpvpnd}
DAEMON_DIR=$SCENARIO_TMP/daemon
mkdir "$DAEMON_DIR"

# key_side GW_NUMBER: the side of tunnel_keys (scenario.sh) gateway N
# takes, "a" for gateway 1, "b" for any other: a gateway of mpvpnd and
# one keyed by mpvpnctl understand each other.
key_side() {
	if [ "$1" -eq 1 ]; then echo a; else echo b; fi
}

# daemon_keys GW_NUMBER: the key members of gateway N's device, as an
# operator writes them: its private key file and the other side's public
# key (test_key, mode 0600: mpvpnd refuses a key file others may read),
# and the scenario's pre-shared key, tunnel_keys' $TEST_PSK.
daemon_keys() {
	local side peer
	side=$(key_side "$1")
	if [ "$side" = a ]; then peer=b; else peer=a; fi
	[ -s "$TEST_PSK" ] || new_psk "$TEST_PSK"
	cat <<JSON
      "private_key_file": "$(test_key "$side")",
      "peer_public_key": "$("$MPVPNCTL" pubkey <"$(test_key "$peer")")",
      "psk_file": "$TEST_PSK",
JSON
}

# three_links_config GW_NUMBER [WEIGHT_OF_LTE]: the configuration of gateway
# 1 or 2 of the three-link topology below, on stdout. Fiber and lte are
# bound by local address, dsl by device (wan3), to cover both. Both
# protect the tunnel with daemon_keys.
#        wan1 10.1.0.0/24  delay 5 ms   prio 1  "fiber"  local 10.1.0.N
#   [gw1]---------------------------------------------[gw2]
#        wan2 10.2.0.0/24  delay 20 ms  prio 2  "lte"    local 10.2.0.N
#        wan3 10.3.0.0/24  delay 40 ms  prio 3  "dsl"    dev wan3
#   mpvpn0 10.99.0.1/30  =====================  mpvpn0 10.99.0.2/30
three_links_config() {
	local me=$1 peer=$(( 3 - $1 )) lte_weight=${2:-1}
	cat <<JSON
{
  "comment": "gateway $me of the daemon scenarios",
  "devices": {
    "mpvpn0": {
      "port": 5555,
      "tunnel_id": 7,
$(daemon_keys "$me")
      "revert_delay_ms": 1000,
      "addresses": ["10.99.0.$me/30"],
      "health": { "hold_ms": 500 },
      "paths": {
        "fiber": { "local": "10.1.0.$me", "remote": "10.1.0.$peer:5555", "priority": 1 },
        "lte": { "local": "10.2.0.$me", "remote": "10.2.0.$peer:5555", "priority": 2,
                 "weight": $lte_weight },
        "dsl": { "dev": "wan3", "remote": "10.3.0.$peer:5555", "priority": 3 }
      }
    }
  },
  "hooks": [
    { "exec": ["/bin/sh", "-c", "echo \"\$MPVPN_PATH \$MPVPN_OLD_STATE->\$MPVPN_STATE \$MPVPN_REASON | \$MPVPN_EVENT\" >>\"\$0\"",
               "$DAEMON_DIR/hook-gw$me.log"] }
  ]
}
JSON
}

# three_links: the gateways and links of three_links_config, no tunnel.
three_links() {
	gateway gw1
	gateway gw2
	wan gw1 gw2 1 delay 5ms
	wan gw1 gw2 2 delay 20ms
	wan gw1 gw2 3 delay 40ms
}

# daemon_start NS: mpvpnd in the foreground (and $DAEMON_ARGS) in NS with
# $DAEMON_DIR/NS.json,
# its log appended to $DAEMON_DIR/NS.log, its pid in $DAEMON_DIR/NS.pid
# (a file: daemon_start may run in a subshell, such as the command of
# outage_during). "ip netns exec" execs the daemon, so the pid is the
# daemon's; not through at(), whose background subshell would get the
# signals instead. stdout goes to the log too: a daemon holding the pipe
# of a command substitution open would hang it.
daemon_start() {
	local ns=$1
	ip netns exec "$ns" "$MPVPND" --foreground ${DAEMON_ARGS:-} --config "$DAEMON_DIR/$ns.json" \
		>>"$DAEMON_DIR/$ns.log" 2>&1 &
	echo $! >"$DAEMON_DIR/$ns.pid"
}
daemon_pid() { cat "$DAEMON_DIR/$1.pid"; }

# At the end: the daemons go (the scenario's namespaces go with cleanup),
# and a failed scenario shows their logs. Under "set -e" a daemon that is
# gone already must not turn the scenario's status into a failure.
daemon_cleanup() {
	local status=$? f
	set +e
	for f in "$DAEMON_DIR"/*.pid; do
		[ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	if [ "$status" -ne 0 ]; then
		for f in "$DAEMON_DIR"/*.log; do
			[ -e "$f" ] && sed "s|^|  $(basename "$f" .log) log: |" "$f" | tail -60
		done
	fi
	cleanup
	exit "$status"
}
trap daemon_cleanup EXIT

# daemon_wait_log NS REGEX [SECONDS]: until the daemon's log has a line
# matching REGEX (default 10 s); fails with the log.
daemon_wait_log() {
	local ns=$1 regex=$2 limit=${3:-10} i
	for i in $(seq $((limit * 10))); do
		grep -qE -- "$regex" "$DAEMON_DIR/$ns.log" 2>/dev/null && return 0
		sleep 0.1
	done
	sed 's/^/  log: /' "$DAEMON_DIR/$ns.log" >&2
	fail "$ns: no daemon log line matching '$regex' after ${limit}s"
}

# daemon_log_count NS REGEX: how many lines of the daemon's log match.
daemon_log_count() { grep -cE -- "$2" "$DAEMON_DIR/$1.log" || true; }

# daemon_reload NS: SIGHUP, then waits for the outcome line of that reload
# (the log's Nth "SIGHUP" line followed by an applied or refused line).
daemon_reload() {
	local ns=$1 before
	before=$(daemon_log_count "$ns" 'configuration applied|is refused')
	kill -HUP "$(daemon_pid "$ns")"
	for _ in $(seq 100); do
		[ "$(daemon_log_count "$ns" 'configuration applied|is refused')" -gt "$before" ] && return 0
		sleep 0.1
	done
	fail "$ns: no outcome of the reload in the daemon's log"
}

# daemon_alive NS: the daemon still runs.
daemon_alive() { kill -0 "$(daemon_pid "$1")" 2>/dev/null; }

# wait_verdict NS DEV PATH PROBE ok|fail|none [SECONDS]: until the kernel
# holds that verdict of the probe ("none": no verdict), default 20 s of
# wall time (each look costs an mpvpnctl run, seconds in the debug VM).
verdict() {	# verdict NS DEV PATH PROBE
	path_field "$1" "$2" "$3" verdicts | jq -r --arg v "$4" \
		'[.[] | select(.name == $v) | if .ok then "ok" else "fail" end] | .[0] // "none"'
}
wait_verdict() {
	local got="" end=$(( ${EPOCHREALTIME%.*} + ${6:-20} ))
	while (( ${EPOCHREALTIME%.*} <= end )); do
		got=$(verdict "$1" "$2" "$3" "$4" || true)
		[ "$got" = "$5" ] && { pass "$3: probe $4 verdict $5"; return 0; }
		sleep 0.2
	done
	fail "$3: probe $4 verdict '$got' after ${6:-20}s, expected '$5'"
}

# Lenient latency and jitter levels for the scenarios that test probes and
# metrics, not the in-band health: on a busy host the debug VM's jitter
# passes the default 50 ms and flaps paths the scenario needs up.
SLOW_VM_HEALTH='{"jitter_fail_ms": 500, "jitter_recover_ms": 250, "latency_fail_ms": 2000, "latency_recover_ms": 1500}'
