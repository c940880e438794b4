#!/bin/bash
# Diagnosis, not a test: how aggregate mode's learned shares move during
# one TCP flow over three_links at full rate (run on Debian's stock
# kernel: tests/vm/run --stock --verbose tests/scenarios/manual/learned-diag.sh).
# Every half second: each path's best rate and queue as the kernel has
# them, what it was sent meanwhile (Mbit/s) and its link's tbf drops;
# then iperf3's seconds. RUNS=N repeats the flow (MPVPN_VM_ENV=RUNS=3),
# PAUSE=S seconds apart (default 2; 12 and more: the paths' best rates,
# remembered 10 s, are forgotten, and every flow starts cold).
. "$(dirname "$0")/../../lib/scenario.sh"

export MPVPN_TEST_PLAINTEXT=1
three_links 1
for gw in gw1 gw2; do
	ctl $gw dev set mpvpn0 mode aggregate
	for n in 1 2 3; do ctl $gw path set mpvpn0 l$n bandwidth 0; done
done

sample() {
	local n prev=(0 0 0 0) bytes drops line start=${EPOCHREALTIME/./} now last us
	last=$start
	while [ ! -e "$1" ]; do
		now=${EPOCHREALTIME/./}
		us=$(( now - last > 0 ? now - last : 1 ))
		last=$now
		line="t=$(( (now - start) / 100000 ))ds"
		for n in 1 2 3; do
			read -r rate queue bytes <<<"$(ctl gw1 get mpvpn0 path l$n \
				measure.rate_kbps measure.queue_us stats.tx_bytes | tr '\n' ' ')"
			[[ $rate =~ ^[0-9]+$ ]] || rate=0	# null: nothing measured yet
			[[ $queue =~ ^[0-9]+$ ]] || queue=0
			drops=$(at gw1 tc -s qdisc show dev wan$n | sed -n 's/.*dropped \([0-9]*\).*/\1/p' | tail -1)
			line+=" | l$n best $((rate / 1000)) q $((queue / 1000))ms sent $(( (bytes - prev[n]) * 8 / us )) drops $drops"
			prev[n]=$bytes
		done
		echo "$line"
		sleep 0.5
	done
}

for run in $(seq "${RUNS:-1}"); do
	iperf_server gw2 5201 -1
	stop=$(mktemp -u)
	sample "$stop" &
	sampler=$!
	at gw1 iperf3 -c 10.99.0.2 -p 5201 -t 20 -i 1 | grep -E "sec"
	touch "$stop"
	wait "$sampler"
	sleep "${PAUSE:-2}"
done
