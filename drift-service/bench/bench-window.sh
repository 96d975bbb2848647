#!/usr/bin/env bash
# Window benchmark (make bench-drift-window): evaluation time of drift windows holding 10k, 100k
# and 1M events with 7 features (exact mode up to drift.exact-cap = 200k raw events, sketch mode
# beyond), and the sustained sketch-ingest rate of the consumer group in events/s.
#
# It writes the events into a separate Redis database (BENCH_REDIS_DB, default 6), starts the
# packaged drift-service against it (history in PostgreSQL database drift_test), lets the
# consumer drain the backlog (ingest rate = events / drain time), then asks
# POST /api/v1/drift/models/{model}/evaluate BENCH_RUNS times per window and prints the median
# server-side evaluation time. Environment: BENCH_RUNS (default 5), BENCH_SIZES (default
# 10000,100000,1000000), BENCH_REDIS_DB.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${BENCH_RUNS:-5}"
SIZES="${BENCH_SIZES:-10000,100000,1000000}"
DB="${BENCH_REDIS_DB:-6}"
PORT=18481
MGMT=19481
TOKEN=bench-admin-token
WORK="$(mktemp -d)"
PID=""
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; fi  # a JVM stopped by SIGTERM exits 143
  redis-cli -n "$DB" flushdb >/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "# packaging drift-service" >&2
mvn -B -ntp -q -pl drift-service package -DskipTests >&2

echo "# writing events to Redis db $DB (stream ids at event time, last 10 minutes)" >&2
redis-cli -n "$DB" flushdb >/dev/null
NOW=$(( $(date +%s) * 1000 ))
TOTAL=0
for n in ${SIZES//,/ }; do
  model="bench-$n"
  mkdir -p "$WORK/models/$model/1"
  python3 drift-service/bench/make_window_events.py --reference 5000 > "$WORK/models/$model/1/reference.json"
  # a complete version (docs/model-repository.md): the card names all five files and they exist
  touch "$WORK/models/$model/1/"{model.onnx,items.csv,users.csv,seen.bin}
  echo '{"name":"bench","version":1,"files":{"model":"model.onnx","items":"items.csv","users":"users.csv","seen":"seen.bin","reference":"reference.json"}}' \
    > "$WORK/models/$model/1/model-card.json"
  python3 drift-service/bench/make_window_events.py "$model" "$n" $(( NOW - 600000 )) "$NOW" "$n" > "$WORK/events.resp"
  redis-cli -n "$DB" --pipe < "$WORK/events.resp" > /dev/null
  echo "#   $model: $(redis-cli -n "$DB" xlen "ml:predictions:$model") events" >&2
  TOTAL=$(( TOTAL + n ))
done

echo "# starting drift-service (window 15m, exact cap 200000, KLL k=200)" >&2
START=$(date +%s.%N)
HTTP_PORT=$PORT MANAGEMENT_PORT=$MGMT REDIS_URL="redis://127.0.0.1:6379/$DB" DB_NAME=drift_test \
  ADMIN_TOKEN=$TOKEN MODEL_REPOSITORY="$WORK/models" DRIFT_EVALUATION_INTERVAL=1h LOG_JSON=false \
  QUARKUS_OTEL_SDK_DISABLED=true java -Xmx2g -jar drift-service/target/quarkus-app/quarkus-run.jar \
  > "$WORK/service.log" 2>&1 &
PID=$!
until curl -sf "http://127.0.0.1:$MGMT/q/health/ready" >/dev/null; do
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/service.log" >&2; exit 1; }
  sleep 0.5
done

consumed() {
  curl -s "http://127.0.0.1:$MGMT/q/metrics" | awk '/^prediction_events_consumed_total/ {s += $2} END {printf "%d", s}'
}
echo "# draining the backlog of $TOTAL events through the consumer group" >&2
FIRST=""
while true; do
  c=$(consumed)
  if [[ -z "$FIRST" && "$c" -gt 0 ]]; then FIRST=$(date +%s.%N); FIRST_COUNT=$c; fi
  (( c >= TOTAL )) && break
  sleep 0.2
done
END=$(date +%s.%N)
python3 -c "print(f'ingest events={$TOTAL - $FIRST_COUNT} seconds={$END - $FIRST:.2f} events_per_s={($TOTAL - $FIRST_COUNT) / ($END - $FIRST):.0f}')"

for n in ${SIZES//,/ }; do
  model="bench-$n"
  for run in $(seq 1 "$RUNS"); do
    curl -s -X POST -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/drift/models/$model/evaluate" \
      -w ' %{time_total}\n' >> "$WORK/eval-$n.txt"
  done
  python3 - "$WORK/eval-$n.txt" "$n" <<'PY'
import json, statistics, sys
runs = []
for line in open(sys.argv[1]):
    body, wall = line.rsplit(" ", 1)
    r = json.loads(body)
    runs.append((r["durationSeconds"], float(wall), r["samples"], r["mode"], r["status"]))
server = statistics.median(r[0] for r in runs)
wall = statistics.median(r[1] for r in runs)
_, _, samples, mode, status = runs[-1]
print(f"window events={sys.argv[2]} samples={samples} mode={mode} status={status} "
      f"evaluation_ms={server * 1000:.0f} http_ms={wall * 1000:.0f} (median of {len(runs)})")
PY
done
