#!/usr/bin/env bash
# `make load` (DURATION=30s USERS=20): the seed-002 load test against the running stack on
# localhost. Bounded in time; prints requests/s, success rate and p50/p95/p99 per endpoint.
# Exit status 1 when fewer than 99 % of the requests succeed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
DURATION="${DURATION:-30s}"
USERS="${USERS:-20}"
MODEL="${MODEL:-movie-recs}"
MODEL_REPOSITORY="${MODEL_REPOSITORY:-$ROOT/models}"

seconds() { # 90, 90s, 2m -> seconds
  case "$1" in
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}

for port in 9080 9081 9082; do
  curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready" || {
    echo "[load] nothing ready on 127.0.0.1:$port; start the stack first: make up" >&2; exit 1; }
done
command -v node >/dev/null || { echo "[load] node is missing (apt-get install nodejs)" >&2; exit 1; }

# The newest version of the served model supplies real user and movie ids.
CATALOG="$(ls -d "$MODEL_REPOSITORY/$MODEL"/[0-9]* 2>/dev/null | sort -V | tail -1 || true)"
exec node deploy/load/loadgen.js --duration "$(seconds "$DURATION")" --users "$USERS" --catalog "$CATALOG" "$@"
