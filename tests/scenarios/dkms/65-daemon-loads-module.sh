#!/bin/bash
# mpvpnd loads the module itself, through libkmod, as it does on a gateway
# booted without it: the module installed by DKMS (make install) is
# removed, both daemons start from their files, and the tunnel comes up.
# Runs in the DKMS boot of Debian's stock kernel (tests/dkms/run), the
# only one where modprobe can find the module in /lib/modules.
. "$(dirname "$0")/../../lib/scenario.sh"
. "$(dirname "$0")/../../lib/daemon.sh"

rmmod mpvpn || fail "rmmod mpvpn"
assert_eq "$(grep -c '^mpvpn ' /proc/modules)" 0 "mpvpn loaded before the daemons start"

three_links
for gw in 1 2; do three_links_config $gw | jq 'del(.hooks)' >"$DAEMON_DIR/gw$gw.json"; done
daemon_start gw1
daemon_wait_log gw1 'configuration applied' 30
daemon_start gw2
daemon_wait_log gw2 'configuration applied' 30
daemon_wait_log gw1 'module mpvpn loaded'
assert_eq "$(grep -c '^mpvpn ' /proc/modules)" 1 "mpvpn loaded by mpvpnd"
log "module: $(modinfo -F filename mpvpn), version $(cat /sys/module/mpvpn/version)"
# The second daemon found it loaded and said nothing of loading it.
assert_eq "$(daemon_log_count gw2 'module mpvpn loaded')" 0 "gw2's daemon loaded it again"

wait_up gw1 mpvpn0 fiber lte dsl
wait_up gw2 mpvpn0 fiber lte dsl
at gw1 ping -c 3 -i 0.2 -W 2 10.99.0.2 >/dev/null || fail "no ping through the tunnel"
pass "the tunnel works with the module mpvpnd loaded"
