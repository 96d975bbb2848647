#!/usr/bin/env bash
# Feedback ingest benchmark of the packaged metrics-gateway (make bench-feedback).
#   1. starts the gateway on its own ports, database gateway_bench and Redis db 5 (nobody else's data)
#   2. seeds INGEST_LISTS (>= LISTS) served lists through the prediction stream and prints lists ingested/s
#   3. drives sustained POST /api/v1/feedback with wrk (CONNECTIONS, DURATION) and prints feedback/s, p50, p99
#   4. loads 1,000,000 feedback rows (generate_series), waits for the quality rollup to take them in,
#      and times GET /api/v1/quality over them
#   5. loads 100,000 and then 1,000,000 served lists without feedback, times the exposure rollup's
#      catch-up with them, and times GET /api/v1/quality over them: the beyond-accuracy part alone
#      (exposure counts per item, docs/statistics.md §7)
# Goals: >= 15,000 served lists ingested/s; >= 2,000 feedback/s with p99 < 50 ms; quality over 1M rows < 500 ms.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PORT="${BENCH_PORT:-28082}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-29082}"
DB="${BENCH_DB:-gateway_bench}"
REDIS_DB="${BENCH_REDIS_DB:-5}"
LISTS="${LISTS:-20000}"
INGEST_LISTS="${INGEST_LISTS:-100000}"
USERS="${USERS:-5000}"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
MODEL=bench
PSQL=(psql -h 127.0.0.1 -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" -v ON_ERROR_STOP=1 -qtA)
JAR="$ROOT/metrics-gateway/target/quarkus-app/quarkus-run.jar"
LOG="$ROOT/metrics-gateway/target/bench-gateway.log"

log() { echo "[bench] $*" >&2; }
for tool in wrk psql redis-cli python3 curl java; do
  command -v "$tool" >/dev/null || { log "$tool is required"; exit 1; }
done

bash "$ROOT/deploy/local/services.sh" ensure
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/metrics-gateway/src" "$ROOT/metrics-gateway/pom.xml" -newer "$JAR" | head -1)" ]; then
  log "packaging metrics-gateway"
  (cd "$ROOT" && mvn -B -ntp -q -pl metrics-gateway package -DskipTests)
fi

"${PSQL[@]}" -d postgres -c "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
  || "${PSQL[@]}" -d postgres -c "create database $DB"
redis-cli -n "$REDIS_DB" del "ml:predictions:$MODEL" >/dev/null

GATEWAY_PID=""
cleanup() {
  [ -n "$GATEWAY_PID" ] && kill "$GATEWAY_PID" 2>/dev/null && wait "$GATEWAY_PID" 2>/dev/null || true
  redis-cli -n "$REDIS_DB" del "ml:predictions:$MODEL" >/dev/null || true
}
trap cleanup EXIT

log "starting the gateway on :$PORT (management :$MANAGEMENT_PORT), database $DB, Redis db $REDIS_DB"
HTTP_PORT="$PORT" MANAGEMENT_PORT="$MANAGEMENT_PORT" DB_NAME="$DB" REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB" \
  LOG_JSON=false QUARKUS_OTEL_SDK_DISABLED=true QUARKUS_LOG_LEVEL=WARN GATEWAY_QUALITY_GAUGE_REFRESH_INTERVAL=10m \
  java -Xmx1g -jar "$JAR" >"$LOG" 2>&1 &
GATEWAY_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$GATEWAY_PID" 2>/dev/null || { log "gateway exited; see $LOG"; exit 1; }
  sleep 0.5
done
"${PSQL[@]}" -d "$DB" -c "truncate feedback, served_list, list_quality, user_relevant_movie, feedback_pending, served_pending, served_item_rollup, served_list_rollup"

# ingestion: INGEST_LISTS events written in one redis-cli pipe, timed until the last list is committed.
# The gateway follows the stream before the clock starts (one list first), so that its stream
# discovery interval (10 s) is not counted as ingestion time.
SEED="$ROOT/metrics-gateway/target/bench-seed.resp"
python3 "$HERE/seed-events.py" "$MODEL" "$INGEST_LISTS" "$USERS" >"$SEED"
python3 "$HERE/seed-events.py" "$MODEL" 1 "$USERS" | redis-cli -n "$REDIS_DB" --pipe >/dev/null
until [ "$("${PSQL[@]}" -d "$DB" -c "select count(*) from served_list where model = '$MODEL'")" -ge 1 ]; do
  sleep 0.2
done
# CPU seconds used by the gateway and its database's PostgreSQL backends: on a shared machine the
# wall-clock rate depends on everyone else's load, the CPU cost per list much less
cpu_seconds() {
  local pids
  pids="$GATEWAY_PID $("${PSQL[@]}" -d "$DB" -c "select string_agg(pid::text, ' ') from pg_stat_activity where datname = '$DB' and pid <> pg_backend_pid()")"
  for pid in $pids; do awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true; done \
    | awk -v hz="$(getconf CLK_TCK)" '{ s += $1 } END { printf "%.2f", s / hz }'
}
log "seeding $INGEST_LISTS served lists through ml:predictions:$MODEL"
cpu_start=$(cpu_seconds)
start=$(date +%s.%N)
redis-cli -n "$REDIS_DB" --pipe <"$SEED" >/dev/null
until [ "$("${PSQL[@]}" -d "$DB" -c "select count(*) from served_list where model = '$MODEL'")" -ge "$INGEST_LISTS" ]; do
  sleep 0.1
done
end=$(date +%s.%N)
python3 -c "print('RESULT served lists ingested from the stream: %d in %.2f s = %.0f lists/s' % ($INGEST_LISTS, $end - $start, $INGEST_LISTS / ($end - $start)))"
cpu_end=$(cpu_seconds)
python3 -c "print('RESULT ingestion CPU (gateway + its PostgreSQL backends): %.1f s = %.0f lists per CPU-second' % ($cpu_end - $cpu_start, $INGEST_LISTS / max($cpu_end - $cpu_start, 0.01)))"
echo "RESULT load while ingesting (uptime): $(uptime)"

export LISTS USERS
log "warm-up: 10 s of feedback"
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$HERE/feedback.lua" "http://127.0.0.1:$PORT/api/v1/feedback" >/dev/null
log "sustained feedback ingest: $DURATION, $CONNECTIONS connections"
before=$("${PSQL[@]}" -d "$DB" -c "select count(*) from feedback")
cpu_start=$(cpu_seconds)
wrk_out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$HERE/feedback.lua" "http://127.0.0.1:$PORT/api/v1/feedback")
cpu_end=$(cpu_seconds)
echo "$wrk_out" | grep -E "RESULT|Non-2xx|Socket errors"
requests=$(echo "$wrk_out" | sed -n 's/.*requests=\([0-9]*\).*/\1/p')
python3 -c "print('RESULT feedback CPU (gateway + its PostgreSQL backends): %.1f s = %.0f feedback per CPU-second' % ($cpu_end - $cpu_start, $requests / max($cpu_end - $cpu_start, 0.01)))"
echo "RESULT load during feedback (uptime): $(uptime)"
after=$("${PSQL[@]}" -d "$DB" -c "select count(*) from feedback")
echo "RESULT new feedback rows committed during the run: $((after - before)) (the rest were repeats, answered 200)"

log "loading 1,000,000 feedback rows on 100,000 lists (generate_series)"
start=$(date +%s.%N)
"${PSQL[@]}" -d "$DB" -f "$HERE/quality-1m.sql"
end=$(date +%s.%N)
python3 -c "print('RESULT loaded 1M feedback rows in %.1f s' % ($end - $start))"
log "waiting for the gateway's quality rollup to take them in"
start=$(date +%s.%N)
# waits until both rollups have caught up and the job's vacuum after them (which would slow the
# timings below) is over
await_rollups() {
  while :; do
    pending=$("${PSQL[@]}" -d "$DB" -c "select (select count(*) from feedback_pending) + (select count(*) from served_pending)")
    [ "$pending" -eq 0 ] && [ "$("${PSQL[@]}" -d "$DB" -c "select count(*) from pg_stat_progress_vacuum")" -eq 0 ] && break
    log "  $pending feedback rows and served lists not rolled up yet"
    sleep 1
  done
}
await_rollups
end=$(date +%s.%N)
python3 -c "print('RESULT quality rollup caught up with 1M feedback rows (and the exposure rollup with their 100,000 lists) in %.1f s' % ($end - $start))"
rows=$("${PSQL[@]}" -d "$DB" -c "select count(*) from feedback where model = 'bench-quality'")
log "timing GET /api/v1/quality?model=bench-quality&window=1h over $rows feedback rows"
for run in 1 2 3 4 5; do
  seconds=$(curl -fs -o /dev/null -w "%{time_total}" "http://127.0.0.1:$PORT/api/v1/quality?model=bench-quality&window=1h")
  awk -v s="$seconds" -v n="$rows" -v r="$run" 'BEGIN { printf "RESULT quality over %d feedback rows, run %d: %.0f ms\n", n, r, s * 1000 }'
done
curl -fs "http://127.0.0.1:$PORT/api/v1/quality?model=bench-quality&window=1h" | python3 -c \
  "import json,sys; q=json.load(sys.stdin)['overall']; print('RESULT quality overall: lists=%d ratings=%d rmse=%.4f p@k=%.4f ndcg@k=%.4f' % (q['lists'], q['ratings'], q['rmse'], q['precisionAtK'], q['ndcgAtK']))"
for lists in 100000 1000000; do
  log "loading $lists served lists without feedback (bench-served)"
  "${PSQL[@]}" -d "$DB" -v lists="$lists" -f "$HERE/served-lists.sql"
  start=$(date +%s.%N)
  await_rollups
  end=$(date +%s.%N)
  python3 -c "print('RESULT exposure rollup caught up with %d served lists in %.1f s = %.0f lists/s' % ($lists, $end - $start, $lists / ($end - $start)))"
  for run in 1 2 3; do
    seconds=$(curl -fs -o /dev/null -w "%{time_total}" "http://127.0.0.1:$PORT/api/v1/quality?model=bench-served&window=1h")
    awk -v s="$seconds" -v n="$lists" -v r="$run" 'BEGIN { printf "RESULT quality with beyond accuracy over %d served lists (window 1h), run %d: %.0f ms\n", n, r, s * 1000 }'
  done
done
"${PSQL[@]}" -d "$DB" -c "delete from served_list where model = 'bench-served'" \
  -c "delete from served_item_rollup where model = 'bench-served'" -c "delete from served_list_rollup where model = 'bench-served'"
