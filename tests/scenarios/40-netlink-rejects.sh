#!/bin/bash
# Bad netlink requests: missing, oversized, wrong-type and read-only
# attributes, unknown objects, and writes without CAP_NET_ADMIN. Each is
# refused with its extack message, and the configuration does not change.
#
#   [gw1] wan1 10.1.0.1 ------ 10.1.0.2 wan1 [gw2]
. "$(dirname "$0")/../lib/scenario.sh"

GENL="python3 $MPVPN_REPO/tests/lib/genl.py"
# Attributes by their names in the spec (tests/lib/spec.py): A_ top level,
# P_ path, H_ health, V_ verdict; 99 is no attribute at all.
DEV=A_IFNAME:str:mpvpn0
REMOTE=P_REMOTE_ADDR:bytes:0a010002,P_REMOTE_PORT:u16:5555

gateway gw1
gateway gw2
wan gw1 gw2 1
tunnel gw1 mpvpn0 10.99.0.1/30
ctl gw1 path add mpvpn0 fiber local 10.1.0.1 remote 10.1.0.2:5555 prio 1
# Counters, measures, the time in each state and the handshake (which the
# device keeps trying, gw2 having no device) move on their own (probes,
# retries, the clock); the rest must not.
snapshot() { ctl gw1 -j show mpvpn0 | jq -c '.[0] | del(.stats, .handshake) | .paths |= map(del(.stats, .measure, .history))'; }
before=$(snapshot)

# Each case: the extack text expected, then the request. All requests go
# through one genl.py process (Python starts slowly in the debug VM).
cases=$(cat <<EOT
name the device|path_add A_PATH:nest:P_NAME:str:x,$REMOTE
no such mpvpn device|path_add A_IFNAME:str:lo A_PATH:nest:P_NAME:str:x,$REMOTE
no such mpvpn device|path_add A_IFINDEX:u32:9999 A_PATH:nest:P_NAME:str:x,$REMOTE
the path is missing|path_add $DEV
needs a name|path_add $DEV A_PATH:nest:$REMOTE
needs both address and port|path_add $DEV A_PATH:nest:P_NAME:str:x,P_REMOTE_ADDR:bytes:0a010002
a pinned remote needs|path_add $DEV A_PATH:nest:P_NAME:str:x,P_REMOTE_FIXED:u8:1
4 (IPv4) or 16 (IPv6) bytes|path_add $DEV A_PATH:nest:P_NAME:str:x,P_REMOTE_ADDR:bytes:0a01000200,P_REMOTE_PORT:u16:5555
must be a unicast address|path_add $DEV A_PATH:nest:P_NAME:str:x,P_REMOTE_ADDR:bytes:00000000,P_REMOTE_PORT:u16:5555
must be a unicast address|path_add $DEV A_PATH:nest:P_NAME:str:x,P_REMOTE_ADDR:bytes:e0000001,P_REMOTE_PORT:u16:5555
of one family|path_add $DEV A_PATH:nest:P_NAME:str:x,P_LOCAL_ADDR:bytes:fd000001000000000000000000000001,$REMOTE
no such underlay device|path_add $DEV A_PATH:nest:P_NAME:str:x,P_LOCAL_IFINDEX:u32:9999,$REMOTE
a path of that name exists|path_add $DEV A_PATH:nest:P_NAME:str:fiber,$REMOTE
Attribute failed policy validation|path_add $DEV A_PATH:nest:P_NAME:str:a-name-far-too-long-for-a-path,$REMOTE
invalid attribute length|path_add $DEV A_PATH:nest:P_NAME:str:x,$REMOTE,P_WEIGHT:u8:1
out of range|path_add $DEV A_PATH:nest:P_NAME:str:x,$REMOTE,P_WEIGHT:u32:0
path state is read only|path_set $DEV A_PATH:nest:P_NAME:str:fiber,P_STATE:u8:1
Unknown attribute type|path_add $DEV 99:u32:1 A_PATH:nest:P_NAME:str:x,$REMOTE
no such path|path_del $DEV A_PATH:nest:P_NAME:str:nosuch
name the path|path_del $DEV A_PATH:nest:
out of range|dev_set $DEV A_MODE:u8:7
the UDP port is set at creation|dev_set $DEV A_PORT:u16:1
out of range|dev_set $DEV A_HEALTH:nest:H_PROBE_INTERVAL_MS:u32:5
out of range|dev_set $DEV A_HEALTH:nest:H_PROBE_INTERVAL_MS:u32:10001
latency recovery level must be below|dev_set $DEV A_HEALTH:nest:H_LATENCY_RECOVER_MS:u32:300
only a path can drop its own thresholds|dev_set $DEV A_HEALTH:nest:H_RESET:flag:
out of range|dev_set $DEV A_FAILBACK:u8:2
loss recovery level must be below|path_set $DEV A_PATH:nest:P_NAME:str:fiber,P_HEALTH:nest2:H_LOSS_RECOVER_PERMILLE:u32:500
no thresholds of its own to drop|path_add $DEV A_PATH:nest:P_NAME:str:x,$REMOTE,P_HEALTH:nest2:H_RESET:flag:
measures are read only|path_set $DEV A_PATH:nest:P_NAME:str:fiber,P_MEASURE:u32:1
the verdict is missing|path_verdict $DEV A_PATH:nest:P_NAME:str:fiber
needs the probe's name|path_verdict $DEV A_PATH:nest:P_NAME:str:fiber A_VERDICT:nest:V_OK:u8:0
says ok or not|path_verdict $DEV A_PATH:nest:P_NAME:str:fiber A_VERDICT:nest:V_NAME:str:http
no verdict of that name|path_verdict $DEV A_PATH:nest:P_NAME:str:fiber A_VERDICT:nest:V_NAME:str:http,V_DELETE:flag:
no such path|path_verdict $DEV A_PATH:nest:P_NAME:str:nosuch A_VERDICT:nest:V_NAME:str:http,V_OK:u8:0
EOT
)
replies=$(cut -d'|' -f2 <<<"$cases" | at gw1 $GENL --batch) || true
[ "$(wc -l <<<"$replies")" -eq "$(wc -l <<<"$cases")" ] || fail "genl.py gave $(wc -l <<<"$replies") replies"
while IFS= read -r reply <&3 && IFS='|' read -r want request <&4; do
	case "$reply" in
	error*"$want"*) pass "refused with \"$want\"" ;;
	*) fail "$request: got '$reply', expected '$want'" ;;
	esac
done 3<<<"$replies" 4<<<"$cases"

# Writes need CAP_NET_ADMIN, and so do reads.
nobody() { at gw1 setpriv --reuid=65534 --regid=65534 --clear-groups \
	--inh-caps=-all --bounding-set=-all "$@"; }
out=$(nobody $GENL path_add $DEV "A_PATH:nest:P_NAME:str:x,$REMOTE") && fail "unprivileged add accepted"
case "$out" in *"Operation not permitted"*) pass "unprivileged add refused (EPERM)" ;;
	*) fail "unprivileged add: $out" ;; esac
# Reads too: they show the peers' addresses, ports and timings.
out=$(nobody $GENL dev_get $DEV) && fail "unprivileged read accepted"
case "$out" in *"Operation not permitted"*) pass "unprivileged read refused (EPERM)" ;;
	*) fail "unprivileged read: $out" ;; esac
err=$(nobody "$MPVPNCTL" show 2>&1) && fail "unprivileged mpvpnctl show accepted"
case "$err" in *"needs CAP_NET_ADMIN"*) pass "unprivileged mpvpnctl show refused: $err" ;;
	*) fail "unprivileged mpvpnctl show: $err" ;; esac
refused nobody "$MPVPNCTL" path del mpvpn0 fiber
pass "unprivileged mpvpnctl path del refused"

# mpvpnctl passes the kernel's text on.
err=$(ctl gw1 path add mpvpn0 y remote 224.0.0.1:5555 2>&1) && fail "multicast remote accepted"
case "$err" in *"must be a unicast address"*) pass "mpvpnctl shows the extack: $err" ;;
	*) fail "mpvpnctl error text: $err" ;; esac

after=$(snapshot)
assert_eq "$after" "$before" "configuration unchanged"

# A device takes 32 paths (the uapi's MPVPN_MAX_PATHS), not one more.
new_path() { echo "path_add $DEV A_PATH:nest:P_NAME:str:p$1,P_REMOTE_ADDR:bytes:0a010002,P_REMOTE_PORT:u16:$((6000 + $1))"; }
batch=$(for i in $(seq 2 33); do new_path "$i"; done)
replies=$(at gw1 $GENL --batch <<<"$batch") || true
assert_eq "$(grep -c '^ok$' <<<"$replies")" 31 "31 more paths accepted"
assert_eq "$(tail -1 <<<"$replies" | grep -o 'at most 32 paths')" "at most 32 paths" "the 33rd refused"
assert_eq "$(ctl gw1 -j show mpvpn0 | jq '.[0].paths | length')" 32 "32 paths listed"
