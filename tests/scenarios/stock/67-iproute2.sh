#!/bin/bash
# Debian's own ip(8) with mpvpn's link type plugin (tools/iproute2): "ip
# link add ... type mpvpn" takes the port, tunnel id and mode; "ip -d link
# show" and "ip -j -d link show" print them; bad values are refused by the
# plugin with a message before any request; "ip link help mpvpn" explains.
# The plugin is taken from the build tree (IP_LIB_DIR), as ip would take
# it from /usr/lib/<multiarch>/ip after make install.
#
#   [gw1] mpvpn0 (ip link add), no link needed
. "$(dirname "$0")/../../lib/scenario.sh"

export IP_LIB_DIR=$MPVPN_REPO/tools/iproute2
[ -f "$IP_LIB_DIR/link_mpvpn.so" ] || fail "no plugin built in $IP_LIB_DIR"
gateway gw1

ip -n gw1 link add x type mpvpn port 5556 tunnel 7 mode aggregate
assert_eq "$(ctl gw1 get x port tunnel_id mode | tr '\n' ' ')" "5556 7 aggregate " \
	"the kernel has what ip was told"
shown=$(ip -n gw1 -d link show x)
sed 's/^/  /' <<<"$shown"
grep -q ' mpvpn port 5556 tunnel 7 mode aggregate ' <<<"$shown" ||
	fail "ip -d link show does not show the settings"
pass "ip -d link show"
assert_eq "$(ip -n gw1 -j -d link show x | jq -c '.[0].linkinfo | [.info_kind, .info_data]')" \
	'["mpvpn",{"port":5556,"tunnel_id":7,"mode":"aggregate"}]' "ip -j -d link show"

# Defaults: what the kernel picks is shown.
ip -n gw1 link add y type mpvpn
assert_eq "$(ip -n gw1 -j -d link show y | jq -c '.[0].linkinfo.info_data')" \
	"{\"port\":5555,\"tunnel_id\":1,\"mode\":\"failover\"}" "the kernel's defaults shown"
ip -n gw1 link add z type mpvpn port 5556 mode redundant
assert_eq "$(ip -n gw1 -j -d link show z | jq -c '.[0].linkinfo.info_data')" \
	"{\"port\":5556,\"tunnel_id\":1,\"mode\":\"redundant\"}" "the lowest free tunnel id on 5556"

# Refused, with the plugin's message, and nothing created.
bad() {	# bad EXPECTED-MESSAGE ARGS...
	local want=$1 err
	shift
	err=$(ip -n gw1 link add bad type mpvpn "$@" 2>&1) && fail "ip took: $*"
	grep -qF -- "$want" <<<"$err" || fail "ip link add ... $*: '$err', expected '$want'"
	ip -n gw1 link show bad 2>/dev/null && fail "a device was made of: $*"
	pass "refused: $*"
}
bad 'invalid port "0": expected 1..65535' port 0
bad 'invalid tunnel "x": expected 0..4294967295' tunnel x
bad 'invalid mode "fast"; expected one of failover aggregate flowhash lowlatency redundant' mode fast
bad '"port" given twice' port 1 port 2
bad 'unknown option "colour"' colour red
# The kernel's own refusal comes through too: the tunnel id is taken.
err=$(ip -n gw1 link add bad type mpvpn port 5556 tunnel 7 2>&1) && fail "a taken tunnel id was accepted"
log "a taken tunnel id: $err"
ip link help mpvpn 2>&1 | grep -q 'Usage: ... mpvpn \[ port PORT \] \[ tunnel ID \] \[ mode MODE \]' ||
	fail "ip link help mpvpn"
pass "ip link help mpvpn"
ip -n gw1 link del x
ip -n gw1 link show x 2>/dev/null && fail "ip link del did not delete"
pass "ip link del"
