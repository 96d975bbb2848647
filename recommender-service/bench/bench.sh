#!/usr/bin/env bash
# Recommendation throughput and latency over loopback with wrk, on a large synthetic model.
#   1. builds (once) a model of BENCH_USERS users x 45,000 movies, 64 factors, into .local/bench/models
#   2. starts the packaged service on it, first with the cache off (every request runs ONNX inference),
#      then with the cache on and a small hot set of users (served from Redis)
#   3. runs wrk at rising request rates (paced per connection) and prints throughput, p50 and p99 per step
#   4. searches the 45,000-title catalog (PostgreSQL full text + pg_trgm) with whole words, prefixes,
#      misspellings and stop words taken from the model's titles, and prints the same figures
# Environment: STEP (seconds per step, default 15), RATES_UNCACHED, RATES_CACHED, RATES_SEARCH
# (req/s, "max" = unpaced),
# SERVICE_JAR (a packaged quarkus-run.jar to use as it is).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$ROOT/.local/bench"
MODELS="$BENCH/models"
LUA="$ROOT/recommender-service/bench/recommendations.lua"
SEARCH_LUA="$ROOT/recommender-service/bench/search.lua"
STEP="${STEP:-15}"
USERS="${BENCH_USERS:-100000}"
MOVIES="${BENCH_MOVIES:-45000}"
RATINGS="${BENCH_RATINGS:-2000000}"
RATES_UNCACHED="${RATES_UNCACHED:-500 1000 2000 3000 max}"
RATES_CACHED="${RATES_CACHED:-2000 4000 8000 max}"
RATES_SEARCH="${RATES_SEARCH:-200 500 max}"
HTTP_PORT="${BENCH_HTTP_PORT:-18180}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-19180}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
JAVA_OPTS="${JAVA_OPTS:--Xmx2g}"
SERVICE_PID=""

log() { echo "[bench] $*" >&2; }
cd "$ROOT"
mkdir -p "$BENCH"

stop_service() {
  if [ -n "$SERVICE_PID" ]; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=""
  fi
}
trap stop_service EXIT

bash deploy/local/services.sh ensure

# SERVICE_JAR runs an already packaged service instead of (re)packaging this checkout
SERVICE_JAR="${SERVICE_JAR:-}"
if [ -z "$SERVICE_JAR" ]; then
  SERVICE_JAR=recommender-service/target/quarkus-app/quarkus-run.jar
  if [ ! -f "$SERVICE_JAR" ] \
     || [ -n "$(find recommender-service/src recommender-service/pom.xml model-repository/src model-builder/src -newer "$SERVICE_JAR" 2>/dev/null | head -1)" ]; then
    log "packaging model-repository, model-builder and recommender-service"
    mvn -B -ntp -q -pl model-repository,model-builder,recommender-service install -DskipTests
  fi
fi

if ! ls "$MODELS"/movie-recs/*/model.onnx >/dev/null 2>&1; then
  log "building the benchmark model: $USERS users, $MOVIES movies, $RATINGS ratings, 64 factors"
  bash model-builder/bin/model-builder --repository "$MODELS" --model movie-recs --users "$USERS" \
    --movies "$MOVIES" --ratings "$RATINGS" --factors 64 --iterations 3 --eval-users 500
fi

start_service() { # cache enabled (true/false)
  log "starting recommender-service (cache enabled: $1)"
  MODEL_REPOSITORY="$MODELS" HTTP_PORT="$HTTP_PORT" MANAGEMENT_PORT="$MANAGEMENT_PORT" CACHE_ENABLED="$1" \
    REDIS_URL="redis://127.0.0.1:6379/5" LOG_JSON=false \
    java $JAVA_OPTS -jar "$SERVICE_JAR" >"$BENCH/service-cache-$1.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" && return 0
    kill -0 "$SERVICE_PID" 2>/dev/null || { log "service exited; see $BENCH/service-cache-$1.log"; exit 1; }
    sleep 0.5
  done
  log "service not ready after 120 s"; exit 1
}

run_step() { # label rate hot-users [wrk script]
  local label=$1 rate=$2 hot=$3 script=${4:-$LUA} delay=0
  if [ "$rate" != "max" ]; then
    # each connection sends one request every CONNECTIONS/rate seconds
    delay=$(( CONNECTIONS * 1000 / rate ))
  fi
  local out
  out=$(BENCH_USERS="$USERS" BENCH_HOT="$hot" BENCH_DELAY_MS="$delay" BENCH_QUERIES="$BENCH/search-queries.txt" \
    wrk -t2 -c"$CONNECTIONS" -d"${STEP}s" --timeout 5s -s "$script" \
    "http://127.0.0.1:$HTTP_PORT/api/v1/users/1/recommendations" | grep '^RESULT' || true)
  printf '%-9s target=%-5s %s\n' "$label" "$rate" "${out#RESULT }"
}

search_queries() { # what people type: a title word, its first 4 letters, a misspelling, a stop word
  python3 - "$MODELS/movie-recs/$(ls "$MODELS/movie-recs" | sort -n | tail -1)/items.csv" >"$BENCH/search-queries.txt" <<'PY'
import csv, random, sys
rng = random.Random(14)
words = [w for row in csv.DictReader(open(sys.argv[1])) for w in row["title"].split()
         if w.isalpha() and len(w) >= 5]
queries = []
for w in rng.sample(words, min(500, len(words))):
    i = rng.randrange(1, len(w) - 1)
    queries += [w.lower(), w[:4].lower(), w[:i] + w[i + 1] + w[i] + w[i + 2:], rng.choice(["the", "it", "of"])]
print("\n".join(queries))
PY
}

warm_up() { # hot-users
  BENCH_USERS="$USERS" BENCH_HOT="$1" BENCH_DELAY_MS=0 wrk -t2 -c16 -d5s -s "$LUA" \
    "http://127.0.0.1:$HTTP_PORT/" >/dev/null
}

echo "== recommender benchmark: $(nproc) cores, model $(ls "$MODELS/movie-recs" | sort -n | tail -1) ($USERS users, $MOVIES movies, 64 factors), $STEP s per step, $CONNECTIONS connections"
start_service false
warm_up 0
for rate in $RATES_UNCACHED; do run_step uncached "$rate" 0; done
curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" | grep -E '^model_inference_batch_size_(sum|count)' || true
search_queries
echo "search: $(wc -l <"$BENCH/search-queries.txt") queries (words, 4-letter prefixes, misspellings, stop words), limit 20"
for rate in $RATES_SEARCH; do run_step search "$rate" 0 "$SEARCH_LUA"; done
stop_service

start_service true
warm_up 1000
for rate in $RATES_CACHED; do run_step cached "$rate" 1000; done
curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" | grep -E '^recommendation_cache_requests_total' || true
