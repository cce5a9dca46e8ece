#!/usr/bin/env bash
# Writes target/archon-gateway.jsa, an AppCDS archive of the classes the gateway loads while starting and answering
# /v1/models; jvm.options names it (-XX:SharedArchiveFile), so `java @jvm.options -jar target/archon-gateway.jar`
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
java @"$FLAGS" -XX:ArchiveClassesAtExit="$ARCHIVE" \
  -jar "$JAR" --configs gateway-configs --host 127.0.0.1 --port 0 > "$OUT" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -f "$OUT" "$FLAGS"' EXIT
for _ in $(seq 3000); do grep -q listening "$OUT" && break; kill -0 $PID 2>/dev/null || break; sleep 0.01; done
grep -q listening "$OUT" || { cat "$OUT" >&2; exit 1; }
URL=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$OUT" | sed -n 1p)
curl -s "$URL/v1/models" > /dev/null 2>&1 || true
kill -TERM $PID
wait $PID || true   # the archive is written while the JVM exits
ls -la "$ARCHIVE"
