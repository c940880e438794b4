#!/bin/bash
# Redundant mode: every packet on the two best paths, the receiver keeps
# the first copy. A 1 ms UDP stream loses nothing while the primary link
# black-holes (netem loss 100 %, carrier up: the probes have not even
# noticed when the copies on lte carry the stream) or loses its carrier.
# The copies the receiver dropped are counted as duplicates.
# (the fiber_and_lte setup of tests/lib/scenario.sh)
. "$(dirname "$0")/../lib/scenario.sh"

fiber_and_lte
for gw in gw1 gw2; do ctl $gw dev set mpvpn0 mode redundant redundancy 2; done
assert_eq "$(ctl gw1 get mpvpn0 mode)" redundant "mode after dev set"
assert_eq "$(path_field gw1 mpvpn0 fiber active)" true "fiber carries copies"
assert_eq "$(path_field gw1 mpvpn0 lte active)" true "lte carries copies"

dup_before=$(stat_field gw2 mpvpn0 rx_duplicate)
at gw1 ping -c 20 -i 0.05 -W 2 10.99.0.2 >/dev/null
dups=$(( $(stat_field gw2 mpvpn0 rx_duplicate) - dup_before ))
# 20 echo requests reach gw2 twice; the copies of the replies are gw1's.
assert_ge "$dups" 20 "duplicates dropped at gw2 for 20 pings"
log "figure: 20 pings, $dups copies dropped at gw2"

blackhole() {
	at gw1 tc qdisc change dev wan1 root netem delay 5ms loss 100%
	at gw2 tc qdisc change dev wan1 root netem delay 5ms loss 100%
}
result=$(outage_during gw1 10.99.0.2 gw2 blackhole)
log "black hole on fiber: $result"
assert_eq "$(json_get "$result" lost)" 0 "packets lost while fiber black-holes"
assert_eq "$(json_get "$result" duplicates)" 0 "copies delivered twice"
assert_ge "$(json_get "$result" received)" 1000 "packets received"
log "figure: redundant, black hole on the primary: $(json_get "$result" lost) of $(json_get "$result" sent) packets lost"

for gw in gw1 gw2; do at $gw tc qdisc change dev wan1 root netem delay 5ms; done
wait_up gw1 mpvpn0 fiber
wait_up gw2 mpvpn0 fiber
result=$(outage_during gw1 10.99.0.2 gw2 carrier gw1 1 down)
log "carrier loss on fiber: $result"
assert_eq "$(json_get "$result" lost)" 0 "packets lost on carrier loss"
log "figure: redundant, carrier loss on the primary: $(json_get "$result" lost) of $(json_get "$result" sent) packets lost"
carrier gw1 1 up

# Back to failover at run time: traffic keeps flowing, one copy again.
for gw in gw1 gw2; do ctl $gw dev set mpvpn0 mode failover; done
wait_up gw1 mpvpn0 fiber
dup_before=$(stat_field gw2 mpvpn0 rx_duplicate)
at gw1 ping -c 10 -i 0.05 -W 2 10.99.0.2 >/dev/null
assert_eq "$(( $(stat_field gw2 mpvpn0 rx_duplicate) - dup_before ))" 0 "no copies in failover mode"
