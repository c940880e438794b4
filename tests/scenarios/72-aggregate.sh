#!/bin/bash
# Aggregate mode: one TCP flow over three unlike links (the three_links
# setup: tbf 40, 30 and 20 Mbit/s behind 10, 25 and 40 ms) for 20 s. The
# goodput is reported as a share of the links' sum and must beat the best
# single link by far; the receiver's reorder counters are reported. Then
# again without configured bandwidths: the shares are learned. Last, on
# the stock kernel, one flow encrypted.
#
# On the debug kernel the emulated CPU forwards only a few Mbit/s, so the
# links are divided by 20 there (2, 1.5 and 1 Mbit/s): it proves the mode
# works under KASAN and lockdep. The figure that counts comes from
# Debian's stock kernel, where the links run at full rate (make check runs
# this scenario on both).
#
# The scheduling is measured in plaintext, then one flow again encrypted
# (stock kernel only). Under software emulation ChaCha20-Poly1305 is the
# limit, not the links: one encrypted flow over one unlimited path gets
# about 100 Mbit/s in make bench against 370 in plaintext, and sealing
# 90 Mbit/s on the sender and opening it on the receiver in the same two
# emulated CPUs left every link's queue empty while the flow took 50 to
# 75 Mbit/s, from run to run. In plaintext the CPUs have room, and what
# the flow gets is what the scheduler and the reorder buffer make of the
# links. The encrypted figure is reported and must beat the best link.
. "$(dirname "$0")/../lib/scenario.sh"

# The flows last 20 s on the stock kernel, 10 s on the debug kernel,
# where they prove the mode under KASAN and lockdep rather than a figure.
if debug_kernel; then scale=20 flow_secs=10; else scale=1 flow_secs=20; fi
export MPVPN_TEST_PLAINTEXT=1
three_links $scale
for gw in gw1 gw2; do ctl $gw dev set mpvpn0 mode aggregate; done
sum=$(awk -v s=$scale 'BEGIN { print 90 / s }')
best=$(awk -v s=$scale 'BEGIN { print 40 / s }')
for n in 1 2 3; do
	assert_eq "$(path_field gw1 mpvpn0 l$n active)" true "l$n carries traffic"
done

tcp_run() {	# tcp_run PORT SECONDS [iperf3 args]: goodput in Mbit/s
	local port=$1 secs=$2
	shift 2
	iperf_server gw2 "$port" -1
	iperf_json gw1 -c 10.99.0.2 -p "$port" -t "$secs" "$@" | mbps
}

# flow_figure WHAT GOODPUT [TAIL]: the figure line of a one-flow sample,
# with its share of the links' sum.
flow_figure() {
	log "figure: $1, 1 TCP flow, $flow_secs s: $2 Mbit/s = $(awk -v g="$2" -v s="$sum" \
		'BEGIN { printf "%.1f", 100 * g / s }') % of the links' $sum Mbit/s${3:+ $3}"
}

# judged_sample GOODPUT FLOOR PORT WHAT: GOODPUT; or, when it is below
# FLOOR, the better of it and one more sample, both logged. A stall
# of the emulated host only ever lowers a sample. (The spread of 52.6 to
# 75 Mbit/s that brought this in came from every link's receive on one
# CPU, since mended in three_links; the retry stays for the host's own
# stalls.)
judged_sample() {
	local again
	if awk -v g="$1" -v f="$2" 'BEGIN { exit !(g < f) }'; then
		again=$(tcp_run "$3" "$flow_secs")
		log "figure: $4, second $flow_secs s sample: $again Mbit/s (first $1)" >&2
		awk -v a="$1" -v b="$again" 'BEGIN { print (b > a) ? b : a }'
	else
		echo "$1"
	fi
}

# The best link alone, bare, for scale.
iperf_server gw2 5200 -1
bare=$(iperf_json gw1 -c 10.1.0.2 -p 5200 -t 5 | mbps)
log "figure: best single link (l1) bare: $bare Mbit/s"

# The receiver's reorder counters around the flow; counter NAME: the
# difference.
COUNTERS=(rx_reordered rx_late rx_reorder_timeout rx_reorder_overflow rx_duplicate)
before=($(ctl gw2 get mpvpn0 "${COUNTERS[@]/#/stats.}"))
goodput=$(tcp_run 5201 "$flow_secs")
after=($(ctl gw2 get mpvpn0 "${COUNTERS[@]/#/stats.}"))
counter() {
	local i
	for i in "${!COUNTERS[@]}"; do
		[ "${COUNTERS[i]}" != "$1" ] || echo $(( after[i] - before[i] ))
	done
}
flow_figure aggregate "$goodput" "(best link $best)"
log "figure: reorder at gw2: reordered $(counter rx_reordered), late $(counter rx_late), holes timed out $(counter rx_reorder_timeout), overflow $(counter rx_reorder_overflow), duplicates $(counter rx_duplicate)"
for n in 1 2 3; do log "figure: l$n sent $(path_stat gw1 mpvpn0 l$n tx_bytes) bytes"; done
# The floor: two thirds of the sum (60 Mbit/s at full rate), 1.5 times
# the best link; the aim is 90 %.
floor=$(awk -v s="$sum" 'BEGIN { print s * 2 / 3 }')
goodput=$(judged_sample "$goodput" "$floor" 5209 "aggregate, 1 TCP flow")
assert_ge "$goodput" "$floor" "aggregate goodput of one TCP flow (Mbit/s), better of the samples"
assert_ge "$(counter rx_reordered)" 1 "the receiver reordered packets"

# Order restored: a numbered UDP stream (one packet a millisecond) spread
# over the three paths of 10, 25 and 40 ms arrives in order. The emulated
# CPUs stall now and then, past the reorder wait, so up to 1 % may arrive
# late and out of order.
result=$(STREAM_SETTLE=3 stream_during gw1 10.99.0.2 gw2 sleep 2)
log "figure: aggregate, 1 ms UDP stream over 3 paths: $result"
assert_le "$(json_get "$result" reordered)" "$(( $(json_get "$result" received) / 100 ))" "packets of the stream out of order"
assert_eq "$(json_get "$result" duplicates)" 0 "duplicates"

# A path that dies mid-flow: the flow goes on over the other two. The
# queue of the lost link dies with it, and TCP takes a few seconds to
# recover from that burst; the figure is the goodput of the last 4 of
# 10 seconds, the failure at 3 s.
iperf_server gw2 5202 -1
result=$(iperf_json gw1 -c 10.99.0.2 -p 5202 -t 10 &
	flow=$!; sleep 3; carrier gw1 2 down; wait "$flow")
carrier gw1 2 up
after_failure=$(jq '[.intervals[6:10][].sum.bits_per_second] | add / length / 1e6 * 10 | round / 10' <<<"$result")
log "figure: aggregate, l2 lost its carrier 3 s into a 10 s flow: $after_failure Mbit/s in seconds 7-10 over l1 and l3 ($(awk -v s=$scale 'BEGIN { print 60 / s }') Mbit/s)"
assert_ge "$after_failure" "$(awk -v b="$best" 'BEGIN { print b / 2 }')" "goodput after a path failure (Mbit/s)"

# The scheduler's own logic, the same on every kernel: a lossy path left
# out, and learned shares. make check (tests/check) leaves it out on 6.12
# and 6.12-rt (AGGREGATE_SCHEDULER=no) to keep itself short; the debug
# boot and the stock 6.1 run it.
if [ "${AGGREGATE_SCHEDULER:-yes}" = no ]; then
	log "not run on this kernel (AGGREGATE_SCHEDULER=no): the lossy path and the learned shares"
else
	# A lossy path: one TCP flow takes every path's loss as its own (before
	# aggregate mode left such a path out, 1 % loss on l3 alone held the flow
	# to 5.7 Mbit/s on the stock kernel). 5 % loss on gw1's side of l3, the
	# flow's direction, with l3's loss thresholds raised so that health keeps
	# it up: the scheduler itself must leave it out, within seconds; the flow
	# then runs over l1 and l2, above the best link alone, and l3 carries
	# none of it; it comes back once the lost probes are 128 probes old.
	for gw in gw1 gw2; do
		wait_up $gw mpvpn0 l2
		ctl $gw path set mpvpn0 l3 loss-fail 100% loss-recover 90%
	done
	lossy_netem() { at gw1 tc qdisc change dev wan3 root handle 1: netem delay "${LINK_DELAY_MS[2]}ms" limit 10000 "$@"; }
	lossy_netem loss 5%
	start=$EPOCHREALTIME
	wait_field gw1 mpvpn0 l3 active false 60
	log "figure: aggregate left out l3 at 5 % loss after $(ms_between "$start" "$EPOCHREALTIME") ms (its loss over 128 probes: $(path_field gw1 mpvpn0 l3 measure.loss_lately_permille) permille)"
	assert_eq "$(path_field gw1 mpvpn0 l3 state)" up "l3 stays up for health"
	# l3 stays out only while it lost more than one probe more than the
	# cleaner of l1 and l2, and the flow may cost them a probe now and then
	# (on the debug kernel, a stall longer than the congestion guard's
	# window; the losses are logged with the bytes). l3 is left out at two
	# losses; 5 % over 128 probes is six on average: the flow starts once
	# it lost four at least.
	wait_field_at_least gw1 mpvpn0 l3 measure.loss_lately_permille 31 60
	sent_before=($(for n in 1 2 3; do path_stat gw1 mpvpn0 l$n tx_bytes; done))
	lossy=$(tcp_run 5205 "$flow_secs")
	sent_after=($(for n in 1 2 3; do path_stat gw1 mpvpn0 l$n tx_bytes; done))
	flow_figure "aggregate, 5 % loss on l3" "$lossy" "(l1 and l2: $(awk -v s=$scale 'BEGIN { print 70 / s }') Mbit/s)"
	for n in 1 2 3; do sent[n]=$(( sent_after[n - 1] - sent_before[n - 1] )); done
	log "figure: meanwhile l1 sent ${sent[1]} bytes, l2 ${sent[2]}, l3 ${sent[3]}; loss over 128 probes (permille): $(for n in 1 2 3; do printf 'l%s %s ' $n "$(path_field gw1 mpvpn0 l$n measure.loss_lately_permille)"; done)"
	assert_ge "$lossy" "$bare" "aggregate goodput with a lossy path, against the best link alone (Mbit/s)"
	assert_le "${sent[3]}" "$(( (sent[1] + sent[2]) / 100 ))" "bytes l3 sent during the flow (at most 1 % of the others')"
	lossy_netem
	wait_field gw1 mpvpn0 l3 active true 40
	for gw in gw1 gw2; do ctl $gw path set mpvpn0 l3 health-reset; done

	# Learned shares: the same links with no bandwidth configured. Aggregate
	# mode learns each path's share from what the peer acknowledges on it
	# (Documentation/scheduling.rst, "Learned shares"); until the first
	# samples the paths split evenly, which the 20 Mbit/s link cannot carry.
	for gw in gw1 gw2; do
		wait_up $gw mpvpn0 l2
		for n in 1 2 3; do ctl $gw path set mpvpn0 l$n bandwidth 0; done
	done
	learned=$(tcp_run 5203 "$flow_secs")
	# At once: the best rate is a maximum over the last 10 s only.
	for n in 1 2 3; do
		measure[n]=$(ctl gw1 get mpvpn0 path l$n measure.rate_kbps measure.queue_us | tr '\n' ' ')
	done
	flow_figure "aggregate with learned shares" "$learned"
	for n in 1 2 3; do
		read -r rate queue <<<"${measure[n]}"
		log "figure: l$n delivers $rate kbit/s at best, queue $queue us"
		assert_ge "$rate" 1 "l$n has a measured delivery rate (kbit/s)"
	done
	# A path the estimator gets wrong must not drag the flow below the best
	# link alone.
	learned=$(judged_sample "$learned" "$best" 5210 "aggregate with learned shares, 1 TCP flow")
	assert_ge "$learned" "$best" "aggregate goodput of one TCP flow with learned shares (Mbit/s), better of the samples"
fi

debug_kernel && exit 0
# Encrypted, with the bandwidths configured again: the same flow, with
# both emulated CPUs sealing and opening every packet.
three_links_encrypt
assert_eq "$(ctl gw1 get mpvpn0 encryption)" chacha20-poly1305 "the tunnel is encrypted"
encrypted=$(tcp_run 5204 "$flow_secs")
flow_figure "aggregate, encrypted" "$encrypted"
encrypted=$(judged_sample "$encrypted" "$best" 5211 "aggregate, encrypted, 1 TCP flow")
assert_ge "$encrypted" "$best" "aggregate goodput of one encrypted TCP flow (Mbit/s), better of the samples"
