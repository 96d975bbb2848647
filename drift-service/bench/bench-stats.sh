#!/usr/bin/env bash
# Drift statistics benchmark (make bench-drift): the Java engine vs SciPy/NumPy on n = 10k, 100k, 1M
# normal doubles per sample. Prints "bench method=<m> n=<n> ms=<median>" per Java measurement,
# "scipy method=<m> n=<n> ms=<median>" per SciPy measurement, then one speedup line per pair.
# Environment: BENCH_RUNS (timed runs per case, default 7, at least 5), BENCH_SIZES (comma list).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${BENCH_RUNS:-7}"
SIZES="${BENCH_SIZES:-10000,100000,1000000}"
if (( RUNS < 5 )); then echo "BENCH_RUNS must be at least 5" >&2; exit 2; fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "# resolving the engine's libraries (commons-statistics)" >&2
mvn -B -ntp -q -pl drift-service dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=runtime >&2
CP="$(tr ':' '\n' < "$WORK/cp.txt" | grep -E 'commons-(statistics|numbers|rng)' | paste -sd: -)"

echo "# compiling the engine and the benchmark" >&2
javac -nowarn -d "$WORK/classes" -cp "$CP" \
  drift-service/src/main/java/dev/recsys/drift/engine/*.java drift-service/bench/StatsBench.java

echo "# Java (-Xmx256m), median of $RUNS runs after warm-up, every run from unsorted data" >&2
java -Xmx256m -Dbench.runs="$RUNS" -Dbench.sizes="$SIZES" -cp "$WORK/classes:$CP" StatsBench | tee "$WORK/java.txt"

echo "# SciPy $(python3 -c 'import scipy; print(scipy.__version__)'), NumPy $(python3 -c 'import numpy; print(numpy.__version__)')" >&2
BENCH_RUNS="$RUNS" BENCH_SIZES="$SIZES" python3 drift-service/bench/bench_scipy.py | tee "$WORK/scipy.txt"

awk '
  FNR == NR { split($2, m, "="); split($3, n, "="); split($4, t, "="); scipy[m[2] " " n[2]] = t[2]; next }
  { split($2, m, "="); split($3, n, "="); split($4, t, "=");
    key = m[2] " " n[2];
    if (key in scipy) printf "speedup method=%s n=%s java_ms=%s scipy_ms=%s ratio=%.1f\n", m[2], n[2], t[2], scipy[key], scipy[key] / t[2] }
' "$WORK/scipy.txt" "$WORK/java.txt"
