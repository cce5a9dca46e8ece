#!/usr/bin/env bash
# The ensemble scenarios of issue 22, each runnable on its own (docs/performance.md "Ensemble scenarios" explains every
# column): the bench's mock upstream, the gateway jar and wrk or the stream client on loopback, the gateway pinned to
# CPU 1 and the load to CPU 0 as in bench/run.sh, which runs this script at its end.
#
#   bench/scenarios.sh                                  # all three, ~7 minutes
#   bench/scenarios.sh --only thousand                  # 1,000 concurrent 23-call ensembles, 2,000 ms per call
#   bench/scenarios.sh --only saturation                # 10 generators -> fuser, concurrency stepped up to saturation
#   bench/scenarios.sh --only stream-ensemble           # final layer's first upstream token -> client's first byte
#
# Flags: --only LIST (comma-separated: thousand, saturation, stream-ensemble; default all), --duration S (per
# saturation step and per stream run, default 10), --thousand-seconds S (default 40: four 10-s critical paths, the
# first requests spread over the first), --steps "C ..." (saturation concurrencies, default "50 100 200 400 500 600 800
# 1200 1600"; stops after the first step whose gateway p50 passes 1.5 x the critical path: past the 1.1 x line, so
# that one noisy step does not end the curve), --stream-concurrency N (default 8),
# --max-concurrency N (the bench provider's rate_limit.max_concurrency, which also sizes its connection pool; default
# 12000, since the default 2,048 caps the calls in flight below what 1,000 ensembles ask), --jvm-flags "..." (default
# @jvm.options), --thousand-jvm-flags "..." (the thousand scenario's gateway, default @jvm-g1.options: the flags the
# README gives for many long ensembles; it runs first, in a gateway of its own), --jit-warmup S (before the
# saturation steps, each JVM at concurrency 400 until its JIT compilers use <= 5 % of its CPU in two 10-s steps in a
# row, at most S seconds; default 300), --build, --mock-port N (default 18181),
# --gateway-port N (default 18180; the bare proxy uses +20 and +21), --out FILE (raw output, default
# bench/results/last-scenarios.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

ONLY="thousand,saturation,stream-ensemble"
DURATION=10
THOUSAND_SECONDS=40
STEPS="50 100 200 400 500 600 800 1200 1600"
STREAM_CONCURRENCY=8
MAX_CONCURRENCY=12000
JVM_FLAGS="@jvm.options"
THOUSAND_JVM_FLAGS="@jvm-g1.options"
JIT_WARMUP=300
BUILD=0
MOCK_PORT=18181
GW_PORT=18180
OUT="bench/results/last-scenarios.txt"
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --thousand-seconds) THOUSAND_SECONDS="$2"; shift 2 ;;
    --steps) STEPS="$2"; shift 2 ;;
    --stream-concurrency) STREAM_CONCURRENCY="$2"; shift 2 ;;
    --max-concurrency) MAX_CONCURRENCY="$2"; shift 2 ;;
    --jvm-flags) JVM_FLAGS="$2"; shift 2 ;;
    --thousand-jvm-flags) THOUSAND_JVM_FLAGS="$2"; shift 2 ;;
    --jit-warmup) JIT_WARMUP="$2"; shift 2 ;;
    --build) BUILD=1; shift ;;
    --mock-port) MOCK_PORT="$2"; shift 2 ;;
    --gateway-port) GW_PORT="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown flag $1 (see --help)" >&2; exit 2 ;;
  esac
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

MOCK_URL="http://127.0.0.1:$MOCK_PORT/v1/chat/completions"
GW_URL="http://127.0.0.1:$GW_PORT/v1/chat/completions"
. bench/lib.sh

# 1,000 ensembles keep ~10,000 upstream calls in flight: as many sockets in the gateway (its pool may hold
# max_concurrency + 1/8) and in the mock, plus 1,000 inbound. The JVMs raise their own soft limit; wrk does not.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NEED_FDS=$((MAX_CONCURRENCY + MAX_CONCURRENCY / 8 + 1100))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$NEED_FDS" ]; then
  log "warning: descriptor limit $(ulimit -n) is below the $NEED_FDS the gateway's pool may need (ulimit -Hn to raise it)"
fi

mkdir -p "$TMP/configs"
ensemble_config "$TMP/configs/warm.json" warm d200 d200 full
ensemble_config "$TMP/configs/thousand.json" thousand d2000 d2000 full
ensemble_config "$TMP/configs/fan.json" fan d200 d200 fan
ensemble_config "$TMP/configs/stream-ensemble.json" stream-ensemble d200 t20x5 full
printf '{"providers": {"vLLM": {"rate_limit": {"max_concurrency": %d}}}}\n' "$MAX_CONCURRENCY" > "$TMP/settings.json"

log "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg); pinning: $PINNING; gateway JVM flags: $JVM_FLAGS (thousand: $THOUSAND_JVM_FLAGS)"
log "scenarios: $ONLY; descriptor limit $(ulimit -n); bench provider vLLM: rate_limit.max_concurrency $MAX_CONCURRENCY"

# ---------- mock upstream and gateway ----------
$PIN_LOAD java -Xss256k -XX:+UseSerialGC -cp "$JAR" bench/BenchUpstream.java "$MOCK_PORT" 1 > "$TMP/mock.out" 2>&1 &
MOCK_PID=$!; PIDS+=("$MOCK_PID")
wait_for "$TMP/mock.out" "listening" 60
mock_count() { curl -s "http://127.0.0.1:$MOCK_PORT/stats" | grep -oE '[0-9]+'; }
start_bare() { # FANOUT PORT: bench/BareProxy.java on the gateway's CPU with its flags; sets BARE_PID
  $PIN_GW java $JVM_FLAGS -cp "$JAR" bench/BareProxy.java "$2" 127.0.0.1 "$MOCK_PORT" "$1" > "$TMP/bare$2.out" 2>&1 &
  BARE_PID=$!; PIDS+=("$BARE_PID")
  wait_for "$TMP/bare$2.out" "listening" 60
}
stop() { kill "$1"; wait "$1" 2>/dev/null || true; }

start_gateway() { # FLAGS: the gateway with those JVM flags, its ensemble path warmed up; sets GW_PID
  # Emptied here, not by the launch's redirect: that runs in the background child, and wait_for could first read the
  # previous gateway's "listening".
  : > "$TMP/gateway.out"
  VLLM_BASE_URL="http://127.0.0.1:$MOCK_PORT/v1" ARCHON_LOG_LEVEL=WARN $PIN_GW java $1 \
    -jar "$JAR" --configs "$TMP/configs" --settings "$TMP/settings.json" --port "$GW_PORT" > "$TMP/gateway.out" 2>&1 &
  GW_PID=$!; PIDS+=("$GW_PID")
  wait_for "$TMP/gateway.out" "listening" 60
  log "gateway pid $GW_PID ($1), RSS at start $(rss_mib "$GW_PID") MiB"
  # The ensemble path has a JIT warm-up of its own, 30 s at concurrency 100 (the saturation steps get a longer one
  # below); the 23-call architecture at 200 ms per call, first requests spread over its critical path.
  run_wrk "$GW_URL" "$(body warm false)" 100 30 1000 >/dev/null
  sleep 3
}

# ---------- 1. 1,000 concurrent ensembles ----------
if wants thousand; then
  start_gateway "$THOUSAND_JVM_FLAGS"
  # RSS and descriptors of the gateway, sampled every 0.5 s on the load's CPU; the maxima go to $TMP/peak
  ( rss=0 fds=0
    while kill -0 "$GW_PID" 2>/dev/null; do
      r=$(rss_mib "$GW_PID"); n=$(find "/proc/$GW_PID/fd" -mindepth 1 -maxdepth 1 | wc -l)
      [ "$r" -gt "$rss" ] && rss=$r; [ "$n" -gt "$fds" ] && fds=$n
      echo "$rss $fds" > "$TMP/peak"; sleep 0.5
    done ) &
  SAMPLER=$!; PIDS+=("$SAMPLER")
  [ -n "$PIN_LOAD" ] && taskset -pc 0 "$SAMPLER" >/dev/null
  read -r y0 f0 g0 <<< "$(gc_counts "$GW_PID")"
  curl -s "http://127.0.0.1:$MOCK_PORT/inflight/reset" >/dev/null
  m0=$(mock_count); t0=$(cpu_ticks "$GW_PID"); s0=$SECONDS; l0=$(wc -l < "$TMP/gateway.out")
  T1=$(run_wrk "$GW_URL" "$(body thousand false)" 1000 "$THOUSAND_SECONDS" 10000)
  T1_CALLS=$(( $(mock_count) - m0 )); T1_TICKS=$(( $(cpu_ticks "$GW_PID") - t0 ))
  read -r y1 f1 g1 <<< "$(gc_counts "$GW_PID")"
  T1_INFLIGHT=$(curl -s "http://127.0.0.1:$MOCK_PORT/inflight" | grep -oE '"max_in_flight":[0-9]+' | cut -d: -f2)
  stop "$SAMPLER"; read -r T1_RSS T1_FDS < "$TMP/peak"
  T1_GC="$((y1 - y0)) $((f1 - f0)) $(awk -v a="$g0" -v b="$g1" 'BEGIN {printf "%.3f", b - a}')"
  echo "raw thousand: wrk $T1 | mock_calls=$T1_CALLS cpu_ticks=$T1_TICKS max_in_flight=$T1_INFLIGHT rss_max=$T1_RSS fds_max=$T1_FDS gc(young full seconds)=$T1_GC wall=$((SECONDS - s0))s"
  # what failed, as the gateway logged it (one WARN line per failed request; the first cause named)
  tail -n +"$((l0 + 1))" "$TMP/gateway.out" | grep -oE 'failed with [0-9]+: [^;"]*' | sort | uniq -c | sort -rn | head -5 \
    | sed 's/^ */raw thousand, gateway failures: /' || true
  sleep 12 # the requests wrk cut off end (their calls are cancelled or answered) before the gateway stops
  stop "$GW_PID"
fi
if wants saturation || wants stream-ensemble; then start_gateway "$JVM_FLAGS"; fi

# ---------- 2. saturation: 10 generators -> fuser, 200 ms per call, concurrency stepped up ----------
if wants saturation; then
  start_bare 10 "$((GW_PORT + 20))"
  BARE_URL="http://127.0.0.1:$((GW_PORT + 20))/v1/chat/completions"
  # Steady state, not compilation: at concurrency 400 a 30-s warm-up still left C2 with half the gateway's CPU, so
  # each JVM is loaded until two 10-s steps in a row in which its JIT compilers used <= 5 % of its CPU (bench/lib.sh jit_quiet)
  log "saturation JIT warm-up, bare fan-out at concurrency 400: $(jit_quiet "$BARE_PID" "$BARE_URL" "$(body d200 false)" 400 30 "$JIT_WARMUP")"
  log "saturation JIT warm-up, gateway at concurrency 400: $(jit_quiet "$GW_PID" "$GW_URL" "$(body fan false)" 400 60 "$JIT_WARMUP")"
  sleep 2
  S2="$TMP/saturation.txt" # target conc | requests seconds p50 p99 mean errors | mock_calls cpu_ticks
  for c in $STEPS; do
    for t in bare gw; do
      url=$([ "$t" = bare ] && echo "$BARE_URL" || echo "$GW_URL"); pid=$([ "$t" = bare ] && echo "$BARE_PID" || echo "$GW_PID")
      m0=$(mock_count); t0=$(cpu_ticks "$pid"); gc0=$(gc_counts "$pid")
      out=$(run_wrk "$url" "$(body "$([ "$t" = bare ] && echo d200 || echo fan)" false)" "$c" "$DURATION" 400)
      gc=$(gc_since "$gc0" "$pid") # the step's own collections, before the 2 s below
      sleep 2 # calls of requests cut at the end reach the mock's counter, their CPU the gateway's
      echo "$t $c $out $(( $(mock_count) - m0 )) $(( $(cpu_ticks "$pid") - t0 )) $gc" >> "$S2"
      echo "raw saturation $t c=$c: $out mock_calls=$(( $(mock_count) - m0 )) cpu_ticks=$(( $(cpu_ticks "$pid") - t0 )) gc(young / full (s))=$gc"
    done
    awk -v c="$c" '$1 == "gw" && $2 == c {exit !($5 > 600)}' "$S2" && break
  done
  stop "$BARE_PID"
fi

# ---------- 3. streaming an ensemble: the final layer's first upstream token to the client's first content byte ----------
if wants stream-ensemble; then
  start_bare 0 "$((GW_PORT + 21))"
  S3="$TMP/stream.txt" # label | ok errors ttfb50 ttfb99 total50 total99 relay_n relay50 relay99
  stream_row() { # LABEL URL MODEL: a warm-up, then the measured run
    run_stream "$2" "$(body "$3" true)" "$STREAM_CONCURRENCY" 5 >/dev/null
    echo "$1 $(run_stream "$2" "$(body "$3" true)" "$STREAM_CONCURRENCY" "$DURATION")" | tee -a "$S3" | sed 's/^/raw stream /'
  }
  stream_row direct "$MOCK_URL" t20x5
  stream_row bare "http://127.0.0.1:$((GW_PORT + 21))/v1/chat/completions" t20x5
  stream_row gw-pass "$GW_URL" vLLM/t20x5
  stream_row gw-ensemble "$GW_URL" stream-ensemble
  stop "$BARE_PID"
fi

# ---------- the tables ----------
if wants thousand; then
  echo
  echo "## E1. 1,000 concurrent ensembles: 10 gen -> critic -> 10 fusers -> ranker top 5 -> fuser, 2,000 ms per call (critical path 10 s); first requests spread over 10 s, $THOUSAND_SECONDS s; gateway JVM flags $THOUSAND_JVM_FLAGS"
  echo "| requests | errors | p50 | p99 | mean | p50 / path | p99 / path | upstream calls/s | most calls in flight (mock) | gw CPU ms/upstream call | RSS max | descriptors max | GCs young / full (GC s) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  read -r n d p50 p99 mean e <<< "$T1"
  read -r yg fg gs <<< "$T1_GC"
  awk -v n="$n" -v d="$d" -v e="$e" -v p50="$p50" -v p99="$p99" -v mean="$mean" -v calls="$T1_CALLS" -v t="$T1_TICKS" \
    -v m="$ms_per_tick" -v inf="$T1_INFLIGHT" -v rss="$T1_RSS" -v fds="$T1_FDS" -v gc="$yg / $fg ($gs)" 'BEGIN {
    printf "| %d | %d | %.0f ms | %.0f ms | %.0f ms | %.3f | %.3f | %.0f | %d | %.3f | %d MiB | %d | %s |\n", n, e, p50, p99,
      mean, p50 / 10000, p99 / 10000, calls / d, inf, t * m / calls, rss, fds, gc }'
  echo "targets: no error; p99 <= 1.1 x the critical path; RSS <= 512 MiB; no full GC"
fi
if wants saturation; then
  echo
  echo "## E2. saturation: 10 generators -> fuser, 200 ms per call (critical path 400 ms), first requests spread over 400 ms, $DURATION s per step"
  echo "| conc | target | requests | errors | upstream calls/s | p50 / path | p99 / path | CPU ms/upstream call | calls per CPU-second | GCs young / full (GC s) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  awk -v m="$ms_per_tick" '{
      rate = $3 * 11 / $4; cpu = $10 * m / $9
      printf "| %d | %s | %d | %d | %.0f | %.3f | %.3f | %.4f | %.0f | %s / %s %s %s |\n", $2, ($1 == "gw" ? "gateway" : "bare fan-out (floor)"),
        $3, $8, rate, $5 / 400, $6 / 400, cpu, 1000 / cpu, $11, $13, $14, $15
      if ($5 <= 440 && rate > best[$1]) { best[$1] = rate; at[$1] = $2 }
    }
    END { printf "\nhighest upstream calls/s with p50 <= 1.1 x the critical path: gateway %.0f (at %d), bare fan-out %.0f (at %d); target >= 12,500 per gateway core\n",
      best["gw"], at["gw"], best["bare"], at["bare"] }' "$S2"
fi
if wants stream-ensemble; then
  echo
  echo "## E3. streaming: the final layer's first upstream token to the client's first content byte (upstream t20x5: 20 chunks 5 ms apart, the first stamped; $STREAM_CONCURRENCY concurrent streams, $DURATION s; ms)"
  echo "| run | streams | errors | first token -> client p50 | p99 | TTFB p50 | total p50 |"
  echo "|---|---|---|---|---|---|---|"
  awk '{ name = $1 == "direct" ? "direct (mock -> client)" : $1 == "bare" ? "bare Vert.x proxy, pass-through" : \
      $1 == "gw-pass" ? "gateway, pass-through vLLM/t20x5" : "gateway, stream-ensemble (23 calls, final fuser streamed)"
    printf "| %s | %d | %d | %.3f | %.3f | %.3f | %.3f |\n", name, $2, $3, $9, $10, $4, $6 }' "$S3"
  echo "target: ensemble first token -> client <= 1 ms at p50"
fi
echo
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
