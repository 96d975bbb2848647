#!/usr/bin/env bash
# The chaos suite (issue 12), run by `make test` after the packages are built, or alone by `make chaos`;
# against the packaged services on a PRIVATE stack,
# so it can stop, freeze and kill what it started without touching the shared Redis 6379 and
# PostgreSQL 5432 or a stack on the standard ports:
#   - its own Redis (CHAOS_REDIS_PORT, default 16379) and PostgreSQL cluster (CHAOS_DB_PORT, 15432;
#     initdb into a temp dir, run as user postgres), both started by services.sh with SERVICES_DIR;
#   - recommender-service, two drift-service and two metrics-gateway replicas from
#     */target/quarkus-app/quarkus-run.jar (stack.sh's start_service), API ports from
#     CHAOS_HTTP_BASE (28080: recommender 28080, drift 28081/28091, gateway 28082/28092), management
#     ports 1000 higher; drift evaluates 1-minute windows every 5 s, the gateway claims entries of dead
#     consumers after 5 s, the recommender buffers at most CHAOS_EVENT_BUFFER (50) events and sends 20 a batch;
#   - its own model (.local/chaos/models, built once by model-builder, synthetic data);
#   - load from the traffic simulator (`model-builder simulate`, as `make load`) plus counting
#     probes, then the scenarios of deploy/local/chaos.py. Each prints its numbers (sent, stored,
#     dropped, recovered after N s) and asserts them. About 8 minutes in all (docs/operations.md).
# Everything it stopped or froze is continued, and everything it started is stopped, on any exit.
# CHAOS_KEEP=1 keeps the temp dir (logs of every service, the servers' data) after a pass too.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
log() { echo "[chaos] $*" >&2; }
# shellcheck source=deploy/local/lib.sh
source "$ROOT/deploy/local/lib.sh"

# instance name, jar, API port offset from CHAOS_HTTP_BASE (chaos.py starts the same way on restart)
start_instance() {
  local instance=$1 name=$2 offset=$3
  HTTP_PORT=$((CHAOS_HTTP_BASE + offset)) MANAGEMENT_PORT=$((CHAOS_HTTP_BASE + 1000 + offset)) \
    GATEWAY_STREAMS_CONSUMER="$instance" GATEWAY_MANAGEMENT_URL="http://127.0.0.1:$((CHAOS_HTTP_BASE + 1000 + offset))" \
    start_service "$name" "$instance"
}
if [ "${1:-}" = start-instance ]; then # chaos.py restarts an instance the same way, in the environment set below
  start_instance "$2" "$3" "$4"; exit 0
fi

export CHAOS_REDIS_PORT="${CHAOS_REDIS_PORT:-16379}" CHAOS_DB_PORT="${CHAOS_DB_PORT:-15432}"
export CHAOS_HTTP_BASE="${CHAOS_HTTP_BASE:-28080}"
for port in "$CHAOS_REDIS_PORT" "$CHAOS_DB_PORT"; do
  if listening "$port"; then log "port $port is taken: set CHAOS_REDIS_PORT / CHAOS_DB_PORT to free ports"; exit 1; fi
done
for offset in 0 1 11 2 12 1000 1001 1011 1002 1012; do # API and management ports of the five instances
  port=$((CHAOS_HTTP_BASE + offset))
  if listening "$port"; then log "port $port is taken: set CHAOS_HTTP_BASE to a free range"; exit 1; fi
done
for jar in recommender-service drift-service metrics-gateway; do
  [ -f "$jar/target/quarkus-app/quarkus-run.jar" ] || { log "$jar is not packaged (mvn package)"; exit 1; }
done
ls model-builder/target/model-builder-*.jar >/dev/null 2>&1 || { log "model-builder is not packaged"; exit 1; }

export CHAOS_DIR; CHAOS_DIR="$(mktemp -d /tmp/chaos-XXXXXX)"
export RUN_DIR="$CHAOS_DIR/run" SERVICES_DIR="$CHAOS_DIR/servers"
mkdir -p "$RUN_DIR" "$SERVICES_DIR"
chmod o+x "$CHAOS_DIR" # PostgreSQL runs as user postgres under $SERVICES_DIR
export CHAOS_MODELS="$ROOT/.local/chaos/models"
if ! ls "$CHAOS_MODELS"/movie-recs/*/model.onnx >/dev/null 2>&1 \
    || [ -n "$(find model-builder/target -maxdepth 1 -name 'model-builder-*.jar' -newer "$CHAOS_MODELS/movie-recs")" ]; then
  log "building the suite's model into .local/chaos/models (with the model-builder just packaged)"
  rm -rf "$CHAOS_MODELS"
  bash model-builder/bin/model-builder --repository "$CHAOS_MODELS" --model movie-recs >"$CHAOS_DIR/model-builder.log"
fi

CHAOS_PY=""
cleanup() {
  local code=$?
  # chaos.py continues what it froze and stops its simulators on TERM
  if [ -n "$CHAOS_PY" ]; then kill "$CHAOS_PY" 2>/dev/null && wait "$CHAOS_PY" 2>/dev/null || true; fi
  # continue anything frozen, then stop services and servers (only ours: pids and dirs of this run)
  for pidfile in "$RUN_DIR"/*.pid "$SERVICES_DIR"/pgdata/postmaster.pid; do
    [ -f "$pidfile" ] || continue
    local pid; pid="$(head -1 "$pidfile")"
    kill -CONT "$pid" $(pgrep -P "$pid" 2>/dev/null) 2>/dev/null || true
  done
  local pids=()
  for pidfile in "$RUN_DIR"/*.pid; do
    [ -f "$pidfile" ] && pids+=("$(cat "$pidfile")")
  done
  [ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true
  # the checks after this one get the CPU back, not JVMs still shutting down (kill -9 after 30 s)
  local pid alive
  for _ in $(seq 1 60); do
    alive=""
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ -n "$alive" ] || break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  REDIS_PORT="$CHAOS_REDIS_PORT" DB_PORT="$CHAOS_DB_PORT" bash deploy/local/services.sh stop 2>/dev/null || true
  if [ "$code" = 0 ] && [ -z "${CHAOS_KEEP:-}" ]; then rm -rf "$CHAOS_DIR"; else log "logs and data kept in $CHAOS_DIR"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

REDIS_PORT="$CHAOS_REDIS_PORT" DB_PORT="$CHAOS_DB_PORT" bash deploy/local/services.sh ensure

export REDIS_URL="redis://127.0.0.1:$CHAOS_REDIS_PORT" DB_HOST=127.0.0.1 DB_PORT="$CHAOS_DB_PORT"
export MODEL_REPOSITORY="$CHAOS_MODELS" JAVA_OPTS="${CHAOS_JAVA_OPTS:--Xmx384m}"
export ADMIN_TOKEN; ADMIN_TOKEN="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DRIFT_EVALUATION_INTERVAL=5s DRIFT_WINDOW_SIZE=1m
# time runs 6x faster than the default 30 s interval: the catch-up after a restart keeps the default's
# 2 minutes (4 windows of 30 s = 24 of 5 s), which a restart of a killed replica here needs (30-50 s)
export DRIFT_CATCH_UP_WINDOWS=24
export GATEWAY_STREAMS_CLAIM_MIN_IDLE=5s GATEWAY_STREAMS_CLAIM_INTERVAL=2s
export EVENT_BUFFER_SIZE="${CHAOS_EVENT_BUFFER:-50}"
# the recommender holds the buffer plus the sender's batch while Redis is away: 20-event batches (not 256), so
# even the probes of a slow machine send more events than that during the outage, and some are dropped
export RECOMMENDER_EVENTS_BATCH_SIZE=20
export RECOMMENDER_URL="http://127.0.0.1:$CHAOS_HTTP_BASE" RECOMMENDER_MANAGEMENT_URL="http://127.0.0.1:$((CHAOS_HTTP_BASE + 1000))"
export DRIFT_URL="http://127.0.0.1:$((CHAOS_HTTP_BASE + 1))" DRIFT_MANAGEMENT_URL="http://127.0.0.1:$((CHAOS_HTTP_BASE + 1001))"

export CHAOS_START="bash $ROOT/deploy/local/check-chaos.sh start-instance"
# the recommender first: Flyway of the other services does not race it for the cluster's CPU
start_instance recommender recommender-service 0
start_instance drift-a drift-service 1
start_instance gateway-a metrics-gateway 2
start_instance gateway-b metrics-gateway 12
disown -a # chaos.py kills some of them: no "Killed" job notices
# on a loaded machine a start can fail (Flyway's connection times out while four JVMs start): one more try
for instance in recommender:recommender-service:0 drift-a:drift-service:1 gateway-a:metrics-gateway:2 \
                gateway-b:metrics-gateway:12; do
  IFS=: read -r name jar offset <<<"$instance"
  port=$((CHAOS_HTTP_BASE + 1000 + offset)) retried=""
  for _ in $(seq 1 240); do
    ready "$port" && break
    if ! kill -0 "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null && [ -z "$retried" ]; then
      log "$name exited while starting (log $RUN_DIR/$name.log); starting it again"
      start_instance "$name" "$jar" "$offset"; disown -a; retried=1
    fi
    sleep 0.5
  done
  ready "$port" || { log "$name: nothing ready on $port after 120 s; logs in $RUN_DIR"; exit 1; }
done
log "private stack ready: Redis $CHAOS_REDIS_PORT, PostgreSQL $CHAOS_DB_PORT, services from $CHAOS_HTTP_BASE (logs $RUN_DIR)"
python3 deploy/local/chaos.py & # in the background, so that the trap can stop it on INT/TERM
CHAOS_PY=$!
wait "$CHAOS_PY"
