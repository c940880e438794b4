#!/bin/bash
# Bad netlink requests: missing, oversized, wrong-type and read-only
# attributes, unknown objects, and writes without CAP_NET_ADMIN. Each is
# refused with its extack message, and the configuration does not change.
#
#   [gw1] wan1 10.1.0.1 ------ 10.1.0.2 wan1 [gw2]
. "$(dirname "$0")/../lib/scenario.sh"

GENL="python3 $MPVPN_REPO/tests/lib/genl.py"
# uapi numbers: MPVPN_A_IFNAME 2, MPVPN_A_MODE 5, MPVPN_A_PATH 11,
# MPVPN_A_HEALTH 14, MPVPN_A_FAILBACK 15, MPVPN_A_VERDICT 19;
# MPVPN_PATH_A_ NAME 2, LOCAL_ADDR 3, LOCAL_IFINDEX 4, REMOTE_ADDR 5,
# REMOTE_PORT 6, WEIGHT 8, STATE 10, HEALTH 16, MEASURE 17;
# MPVPN_HEALTH_A_ PROBE_INTERVAL_MS 1, LATENCY_RECOVER_MS 5,
# LOSS_RECOVER_PERMILLE 9, RESET 11; MPVPN_VERDICT_A_ NAME 1, OK 2, DELETE 5.
DEV=2:str:mpvpn0
REMOTE=5:bytes:0a010002,6:u16:5555

gateway gw1
gateway gw2
wan gw1 gw2 1
tunnel gw1 mpvpn0 10.99.0.1/30
ctl gw1 path add mpvpn0 fiber local 10.1.0.1 remote 10.1.0.2:5555 prio 1
# Counters and measures move on their own (probes); the rest must not.
snapshot() { ctl gw1 -j show mpvpn0 | jq -c '.[0] | del(.stats) | .paths |= map(del(.stats, .measure))'; }
before=$(snapshot)

# Each case: the extack text expected, then the request. All requests go
# through one genl.py process (Python starts slowly in the debug VM).
cases=$(cat <<EOT
name the device|path_add 11:nest:2:str:x,$REMOTE
no such mpvpn device|path_add 2:str:lo 11:nest:2:str:x,$REMOTE
no such mpvpn device|path_add 1:u32:9999 11:nest:2:str:x,$REMOTE
the path is missing|path_add $DEV
needs a name|path_add $DEV 11:nest:$REMOTE
needs a remote address and port|path_add $DEV 11:nest:2:str:x
4 (IPv4) or 16 (IPv6) bytes|path_add $DEV 11:nest:2:str:x,5:bytes:0a01000200,6:u16:5555
must be a unicast address|path_add $DEV 11:nest:2:str:x,5:bytes:00000000,6:u16:5555
must be a unicast address|path_add $DEV 11:nest:2:str:x,5:bytes:e0000001,6:u16:5555
of one family|path_add $DEV 11:nest:2:str:x,3:bytes:fd000001000000000000000000000001,$REMOTE
no such underlay device|path_add $DEV 11:nest:2:str:x,4:u32:9999,$REMOTE
a path of that name exists|path_add $DEV 11:nest:2:str:fiber,$REMOTE
Attribute failed policy validation|path_add $DEV 11:nest:2:str:a-name-far-too-long-for-a-path,$REMOTE
invalid attribute length|path_add $DEV 11:nest:2:str:x,$REMOTE,8:u8:1
out of range|path_add $DEV 11:nest:2:str:x,$REMOTE,8:u32:0
path state is read only|path_set $DEV 11:nest:2:str:fiber,10:u8:1
Unknown attribute type|path_add $DEV 99:u32:1 11:nest:2:str:x,$REMOTE
no such path|path_del $DEV 11:nest:2:str:nosuch
name the path|path_del $DEV 11:nest:
out of range|dev_set $DEV 5:u8:7
the UDP port is set at creation|dev_set $DEV 3:u16:1
out of range|dev_set $DEV 14:nest:1:u32:5
out of range|dev_set $DEV 14:nest:1:u32:10001
latency recovery level must be below|dev_set $DEV 14:nest:5:u32:300
only a path can drop its own thresholds|dev_set $DEV 14:nest:11:flag:
out of range|dev_set $DEV 15:u8:2
loss recovery level must be below|path_set $DEV 11:nest:2:str:fiber,16:nest2:9:u32:500
no thresholds of its own to drop|path_add $DEV 11:nest:2:str:x,$REMOTE,16:nest2:11:flag:
measures are read only|path_set $DEV 11:nest:2:str:fiber,17:u32:1
the verdict is missing|path_verdict $DEV 11:nest:2:str:fiber
needs the probe's name|path_verdict $DEV 11:nest:2:str:fiber 19:nest:2:u8:0
says ok or not|path_verdict $DEV 11:nest:2:str:fiber 19:nest:1:str:http
no verdict of that name|path_verdict $DEV 11:nest:2:str:fiber 19:nest:1:str:http,5:flag:
no such path|path_verdict $DEV 11:nest:2:str:nosuch 19:nest:1:str:http,2:u8:0
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

# Writes need CAP_NET_ADMIN; reads do not.
nobody() { at gw1 setpriv --reuid=65534 --regid=65534 --clear-groups \
	--inh-caps=-all --bounding-set=-all "$@"; }
out=$(nobody $GENL path_add $DEV "11:nest:2:str:x,$REMOTE") && fail "unprivileged add accepted"
case "$out" in *"Operation not permitted"*) pass "unprivileged add refused (EPERM)" ;;
	*) fail "unprivileged add: $out" ;; esac
nobody $GENL dev_get $DEV >/dev/null || fail "unprivileged read refused"
pass "unprivileged read allowed"
refused nobody "$MPVPNCTL" path del mpvpn0 fiber
pass "unprivileged mpvpnctl path del refused"

# mpvpnctl passes the kernel's text on.
err=$(ctl gw1 path add mpvpn0 y remote 224.0.0.1:5555 2>&1) && fail "multicast remote accepted"
case "$err" in *"must be a unicast address"*) pass "mpvpnctl shows the extack: $err" ;;
	*) fail "mpvpnctl error text: $err" ;; esac

after=$(snapshot)
assert_eq "$after" "$before" "configuration unchanged"

# A device takes 32 paths (the uapi's MPVPN_MAX_PATHS), not one more.
batch=$(for i in $(seq 2 32); do echo "path_add $DEV 11:nest:2:str:p$i,5:bytes:0a010002,6:u16:$((6000 + i))"; done
	echo "path_add $DEV 11:nest:2:str:p33,5:bytes:0a010002,6:u16:7033")
replies=$(at gw1 $GENL --batch <<<"$batch") || true
assert_eq "$(grep -c '^ok$' <<<"$replies")" 31 "31 more paths accepted"
assert_eq "$(tail -1 <<<"$replies" | grep -o 'at most 32 paths')" "at most 32 paths" "the 33rd refused"
assert_eq "$(ctl gw1 -j show mpvpn0 | jq '.[0].paths | length')" 32 "32 paths listed"
