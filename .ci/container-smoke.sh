#!/usr/bin/env bash
# Builds docker/Dockerfile and smoke-tests the image on a Debian 12 host with no Docker engine and no container
# registry (adapted from shared/ci/container-smoke.sh). Rootful podman with runc; the base images are made locally
# with debootstrap from the host's apt mirror and tagged with the names the Dockerfile uses.
# Checks: not root, HEALTHCHECK passes, one real chat completion against the shipped demo-ensemble (offline Mock
# models), /metrics counts it, the access log is JSON, and SIGTERM drains a slow stream then exits 0.
# Env: BUILD_TARGET=runtime (default: Maven build inside the image) or prebuilt (copies target/archon-gateway.jar).
set -euo pipefail

APP_DIR=${APP_DIR:-$(cd "$(dirname "$0")/.." && pwd)}   # build context: the repository root
DOCKERFILE=${DOCKERFILE:-$APP_DIR/docker/Dockerfile}
BUILD_TARGET=${BUILD_TARGET:-runtime}
IMAGE=${IMAGE:-localhost/archon-gateway:ci}
HOST_PORT=${HOST_PORT:-18099}                # published on 127.0.0.1 only
CTR_PORT=${CTR_PORT:-8080}
WORK=${WORK:-/tmp/ctr-ci}
JRE_IMG=localhost/debian-jre17:latest
MVN_IMG=localhost/debian-maven-jdk17:latest
JRE_ALIASES=${JRE_ALIASES:-docker.io/library/eclipse-temurin:17-jre}
MVN_ALIASES=${MVN_ALIASES:-docker.io/library/maven:3.9-eclipse-temurin-17}
BASE="http://127.0.0.1:$HOST_PORT"

log() { printf '[%(%T)T] container-smoke: %s\n' -1 "$*"; }
quiet_podman() { podman "$@" 2> >(grep -v 'systemd connection' >&2); }  # no systemd here: healthcheck-timer noise
cid=""
fail() {
  log "FAIL: $*"
  if [ -n "$cid" ]; then log "container logs (last 40 lines):"; podman logs --tail 40 "$cid" 2>&1 || true; fi
  exit 1
}
cleanup() {
  if [ -n "$cid" ]; then podman rm -f -t 2 "$cid" >/dev/null 2>&1 || true; fi
  if [ -n "${stream_pid:-}" ]; then kill "$stream_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
export DEBIAN_FRONTEND=noninteractive
[ "$(id -u)" = 0 ] || fail "needs root (rootful podman, debootstrap)"
[ -f "$DOCKERFILE" ] || fail "no Dockerfile at $DOCKERFILE"
if [ "$BUILD_TARGET" = prebuilt ] && [ ! -f "$APP_DIR/target/archon-gateway.jar" ]; then
  fail "BUILD_TARGET=prebuilt needs target/archon-gateway.jar (run mvn -B package first)"
fi
mkdir -p "$WORK"

# 1. Tools (about 30 s on a fresh machine).
if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v debootstrap >/dev/null; then
  log "apt: installing podman runc debootstrap"
  timeout 300 apt-get update -qq || fail "apt-get update"
  timeout 600 apt-get install -y -qq podman runc debootstrap >/dev/null || fail "apt-get install podman runc debootstrap"
fi
command -v curl >/dev/null || { timeout 300 apt-get install -y -qq curl >/dev/null || fail "apt-get install curl"; }

# 2. Podman settings this sandbox needs: runc (crun 1.8 refuses the hybrid cgroup layout), rlimits capped at the
#    host's hard limits (no CAP_SYS_RESOURCE), no systemd.
nofile=$(ulimit -Hn); nproc=$(ulimit -Hu); pidmax=$(cat /proc/sys/kernel/pid_max)
if [ "$nofile" = unlimited ]; then nofile=1048576; fi
if [ "$nproc" = unlimited ] || [ "$nproc" -gt "$pidmax" ]; then nproc=$pidmax; fi
cat > "$WORK/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
export CONTAINERS_CONF="$WORK/containers.conf"

# 3. Local base images (skipped when already in podman's store on this machine).
MIRROR=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | sed -n 1p)
[ -n "$MIRROR" ] || fail "no apt mirror found in /etc/apt/sources.list.d/debian.sources"

make_image() {  # image, packages
  local img=$1 pkgs=$2 root="$WORK/rootfs-$RANDOM"
  podman image exists "$img" && return 0
  if [ ! -d "$WORK/minbase" ]; then
    log "debootstrap minbase from $MIRROR"
    rm -rf "$WORK/minbase.tmp"
    timeout 600 debootstrap --variant=minbase bookworm "$WORK/minbase.tmp" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
      || fail "debootstrap, see $WORK/debootstrap.log"
    mv "$WORK/minbase.tmp" "$WORK/minbase"
  fi
  log "making $img ($pkgs)"
  cp -a "$WORK/minbase" "$root"
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s-security bookworm-security main\n' \
    "$MIRROR" "$MIRROR" "$MIRROR" > "$root/etc/apt/sources.list"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount -t proc proc "$root/proc"
  local rc=0
  timeout 600 chroot "$root" sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $pkgs \
      && apt-get clean && rm -rf /var/lib/apt/lists/*" >"$WORK/apt-${img//[\/:]/_}.log" 2>&1 || rc=$?
  umount "$root/proc"
  [ $rc = 0 ] || fail "chroot apt failed, see $WORK/apt-${img//[\/:]/_}.log"
  rm -f "$root/etc/resolv.conf"; rm -rf "$root"/usr/share/doc/*; find "$root/usr/share/man" -type f -delete
  tar --numeric-owner -C "$root" -c . | podman import \
      --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' --change 'CMD ["/bin/bash"]' - "$img" >/dev/null
  mountpoint -q "$root/proc" || rm -rf "$root"
}
make_image "$JRE_IMG" "openjdk-17-jre-headless curl ca-certificates"
for a in $JRE_ALIASES; do podman tag "$JRE_IMG" "$a"; done
if [ "$BUILD_TARGET" != prebuilt ]; then
  make_image "$MVN_IMG" "openjdk-17-jdk-headless maven curl ca-certificates"
  for a in $MVN_ALIASES; do podman tag "$MVN_IMG" "$a"; done
fi

# 4. Build. --pull=never: never try a registry. --format docker: keep HEALTHCHECK. The host's Java trust store is
#    mounted for RUN steps so Maven in the build stage trusts the same certificate authorities as the host.
build=(build --pull=never --format docker --target "$BUILD_TARGET" -t "$IMAGE" -f "$DOCKERFILE")
build+=(-v /etc/ssl/certs/java/cacerts:/etc/ssl/certs/java/cacerts:ro)
build+=(--build-arg "BUILD_IMAGE=$MVN_IMG" --build-arg "RUNTIME_IMAGE=$JRE_IMG")
log "podman ${build[*]} $APP_DIR"
timeout 900 podman "${build[@]}" ${BUILD_OPTS:-} "$APP_DIR" >"$WORK/build.log" 2>&1 \
  || { tail -40 "$WORK/build.log"; fail "image build failed, full log $WORK/build.log"; }

# 5. Static checks on the image config.
user=$(podman image inspect -f '{{.Config.User}}' "$IMAGE")
case "$user" in ""|0|root|0:*|root:*) fail "image runs as root (USER=$user)";; esac
hc=$(podman image inspect -f '{{if .Config.Healthcheck}}yes{{end}}' "$IMAGE")
[ -n "$hc" ] || fail "image has no HEALTHCHECK"
log "image $IMAGE: user=$user healthcheck=yes size=$(podman image inspect -f '{{.Size}}' "$IMAGE")"

# 6. Run on loopback and wait for /health.
podman rm -f archon-smoke >/dev/null 2>&1 || true
cid=$(quiet_podman run -d --name archon-smoke -e ARCHON_DRAIN_MS=15000 -p "127.0.0.1:$HOST_PORT:$CTR_PORT" "$IMAGE") \
  || fail "podman run"
log "container $cid"
ok=0
for _ in $(seq 1 60); do
  [ "$(podman inspect -f '{{.State.Running}}' "$cid")" = true ] || fail "container exited before answering"
  if curl -fsS --max-time 2 "$BASE/health" >/dev/null 2>&1; then ok=1; break; fi
  sleep 1
done
[ $ok = 1 ] || fail "no answer on /health within 60 s"
quiet_podman healthcheck run "$cid" || fail "HEALTHCHECK unhealthy"   # no systemd timers: run it by hand
log "HEALTHCHECK: $(podman inspect -f '{{.State.Health.Status}}' "$cid")"
uid=$(podman exec "$cid" id -u)
[ "$uid" != 0 ] || fail "process runs as root in the container"
log "uid in container: $uid; memory: $(podman exec "$cid" sh -c 'grep VmRSS /proc/1/status' | tr -s ' ')"
podman exec "$cid" test -s /app/archon-gateway.jsa || fail "the image has no AppCDS archive (docker/appcds-train.sh)"
if podman logs "$cid" 2>&1 | grep -qi 'shared archive'; then fail "the JVM did not use the AppCDS archive"; fi
log "AppCDS archive in the image and used"
# io_uring where the runtime's seccomp profile allows it, else epoll: say which this runtime gave
transport=$(podman logs "$cid" 2>&1 | grep -o 'socket transport: [a-z_]*' | head -1)
[ -n "$transport" ] || fail "no 'socket transport' line in the log"
log "$transport"

# 7. One real chat completion through the container against the shipped demo config.
answer=$(curl -sS --max-time 30 -H 'content-type: application/json' "$BASE/v1/chat/completions" \
  -d '{"model":"demo-ensemble","messages":[{"role":"user","content":"How do I make a cake?"}]}') \
  || fail "chat completion request failed"
echo "$answer" | grep -q '"object":"chat.completion"' || fail "not a chat completion: ${answer:0:300}"
echo "$answer" | grep -q '"content":"[^"]' || fail "empty answer: ${answer:0:300}"
log "chat completion: ${answer:0:160}..."
# The request is counted when its response has ended, which the event loop may see a moment after the client has the
# last byte (one run in four failed a single immediate scrape): poll for up to 5 s, as a scraper would see it.
counted=0
for _ in $(seq 50); do
  metrics=$(curl -fsS --max-time 5 "$BASE/metrics" || true) # whole, then grep: no SIGPIPE under pipefail
  if grep -qE '^archon_requests_total\{.*model="demo-ensemble".*status="200".*\} 1(\.0)?$' <<< "$metrics"; then
    counted=1; break
  fi
  sleep 0.1
done
[ "$counted" = 1 ] || fail "/metrics does not count the request"
podman logs "$cid" 2>&1 | grep -q '"message":"access".*"model":"demo-ensemble"' || fail "no JSON access log line"
log "/metrics and the JSON access log count the request"

# 8. SIGTERM drain: a slow stream (Mock pass-through, ~2 s) is in flight when the signal arrives; it must finish,
#    /ready must turn 503 meanwhile, and the process must exit 0.
curl -sSN --max-time 30 -H 'content-type: application/json' "$BASE/v1/chat/completions" \
  -d '{"model":"Mock/mock-slow@300ms/150ms","stream":true,"messages":[{"role":"user","content":"Say something long"}]}' \
  >"$WORK/stream.txt" 2>&1 &
stream_pid=$!
deadline=$((SECONDS + 15))
until grep -q 'data:' "$WORK/stream.txt" 2>/dev/null; do
  if ! kill -0 "$stream_pid" 2>/dev/null; then
    rc=0; wait "$stream_pid" || rc=$?; stream_pid=""
    fail "slow stream client exited ($rc) before any data: $(head -c 300 "$WORK/stream.txt")"
  fi
  [ $SECONDS -lt $deadline ] || fail "slow stream sent no data within 15 s: $(head -c 300 "$WORK/stream.txt")"
  sleep 0.1
done
podman kill --signal TERM "$cid" >/dev/null
ready=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/ready" || true)
wait "$stream_pid" || fail "stream client failed during drain: $(tail -c 300 "$WORK/stream.txt")"
stream_pid=""
tail -n 3 "$WORK/stream.txt" | grep -q 'data: \[DONE\]' || fail "stream cut during drain: $(tail -c 300 "$WORK/stream.txt")"
[ "$ready" = 503 ] || fail "/ready answered $ready while draining, expected 503"
code=$(timeout 30 podman wait "$cid") || fail "container did not exit within 30 s of SIGTERM"
[ "$code" = 0 ] || fail "container exited $code after SIGTERM, expected 0"
log "SIGTERM: /ready 503, stream finished with [DONE], exit 0"
quiet_podman rm "$cid" >/dev/null
cid=""
log "PASS: $IMAGE built ($BUILD_TARGET), healthy, answered, drained"
