#!/usr/bin/env bash
# `make load` (DURATION=30s USERS=20 SCENARIO=steady ARGS=…): the traffic simulator with ground truth
# (`model-builder simulate`, docs/model-builder.md) against the running stack on localhost: the seed-002
# request mix from users drawn by activity, feedback from their true tastes; prints progress, requests/s,
# success rate and p50/p95/p99 per endpoint, then online vs offline RMSE/NDCG.
# A model trained on MovieLens files: DATA=dir when they are no longer where the model card says.
# Exit status 1 when fewer than 99 % of the requests succeed. Extra arguments go to the simulator.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
DURATION="${DURATION:-30s}"
USERS="${USERS:-20}"
SCENARIO="${SCENARIO:-steady}"
MODEL="${MODEL:-movie-recs}"
MODEL_REPOSITORY="${MODEL_REPOSITORY:-$ROOT/models}"

for port in 9080 9081 9082; do
  curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready" || {
    echo "[load] nothing ready on 127.0.0.1:$port; start the stack first: make up" >&2; exit 1; }
done
if ! ls model-builder/target/model-builder-*.jar >/dev/null 2>&1 || [ ! -d model-builder/target/lib ]; then
  ${MVN:-mvn -B -ntp} -q -pl model-builder -am install -DskipTests
fi

# shellcheck disable=SC2086
exec bash model-builder/bin/model-builder simulate --repository "$MODEL_REPOSITORY" --model "$MODEL" \
  --duration "$DURATION" --users "$USERS" --scenario "$SCENARIO" ${DATA:+--data "$DATA"} ${ARGS:-} "$@"
