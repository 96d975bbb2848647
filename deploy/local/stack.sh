#!/usr/bin/env bash
# Runs the three services on this machine.
#   stack.sh run    foreground; Ctrl-C stops everything this script started
#   stack.sh up     background; returns once every service's /q/health/ready is UP (no-op if already up)
#   stack.sh down   stops what `up` started
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="$ROOT/.local/run"
SERVICES="recommender-service:9080 drift-service:9081 metrics-gateway:9082"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
mkdir -p "$RUN_DIR"
cd "$ROOT"

log() { echo "[stack] $*" >&2; }

ready() { curl -fs -o /dev/null "http://127.0.0.1:$1/q/health/ready"; }

all_ready() { for s in $SERVICES; do ready "${s#*:}" || return 1; done; }

admin_token() {
  if [ -z "${ADMIN_TOKEN:-}" ]; then
    ADMIN_TOKEN="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    log "ADMIN_TOKEN was not set; this run uses ADMIN_TOKEN=$ADMIN_TOKEN"
  fi
  export ADMIN_TOKEN
}

prepare() {
  bash deploy/local/services.sh ensure
  make --no-print-directory build model-if-missing
  export MODEL_REPOSITORY="${MODEL_REPOSITORY:-$ROOT/models}"
  admin_token
}

# Logs go to .local/run/<name>.log through Quarkus' file handler, rotated by size: at most
# LOG_MAX_SIZE per file and LOG_KEEP older files (<name>.log.1 …), JSON lines unless LOG_JSON=false.
# What the JVM prints outside logging (a crash before logging starts) lands in <name>.out.
start_service() { # name -> starts it in the background, pid in .local/run
  local name=$1
  QUARKUS_LOG_CONSOLE_ENABLE=false QUARKUS_LOG_FILE_ENABLE=true QUARKUS_LOG_FILE_PATH="$RUN_DIR/$name.log" \
    QUARKUS_LOG_FILE_JSON_ENABLED="${LOG_JSON:-true}" \
    QUARKUS_LOG_FILE_ROTATION_MAX_FILE_SIZE="${LOG_MAX_SIZE:-10M}" \
    QUARKUS_LOG_FILE_ROTATION_MAX_BACKUP_INDEX="${LOG_KEEP:-5}" \
    java $JAVA_OPTS -jar "$name/target/quarkus-app/quarkus-run.jar" >"$RUN_DIR/$name.out" 2>&1 &
  echo $! >"$RUN_DIR/$name.pid"
}

wait_ready() {
  for _ in $(seq 1 240); do all_ready && return 0; sleep 0.5; done
  log "services not ready after 120 s; logs in .local/run/"; return 1
}

stop_services() {
  for s in $SERVICES; do
    local pidfile="$RUN_DIR/${s%%:*}.pid"
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  wait 2>/dev/null || true
}

print_endpoints() {
  cat >&2 <<MSG
[stack] ready:
  recommendations  curl 'localhost:8080/api/v1/users/1/recommendations?k=10'
  drift status     curl localhost:8081/api/v1/drift/models
  system summary   curl localhost:8082/api/v1/monitoring/summary
  metrics          curl localhost:9080/q/metrics   (9081, 9082 for the others)
MSG
}

case "${1:-}" in
  run)
    prepare
    trap 'log "stopping"; stop_services; bash deploy/local/services.sh stop; exit 0' INT TERM
    for s in $SERVICES; do start_service "${s%%:*}"; done
    wait_ready && print_endpoints
    tail -n +1 -F "$RUN_DIR"/*.log "$RUN_DIR"/*.out &
    wait
    ;;
  up)
    if all_ready; then log "stack already up"; exit 0; fi
    prepare
    for s in $SERVICES; do
      ready "${s#*:}" || start_service "${s%%:*}"
    done
    wait_ready && print_endpoints
    ;;
  down)
    stop_services
    bash deploy/local/services.sh stop
    log "stack down"
    ;;
  *) echo "usage: $0 run|up|down" >&2; exit 2 ;;
esac
