#!/usr/bin/env bash
# Runs the three services on this machine.
#   stack.sh run    foreground; Ctrl-C stops everything this script started
#   stack.sh up     background; returns once every service's /q/health/ready is UP (no-op if already up)
#   stack.sh down   stops what `up` started
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="$ROOT/.local/run"
SERVICES="recommender-service:9080 drift-service:9081 metrics-gateway:9082"
mkdir -p "$RUN_DIR"
cd "$ROOT"

log() { echo "[stack] $*" >&2; }
# shellcheck source=deploy/local/lib.sh
source "$ROOT/deploy/local/lib.sh"

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
