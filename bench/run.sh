#!/usr/bin/env bash
# Load benchmark: a fast mock upstream, the gateway jar and wrk (plus a small streaming client) on loopback, pinned to
# separate CPUs when there are at least two; prints one table (README "Performance" explains every column).
#
#   bench/run.sh                      # ~15 minutes with the defaults
#   bench/run.sh --duration 30        # longer measured runs (seconds per run; warm-ups scale with it)
#   bench/run.sh --peer-url http://127.0.0.1:4000 --peer-model fast --peer-pid 1234   # a peer side by side
#
# Flags: --duration S (per measured run, default 10), --rounds N (scenarios 1 and 2: N interleaved rounds of direct,
# bare proxy and gateway, medians in the tables; default 3), --warmup S (per-scenario warm-up, default 6), --jit-warmup
# S (longest JIT warm-up before scenario 1, default 240: pass-through load in 10-s steps until two steps cost the same
# CPU per request within 3 %, at least 120 s), --jvm-flags "..." (the JVM flags of the gateway and the bare proxy,
# default: the README's), --build (rebuild the jar), --mock-port N (default 18081), --gateway-port N
# (default 18080; the bare proxy uses +20, the JSON floor +21, the features floor +22), --peer-url URL, --peer-model M (pass-through model the
# peer routes to this mock; default fast), --peer-stream-model M (default s100x5), --peer-ensemble-model M (only if the
# peer serves one), --peer-pid PID (the peer's process, for CPU and RSS), --out FILE (raw output, default
# bench/results/last-run.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=10
ROUNDS=3
WARMUP=6
JIT_WARMUP=240
JVM_FLAGS_DEFAULT="@jvm.options" # includes -XX:SharedArchiveFile=target/archon-gateway.jsa
JVM_FLAGS="$JVM_FLAGS_DEFAULT"
BUILD=0
MOCK_PORT=18081
GW_PORT=18080
PEER_URL=""
PEER_MODEL="fast"
PEER_STREAM_MODEL="s100x5"
PEER_ENSEMBLE_MODEL=""
PEER_PID=""
OUT="bench/results/last-run.txt"
STREAM_CONCURRENCY=8
MANY_STREAMS=1000

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --jit-warmup) JIT_WARMUP="$2"; shift 2 ;;
    --jvm-flags) JVM_FLAGS="$2"; shift 2 ;;
    --build) BUILD=1; shift ;;
    --mock-port) MOCK_PORT="$2"; shift 2 ;;
    --gateway-port) GW_PORT="$2"; shift 2 ;;
    --peer-url) PEER_URL="${2%/}"; shift 2 ;;
    --peer-model) PEER_MODEL="$2"; shift 2 ;;
    --peer-stream-model) PEER_STREAM_MODEL="$2"; shift 2 ;;
    --peer-ensemble-model) PEER_ENSEMBLE_MODEL="$2"; shift 2 ;;
    --peer-pid) PEER_PID="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown flag $1 (see --help)" >&2; exit 2 ;;
  esac
done

MOCK_URL="http://127.0.0.1:$MOCK_PORT/v1/chat/completions"
GW_URL="http://127.0.0.1:$GW_PORT/v1/chat/completions"
PEER_CHAT="${PEER_URL:+$PEER_URL/v1/chat/completions}"
. bench/lib.sh

# ---------- configs the bench gateway serves ----------
mkdir -p "$TMP/configs"
ensemble_config "$TMP/configs/bench-ensemble.json" bench-ensemble d200 d200 full

# ---------- machine ----------
log "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
log "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews latencies; CPU per request is steadier)"
log "pinning: $PINNING; gateway JVM flags: $JVM_FLAGS"
log "durations: $DURATION s per measured run, $WARMUP s warm-up per scenario, JIT warm-up up to $JIT_WARMUP s; scenarios 1 and 2 in $ROUNDS interleaved rounds"

# ---------- startup with the shipped configs ----------
startup_ms() { # JVM flags [pin prefix] -> ms from launch to the "listening" line (median of 3)
  local runs=() sp start_ns
  for _ in 1 2 3; do
    rm -f "$TMP/startup.out"
    start_ns=$(date +%s%N)
    ${2-$PIN_GW} java $1 -jar "$JAR" --configs gateway-configs --port "$((GW_PORT + 10))" > "$TMP/startup.out" 2>&1 &
    sp=$!; PIDS+=("$sp")
    wait_for "$TMP/startup.out" "listening" 60
    runs+=($(( ($(date +%s%N) - start_ns) / 1000000 )))
    kill "$sp"; wait "$sp" 2>/dev/null || true
  done
  echo "$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p) (runs: ${runs[*]})"
}
STARTUP=$(startup_ms "$JVM_FLAGS")
grep -v 'SharedArchiveFile' jvm.options > "$TMP/no-cds.options"
NO_CDS_FLAGS=$(echo "$JVM_FLAGS" | sed -E "s#-XX:SharedArchiveFile=[^ ]+##; s#@jvm.options#@$TMP/no-cds.options#")
STARTUP_NO_CDS=$(startup_ms "$NO_CDS_FLAGS")
STARTUP_FREE=$(startup_ms "$JVM_FLAGS" "")
log "startup to 'listening' with gateway-configs/, ms: $STARTUP with [$JVM_FLAGS] on the gateway's CPU; $STARTUP_NO_CDS with [$NO_CDS_FLAGS] on the gateway's CPU; $STARTUP_FREE with [$JVM_FLAGS] on all CPUs"

# ---------- mock upstream, alone ----------
$PIN_LOAD java -Xss256k -XX:+UseSerialGC -cp "$JAR" bench/BenchUpstream.java "$MOCK_PORT" 1 > "$TMP/mock.out" 2>&1 &
MOCK_PID=$!; PIDS+=("$MOCK_PID")
wait_for "$TMP/mock.out" "listening" 60

# ---------- gateway ----------
VLLM_BASE_URL="http://127.0.0.1:$MOCK_PORT/v1" ARCHON_LOG_LEVEL=WARN \
  $PIN_GW java $JVM_FLAGS -jar "$JAR" --configs "$TMP/configs" --port "$GW_PORT" > "$TMP/gateway.out" 2>&1 &
GW_PID=$!; PIDS+=("$GW_PID")
wait_for "$TMP/gateway.out" "listening" 30
log "gateway pid $GW_PID, RSS at start $(rss_mib $GW_PID) MiB"
# The floor: a bare Vert.x proxy (bench/BareProxy.java) on the gateway's CPU with the gateway's flags, measured in the
# same rounds as the gateway (it idles while the gateway is measured, and the other way round).
$PIN_GW java $JVM_FLAGS -cp "$JAR" bench/BareProxy.java "$((GW_PORT + 20))" 127.0.0.1 "$MOCK_PORT" > "$TMP/bare.out" 2>&1 &
BARE_PID=$!; PIDS+=("$BARE_PID")
wait_for "$TMP/bare.out" "listening" 60
BARE_URL="http://127.0.0.1:$((GW_PORT + 20))/v1/chat/completions"
# The JSON floor (BareProxy's json mode): the same relay that also parses the body into a tree, rewrites its model and
# writes it again, and scans the reply for its usage, the least any gateway that routes by the body's model and counts
# tokens adds. Measured in scenario 1's rounds beside the bare proxy (table 1d).
$PIN_GW java $JVM_FLAGS -cp "$JAR" bench/BareProxy.java "$((GW_PORT + 21))" 127.0.0.1 "$MOCK_PORT" json > "$TMP/json.out" 2>&1 &
JSON_PID=$!; PIDS+=("$JSON_PID")
wait_for "$TMP/json.out" "listening" 60
JSON_URL="http://127.0.0.1:$((GW_PORT + 21))/v1/chat/completions"
# The features floor (BareProxy's features mode): the JSON floor plus, per request, each feature the gateway promises
# for every call (request id, key, drain and memory counts, retry context, breaker, concurrency count, timeout timer,
# the reply checked whole, Prometheus counters and timers, spend, the upstream-work headers) written the most direct
# way with the gateway's own libraries. Measured in scenario 1's rounds beside the JSON floor (table 1e).
$PIN_GW java $JVM_FLAGS -cp "$JAR" bench/BareProxy.java "$((GW_PORT + 22))" 127.0.0.1 "$MOCK_PORT" features > "$TMP/feat.out" 2>&1 &
FEAT_PID=$!; PIDS+=("$FEAT_PID")
wait_for "$TMP/feat.out" "listening" 60
FEAT_URL="http://127.0.0.1:$((GW_PORT + 22))/v1/chat/completions"

# Warm both JVMs (JIT) before measuring; the mock first, alone. The gateway runs C2 on its one core: the compiler
# threads share that core with the event loop, so the first minute of load pays for compilation (each step's CPU per
# request is printed: the warm-up curve). Warm until two 10-s steps cost the same within 3 % (at least 120 s: C2
# keeps improving the code for a while after the first plateau).
run_wrk "$MOCK_URL" "$(body fast false)" 16 "$WARMUP" >/dev/null
warm_start=$SECONDS; prev=""; curve=""
while [ $((SECONDS - warm_start)) -lt "$JIT_WARMUP" ]; do
  t0=$(cpu_ticks "$GW_PID")
  read -r wn _ <<< "$(run_wrk "$GW_URL" "$(body vLLM/fast false)" 16 10)"
  cur=$(awk -v t=$(( $(cpu_ticks "$GW_PID") - t0 )) -v k="$CLK_TCK" -v n="$wn" 'BEGIN {printf "%.3f", t * 1000 / k / n}')
  curve="$curve $cur"
  if [ -n "$prev" ] && [ $((SECONDS - warm_start)) -ge 120 ] \
    && awk -v a="$prev" -v b="$cur" 'BEGIN {d = (a - b) / b; exit !(d < 0.03 && d > -0.03)}'; then break; fi
  prev=$cur
done
log "JIT warm-up: $((SECONDS - warm_start)) s of pass-through at concurrency 16; gateway CPU ms/req per 10-s step:$curve"
run_wrk "$GW_URL" "$(body vLLM/fast false)" 128 "$WARMUP" >/dev/null
run_wrk "$BARE_URL" "$(body fast false)" 16 30 >/dev/null
run_wrk "$JSON_URL" "$(body vLLM/fast false)" 16 30 >/dev/null
run_wrk "$FEAT_URL" "$(body vLLM/fast false)" 16 30 >/dev/null

# ---------- 0. calibration: the gateway's cheapest route ----------
# CPU per request of GET /health is the floor any request pays on this machine (HTTP parsing, routing, a tiny
# reply); a loaded or throttled machine inflates it, and with it every CPU figure below.
$PIN_LOAD wrk -t1 -c16 -d"$WARMUP"s "http://127.0.0.1:$GW_PORT/health" >/dev/null
t0=$(cpu_ticks "$GW_PID")
HEALTH_N=$($PIN_LOAD wrk -t1 -c16 -d"$DURATION"s "http://127.0.0.1:$GW_PORT/health" | awk '/requests in/ {print $1}')
HEALTH_CPU=$(awk -v t=$(( $(cpu_ticks "$GW_PID") - t0 )) -v k="$CLK_TCK" -v n="$HEALTH_N" 'BEGIN {printf "%.3f", t * 1000 / k / n}')
echo "raw health c=16: $HEALTH_N requests, gateway CPU $HEALTH_CPU ms/req"

# Scenarios 1 and 2 run in interleaved rounds (direct, bare proxy, gateway, then again), because this machine's speed
# drifts by tens of percent within minutes: a ratio of two runs taken minutes apart measures the drift as much as the
# gateway. The tables give each column's median over the rounds; tables 1c and 2 every round against the targets.
# measure FILE "LABEL" PID COMMAND...: runs the command and appends "LABEL <its output> <CPU ticks of PID or ->".
measure() {
  local file=$1 label=$2 pid=$3 t0="" u0="" out ticks="-" user="-"
  shift 3
  [ -n "$pid" ] && { t0=$(cpu_ticks "$pid"); u0=$(user_ticks "$pid"); }
  out=$("$@")
  [ -n "$pid" ] && { ticks=$(( $(cpu_ticks "$pid") - t0 )); user=$(( $(user_ticks "$pid") - u0 )); }
  echo "$label $out $ticks $user" >> "$file"
  echo "raw [$label]: $out cpu_ticks=$ticks user_ticks=$user"
}
# one_round FILE "LABEL PREFIX" ROUND MODEL PEER_MODEL STREAM RUNNER ARGS...: one run each of direct (MODEL), bare
# proxy (MODEL), the JSON and features floors (vLLM/MODEL, non-streaming only), gateway (vLLM/MODEL) and peer (PEER_MODEL); the
# runner gets URL and body, then ARGS
one_round() {
  local file=$1 pre=$2 r=$3 m=$4 pm=$5 st=$6 run=$7
  shift 7
  measure "$file" "${pre}direct $r" "" "$run" "$MOCK_URL" "$(body "$m" "$st")" "$@"
  measure "$file" "${pre}bare $r" "$BARE_PID" "$run" "$BARE_URL" "$(body "$m" "$st")" "$@"
  if [ "$st" = false ]; then
    measure "$file" "${pre}json $r" "$JSON_PID" "$run" "$JSON_URL" "$(body "vLLM/$m" "$st")" "$@"
    measure "$file" "${pre}feat $r" "$FEAT_PID" "$run" "$FEAT_URL" "$(body "vLLM/$m" "$st")" "$@"
  fi
  measure "$file" "${pre}gw $r" "$GW_PID" "$run" "$GW_URL" "$(body "vLLM/$m" "$st")" "$@"
  if [ -n "$PEER_URL" ]; then measure "$file" "${pre}peer $r" "$PEER_PID" "$run" "$PEER_CHAT" "$(body "$pm" "$st")" "$@"; fi
}
# an awk function: the median of a[1..k] (sorts a)
AWK_MED='function med(a, k,   i, j, x) {
  for (i = 2; i <= k; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
  return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}'

# ---------- 1. pass-through, non-streaming, upstream 0 ms: direct, bare proxy, gateway (and peer) ----------
S1="$TMP/s1.txt" # conc target round | requests seconds p50 p99 mean errors | cpu_ticks
for c in 1 16 128; do
  for r in $(seq "$ROUNDS"); do one_round "$S1" "$c " "$r" fast "$PEER_MODEL" false run_wrk "$c" "$DURATION"; done
done
RSS1=$(rss_mib "$GW_PID")
kill "$JSON_PID" "$FEAT_PID"; wait "$JSON_PID" "$FEAT_PID" 2>/dev/null || true
median1() { # conc target -> "req/s p50 p99 mean errors cpu_ms_per_req": medians over the rounds, errors summed
  awk -v c="$1" -v t="$2" -v mpt="$ms_per_tick" "$AWK_MED"'
    $1 == c && $2 == t { n++; rps[n] = $4 / $5; p50[n] = $6; p99[n] = $7; mean[n] = $8; e += $9; cpu[n] = ($10 == "-" ? -1 : $10 * mpt / $4)
      usr[n] = ($11 == "-" ? -1 : $11 * mpt / $4) }
    END { printf "%.1f %.3f %.3f %.3f %d %.4f %.4f\n", med(rps, n), med(p50, n), med(p99, n), med(mean, n), e, med(cpu, n), med(usr, n) }' "$S1"
}
declare -A R
for c in 1 16 128; do
  for t in direct bare json feat gw ${PEER_URL:+peer}; do R[$t,$c]=$(median1 "$c" "$t"); done
done

# ---------- 2. pass-through, streaming, 100 chunks 5 ms apart: direct, bare proxy (chunk by chunk), gateway ----------
S2="$TMP/s2.txt" # target round | streams errors ttfb50 ttfb99 total50 total99 | cpu_ticks
run_stream "$BARE_URL" "$(body s100x5 true)" "$STREAM_CONCURRENCY" "$WARMUP" >/dev/null
run_stream "$GW_URL" "$(body vLLM/s100x5 true)" "$STREAM_CONCURRENCY" "$WARMUP" >/dev/null
for r in $(seq "$ROUNDS"); do
  one_round "$S2" "" "$r" s100x5 "$PEER_STREAM_MODEL" true run_stream "$STREAM_CONCURRENCY" "$DURATION"
done
kill "$BARE_PID"; wait "$BARE_PID" 2>/dev/null || true
median2() { # target -> "streams errors ttfb50 ttfb99 total50 total99 cpu_ms_per_stream": medians, streams and errors summed
  awk -v t="$1" -v mpt="$ms_per_tick" "$AWK_MED"'
    $1 == t { n++; s += $3; e += $4; a[n] = $5; b[n] = $6; c[n] = $7; d[n] = $8; cpu[n] = ($9 == "-" ? -1 : $9 * mpt / $3) }
    END { printf "%d %d %.3f %.3f %.3f %.3f %.3f\n", s, e, med(a, n), med(b, n), med(c, n), med(d, n), med(cpu, n) }' "$S2"
}
S_DIRECT=$(median2 direct); S_BARE=$(median2 bare); S_GW=$(median2 gw)
[ -n "$PEER_URL" ] && S_PEER=$(median2 peer)
RSS2=$(rss_mib "$GW_PID")
HEAP2=$(heap_after_gc_mib "$GW_PID")
RSS2GC=$(rss_mib "$GW_PID")

# ---------- 3. ensemble: 10 generators -> critic -> 10 fusers -> ranker top 5 -> fuser, 200 ms upstream ----------
TRACE=$(curl -s "$GW_URL" -H 'content-type: application/json' -H 'x-archon-trace: 1' -d "$(body bench-ensemble false)")
CALLS=$(echo "$TRACE" | grep -oE '"upstream_calls":[0-9]+' | cut -d: -f2)
NOTES=$(echo "$TRACE" | grep -oE '"note":"[^"]*"' | sort | uniq -c | xargs || true)
echo "raw ensemble trace: upstream_calls=$CALLS notes: ${NOTES:-none}"
# The ensemble path (prompts, parsers, the pipeline) has its own JIT warm-up at concurrency 100, until two 10-s steps
# in a row in which the JIT compilers used at most 5 % of the gateway's CPU (30 s at least, the --jit-warmup cap at most): a fixed
# 30 s left C2 compiling through the measured runs, so their CPU per call measured the compiler as much as the calls.
echo "# ensemble JIT warm-up at concurrency 100: $(jit_quiet "$GW_PID" "$GW_URL" "$(body bench-ensemble false)" 100 30 "$JIT_WARMUP")"
sleep 3 # requests cut off by the warm-up's end still finish their current layer
# ... and leave work behind (their calls reset, pool connections re-made): a settling window at concurrency 1 keeps it
# out of the concurrency-1 figures
run_wrk "$GW_URL" "$(body bench-ensemble false)" 1 10 >/dev/null
# Four runs: concurrency 1; concurrency 100 with the 100 first requests spread over one critical path (1000 ms), the
# arrival pattern of 100 clients in steady state; and concurrency 100 with all 100 sent in the same millisecond (a
# burst: 1,000 generator calls leave at once and the layers stay in step), twice. The spread run ends with wrk cutting
# the requests in flight, and cancelling an HTTP/1.1 call closes its upstream connection, so the first burst (4 s,
# "100cold") opens ~500 connections to the mock at once in its first wave (the gateway's side of that took ~5 ms of
# CPU in a profile; the mock accepts them on the CPU it shares with wrk). The second (the target's, "100burst") starts
# from the pool the first one left, so its tail is the waves' own work (docs/performance.md, round 22).
declare -A E
for run in 1 100 100cold 100burst; do
  c=${run//[a-z]/}; ramp=$([ "$run" = 100 ] && echo 1000 || echo 0)
  secs=$([ "$run" = 100cold ] && echo 4 || echo $((DURATION + 4)))
  m0=$(curl -s "http://127.0.0.1:$MOCK_PORT/stats" | grep -oE '[0-9]+')
  t0=$(cpu_ticks "$GW_PID"); gc0=$(gc_counts "$GW_PID")
  E[gw,$run]=$(run_wrk "$GW_URL" "$(body bench-ensemble false)" "$c" "$secs" "$ramp")
  E[gwcpu,$run]=$(( $(cpu_ticks "$GW_PID") - t0 ))
  # the run's own collections: a p99 above the rest of the run is often one pause that all requests in flight wait
  E[gc,$run]=$(gc_since "$gc0" "$GW_PID")
  sleep 3 # let requests still in flight when wrk stopped reach the mock's counter
  E[calls,$run]=$(( $(curl -s "http://127.0.0.1:$MOCK_PORT/stats" | grep -oE '[0-9]+') - m0 ))
  if [ -n "$PEER_URL" ] && [ -n "$PEER_ENSEMBLE_MODEL" ]; then
    E[peer,$run]=$(run_wrk "$PEER_CHAT" "$(body "$PEER_ENSEMBLE_MODEL" false)" "$c" "$secs" "$ramp")
  fi
  echo "raw ensemble $run gateway: ${E[gw,$run]} cpu_ticks=${E[gwcpu,$run]} mock_calls=${E[calls,$run]} gc(young / full (s))=${E[gc,$run]}${E[peer,$run]:+ | peer: ${E[peer,$run]}}"
done
RSS3=$(rss_mib "$GW_PID")
# The mock alone under what the ensemble at concurrency 100 asks of it: about 1,000 concurrent 200-ms calls (each
# connection's first call spread over 200 ms, as they arrive from the gateway in steady state)
E[mock]=$(run_wrk "$MOCK_URL" "$(body d200 false)" 1000 "$DURATION" 200)
echo "raw mock alone, 1000 concurrent d200 calls: ${E[mock]}"

# ---------- 4b. many concurrent streams ----------
MANY=$(run_stream "$GW_URL" "$(body vLLM/s20x50 true)" "$MANY_STREAMS" "$DURATION")
echo "raw $MANY_STREAMS streams (20 chunks 50 ms apart) through the gateway: $MANY"
RSS4=$(rss_mib "$GW_PID")
HEAP4=$(heap_after_gc_mib "$GW_PID")

# ---------- the table ----------
echo
echo "## 0. calibration: GET /health at concurrency 16 costs the gateway $HEALTH_CPU ms CPU per request on this machine"
# table_head TITLE HEADER: a blank line, the title and a markdown header with its separator row
table_head() { printf '\n## %s\n%s\n' "$1" "$2"; awk -F'|' '{s = "|"; for (i = 2; i < NF; i++) s = s "---|"; print s}' <<< "$2"; }
# medians_of CONC: the medians of scenario 1 at CONC, direct (dn d50 d99), bare proxy (bn b50 b99 bcpu), gateway (gn
# g50 g99 ge gcpu)
medians_of() {
  read -r dn d50 d99 _ _ _ <<< "${R[direct,$1]}"
  read -r bn b50 b99 _ _ bcpu busr <<< "${R[bare,$1]}"
  read -r gn g50 g99 _ ge gcpu gusr <<< "${R[gw,$1]}"
}
table_head "1. pass-through, non-streaming, upstream 0 ms (wrk; ms; medians of $ROUNDS interleaved rounds)" \
  "| conc | direct req/s | gateway req/s | gw/direct | direct p50 | gw p50 | added p50 | direct p99 | gw p99 | added p99 | gw CPU ms/req |${PEER_URL:+ peer req/s | peer p50 | peer p99 | peer CPU ms/req |}"
for c in 1 16 128; do
  medians_of "$c"
  row=$(awk -v dn="$dn" -v gn="$gn" -v d50="$d50" -v g50="$g50" -v d99="$d99" -v g99="$g99" \
    -v cpu="$gcpu" -v c="$c" -v ge="$ge" 'BEGIN {
      printf "| %d | %.0f | %.0f%s | %.2f | %.3f | %.3f | %+.3f | %.3f | %.3f | %+.3f | %.3f |", c, dn, gn,
        (ge > 0 ? " (" ge " errors)" : ""), gn / dn, d50, g50, g50 - d50, d99, g99, g99 - d99, cpu }')
  if [ -n "$PEER_URL" ]; then
    read -r pn p50 p99 _ _ pcpu <<< "${R[peer,$c]}"
    row+=$(awk -v pn="$pn" -v p50="$p50" -v p99="$p99" -v cpu="$pcpu" 'BEGIN {
      printf " %.0f | %.3f | %.3f | %s |", pn, p50, p99, (cpu < 0 ? "n/a" : sprintf("%.3f", cpu)) }')
  fi
  echo "$row"
done
table_head "1b. the floor: bench/BareProxy.java (25 lines of Vert.x: body in, POST upstream, reply out) on the gateway's CPU, same flags (medians of $ROUNDS rounds)" \
  "| conc | bare req/s | gateway req/s | gw/bare | bare/direct | bare p50 | gw p50 | bare p99 | gw p99 | bare CPU ms/req | gw CPU ms/req | bare user / kernel ms/req | gw user / kernel ms/req |"
for c in 1 16 128; do
  medians_of "$c"
  awk -v c=$c -v dn="$dn" -v bn="$bn" -v gn="$gn" -v b50="$b50" -v g50="$g50" -v b99="$b99" -v g99="$g99" \
    -v bcpu="$bcpu" -v gcpu="$gcpu" -v busr="$busr" -v gusr="$gusr" 'BEGIN {
      printf "| %d | %.0f | %.0f | %.2f | %.2f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f / %.3f | %.3f / %.3f |\n", c, bn, gn,
        gn / bn, bn / dn, b50, g50, b99, g99, bcpu, gcpu, busr, bcpu - busr, gusr, gcpu - gusr }'
done
# floor_table KEY NAME "TITLE": a floor measured in scenario 1's rounds (R[KEY,c]) beside the bare proxy and the gateway
floor_table() {
  table_head "$3" "| conc | bare req/s | $2 req/s | gateway req/s | $2 / bare | gw / $2 | gw / bare | bare CPU ms/req | $2 CPU ms/req | gw CPU ms/req | $2 user / kernel ms/req | gw user / kernel ms/req |"
  local c fn fcpu fusr
  for c in 1 16 128; do
    medians_of "$c"
    read -r fn _ _ _ _ fcpu fusr <<< "${R[$1,$c]}"
    awk -v c=$c -v bn="$bn" -v fn="$fn" -v gn="$gn" -v bcpu="$bcpu" -v fcpu="$fcpu" -v gcpu="$gcpu" -v fusr="$fusr" \
      -v gusr="$gusr" 'BEGIN {
      printf "| %d | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f | %.3f | %.3f | %.3f | %.3f / %.3f | %.3f / %.3f |\n", c, bn, fn, gn,
        fn / bn, gn / fn, gn / bn, bcpu, fcpu, gcpu, fusr, fcpu - fusr, gusr, gcpu - gusr }'
  done
}
floor_table json "JSON floor" "1d. the JSON floor: bench/BareProxy.java json (the bare proxy plus a Jackson tree of the body, its model rewritten, and the reply's usage read) on the gateway's CPU (medians of $ROUNDS rounds)"
floor_table feat "features floor" "1e. the features floor: bench/BareProxy.java features (the JSON floor plus each per-request feature the gateway promises, done directly with its libraries) on the gateway's CPU (medians of $ROUNDS rounds); gw / features floor is what the gateway's own structure costs beyond its features"
# Why the kernel column differs at c=16 (docs/performance.md, round 12): on loopback a write delivers the segment and
# wakes the reader in the writer's system call, and waking a peer that sleeps on the other CPU is the costly part; the
# slower server leaves wrk and the mock idle more often, so it pays for more wake-ups per request.
echo
echo "## 1c. round by round: the pass-through targets, for the gateway and for the bare proxy (the floor)"
echo "| conc | round | direct req/s | bare/direct | gw/direct | bare added p50 | gw added p50 | bare added p99 | gw added p99 | bare CPU ms/req | gw CPU ms/req |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
awk -v mpt="$ms_per_tick" -v rounds="$ROUNDS" '
  { k = $1 SUBSEP $3; rps[k, $2] = $4 / $5; p50[k, $2] = $6; p99[k, $2] = $7; cpu[k, $2] = ($10 == "-" ? 0 : $10 * mpt / $4) }
  END {
    for (ci = 1; ci <= 2; ci++) {
      c = ci == 1 ? 1 : 16
      for (r = 1; r <= rounds; r++) {
        k = c SUBSEP r
        bd = rps[k, "bare"] / rps[k, "direct"]; gd = rps[k, "gw"] / rps[k, "direct"]
        b50 = p50[k, "bare"] - p50[k, "direct"]; g50 = p50[k, "gw"] - p50[k, "direct"]
        b99 = p99[k, "bare"] - p99[k, "direct"]; g99 = p99[k, "gw"] - p99[k, "direct"]
        printf "| %d | %d | %.0f | %.2f | %.2f | %+.3f | %+.3f | %+.3f | %+.3f | %.3f | %.3f |\n", c, r, rps[k, "direct"],
          bd, gd, b50, g50, b99, g99, cpu[k, "bare"], cpu[k, "gw"]
        if (c == 16) { bt += bd >= 0.8; gt += gd >= 0.8; bc += cpu[k, "bare"] <= 0.1; gc += cpu[k, "gw"] <= 0.1 }
        else { bp50 += b50 <= 0.2; gp50 += g50 <= 0.2; bp99 += b99 <= 1; gp99 += g99 <= 1 }
      }
    }
    printf "\nrounds of %d meeting each pass-through target, gateway / bare proxy: throughput >= 0.8 x direct at c=16: %d / %d; CPU <= 0.10 ms/req at c=16: %d / %d; added p50 <= 0.2 ms at c=1: %d / %d; added p99 <= 1 ms at c=1: %d / %d\n",
      rounds, gt, bt, gc, bc, gp50, bp50, gp99, bp99
    # the c=16 guard by round against both floors: does the relay hold the ratio down, or the features, or the rest
    for (r = 1; r <= rounds; r++) {
      k = 16 SUBSEP r
      line = line sprintf("%s%.2f / %.2f / %.2f", r > 1 ? ", " : "", rps[k, "gw"] / rps[k, "bare"],
        rps[k, "feat"] / rps[k, "bare"], rps[k, "gw"] / rps[k, "feat"])
    }
    printf "c=16 by round, gateway / bare relay, features floor / bare relay, gateway / features floor: %s\n", line
  }' "$S1"
echo
echo "## 2. pass-through, streaming, 100 chunks 5 ms apart ($STREAM_CONCURRENCY concurrent streams; ms; medians of $ROUNDS interleaved rounds)"
echo "| target | streams | errors | TTFB p50 | TTFB p99 | total p50 | total p99 | CPU ms/stream |"
echo "|---|---|---|---|---|---|---|---|"
read -r sn se st50 st99 sT50 sT99 _ <<< "$S_DIRECT"; echo "| direct (mock) | $sn | $se | $st50 | $st99 | $sT50 | $sT99 | |"
read -r bn be bt50 bt99 bT50 bT99 bcpu <<< "$S_BARE"
echo "| bare Vert.x proxy (floor) | $bn | $be | $bt50 | $bt99 | $bT50 | $bT99 | $bcpu |"
read -r gn ge gt50 gt99 gT50 gT99 gcpu <<< "$S_GW"
echo "| gateway | $gn | $ge | $gt50 | $gt99 | $gT50 | $gT99 | $gcpu |"
echo "| added | | | $(awk -v a=$gt50 -v b=$st50 'BEGIN {printf "%+.3f", a - b}') | $(awk -v a=$gt99 -v b=$st99 'BEGIN {printf "%+.3f", a - b}') | $(awk -v a=$gT50 -v b=$sT50 'BEGIN {printf "%+.3f", a - b}') | $(awk -v a=$gT99 -v b=$sT99 'BEGIN {printf "%+.3f", a - b}') | |"
echo "| added by the bare proxy | | | $(awk -v a=$bt50 -v b=$st50 'BEGIN {printf "%+.3f", a - b}') | $(awk -v a=$bt99 -v b=$st99 'BEGIN {printf "%+.3f", a - b}') | | | |"
if [ -n "$PEER_URL" ]; then read -r pn pe pt50 pt99 pT50 pT99 _ <<< "$S_PEER"; echo "| peer | $pn | $pe | $pt50 | $pt99 | $pT50 | $pT99 | |"; fi
awk -v rounds="$ROUNDS" '{ t50[$1, $2] = $5 }
  END {
    for (r = 1; r <= rounds; r++) {
      b = t50["bare", r] - t50["direct", r]; g = t50["gw", r] - t50["direct", r]
      line = line sprintf("%s%+.3f / %+.3f", r > 1 ? ", " : "", g, b); gm += g <= 1; bm += b <= 1
    }
    printf "\nadded TTFB p50 by round, gateway / bare proxy: %s ms; rounds of %d meeting <= 1 ms: %d / %d\n", line, rounds, gm, bm
  }' "$S2"
echo
echo "## 3. ensemble 10 gen -> critic -> 10 fusers -> ranker top 5 -> fuser, upstream 200 ms (critical path 1000 ms)"
echo "| conc | first requests | requests | errors | p50 ms | p99 ms | mean ms | p50 / path | p99 / path | mean / path | upstream calls/req (mock count, incl. requests cut at the end) | gw CPU ms/req | gw CPU ms/upstream call | gw GCs young / full (GC s) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for run in 1 100 100cold 100burst; do
  start=$(case $run in 1) echo "-";; 100) echo "spread over 1 s";; 100cold) echo "all at once, 4 s, right after the spread run's cut";;
    *) echo "all at once, after the 4-s burst";; esac)
  read -r n d p50 p99 mean e <<< "${E[gw,$run]}"
  awk -v c=${run//[a-z]/} -v start="$start" -v n=$n -v e=$e -v p50=$p50 -v p99=$p99 -v mean=$mean -v calls=${E[calls,$run]} \
    -v t=${E[gwcpu,$run]} -v m=$ms_per_tick -v gc="${E[gc,$run]}" 'BEGIN {
    printf "| %d | %s | %d | %d | %.1f | %.1f | %.1f | %.3f | %.3f | %.3f | %.1f | %.3f | %.3f | %s |\n", c, start, n, e, p50, p99,
      mean, p50 / 1000, p99 / 1000, mean / 1000, calls / n, t * m / n, t * m / calls, gc }'
  if [ -n "${E[peer,$run]:-}" ]; then
    read -r n d p50 p99 mean e <<< "${E[peer,$run]}"; echo "| peer ${run//[a-z]/} | $start | $n | $e | $p50 | $p99 | $mean | | | | | | | |"
  fi
done
read -r n d p50 p99 mean e <<< "${E[mock]}"
echo "| mock alone, 1000 concurrent 200-ms calls | spread over 200 ms | $n | $e | $p50 | $p99 | $mean | | | | | | | |"
echo "(trace of one request: upstream_calls=$CALLS; component notes: ${NOTES:-none})"
echo
echo "## 4. gateway memory and startup"
echo "| measure | value |"
echo "|---|---|"
echo "| RSS after scenario 1 (non-streaming) | $RSS1 MiB |"
echo "| RSS after scenario 2 (streaming) | $RSS2 MiB |"
echo "| heap after GC, after scenario 2 | $HEAP2 MiB (RSS after that GC: $RSS2GC MiB) |"
echo "| RSS after scenario 3 (ensembles) | $RSS3 MiB |"
read -r mn me _ <<< "$MANY"
echo "| $MANY_STREAMS concurrent streams (20 chunks 50 ms apart) | $mn streams, $me errors; RSS after $RSS4 MiB, heap after GC $HEAP4 MiB |"
echo "| startup to 'listening', shipped configs (median of 3), gateway flags, on the gateway's CPU | $STARTUP ms |"
echo "| same without the AppCDS archive | $STARTUP_NO_CDS ms |"
echo "| same with the AppCDS archive, not pinned (all CPUs) | $STARTUP_FREE ms |"
echo
log "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---------- 5. the ensemble scenarios: bench/scenarios.sh with its own mock and gateway (the ones above stop first) ----------
# ARCHON_BENCH_SCENARIOS: which (comma-separated, as its --only), or none; default all three, ~7 minutes more.
if [ "${ARCHON_BENCH_SCENARIOS:-}" != none ]; then
  kill "$GW_PID" "$MOCK_PID"; wait "$GW_PID" "$MOCK_PID" 2>/dev/null || true
  bench/scenarios.sh ${ARCHON_BENCH_SCENARIOS:+--only "$ARCHON_BENCH_SCENARIOS"} --jvm-flags "$JVM_FLAGS" \
    --duration "$DURATION" --mock-port "$((MOCK_PORT + 100))" --gateway-port "$((GW_PORT + 100))" --out "${OUT%.txt}-scenarios.txt"
fi
