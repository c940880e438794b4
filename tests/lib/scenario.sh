# Helpers for scenario scripts: gateways are network namespaces, WAN links
# are veth pairs with netem. Source it first thing in a scenario:
#   . "$(dirname "$0")/../lib/scenario.sh"
# Runs under "set -e"; a failed assertion exits non-zero with its reason.
set -euo pipefail

MPVPN_REPO=${MPVPN_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# Starting a program costs 50 ms on the stock kernel in the VM and 200 on
# the debug kernel (jq: 550, "ip netns exec" then mpvpnctl: 730): the
# helpers below avoid it where bash can do the work, and "sleep" is bash's
# loadable builtin (bash-builtins) when it is there, so that a poll every
# 0.1 s really polls every 0.1 s.
enable -f /usr/lib/bash/sleep sleep 2>/dev/null || true
MPVPNCTL=${MPVPNCTL:-$MPVPN_REPO/tools/mpvpnctl/mpvpnctl}
UDPGAP=$MPVPN_REPO/tests/lib/udpgap
SCENARIO_NS=()
SCENARIO_PIDS=()	# background helpers to stop at the end
# This run's files (keys, events, FIFOs, streams' results), removed at the
# end: nothing goes to a fixed path in /tmp, where another run's could be.
SCENARIO_TMP=$(mktemp -d "${TMPDIR:-/tmp}/mpvpn-scenario.XXXXXX")

cleanup() {
	local ns pid
	for pid in "${SCENARIO_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for ns in "${SCENARIO_NS[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
	rm -rf "$SCENARIO_TMP"
}
trap cleanup EXIT

log() {
	local now=$EPOCHREALTIME
	printf '[%(%T)T.%s] %s\n' "${now%.*}" "${now:${#now}-6:3}" "$*"
}
fail() { log "FAIL: $*" >&2; exit 1; }
pass() { log "ok: $*"; }

# gateway NAME: a namespace with loopback up.
gateway() {
	ip netns add "$1"
	SCENARIO_NS+=("$1")
	ip -n "$1" link set lo up
	ip netns exec "$1" sysctl -qw net.ipv4.ip_forward=1
}

# at NS CMD...: run a command in a gateway.
at() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# wan NS1 NS2 N [netem args...]: WAN link N between two gateways, veth
# wanN on each side, 10.N.0.1/24 and fd00:N::1/64 on NS1, .2 and ::2 on NS2,
# with the netem arguments applied on both sides (one way each).
wan() {
	local a=$1 b=$2 n=$3
	shift 3
	ip link add "wan$n" netns "$a" type veth peer name "wan$n" netns "$b"
	ip -n "$a" addr add "10.$n.0.1/24" dev "wan$n"
	ip -n "$b" addr add "10.$n.0.2/24" dev "wan$n"
	ip -n "$a" addr add "fd00:$n::1/64" dev "wan$n" nodad
	ip -n "$b" addr add "fd00:$n::2/64" dev "wan$n" nodad
	ip -n "$a" link set "wan$n" up
	ip -n "$b" link set "wan$n" up
	if [ $# -gt 0 ]; then
		ip netns exec "$a" tc qdisc add dev "wan$n" root netem "$@"
		ip netns exec "$b" tc qdisc add dev "wan$n" root netem "$@"
	fi
}

# carrier NS N down|up: the far end of WAN link N goes away or comes back,
# so NS sees its wanN lose or regain carrier.
carrier() {
	local ns=$1 n=$2 state=$3 peer
	peer=$(ip -n "$ns" -o link show "wan$n" | sed -n 's/.*link-netns \([^ ]*\).*/\1/p')
	ip -n "${peer:?no peer namespace for wan$n}" link set "wan$n" "$state"
}

# tunnel_keys NS DEV [PSK_FILE]: the handshake's keys on DEV: the key pair
# of side a on gw1 (and the benchmark's a), of side b on every other
# gateway, each with the other side's public key, so that gw1 and any other
# understand each other; the scenario's pre-shared key (or PSK_FILE) mixed
# in. With MPVPN_TEST_PLAINTEXT=1 the device is set to plaintext instead.
TEST_PSK=$SCENARIO_TMP/test.psk
tunnel_keys() {
	local ns=$1 dev=$2 psk=${3:-$TEST_PSK} side=b peer=a
	if [ "${MPVPN_TEST_PLAINTEXT:-0}" = 1 ]; then
		ctl "$ns" dev set "$dev" encryption none
		return
	fi
	[ -s "$psk" ] || new_psk "$psk"
	case $ns in gw1 | a) side=a peer=b ;; esac
	ctl "$ns" dev set "$dev" private-key "$(test_key $side)" \
		peer-public-key "$("$MPVPNCTL" pubkey <"$(test_key $peer)")" \
		preshared-key "$psk"
}

# test_key SIDE: the file of the scenario's private key of SIDE, made on
# first use, readable by root only, as genkey advises.
test_key() {
	local file=$SCENARIO_TMP/side-$1.key
	[ -s "$file" ] || (umask 077; "$MPVPNCTL" genkey >"$file")
	echo "$file"
}

# new_psk FILE: a fresh pre-shared key, readable by root only.
new_psk() {
	(umask 077; openssl rand -base64 32 >"$1")
}

# tunnel NS DEV ADDR [ip link args...]: the mpvpn device DEV in NS with an
# inner address, keyed (tunnel_keys).
tunnel() {
	local ns=$1 dev=$2 addr=$3
	shift 3
	ip -n "$ns" link add "$dev" type mpvpn "$@"
	tunnel_keys "$ns" "$dev"
	ip -n "$ns" addr add "$addr" dev "$dev"
	ip -n "$ns" link set "$dev" up
}

ctl() { local ns=$1; shift; "$MPVPNCTL" -n "$ns" "$@"; }

# fiber_and_lte [6]: two gateways, two links, paths up; with 6 the paths
# run over the links' IPv6 addresses (fd00:N::1 and ::2).
#        wan1 10.1.0.0/24  delay 5 ms   prio 1  "fiber"
#   [gw1]---------------------------------------------[gw2]
#        wan2 10.2.0.0/24  delay 20 ms  prio 2  "lte"
#   mpvpn0 10.99.0.1/30  =====================  mpvpn0 10.99.0.2/30
fiber_and_lte() {
	local n name a1 a2 r1 r2
	gateway gw1
	gateway gw2
	wan gw1 gw2 1 delay 5ms
	wan gw1 gw2 2 delay 20ms
	tunnel gw1 mpvpn0 10.99.0.1/30
	tunnel gw2 mpvpn0 10.99.0.2/30
	for n in 1 2; do
		name=$([ $n = 1 ] && echo fiber || echo lte)
		if [ "${1:-4}" = 6 ]; then
			a1=fd00:$n::1 a2=fd00:$n::2 r1="[fd00:$n::1]" r2="[fd00:$n::2]"
		else
			a1=10.$n.0.1 a2=10.$n.0.2 r1=$a1 r2=$a2
		fi
		ctl gw1 path add mpvpn0 $name local $a1 remote $r2:5555 prio $n
		ctl gw2 path add mpvpn0 $name local $a2 remote $r1:5555 prio $n
	done
	wait_up gw1 mpvpn0 fiber lte
	wait_up gw2 mpvpn0 fiber lte
}

# fiber_only [netem args...]: two gateways, one link (with the netem
# arguments on both sides, as wan takes them), one path up; the setup of
# the scenarios about one tunnel rather than the choice of a path.
#   [gw1] wan1 10.1.0.1 -------------- 10.1.0.2 wan1 [gw2]   path "fiber"
#   mpvpn0 10.99.0.1/30  ==============  mpvpn0 10.99.0.2/30
fiber_only() {
	gateway gw1
	gateway gw2
	wan gw1 gw2 1 "$@"
	tunnel gw1 mpvpn0 10.99.0.1/30
	tunnel gw2 mpvpn0 10.99.0.2/30
	ctl gw1 path add mpvpn0 fiber local 10.1.0.1 remote 10.1.0.2:5555
	ctl gw2 path add mpvpn0 fiber local 10.1.0.2 remote 10.1.0.1:5555
	wait_up gw1 mpvpn0 fiber
	wait_up gw2 mpvpn0 fiber
}

assert_eq() {	# assert_eq ACTUAL EXPECTED WHAT
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
	pass "$3 = $2"
}
# A figure that is missing or not a number fails: awk would read it as 0.
is_number() { [[ $1 =~ ^-?[0-9]+(\.[0-9]+)?$ ]]; }
# micro NUMBER VAR: VAR = NUMBER x 10^6 as an integer (decimals past the
# sixth dropped); fails on anything but a plain decimal number.
micro() {
	local re='^(-?)([0-9]+)(\.([0-9]{1,6})[0-9]*)?$' frac
	[[ $1 =~ $re ]] || return 1
	frac=${BASH_REMATCH[4]}000000
	printf -v "$2" '%d' "$(( ${BASH_REMATCH[1]}(10#${BASH_REMATCH[2]} * 1000000 + 10#${frac:0:6}) ))"
}
# compare A OP B: decimal numbers compared in bash (OP: <= or >=), awk
# for what micro cannot read.
compare() {
	local a b
	if micro "$1" a && micro "$3" b; then
		if [ "$2" = "<=" ]; then (( a <= b )); else (( a >= b )); fi
	else
		awk -v a="$1" -v b="$3" -v op="$2" 'BEGIN { exit !(op == "<=" ? a <= b : a >= b) }'
	fi
}
assert_le() {	# assert_le ACTUAL LIMIT WHAT
	is_number "$1" || fail "$3: not a number: '$1'"
	compare "$1" "<=" "$2" || fail "$3: $1 > $2"
	pass "$3: $1 <= $2"
}
assert_ge() {	# assert_ge ACTUAL LIMIT WHAT
	is_number "$1" || fail "$3: not a number: '$1'"
	compare "$1" ">=" "$2" || fail "$3: $1 < $2"
	pass "$3: $1 >= $2"
}

# Succeeds when CMD... fails; for checks that something is refused.
refused() { ! "$@"; }

# path_field NS DEV PATH FIELD: one field of a path of the device DEV as
# "mpvpnctl -j show" has it (nested ones with dots:
# health.probe_interval_ms).
path_field() { ctl "$1" get "$2" path "$3" "$4"; }

# path_measure NS DEV PATH FIELD: one in-band measure of a path (rtt_us,
# srtt_us, jitter_us, loss_permille, misses, last_seen_ms, ...).
path_measure() { path_field "$1" "$2" "$3" "measure.$4"; }

# wait_field NS DEV PATH FIELD VALUE [SECONDS]: polls until a path field
# has the value (default 10 s); fails with the last value seen.
wait_field() { poll_field "$1" "$2" "$3" "$4" "${6:-10}" is_equal "$5" "'$5'"; }

# wait_field_at_least NS DEV PATH FIELD MIN [SECONDS]: as wait_field, for
# a number that must reach MIN.
wait_field_at_least() {
	poll_field "$1" "$2" "$3" "$4" "${6:-10}" is_at_least "$5" "at least $5"
}

# wait_dev_field_at_least NS DEV FIELD MIN [SECONDS]: as
# wait_field_at_least, for a field of the device itself
# (handshake.sessions).
wait_dev_field_at_least() {
	poll_field "$1" "$2" - "$3" "${5:-10}" is_at_least "$4" "at least $4"
}

# poll_field NS DEV PATH FIELD SECONDS TEST WANT WHAT: polls the field of
# the path (PATH "-": of the device) until "TEST VALUE WANT" holds; fails
# saying it expected WHAT.
poll_field() {
	local ns=$1 dev=$2 path=$3 field=$4 limit=$5 test=$6 want=$7 got="" end
	local of="$dev path $path"
	[ "$path" = - ] && of=$dev
	end=$(( ${EPOCHREALTIME/./} + limit * 1000000 ))
	while (( ${EPOCHREALTIME/./} < end )); do
		if [ "$path" = - ]; then
			got=$(ctl "$ns" get "$dev" "$field" || true)
		else
			got=$(path_field "$ns" "$dev" "$path" "$field" || true)
		fi
		"$test" "$got" "$want" && return 0
		sleep 0.1
	done
	fail "$ns: $of $field is '$got' after ${limit}s, expected $8"
}
is_equal() { [ "$1" = "$2" ]; }
is_at_least() { [[ $1 =~ ^[0-9]+$ ]] && (( $1 >= $2 )); }

# wait_up NS DEV PATH... : every path of DEV up (probes answered), 10 s at
# most.
wait_up() {
	local ns=$1 dev=$2 path
	shift 2
	for path in "$@"; do wait_field "$ns" "$dev" "$path" state up; done
}

# monitor_start NS: "mpvpnctl -j monitor" in NS into $MONITOR_FILE, one
# JSON object a line, to which "_received" is added: the $EPOCHREALTIME
# (a string) at which the shell read the event. Returns once the monitor
# has joined the events group, so that no event after it is missed.
# monitor_stop ends it and prints the events. Scenarios select events with
# jq on their fields (reason, path.name, path.state, old_state,
# active_path.name...), never on the text of "mpvpnctl monitor":
# event_time FILTER is the stamp of the first event for which the jq
# FILTER is true, event_count FILTER how many there are.
monitor_start() {
	local ns=$1 end
	MONITOR_FILE=$(mktemp -p "$SCENARIO_TMP" events.XXXXXX)
	"$MPVPNCTL" -n "$ns" -j monitor > >(stamp_events "$MONITOR_FILE") &
	MONITOR_PID=$!
	SCENARIO_PIDS+=("$MONITOR_PID")
	end=$(( ${EPOCHREALTIME/./} + 10000000 ))
	until netlink_joined "$MONITOR_PID"; do
		kill -0 "$MONITOR_PID" 2>/dev/null || fail "mpvpnctl monitor in $ns ended"
		(( ${EPOCHREALTIME/./} < end )) ||
			fail "mpvpnctl monitor in $ns did not join the events group in 10 s"
		sleep 0.1
	done
}

# stamp_events FILE: the monitor's lines into FILE with "_received"; then
# FILE.done, once the monitor's output has ended.
stamp_events() {
	local line
	while IFS= read -r line; do
		printf '{"_received":"%s",%s\n' "$EPOCHREALTIME" "${line#\{}"
	done >"$1"
	: >"$1.done"
}

# netlink_joined PID: PID holds a generic netlink socket that has joined a
# multicast group. "mpvpnctl monitor" prints nothing once it listens, so
# its sockets are looked up in the netlink table of its namespace,
# /proc/PID/net/netlink, by inode (the stat builtin follows /proc/PID/fd/N
# to the socket; no program started). The Groups column holds groups 1 to
# 32 as a bit mask; generic netlink hands out ids from 2 up, and the VM's
# kernels have far fewer groups than that. The monitor joins one group
# only, the events group.
netlink_joined() {
	local pid=$1 fd proto groups rest
	local -A st=() sockets=()
	[ -r "/proc/$pid/net/netlink" ] || return 1
	enable -f /usr/lib/bash/stat stat ||
		fail "netlink_joined needs the stat builtin (package bash-builtins)"
	for fd in /proc/"$pid"/fd/*; do
		stat -A st "$fd" 2>/dev/null && [ "${st[type]}" = s ] &&
			sockets[${st[inode]}]=1
	done
	enable -d stat
	while read -r _ proto _ groups rest; do
		[ "$proto" = 16 ] && [ "$groups" != 00000000 ] &&
			[ -n "${sockets[${rest##* }]:-}" ] && return 0
	done <"/proc/$pid/net/netlink"
	return 1
}

monitor_stop() {
	local end
	sleep 0.5
	kill "$MONITOR_PID"
	end=$(( ${EPOCHREALTIME/./} + 5000000 ))
	until [ -e "$MONITOR_FILE.done" ]; do
		(( ${EPOCHREALTIME/./} < end )) || fail "the monitor's output did not end"
		sleep 0.1
	done
	sed 's/^/  event: /' "$MONITOR_FILE"
}
event_time() {
	local t
	t=$(jq -nr "first(inputs | select($1)) | ._received" "$MONITOR_FILE")
	[ -n "$t" ] || fail "no event with $1"
	echo "$t"
}
event_count() { jq -n "[inputs | select($1)] | length" "$MONITOR_FILE"; }
# ms_between T0 T1: milliseconds from one $EPOCHREALTIME stamp to another;
# fails on anything else: an empty stamp made minus the epoch, which passed
# any upper bound.
ms_between() {
	[[ $1 =~ ^[0-9]+\.[0-9]{6}$ && $2 =~ ^[0-9]+\.[0-9]{6}$ ]] ||
		fail "ms_between: not two stamps: '$1' '$2'"
	echo $(( (${2/./} - ${1/./} + 500) / 1000 ))
}

# three_links SCALE: two gateways joined by three unlike links, rate
# limited with tbf behind netem's delay (on both sides), one path each, all
# in priority tier 1 with their bandwidth configured:
#   wan1 "l1" 40 Mbit/s 10 ms, wan2 "l2" 30 Mbit/s 25 ms, wan3 "l3" 20 Mbit/s
#   40 ms (one way), rates divided by SCALE.
LINK_MBIT=(40 30 20)
LINK_DELAY_MS=(10 25 40)
# rx_cpu_mask LINK: the RPS mask of one CPU for the link's receive; the
# 40 Mbit/s link on CPU 0, the 30 and 20 on CPU 1 (when there is one).
rx_cpu_mask() { printf '%x' $(( 1 << ( ($1 > 1 ? 1 : 0) % $(nproc) ) )); }
three_links() {
	local scale=$1 n kbit ns
	gateway gw1
	gateway gw2
	tunnel gw1 mpvpn0 10.99.0.1/30
	tunnel gw2 mpvpn0 10.99.0.2/30
	for n in 1 2 3; do
		wan gw1 gw2 $n
		kbit=$(( LINK_MBIT[n - 1] * 1000 / scale ))
		for ns in gw1 gw2; do
			# A link must not reorder: netem hands its packets to the
			# veth from whichever CPU its timer fires on, and each CPU's
			# backlog runs on its own. Steering the link's receive to one
			# CPU (RPS) keeps its order, as a real link's queue does.
			# The links are spread over the CPUs as a gateway's NIC
			# interrupts are: all on CPU 0, that CPU decrypted all
			# 90 Mbit/s on the stock kernel, its backlog queued up to
			# 180 ms and every path's RTT passed the latency threshold.
			at $ns sh -c "echo $(rx_cpu_mask "$n") >/sys/class/net/wan$n/queues/rx-0/rps_cpus"
			at $ns tc qdisc add dev wan$n root handle 1: netem \
				delay "${LINK_DELAY_MS[n - 1]}ms" limit 10000
			at $ns tc qdisc add dev wan$n parent 1: handle 2: tbf \
				rate "${kbit}kbit" burst 16k latency 40ms
		done
		ctl gw1 path add mpvpn0 l$n local 10.$n.0.1 remote 10.$n.0.2:5555 \
			prio 1 bandwidth "${kbit}kbit"
		ctl gw2 path add mpvpn0 l$n local 10.$n.0.2 remote 10.$n.0.1:5555 \
			prio 1 bandwidth "${kbit}kbit"
	done
	wait_up gw1 mpvpn0 l1 l2 l3
	wait_up gw2 mpvpn0 l1 l2 l3
}

# three_links_encrypt: the tunnel of three_links (full rate) encrypted with
# the test key and the links' bandwidths configured again, paths up.
three_links_encrypt() {
	local gw n
	for gw in gw1 gw2; do
		for n in 1 2 3; do
			ctl $gw path set mpvpn0 l$n bandwidth "$(( LINK_MBIT[n - 1] * 1000 ))kbit"
		done
		MPVPN_TEST_PLAINTEXT=0 tunnel_keys $gw mpvpn0
	done
	for gw in gw1 gw2; do wait_up $gw mpvpn0 l1 l2 l3; done
}

# debug_kernel: true on the test kernel (KASAN, lockdep, kmemleak), whose
# emulated forwarding runs at a few Mbit/s; false on Debian's stock kernel.
debug_kernel() { [ -e /sys/kernel/debug/kmemleak ]; }

# path_stat NS DEV PATH COUNTER: one counter of a path.
path_stat() { path_field "$1" "$2" "$3" "stats.$4"; }

# stat_field NS DEV COUNTER: one counter of the device DEV.
stat_field() { ctl "$1" get "$2" "stats.$3"; }

# outage_during NS_FROM DEST NS_TO CMD...: runs CMD while a 1 ms UDP stream
# flows from NS_FROM to DEST (received in NS_TO); prints udpgap's JSON
# (received, lost, outage_ms, max_gap_ms...) plus "sent". Fails the
# scenario when packets went missing at the end of the stream (traffic
# never came back), which a loss-run measure alone would not see.
outage_during() { stream_returned stream_during "$@"; }

# stream_during NS_FROM DEST NS_TO CMD...: the same without that check,
# for benchmarks of systems that may never fail over (lost_at_end tells);
# the stream goes on for STREAM_SETTLE seconds (default 2) after CMD.
stream_during() {
	local from=$1 dest=$2 to=$3 dir rpid spid i
	shift 3
	dir=$(mktemp -d -p "$SCENARIO_TMP" stream.XXXXXX)
	at "$to" "$UDPGAP" recv 7777 60 "$dir/ready" "$dir/times" >"$dir/recv" &
	rpid=$!
	sleep 0.5
	at "$from" "$UDPGAP" send "$dest" 7777 50 1 "$dir/stop" "$dir/times" >"$dir/send" &
	spid=$!
	# Programs start slowly in the debug VM: the fault goes in only once the
	# stream demonstrably flows.
	for i in $(seq 300); do [ -e "$dir/ready" ] && break; sleep 0.1; done
	[ -e "$dir/ready" ] || fail "the UDP stream did not start"
	sleep 0.5
	"$@"
	sleep "${STREAM_SETTLE:-2}"
	finish_stream "$dir" "$spid" "$rpid"
}

# finish_stream DIR SENDER_PID RECEIVER_PID: stops a udpgap stream and
# prints the receiver's JSON with "sent".
finish_stream() {
	local dir=$1
	touch "$dir/stop"
	wait "$2" || fail "the UDP sender failed"
	wait "$3" || fail "the UDP receiver failed"
	jq -c --slurpfile s "$dir/send" '. + $s[0]' "$dir/recv"
	rm -rf "$dir"
}

# stream_returned STREAM_FUNCTION ARGS...: runs the stream, prints its
# JSON, and fails unless it ended with nothing lost.
stream_returned() {
	local result
	result=$("$@") || exit 1
	[ -n "$result" ] || fail "the stream left no result"
	[ "$(json_get "$result" lost_at_end)" = 0 ] ||
		fail "the stream did not come back: $result"
	echo "$result"
}

# rekeys_during_stream SECONDS MIN_SESSIONS WHAT: a rekey interval of 2 s
# on gw1 and gw2, a 1 ms stream from gw1 to gw2 (10.99.0.2) for about
# SECONDS; asserts that gw1 made at least MIN_SESSIONS sessions meanwhile
# and that the stream lost nothing, logs both as a figure (WHAT says of
# what), and puts the interval back to its default.
rekeys_during_stream() {
	local seconds=$1 least=$2 what=$3 gw before result made
	for gw in gw1 gw2; do ctl $gw dev set mpvpn0 rekey 2; done
	before=$(ctl gw1 get mpvpn0 handshake.sessions)
	result=$(STREAM_SETTLE=$seconds outage_during gw1 10.99.0.2 gw2 true)
	made=$(( $(ctl gw1 get mpvpn0 handshake.sessions) - before ))
	log "figure: rekey every 2 s, $what: $made sessions in the stream, $(json_get "$result" lost) packets lost: $result"
	assert_ge "$made" "$least" "sessions made during the stream, $what"
	assert_eq "$(json_get "$result" lost)" 0 "packets lost across rekeys, $what"
	for gw in gw1 gw2; do ctl $gw dev set mpvpn0 rekey 120; done
}

# outage_from_idle NS_FROM DEST NS_TO CMD...: on a tunnel that carries no
# traffic, runs CMD (a fault) and at the same moment starts the 1 ms UDP
# stream; prints the same JSON as outage_during, where outage_ms is the
# time until the tunnel carried the stream.
outage_from_idle() { stream_returned stream_from_idle "$@"; }

# The body runs in one shell: finish_stream waits for the stream's
# processes, which must be children of the shell that waits.
stream_from_idle() {
	local from=$1 dest=$2 to=$3 dir rpid spid i
	shift 3
	dir=$(mktemp -d -p "$SCENARIO_TMP" stream.XXXXXX)
	mkfifo "$dir/go"
	at "$to" "$UDPGAP" recv 7777 60 "$dir/ready" "$dir/times" from-start >"$dir/recv" &
	rpid=$!
	at "$from" "$UDPGAP" send "$dest" 7777 50 1 "$dir/stop" "$dir/times" "$dir/go" >"$dir/send" &
	spid=$!
	# Programs take a while to start in the debug VM; the stream goes only
	# once the receiver's socket is bound and the sender waits for "go".
	for i in $(seq 300); do
		[ -e "$dir/go.ready" ] && [ -e "$dir/ready.bound" ] && break
		sleep 0.1
	done
	[ -e "$dir/ready.bound" ] || fail "the UDP receiver did not start"
	[ -e "$dir/go.ready" ] || fail "the UDP sender did not start"
	"$@"
	echo go >"$dir/go"
	sleep 3
	finish_stream "$dir" "$spid" "$rpid"
}

# json_get JSON KEY: a field of a flat JSON object (a stream's result),
# as "jq -er" would print it: fails on null and false. A number, boolean
# or plain string is read by bash; anything else goes to jq.
json_get() {
	[ -n "$1" ] || fail "json_get $2: no JSON"
	local re="\"$2\": *(-?[0-9][0-9.eE+-]*|true|false|null|\"[^\"\\\\]*\") *[,}]"
	if [[ $1 =~ $re ]]; then
		local value=${BASH_REMATCH[1]}
		value=${value#\"}
		echo "${value%\"}"
		[[ $value != null && $value != false ]]
		return
	fi
	jq -er --arg k "$2" '.[$k]' <<<"$1"
}

# iperf_server NS PORT [ARGS...]: an iperf3 server in NS on PORT (ARGS
# to iperf3, "-1" for one test only), listening when this returns.
# "iperf3 -D" returns before its child has bound the socket; on the
# emulated debug kernel that has taken longer than the half second the
# scenarios used to sleep, and the client found nobody there.
iperf_server() {
	local ns=$1 port=$2 i
	shift 2
	at "$ns" iperf3 -s -D -p "$port" "$@"
	for i in $(seq 100); do
		[ -n "$(at "$ns" ss -Hltn "sport = :$port")" ] && return 0
		sleep 0.1
	done
	fail "iperf3 in $ns is not listening on port $port after 10 s"
}

# iperf_json NS ARGS...: "iperf3 ARGS -J" in NS, its JSON on stdout. When
# iperf3 reports an error the scenario fails with iperf3's own words,
# instead of with what jq makes of a run that has no intervals.
iperf_json() {
	local ns=$1 json
	shift
	json=$(at "$ns" iperf3 "$@" -J) || true
	if ! jq -e 'has("intervals")' <<<"$json" >/dev/null 2>&1; then
		fail "iperf3 $*: no result: ${json:0:300}"
	fi
	if jq -e '.error' <<<"$json" >/dev/null; then
		fail "iperf3 $*: $(jq -r '.error' <<<"$json")"
	fi
	printf '%s\n' "$json"
}

# mbps: the receiver's goodput in Mbit/s from "iperf3 -J" on stdin.
mbps() { jq -r '.end.sum_received.bits_per_second / 1e6 * 10 | round / 10'; }
