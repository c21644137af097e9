#!/usr/bin/env bash
# Benchmark: the event log's reads at Pact Broker scale (issue 16, the follow poll). Seeds EVENTS events into an
# embedded store (bench/EventLogFollow seed: bulk durability, straight into `events`), copies the store, and on
# each copy starts the registry in process with the classes of one checkout and times start-up, a follow poll
# (EventLog.since), the newest event (EventLog.latest(1)) and a prune that finds nothing (EventLog.pruneBefore).
# Usage: docs/benchmarks/event-log-follow.sh [events=228000]   (from the repository root)
#   BEFORE=<dir>: also measure a built checkout of another commit (its registry/target/test-classes must hold
#   bench/EventLogFollow; see docs/benchmarks.md for how it was made); SKIP_BUILD=1 reuses the compiled classes.
set -euo pipefail
EVENTS=${1:-228000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cd "$ROOT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -ntp -q -pl registry -am test-compile -Dexec.skip=true
fi
mvn -B -ntp -o -q -pl registry dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
LIBS=$(tr ':' '\n' < "$WORK/cp.txt" | grep -v '/dev/covenant/' | paste -sd:)
classpath() { # the classes of one checkout, not a jar some earlier install left in the local repository
  echo "$1/registry/target/test-classes:$1/registry/target/classes:$1/contract-testing/engine/target/classes:$LIBS"
}
JAVA="java -XX:+UseParallelGC ${JAVA_OPTS:-}"
echo "date: $(date -u +%FT%TZ); nproc: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg); $EVENTS events"
$JAVA -cp "$(classpath "$ROOT")" dev.covenant.registry.bench.EventLogFollow seed "$WORK/seed" "$EVENTS" 2>&1 \
  | grep -E "^seeded" || true
echo "H2 file: $(du -sh "$WORK/seed" | cut -f1)"
for side in ${BEFORE:+before} after; do
  tree=$ROOT; [ "$side" = before ] && tree=$BEFORE
  rm -rf "$WORK/run" && cp -r "$WORK/seed" "$WORK/run"
  echo "== $side ($tree, commit $(git -C "$tree" rev-parse --short HEAD 2>/dev/null || echo "${BEFORE_COMMIT:-?}")); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  $JAVA -cp "$(classpath "$tree")" dev.covenant.registry.bench.EventLogFollow measure "$WORK/run" 2>&1 \
    | grep -E "start-up to ready|ms ->|Ordered index .* built" | sed -E 's/^.*(Ordered index)/\1/'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
