# Sourced by the drift benchmarks (bench-stats.sh, bench-alarms.sh): compiles the drift engine with one
# benchmark class into "$WORK/classes" and sets CP to the engine's libraries, so both benchmarks measure
# the engine the service ships, built the same way. Needs WORK (a temp dir) and runs from the repo root.
compile_engine_with() { # $1: the benchmark's .java file
  echo "# resolving the engine's libraries (commons-statistics, jackson-annotations)" >&2
  mvn -B -ntp -q -pl drift-service dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" \
    -Dmdep.includeScope=runtime >&2
  CP="$(tr ':' '\n' < "$WORK/cp.txt" | grep -E 'commons-(statistics|numbers|rng)|jackson-annotations' | paste -sd: -)"
  echo "# compiling the engine and the benchmark" >&2
  javac -nowarn -d "$WORK/classes" -cp "$CP" drift-service/src/main/java/dev/recsys/drift/engine/*.java "$1"
}
