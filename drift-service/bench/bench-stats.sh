#!/usr/bin/env bash
# Drift statistics benchmark (make bench-drift): the Java engine vs SciPy/NumPy on n = 10k, 100k, 1M
# normal doubles per sample. Prints "bench method=<m> n=<n> ms=<median>" per Java measurement,
# "scipy method=<m> n=<n> ms=<median>" per SciPy measurement (plus "cpu"/"scipy-cpu" lines with the
# mean process CPU time per run, which a busy shared machine does not inflate), then one speedup line
# per pair with the wall-clock ratio and the CPU-time ratio.
# Environment: BENCH_RUNS (timed runs per case, default 7, at least 5), BENCH_SIZES (comma list).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${BENCH_RUNS:-7}"
SIZES="${BENCH_SIZES:-10000,100000,1000000}"
if (( RUNS < 5 )); then echo "BENCH_RUNS must be at least 5" >&2; exit 2; fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# shellcheck source=drift-service/bench/engine.sh
source drift-service/bench/engine.sh
compile_engine_with drift-service/bench/StatsBench.java

echo "# Java (-Xmx256m) and SciPy $(python3 -c 'import scipy; print(scipy.__version__)') / NumPy $(python3 -c 'import numpy; print(numpy.__version__)'):" \
     "median of $RUNS runs after warm-up, every run from unsorted data; sizes interleaved so both see the same machine load" >&2
: > "$WORK/java.txt"
: > "$WORK/scipy.txt"
for n in ${SIZES//,/ }; do
  java -Xmx256m -Dbench.runs="$RUNS" -Dbench.sizes="$n" -cp "$WORK/classes:$CP" StatsBench | tee -a "$WORK/java.txt"
  BENCH_RUNS="$RUNS" BENCH_SIZES="$n" python3 drift-service/bench/bench_scipy.py | tee -a "$WORK/scipy.txt"
done

awk '
  function field(i) { split($i, kv, "="); return kv[2] }
  FNR == NR { key = field(2) " " field(3); if ($1 == "scipy") wall[key] = field(4); if ($1 == "scipy-cpu") cpu[key] = field(4); next }
  $1 == "bench" { key = field(2) " " field(3); jwall[key] = field(4); order[++count] = key }
  $1 == "cpu"   { key = field(2) " " field(3); jcpu[key] = field(4) }
  END {
    for (i = 1; i <= count; i++) {
      key = order[i]; if (!(key in wall)) continue
      split(key, mn, " ")
      printf "speedup method=%s n=%s java_ms=%s scipy_ms=%s ratio=%.1f java_cpu_ms=%s scipy_cpu_ms=%s cpu_ratio=%.1f\n", \
        mn[1], mn[2], jwall[key], wall[key], wall[key] / jwall[key], jcpu[key], cpu[key], (jcpu[key] > 0 ? cpu[key] / jcpu[key] : 0)
    }
  }
' "$WORK/scipy.txt" "$WORK/java.txt"
