#!/bin/bash
# Random generic netlink requests against mpvpn0 for a minute
# (tests/fuzz/genl_fuzz.py): every one is answered, the device still
# works afterwards, and the kernel neither warns nor leaks while the
# fuzzer runs (the harness fails the whole run on any splat; the checks
# here name this scenario as the culprit).
#
#   [gw1] wan1 10.1.0.1 ------ 10.1.0.2 wan1 [gw2]
#   mpvpn0 10.99.0.1/30, path "fiber"; the fuzzer adds, changes and
#   deletes paths and settings of mpvpn0, and aims at lo, wan1 and
#   ifindexes that do not exist
#
# GENL_FUZZ_SECONDS and GENL_FUZZ_SEED override the time and the seed
# (the fuzzer prints the seed it used; the same seed replays a run).
. "$(dirname "$0")/../lib/scenario.sh"

GENL="python3 $MPVPN_REPO/tests/lib/genl.py"
FUZZ="python3 $MPVPN_REPO/tests/fuzz/genl_fuzz.py"
seconds=${GENL_FUZZ_SECONDS:-60}
seed=${GENL_FUZZ_SEED:-}
# The harness's own splat patterns (tests/vm/run).
splat='WARNING:|BUG:|Oops|UBSAN:|Kernel panic|general protection fault'
splat+='|INFO: task .* blocked for more than|rcu.*detected stall'
splat+='|suspected memory leak|unreferenced object|Call Trace:'

# kmemleak_objects: the addresses kmemleak reports after a fresh scan.
# Objects younger than 5 s are not reported yet; two scans keep pointers
# in flight from showing up as leaks (as tests/vm/init does). A scan of
# the VM's memory takes 15 s and more under emulation.
kmemleak_objects() {
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	echo scan >/sys/kernel/debug/kmemleak
	sed -n 's/^unreferenced object \(0x[0-9a-f]*\).*/\1/p' /sys/kernel/debug/kmemleak | sort
}

gateway gw1
gateway gw2
wan gw1 gw2 1
tunnel gw1 mpvpn0 10.99.0.1/30
ctl gw1 path add mpvpn0 fiber local 10.1.0.1 remote 10.1.0.2:5555 prio 1

# Leaks of earlier scenarios are theirs: what kmemleak reported so far is
# set aside ("clear"), and only new reports count here. A leak of an
# earlier scenario that no scan found yet would be reported here; the
# harness's scan at the end of the boot fails the run for it either way.
debug_kernel && echo clear >/sys/kernel/debug/kmemleak
marker="mpvpn genl fuzz scenario starts"
echo "$marker" >/dev/kmsg

out=$(at gw1 $FUZZ mpvpn0 "$seconds" $seed 2>&1) || { echo "$out"; fail "genl_fuzz.py"; }
echo "$out"
sent=$(sed -n 's/^genl_fuzz: \([0-9]*\) requests, \([0-9]*\) ok.*/\1/p' <<<"$out")
accepted=$(sed -n 's/^genl_fuzz: \([0-9]*\) requests, \([0-9]*\) ok.*/\2/p' <<<"$out")
assert_ge "${sent:-0}" 100 "requests sent in $seconds s"
pass "every one of $sent requests answered ($accepted accepted)"

# The device still answers and takes orders: empty it (by path id: the
# fuzzer's names need not be printable), add a path, delete it.
ctl gw1 show mpvpn0 >/dev/null || fail "mpvpnctl show after fuzzing"
for id in $(ctl gw1 -j show mpvpn0 | jq '.[0].paths[].id'); do
	at gw1 $GENL path_del 2:str:mpvpn0 "11:nest:1:u32:$id" >/dev/null ||
		fail "deleting path id $id"
done
assert_eq "$(ctl gw1 -j show mpvpn0 | jq '.[0].paths | length')" 0 "every path deleted"
ctl gw1 path add mpvpn0 again local 10.1.0.1 remote 10.1.0.2:5555 prio 1
assert_eq "$(ctl gw1 -j show mpvpn0 | jq -r '.[0].paths[0].name')" again "a path added after fuzzing"
ctl gw1 path del mpvpn0 again
assert_eq "$(ctl gw1 -j show mpvpn0 | jq '.[0].paths | length')" 0 "and deleted"
pass "mpvpn0 works after fuzzing"

# What the device held must go with it.
ip -n gw1 link del mpvpn0
kernel=$(dmesg | sed -n "/$marker/,\$p")
if grep -Eq "$splat" <<<"$kernel"; then
	grep -E -A20 "$splat" <<<"$kernel" | head -60
	fail "kernel report while fuzzing"
fi
pass "no kernel warning while fuzzing"
if debug_kernel; then
	new=$(kmemleak_objects)
	if [ -n "$new" ]; then
		cat /sys/kernel/debug/kmemleak | head -60
		fail "kmemleak: $(wc -l <<<"$new") new unreferenced objects"
	fi
	pass "kmemleak: nothing new unreferenced"
fi
