#!/usr/bin/env bash
# Run by `make test` after the Maven build: deploy/local/e2e.sh (real Prometheus, load, drift
# and service-down faults) against the local stack. When the services are not running it starts
# them (drift evaluation every 5 s) and stops them again afterwards; Redis and PostgreSQL stay
# as test.sh left them. About 12 minutes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
RUN_DIR="$ROOT/.local/run"
SERVICES="recommender-service:9080 drift-service:9081 metrics-gateway:9082"

ready() { curl -fs -o /dev/null "http://127.0.0.1:$1/q/health/ready"; }
not_running=()
for s in $SERVICES; do ready "${s#*:}" || not_running+=("${s%%:*}"); done

stop_started() { # only what this script started
  for name in "${not_running[@]}"; do
    local pidfile="$RUN_DIR/$name.pid"
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

if [ "${#not_running[@]}" -gt 0 ]; then
  export DRIFT_EVALUATION_INTERVAL="${DRIFT_EVALUATION_INTERVAL:-5s}"
  # windows as long as the steady phase, so a stack it starts judges only this run's traffic (an
  # earlier run's drift or damaged version, still in the default 15-minute / 1-hour windows, would not)
  export DRIFT_WINDOW_SIZE="${DRIFT_WINDOW_SIZE:-5m}" GATEWAY_QUALITY_WINDOW="${GATEWAY_QUALITY_WINDOW:-5m}"
  # e2e's degrade scenario reloads the model: the stack and e2e share one token
  export ADMIN_TOKEN="${ADMIN_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
  bash deploy/local/stack.sh up
  trap stop_started EXIT
fi
bash deploy/local/e2e.sh
