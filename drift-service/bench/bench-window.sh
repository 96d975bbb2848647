#!/usr/bin/env bash
# Window benchmark (make bench-drift-window): evaluation time of drift windows holding 10k, 100k
# and 1M events with 7 features, the ingest rate of the in-memory windows (one ranged read, each
# event parsed once into the window's columns and folded into the per-minute sketches) and the
# CPU seconds per million events monitored.
#
# It writes the events into a separate Redis database (BENCH_REDIS_DB, default 6), starts the
# packaged drift-service against it (history in PostgreSQL database drift_bench), waits for the
# scheduler's first evaluations (each rebuilds its model's window and sketches: the log line
# "Rebuilt the window of M: N entries in X ms (Y ms process CPU)" gives the ingest rate), then asks
# POST /api/v1/drift/models/{model}/evaluate once (the first: it reads what is new), BENCH_WARMUP
# times unmeasured (the JIT compiles the evaluation path there: a service evaluating every 30 s has
# done 200 evaluations after 100 minutes, and runs for days) and BENCH_RUNS times, and prints the median server-side evaluation time and
# steady CPU of those (median time, mean CPU). Environment: BENCH_RUNS (default 10), BENCH_WARMUP (default 200), BENCH_SIZES
# (default 10000,100000,1000000), BENCH_REDIS_DB, BENCH_IDLE_SECONDS (default 10: idle CPU measured at the end), BENCH_JVM_OPTS (extra drift-service JVM options, e.g. a
# -XX:StartFlightRecording=... to profile).
#
# CPU per million events monitored: drift-service's process CPU time (utime + stime of
# /proc/PID/stat, all threads: ingest, evaluation, GC, JIT) around the evaluations, and the
# largest rebuild's process CPU per event for the ingest (smaller ones run while the JIT compiles).
# The JIT compiler threads (C1, C2) still compile the evaluation path after dozens of evaluations
# (a method called once per evaluation reaches C2 after thousands), so the same figure is printed
# also without their share of the evaluations: the cost of a service that has run for days.
# A window of W events over 15 minutes evaluated every 30 s gets W/30 new events per evaluation,
# each read, parsed and sketched once, so one million monitored events cost
#   1e6 x (ingest CPU per event) + (30e6 / W) x (CPU of a steady evaluation)
#   + 1e6 x (CPU of the first evaluation - a steady one) / W
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${BENCH_RUNS:-10}"
WARMUP="${BENCH_WARMUP:-200}"
SIZES="${BENCH_SIZES:-10000,100000,1000000}"
DB="${BENCH_REDIS_DB:-6}"
PG_DB="${BENCH_DB_NAME:-drift_bench}"
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
mvn -B -ntp -o -q -pl drift-service -am package -DskipTests >&2
echo "# load: $(uptime)" >&2

psql -h 127.0.0.1 -U postgres -lqt | cut -d'|' -f1 | grep -qw "$PG_DB" || createdb -h 127.0.0.1 -U postgres "$PG_DB"
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

echo "# starting drift-service (window 15m, exact up to drift.window-memory-mb, KLL k=200)" >&2
START=$(date +%s.%N)
HTTP_PORT=$PORT MANAGEMENT_PORT=$MGMT REDIS_URL="redis://127.0.0.1:6379/$DB" DB_NAME="$PG_DB" \
  ADMIN_TOKEN=$TOKEN MODEL_REPOSITORY="$WORK/models" DRIFT_EVALUATION_INTERVAL=1h LOG_JSON=false \
  QUARKUS_OTEL_SDK_DISABLED=true java -Xmx2g ${BENCH_JVM_OPTS:-} -jar drift-service/target/quarkus-app/quarkus-run.jar \
  > "$WORK/service.log" 2>&1 &
PID=$!
cpu_seconds() { # process CPU time of drift-service (all threads), in seconds
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$PID/stat"
}
jit_seconds() { # CPU time of its JIT compiler threads (C1, C2), in seconds
  cat /proc/"$PID"/task/*/stat 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" \
    '/\(C[12] CompilerThre/ { sub(/^.*\) /, ""); s += $12 + $13 } END { print s / hz }'
}
until curl -sf "http://127.0.0.1:$MGMT/q/health/ready" >/dev/null; do
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/service.log" >&2; exit 1; }
  sleep 0.5
done

consumed() {
  curl -s "http://127.0.0.1:$MGMT/q/metrics" | awk '/^prediction_events_consumed_total/ {s += $2} END {printf "%d", s}'
}
echo "# the scheduler's first evaluations read the backlog of $TOTAL events into the windows and sketches" >&2
FIRST_START=$(date +%s.%N)
CPU_FIRST_START=$(cpu_seconds)
until (( $(consumed) >= TOTAL )); do sleep 0.2; done
# every event is read once the counter is reached, but the last model's first evaluation may still
# run: wait until the service is quiet (under 10 % of a core for 1 s), so it is not measured later
for _ in $(seq 1 60); do
  before=$(cpu_seconds)
  sleep 1
  python3 -c "import sys; sys.exit(0 if $(cpu_seconds) - $before < 0.1 else 1)" && break
done
python3 -c "print(f'first evaluations events=$TOTAL seconds={$(date +%s.%N) - $FIRST_START:.2f} cpu_s={$(cpu_seconds) - $CPU_FIRST_START:.2f} (reading every window and sketch, and evaluating each once)')"
# the in-memory window: entries read, parsed into columns and sketched per second and per CPU-µs by each rebuild
grep -o 'Rebuilt the window of [^:]*: [0-9]* entries in [0-9]* ms ([0-9]* ms process CPU)' "$WORK/service.log" | \
  awk '{ m = $5; sub(":", "", m); e = $6; ms = $9; cpu = $11; sub("\\(", "", cpu)
         printf "window ingest model=%s entries=%d ms=%d events_per_s=%.0f cpu_us_per_event=%.2f\n", m, e, ms,
                (ms > 0 ? e / ms * 1000 : 0), (e > 0 ? cpu * 1000 / e : 0) }' | tee "$WORK/ingest.txt"

for n in ${SIZES//,/ }; do
  model="bench-$n"
  : > "$WORK/cpu-$n.txt"
  for run in $(seq 1 $(( 1 + WARMUP + RUNS ))); do
    echo "$(cpu_seconds) $(jit_seconds)" >> "$WORK/cpu-$n.txt"
    curl -s -X POST -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/drift/models/$model/evaluate" \
      -w ' %{time_total}\n' >> "$WORK/eval-$n.txt"
  done
  echo "$(cpu_seconds) $(jit_seconds)" >> "$WORK/cpu-$n.txt"
  # the ingest cost per event of the largest rebuild (the smaller ones run while the JIT still compiles)
  INGEST_US=$(sort -t= -k3 -n "$WORK/ingest.txt" | awk 'END { sub("cpu_us_per_event=", "", $7); print $7 }')
  python3 - "$WORK/eval-$n.txt" "$n" "$WORK/cpu-$n.txt" "${INGEST_US:-0}" "$RUNS" <<'PY'
import json, statistics, sys
measured = int(sys.argv[5])
runs = []
for line in open(sys.argv[1]):
    body, wall = line.rsplit(" ", 1)
    r = json.loads(body)
    runs.append((r["durationSeconds"], float(wall), r["samples"], r["mode"], r["status"]))
server = statistics.median(r[0] for r in runs[-measured:])
wall = statistics.median(r[1] for r in runs[-measured:])
_, _, samples, mode, status = runs[-1]
print(f"window events={sys.argv[2]} samples={samples} mode={mode} status={status} "
      f"evaluation_ms={server * 1000:.0f} http_ms={wall * 1000:.0f} (median of the last {measured} of {len(runs)})")
samples = [line.split() for line in open(sys.argv[3])]
window = int(sys.argv[2])
ingest = float(sys.argv[4]) / 1e6


def per_million(column):
    cpu = [float(sample[column]) for sample in samples]
    per_eval = [b - a for a, b in zip(cpu, cpu[1:])]
    first = per_eval[0]
    # the mean, not the median: process CPU moves in clock ticks (10 ms), and a GC or JIT burst is part of the cost
    steady = statistics.mean(per_eval[-measured:]) if len(per_eval) > 1 else first
    return first, steady, statistics.median(per_eval[-measured:]) if len(per_eval) > 1 else first


first, steady, median = per_million(0)
first_jit, steady_jit, _ = per_million(1)


def total(first, steady):
    return 1e6 * ingest + 30e6 / window * steady + 1e6 * max(0.0, first - steady) / window


print(f"  cpu window events={window} first_evaluation_cpu_s={first:.3f} steady_evaluation_cpu_s={steady:.3f} "
      f"(mean of the last {measured}; median {median:.3f}; JIT compiler threads {steady_jit:.3f}) "
      f"ingest_cpu_us_per_event={ingest * 1e6:.2f} cpu_s_per_million_events_at_30s_over_15m={total(first, steady):.1f} "
      f"(without the JIT compiler threads' share of the evaluations: "
      f"{total(first - first_jit, steady - steady_jit):.1f})")
PY
done
# what the service costs while nothing is asked of it (scheduler loop, metrics, JIT and GC threads):
# not part of the CPU per million events above, which counts ingest and evaluations
IDLE=${BENCH_IDLE_SECONDS:-10}
IDLE_START=$(cpu_seconds)
sleep "$IDLE"
python3 -c "print(f'idle process cpu_s_per_s={($(cpu_seconds) - $IDLE_START) / $IDLE:.4f} (no request for $IDLE s, after the evaluations)')"
echo "# load: $(uptime)" >&2
