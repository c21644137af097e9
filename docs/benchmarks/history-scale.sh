#!/usr/bin/env bash
# Benchmark: read paths at Pact Broker scale (issue 16 part 3). Seeds an embedded store in process through the
# feature services (bench/HistorySeeder: the shape of Pact Broker issue #872 times FRACTION), then starts the
# registry on it and measures for-verification, can-i-deploy, the matrix, the catalog and an application page,
# cold (from readiness, within the first minute) and warm; prints the start-up time and the H2 file size.
# Usage: docs/benchmarks/history-scale.sh [fraction] [seconds-per-endpoint]   (from the repository root)
#   fraction 1.0 is ~190,000 versions; SKIP_BUILD=1 reuses the compiled classes; DATA_DIR=<dir> with SEED=0
#   reuses a seeded store; PORT=<port> (default 19394) for the registry; FIRST_CALLS=1 instead calls for-verification
#   once per provider (each call cold; on a store seeded before ADR 0033 it also builds the branch-heads documents).
set -euo pipefail
FRACTION=${1:-0.01}
SECONDS_PER_ENDPOINT=${2:-10}
PORT=${PORT:-19394}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
DATA_DIR=${DATA_DIR:-$WORK/data}
SEED=${SEED:-1}
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; [ -n "$PID" ] && wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT

cd "$ROOT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -ntp -q -pl registry -am test-compile -Dexec.skip=true
fi
mvn -B -ntp -o -q -pl registry dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
# the engine from this checkout, not a jar some earlier install left in the local repository
CP="registry/target/test-classes:registry/target/classes:contract-testing/engine/target/classes:$(tr ':' '\n' < "$WORK/cp.txt" | grep -v '/dev/covenant/' | paste -sd:)"
JAVA="java -XX:+UseParallelGC ${JAVA_OPTS:-}"
ROUNDS=$(awk -v f="$FRACTION" 'BEGIN { r = int(3167 * f + 0.5); print (r < 1 ? 1 : r) }')
echo "date: $(date -u +%FT%TZ); nproc: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg); fraction $FRACTION ($ROUNDS versions per application)"
if [ "$SEED" = 1 ]; then
  $JAVA -cp "$CP" dev.covenant.registry.bench.HistorySeeder "$DATA_DIR" "$FRACTION"
fi
echo "H2 file: $(du -sh "$DATA_DIR" | cut -f1); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
START=$(date +%s%N)
$JAVA -cp "$CP" dev.covenant.registry.CovenantRegistry --server.port=$PORT --covenant.storage.data-dir="$DATA_DIR" \
  > "$WORK/registry.log" 2>&1 &
PID=$!
until curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null; do
  kill -0 $PID 2>/dev/null || { cat "$WORK/registry.log"; exit 1; }
  sleep 0.1
done
echo "start-up to ready: $(( ($(date +%s%N) - START) / 1000000 )) ms"
grep -E "compacted at start|converted to the BSON|History index .* built|page cache" "$WORK/registry.log" | perl -pe 's/^.*? --- .*?\] \S+\s+: //' || true
echo "| phase | endpoint | requests | p50 ms | p99 ms | max ms | non-200 | file reads per request |"
echo "|---|---|---|---|---|---|---|---|"
if [ "${FIRST_CALLS:-0}" = 1 ]; then # instead of the runs: one for-verification per provider, each its first
  $JAVA -cp "$CP" dev.covenant.registry.bench.HistoryLoad "http://localhost:$PORT" "$ROUNDS" 0 first-calls
else
  $JAVA -cp "$CP" dev.covenant.registry.bench.HistoryLoad "http://localhost:$PORT" "$ROUNDS" \
    "$SECONDS_PER_ENDPOINT" cold
  $JAVA -cp "$CP" dev.covenant.registry.bench.HistoryLoad "http://localhost:$PORT" "$ROUNDS" \
    "$SECONDS_PER_ENDPOINT" warm
fi
echo "registry peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$PID/status); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "Embedded store warm|Verification summaries" "$WORK/registry.log" | perl -pe 's/^.*? --- .*?\] \S+\s+: //' || true
