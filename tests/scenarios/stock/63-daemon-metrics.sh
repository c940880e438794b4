#!/bin/bash
# mpvpnd's Prometheus endpoint: off unless enabled, loopback by default,
# valid exposition text (promtool check metrics), figures that follow the
# kernel (states, active path, failovers, probe verdicts, the paths'
# history, drops apart from receiver notes) and the daemon (version,
# reloads, probe and hook runs), a real Prometheus server scraping it, and
# every query of the Grafana dashboard finding data there.
#
#        wan1 10.1.0.0/24  delay 5 ms   prio 1  "fiber"
#   [gw1]---------------------------------------------[gw2]
#        wan2 10.2.0.0/24  delay 20 ms  prio 2  "lte"
#        wan3 10.3.0.0/24  delay 40 ms  prio 3  "dsl"
#   mpvpn0 10.99.0.1/30  =====================  mpvpn0 10.99.0.2/30
#   gw1: mpvpnd metrics on 127.0.0.1:9477, prometheus on 127.0.0.1:9090
. "$(dirname "$0")/../../lib/scenario.sh"
. "$(dirname "$0")/../../lib/daemon.sh"

three_links
three_links_config 2 | jq --argjson h "$SLOW_VM_HEALTH" 'del(.hooks) | .devices.mpvpn0.health += $h' >"$DAEMON_DIR/gw2.json"
three_links_config 1 | jq --argjson h "$SLOW_VM_HEALTH" 'del(.hooks) | .devices.mpvpn0.health += $h' >"$DAEMON_DIR/gw1.json"
daemon_start gw1
daemon_start gw2
daemon_wait_log gw1 'configuration applied'
wait_up gw1 mpvpn0 fiber lte dsl
wait_up gw2 mpvpn0 fiber lte dsl

scrape() { at gw1 curl -sf --max-time 10 http://127.0.0.1:9477/metrics; }
refused scrape
pass "no metrics listener unless enabled"

# Enabled with the default address, and an exec probe to show a verdict
# (every 2 s: starting a process takes hundreds of milliseconds in the
# debug VM, and a timed-out run would hold lte down).
three_links_config 1 | jq --argjson h "$SLOW_VM_HEALTH" 'del(.hooks) | .devices.mpvpn0.health += $h | .metrics = { enabled: true } |
	.devices.mpvpn0.paths.lte.probes = { ok: { type: "exec", command: ["/bin/true"],
		interval_ms: 5000, timeout_ms: 4000, success_count: 1 } }' >"$DAEMON_DIR/gw1.json"
daemon_reload gw1
daemon_wait_log gw1 'metrics on http://127.0.0.1:9477/metrics'
# Traffic for the packet counters: on the debug kernel the tunnel's own
# IPv6 chatter used to be there by now, on the stock kernel it is not.
at gw1 ping -c 3 -i 0.2 -W 2 10.99.0.2 >/dev/null
at gw1 ss -ltn | grep -q '127.0.0.1:9477 ' || fail "not listening on loopback"
pass "listening on 127.0.0.1:9477 only"
for _ in $(seq 50); do scrape | grep -q 'mpvpn_path_probe_verdict{.*probe="ok"} 1' && break; sleep 0.2; done
scrape >"$DAEMON_DIR/metrics.txt"
head -40 "$DAEMON_DIR/metrics.txt"
promtool check metrics <"$DAEMON_DIR/metrics.txt" || fail "promtool refuses the exposition"
pass "promtool check metrics"
m() { grep -F "$1" "$DAEMON_DIR/metrics.txt" | grep -v '^#' | awk '{ print $NF }'; }
assert_eq "$(m 'mpvpn_path_active{device="mpvpn0",path="fiber"}')" 1 "fiber active"
assert_eq "$(m 'mpvpn_path_state{device="mpvpn0",path="lte",state="up"}')" 1 "lte up"
assert_eq "$(m 'mpvpn_path_state{device="mpvpn0",path="lte",state="down"}')" 0 "lte not down"
assert_eq "$(m 'mpvpn_path_priority{device="mpvpn0",path="dsl"}')" 3 "dsl priority"
assert_eq "$(m 'mpvpn_device_info{device="mpvpn0",mode="failover",port="5555",tunnel_id="7"}')" 1 "device info"
assert_eq "$(m 'mpvpn_path_probe_verdict{device="mpvpn0",path="lte",probe="ok"}')" 1 "probe verdict"
assert_ge "$(m 'mpvpn_path_packets_total{device="mpvpn0",path="fiber",direction="tx"}')" 3 "fiber tx packets (3 pings at least)"
# Drops and what the receiver only notes are apart; nothing of either is
# an "error" any more.
grep -q '^mpvpn_device_dropped_packets_total{device="mpvpn0",reason="rx_not_authentic"} ' "$DAEMON_DIR/metrics.txt" ||
	fail "no drop counter for rx_not_authentic"
grep -q '^mpvpn_device_receive_events_total{device="mpvpn0",event="rx_duplicate"} ' "$DAEMON_DIR/metrics.txt" ||
	fail "no receiver note for rx_duplicate"
grep -q 'errors_total' "$DAEMON_DIR/metrics.txt" && fail "an errors_total family is left"
grep -q 'reason="rx_duplicate"' "$DAEMON_DIR/metrics.txt" && fail "rx_duplicate counted as a drop"
pass "drops apart from receiver notes"
# The daemon's own figures: its version, the reload just taken, the exec
# probe's runs.
version=$(sed -n 's/^#define MPVPN_VERSION "\(.*\)"/\1/p' "$MPVPN_REPO/kernel/version.h")
assert_eq "$(m "mpvpnd_build_info{version=\"$version\"}")" 1 "build info"
assert_eq "$(m 'mpvpnd_config_last_reload_successful')" 1 "the last reload was taken"
assert_le "$(awk -v t="$(m 'mpvpnd_config_last_reload_success_timestamp_seconds')" -v now="$(date +%s)" 'BEGIN { print now - t }')" 60 \
	"the reload's timestamp is recent (s)"
assert_ge "$(m 'mpvpnd_probe_runs_total{device="mpvpn0",path="lte",probe="ok",type="exec"}')" 1 "probe runs"
assert_eq "$(m 'mpvpnd_probe_failures_total{device="mpvpn0",path="lte",probe="ok",type="exec"}')" 0 "probe failures"
assert_eq "$(m 'mpvpnd_hook_runs_total')" 0 "no hook configured, none run"
# The kernel's history of each path: up since it came up once.
assert_ge "$(m 'mpvpn_path_state_changes_total{device="mpvpn0",path="fiber"}')" 1 "fiber changed state (down to up)"
assert_ge "$(m 'mpvpn_path_state_seconds_total{device="mpvpn0",path="fiber",state="up"}')" 0.5 "fiber has been up (s)"
rtt=$(m 'mpvpn_path_rtt_seconds{device="mpvpn0",path="lte"}')
assert_ge "$rtt" 0.02 "lte rtt (s, 2 x 20 ms netem)"
assert_le "$rtt" 1 "lte rtt (s)"

# A real Prometheus server scrapes it every second.
mkdir -p "$DAEMON_DIR/prom"
cat >"$DAEMON_DIR/prom/prometheus.yml" <<YML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: mpvpnd
    static_configs:
      - targets: ['127.0.0.1:9477']
YML
ip netns exec gw1 prometheus --config.file="$DAEMON_DIR/prom/prometheus.yml" \
	--storage.tsdb.path="$DAEMON_DIR/prom/data" --web.listen-address=127.0.0.1:9090 \
	>"$DAEMON_DIR/prom/log" 2>&1 &
SCENARIO_PIDS+=($!)
query() {	# query PROMQL: the first value of an instant query, or ""
	at gw1 curl -sf --max-time 10 --data-urlencode "query=$1" \
		http://127.0.0.1:9090/api/v1/query 2>/dev/null |
		jq -r '.data.result[0].value[1] // empty' 2>/dev/null || true
}
# wait_query PROMQL VALUE SECONDS: the query once a second until it has
# the value; prints what it had last.
wait_query() {
	local got=""
	for _ in $(seq "$3"); do
		got=$(query "$1")
		[ "$got" = "$2" ] && break
		sleep 1
	done
	echo "$got"
}
got=$(wait_query 'mpvpn_path_active{path="fiber"}' 1 120)
[ "$got" = 1 ] || { tail -20 "$DAEMON_DIR/prom/log"; fail "prometheus has no mpvpn_path_active for fiber"; }
pass "prometheus scraped the endpoint"
assert_eq "$(query 'up{job="mpvpnd"}')" 1 "prometheus sees the target up"

# Every query of the Grafana dashboard is valid PromQL, with its variables
# as Grafana fills them in for "All", and finds data, except those that
# keep only what is above 0 (drops, notes and changes: none yet). A rate
# needs two scrapes within its interval, so each query gets a few tries.
jq -r '[.panels[].targets[].expr, .annotations.list[].expr] | .[]' \
	"$MPVPN_REPO/tools/grafana/mpvpn-dashboard.json" |
	sed 's/\$device/.*/g; s/\$job/.*/g; s/\$instance/.*/g; s/\$__rate_interval/15s/g' |
while IFS= read -r expr; do
	for _ in $(seq 10); do
		answer=$(at gw1 curl -s --max-time 10 --data-urlencode "query=$expr" \
			http://127.0.0.1:9090/api/v1/query)
		[ "$(jq -r .status <<<"$answer")" = success ] ||
			fail "dashboard query refused by prometheus: $expr"
		[[ $expr == *"> 0" ]] || [ "$(jq '.data.result | length' <<<"$answer")" -gt 0 ] && break
		sleep 1
	done
	[[ $expr == *"> 0" ]] || [ "$(jq '.data.result | length' <<<"$answer")" -gt 0 ] ||
		fail "dashboard query finds no data: $expr"
done
pass "every dashboard query accepted by prometheus, and those that must find data do"
jq -e '[.templating.list[].name] | index("job") and index("instance")' \
	"$MPVPN_REPO/tools/grafana/mpvpn-dashboard.json" >/dev/null ||
	fail "the dashboard has no job or instance variable"
assert_eq "$(query 'count(mpvpnd_build_info{job="mpvpnd",instance="127.0.0.1:9477"})')" 1 \
	"the job and instance variables find the daemon"

# A failover shows in the figures.
carrier gw1 1 down
wait_field gw1 mpvpn0 lte active true 5
scrape >"$DAEMON_DIR/metrics.txt"
promtool check metrics <"$DAEMON_DIR/metrics.txt" || fail "promtool refuses the exposition after a failover"
assert_eq "$(m 'mpvpn_path_active{device="mpvpn0",path="lte"}')" 1 "lte active after the failover"
assert_eq "$(m 'mpvpn_path_state{device="mpvpn0",path="fiber",state="down"}')" 1 "fiber down"
assert_eq "$(m 'mpvpn_path_carrier{device="mpvpn0",path="fiber"}')" 0 "fiber without carrier"
assert_ge "$(m 'mpvpn_device_failovers_total{device="mpvpn0"}')" 1 "failovers counted"
changed=$(m 'mpvpn_path_last_change_timestamp_seconds{device="mpvpn0",path="fiber"}')
assert_le "$(awk -v t="$changed" -v now="$(date +%s)" 'BEGIN { print now - t }')" 30 "fiber's last change is recent (s)"
assert_ge "$(m 'mpvpn_path_state_changes_total{device="mpvpn0",path="fiber"}')" 2 "fiber's changes: up, then down"
# A file the daemon refuses shows in the figures; the tunnels stay.
echo '{ "devices": ' >"$DAEMON_DIR/gw1.json"
daemon_reload gw1
scrape >"$DAEMON_DIR/metrics.txt"
assert_eq "$(m 'mpvpnd_config_last_reload_successful')" 0 "a refused reload shows"
assert_eq "$(m 'mpvpn_device_paths{device="mpvpn0"}')" 3 "the running configuration stays"
assert_eq "$(wait_query 'mpvpn_path_active{path="lte"}' 1 60)" 1 "prometheus saw the failover"
