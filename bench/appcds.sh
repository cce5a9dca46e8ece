#!/usr/bin/env bash
# Writes target/archon-gateway.jsa, an AppCDS archive of the classes the gateway loads while starting and serving a
# few requests of every common kind (below); jvm.options names it (-XX:SharedArchiveFile), so `java @jvm.options -jar target/archon-gateway.jar`
# starts about twice as fast (README "Performance"). `mvn package` runs this after building the jar; the JVM ignores
# a missing archive and warns about one that no longer matches the jar. Usage: bench/appcds.sh [JAR] [ARCHIVE]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR="${1:-target/archon-gateway.jar}"
ARCHIVE="${2:-${JAR%.jar}.jsa}"
OUT=$(mktemp)
FLAGS=$(mktemp)
# Same GC and compiler flags as the runs that will use the archive, without the archive itself.
grep -v 'SharedArchiveFile' jvm.options > "$FLAGS"
rm -f "$ARCHIVE"
# A port chosen here rather than by the OS: the OpenAI-compatible provider is pointed at the gateway itself, so that a
# pass-through call (OpenAI_API/demo-ensemble) loads the upstream client's classes too, with no other process.
PID=
trap 'kill $PID 2>/dev/null || true; rm -f "$OUT" "$FLAGS"' EXIT
for _ in 1 2 3; do # another port if this one was taken
  PORT=$((20000 + RANDOM % 20000))
  OPENAI_BASE_URL="http://127.0.0.1:$PORT/v1" OPENAI_API_KEY=sk-appcds-training java @"$FLAGS" \
    -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$JAR" --configs gateway-configs --host 127.0.0.1 --port "$PORT" > "$OUT" 2>&1 &
  PID=$!
  for _ in $(seq 3000); do grep -q listening "$OUT" && break; kill -0 $PID 2>/dev/null || break; sleep 0.01; done
  grep -q listening "$OUT" && break
  kill $PID 2>/dev/null || true
  wait $PID || true
done
grep -q listening "$OUT" || { cat "$OUT" >&2; exit 1; }
URL=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$OUT" | sed -n 1p)
# Without these, a fresh process's first chat requests load ~650 classes more, on its event loops, while /health
# waits behind them (bench/results/abuse-round4.txt).
chat() { curl -s -o /dev/null -H 'content-type: application/json' "$URL/v1/chat/completions" -d "$1" || true; }
curl -s "$URL/v1/models" "$URL/health" "$URL/ready" "$URL/metrics" > /dev/null 2>&1 || true
for stream in false true; do
  for model in demo-ensemble OpenAI_API/demo-ensemble; do
    chat '{"model":"'"$model"'","stream":'"$stream"',"messages":[{"role":"user","content":"hi"}]}'
  done
done
chat '{"model":"demo-ensemble","messages":"not a list"}'
chat '{"model":"no-such-model","messages":[{"role":"user","content":"hi"}]}'
kill -TERM $PID
wait $PID || true   # the archive is written while the JVM exits
ls -la "$ARCHIVE"
