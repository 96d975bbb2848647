#!/usr/bin/env bash
# Run by `make test` after the Maven build: deploy/local/e2e.sh (real Prometheus, load, drift
# and service-down faults) against the local stack. When the services are not running it starts
# them (drift evaluation every 5 s) and stops them again afterwards (lib.sh, check_stack_up); Redis and
# PostgreSQL stay as test.sh left them. About 12 minutes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source deploy/local/lib.sh

# only a stack this script starts takes these (a running one keeps its settings):
export DRIFT_EVALUATION_INTERVAL="${DRIFT_EVALUATION_INTERVAL:-5s}"
# windows as long as the steady phase, so a stack it starts judges only this run's traffic (an
# earlier run's drift or damaged version, still in the default 15-minute / 1-hour windows, would not)
export DRIFT_WINDOW_SIZE="${DRIFT_WINDOW_SIZE:-5m}" GATEWAY_QUALITY_WINDOW="${GATEWAY_QUALITY_WINDOW:-5m}"
# e2e's degrade scenario reloads the model: the stack and e2e share one token
check_stack_up
bash deploy/local/e2e.sh
