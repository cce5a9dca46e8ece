#!/usr/bin/env bash
# Writes target/archon-gateway.jsa, an AppCDS archive of the classes the gateway loads while starting and answering
# /v1/models, so that `java -XX:SharedArchiveFile=target/archon-gateway.jsa -jar target/archon-gateway.jar` starts
# about twice as fast (README "Performance"). Rebuild it after every rebuild of the jar: the JVM ignores (with a
# warning) an archive that does not match the jar. Usage: bench/appcds.sh [JAR] [ARCHIVE]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR="${1:-target/archon-gateway.jar}"
ARCHIVE="${2:-${JAR%.jar}.jsa}"
OUT=$(mktemp)
PORT="${ARCHON_CDS_PORT:-18099}"
# Same GC and compiler flags as the run that will use the archive; a loopback port of its own.
java -XX:+UseSerialGC -Xms64m -Xmx256m -Xmn48m -Xss512k -XX:ArchiveClassesAtExit="$ARCHIVE" \
  -jar "$JAR" --configs gateway-configs --host 127.0.0.1 --port "$PORT" > "$OUT" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -f "$OUT"' EXIT
for _ in $(seq 3000); do grep -q listening "$OUT" && break; kill -0 $PID 2>/dev/null || break; sleep 0.01; done
grep -q listening "$OUT" || { cat "$OUT" >&2; exit 1; }
curl -s "http://127.0.0.1:$PORT/v1/models" > /dev/null || true
kill -TERM $PID
wait $PID || true   # the archive is written while the JVM exits
ls -la "$ARCHIVE"
