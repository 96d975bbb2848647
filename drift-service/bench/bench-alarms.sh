#!/usr/bin/env bash
# False alarms and detection of the monitor's default drift verdicts (make bench-drift-alarms): compiles the
# drift engine with drift-service/bench/AlarmBench.java (bench/engine.sh, shared with bench-stats.sh) and runs it.
# Environment: WINDOWS (stationary windows per window size, default 10000), SIZES (default 10000,100000),
# REFERENCE (reference events, default 10000), TRIALS (fresh-window trials per change, default 200),
# SLIDING_TRIALS (sliding-window trials per change, default 40), ALPHA (default: the service's 1e-5),
# THREADS (default: all cores), SVG (chart path, default drift-service/target/bench/drift-alarms.svg).
set -euo pipefail
cd "$(dirname "$0")/../.."

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# shellcheck source=drift-service/bench/engine.sh
source drift-service/bench/engine.sh
compile_engine_with drift-service/bench/AlarmBench.java

echo "# load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
java -Xmx2g \
  -Dalarms.windows="${WINDOWS:-10000}" -Dalarms.sizes="${SIZES:-10000,100000}" \
  -Dalarms.reference="${REFERENCE:-10000}" -Dalarms.trials="${TRIALS:-200}" \
  -Dalarms.sliding-trials="${SLIDING_TRIALS:-40}" ${ALPHA:+-Dalarms.alpha="$ALPHA"} \
  ${THREADS:+-Dalarms.threads="$THREADS"} -Dalarms.svg="${SVG:-drift-service/target/bench/drift-alarms.svg}" \
  -cp "$WORK/classes:$CP" AlarmBench
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
