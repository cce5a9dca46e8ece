# The setup and helpers bench/run.sh and bench/scenarios.sh share; sourced from the repository root after the
# flags are read. Needs OUT (raw output file) and BUILD (1: rebuild the jar); sets JAR, TMP, PIDS (stopped on exit),
# PIN_GW / PIN_LOAD / PINNING, CLK_TCK and ms_per_tick, and writes $TMP/post.lua for run_wrk.
# ARCHON_BENCH_JAR names another build's jar (A/B runs of two commits); default target/archon-gateway.jar.

JAR=${ARCHON_BENCH_JAR:-target/archon-gateway.jar}
TMP=$(mktemp -d /tmp/archon-bench.XXXXXX)
PIDS=()
mkdir -p "$(dirname "$OUT")"
exec > >(tee "$OUT") 2>&1

cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "# $*"; }

# ---------- tools, jar, pinning ----------
if ! command -v wrk >/dev/null; then
  log "installing wrk from Debian"
  if [ "$(id -u)" != 0 ]; then echo "wrk is missing and installing it needs root" >&2; exit 1; fi
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
if [ "$BUILD" = 1 ] || [ ! -f "$JAR" ]; then
  log "building $JAR"
  mvn -B -q package -DskipTests
fi
# An AppCDS archive matches one jar: another build's jar gets its own beside it (JAR with .jsa for .jar), added to
# the JVM flags, since jvm.options names target/archon-gateway.jsa, which must stay the default jar's.
ARCHIVE=${JAR%.jar}.jsa
if [ ! -f "$ARCHIVE" ] || [ "$JAR" -nt "$ARCHIVE" ]; then
  log "writing the AppCDS archive $ARCHIVE"
  bench/appcds.sh "$JAR" "$ARCHIVE" >/dev/null
fi
if [ "$ARCHIVE" != target/archon-gateway.jsa ]; then
  JVM_FLAGS="${JVM_FLAGS:-} -XX:SharedArchiveFile=$ARCHIVE"
  THOUSAND_JVM_FLAGS="${THOUSAND_JVM_FLAGS:-} -XX:SharedArchiveFile=$ARCHIVE"
fi
if [ "$(nproc)" -ge 2 ]; then
  PIN_GW="taskset -c 1"; PIN_LOAD="taskset -c 0"
  PINNING="gateway on CPU 1; mock upstream, wrk and the stream client on CPU 0"
else
  PIN_GW=""; PIN_LOAD=""; PINNING="one CPU: nothing pinned"
fi
CLK_TCK=$(getconf CLK_TCK)
ms_per_tick=$(awk -v t="$CLK_TCK" 'BEGIN {print 1000 / t}')

# ---------- helpers ----------
wait_for() { # file pattern seconds
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then echo "timed out waiting for '$2' in $1:" >&2; cat "$1" >&2; exit 1; fi
    sleep 0.01
  done
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
user_ticks() { awk '{print $14}' "/proc/$1/stat"; }
jit_ticks() { # PID -> CPU ticks of the JVM's JIT compiler threads so far (their comm holds a space: fields after ")")
  local t s=0 n
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ Compiler*|C2\ Compiler*) n=$(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}'); s=$((s + ${n:-0})) ;;
    esac
  done
  echo "$s"
}
# jit_quiet PID URL BODY CONNECTIONS MIN_S MAX_S: load in 10-s steps (first requests spread over 400 ms) until, after
# MIN_S, two steps in a row in which the JIT compilers used at most 5 % of the process's CPU (CPU ticks, so a loaded
# machine only slows it down), or MAX_S; prints the seconds taken and the compilers' share per step. Two, because C2
# often pauses and starts again: round 16's second run stopped after one quiet step (54 %, 41 %, 4 %) and its ensemble
# runs then measured the compiler (0.10 ms per upstream call against 0.064-0.084), and rounds 15 and 16 show steps of
# 30 % after quieter ones.
jit_quiet() {
  local start=$SECONDS curve="" p0 j0 share quiet=0
  while :; do
    p0=$(cpu_ticks "$1"); j0=$(jit_ticks "$1")
    run_wrk "$2" "$3" "$4" 10 400 >/dev/null
    share=$(awk -v j=$(( $(jit_ticks "$1") - j0 )) -v p=$(( $(cpu_ticks "$1") - p0 )) 'BEGIN {printf "%.0f", (p > 0 ? 100 * j / p : 0)}')
    curve="$curve $share%"
    if [ "$share" -le 5 ]; then quiet=$((quiet + 1)); else quiet=0; fi
    if [ $((SECONDS - start)) -ge "$5" ] && [ "$quiet" -ge 2 ]; then break; fi
    if [ $((SECONDS - start)) -ge "$6" ]; then curve="$curve (not quiet)"; break; fi
  done
  echo "$((SECONDS - start)) s; JIT compilers' share of the process's CPU per 10-s step:$curve"
}
gc_counts() { # PID -> "young_collections full_collections gc_seconds" so far
  jstat -gc "$1" | awk 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i} NR == 2 {print $h["YGC"], $h["FGC"], $h["GCT"]}'
}
gc_since() { # "Y F S" (from gc_counts) PID -> "young / full (seconds)" collected since
  local y0 f0 s0 y1 f1 s1
  read -r y0 f0 s0 <<< "$1"; read -r y1 f1 s1 <<< "$(gc_counts "$2")"
  awk -v y=$((y1 - y0)) -v f=$((f1 - f0)) -v s="$(awk -v a="$s1" -v b="$s0" 'BEGIN {print a - b}')" \
    'BEGIN {printf "%d / %d (%.3f s)", y, f, s}'
}
rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
heap_after_gc_mib() {
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | grep -oE 'total [0-9]+K, used [0-9]+K' | awk -F'used ' '{sub("K","",$2); s += $2} END {printf "%.1f", s / 1024}'
}
body() { # model stream
  printf '{"model":"%s","stream":%s,"max_tokens":256,"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello in one short sentence."}]}' "$1" "$2"
}
# wrk URL BODY CONNECTIONS SECONDS [RAMP_MS] -> "requests seconds p50_ms p99_ms mean_ms errors"
# RAMP_MS > 0 spreads the connections' first requests evenly over that many ms instead of sending them all at once.
run_wrk() {
  BODY="$2" CONNS="$3" RAMP_MS="${5:-0}" $PIN_LOAD wrk -t1 -c"$3" -d"$4"s --timeout 30s -s "$TMP/post.lua" "$1" \
    | awk '/^WRK/ {print $2, $3, $4, $5, $6, $7}'
}
cat > "$TMP/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("BODY")
-- wrk calls delay() before every request of every connection and starts the latency clock after it; one thread, so
-- the first CONNS calls are the connections' first requests
local ramp, conns, started = tonumber(os.getenv("RAMP_MS")), tonumber(os.getenv("CONNS")), 0
if ramp > 0 then
  delay = function()
    if started >= conns then return 0 end
    started = started + 1
    return math.floor((started - 1) * ramp / conns)
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %.3f %.3f %.3f %.3f %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.mean / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
LUA
run_stream() { # URL BODY CONCURRENCY SECONDS -> "ok errors ttfb50 ttfb99 total50 total99"
  $PIN_LOAD java -Xss256k -cp "$JAR" bench/StreamClient.java "$1" "$2" "$3" "$4" \
    | awk '/^STREAM/ {for (i = 2; i <= NF; i++) {split($i, kv, "="); printf "%s ", kv[2]} print ""}'
}
f() { awk -v x="$1" 'BEGIN {printf "%.2f", x}'; }
# ensemble_config FILE NAME MODEL FINAL_MODEL SHAPE: an Archon config on the mock, every call MODEL but the final
# fuser's FINAL_MODEL. SHAPE full: the bench's 23-call architecture, 10 generators -> critic -> 10 fusers -> ranker
# top 5 -> fuser (5 layers); fan: 10 generators -> fuser (11 calls, 2 layers).
ensemble_config() {
  local comp='{"type": "%s", "model": "%s", "model_type": "vLLM", "temperature": %s, "max_tokens": %s, %s}'
  local gen gens middle="" i
  gen=$(printf "$comp" generator "$3" 0.7 256 '"samples": 1')
  gens=$gen
  for i in 2 3 4 5 6 7 8 9 10; do gens="$gens, $gen"; done
  if [ "$5" = full ]; then
    middle=$(printf "[$comp], [$comp], [$comp], " critic "$3" 0.0 1024 '"samples": 1' fuser "$3" 0.3 512 '"samples": 10' \
      ranker "$3" 0.0 64 '"top_k": 5, "use_critiques": true')
  fi
  printf "{\"name\": \"%s\", \"layers\": [[%s], %s[$comp]]}\n" "$2" "$gens" "$middle" fuser "$4" 0.3 512 '"samples": 1' > "$1"
}
