#!/usr/bin/env bash
# Benchmark: the registry's CPU per publish -> webhook, independent of the machine's load. Starts the registry jar(s)
# with back-pressure off (covenant.jobs.max-backlog-wait=10m: nothing is refused, so no 503 answers weigh on the
# figure), warms each up with a first NotificationLoad pass (not counted: start-up and JIT), then reads the process's
# CPU time (user + system, all threads, /proc/<pid>/stat) around a second pass and divides by its publishes; every
# publish's notification is awaited inside the pass, so the background work is included.
# Usage (from the repository root, after a build): docs/benchmarks/publish-cpu.sh JAR [JAR...]
#   RATE (10) publishes/s, MEASURE_SECONDS (60) measured, WARMUP_SECONDS (30), PORT (19395), ROUNDS (1): the jars are run
#   in turn, ROUNDS times, so that a before/after pair shares the machine's load.
set -euo pipefail
PORT=${PORT:-19395}
RATE=${RATE:-10}
SECONDS_MEASURED=${MEASURE_SECONDS:-60}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. docs/benchmarks/registry-process.sh
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
for round in $(seq "${ROUNDS:-1}"); do
  for jar in "$@"; do
    start_registry "$jar" --covenant.jobs.max-backlog-wait=10m
    java -cp registry/target/test-classes dev.covenant.registry.bench.NotificationLoad "http://localhost:$PORT" \
      "$RATE" "${WARMUP_SECONDS:-30}" 64 0 > /dev/null || true
    load_before=$(cut -d' ' -f1 /proc/loadavg); before=$(ticks $pid)
    out=$(java -cp registry/target/test-classes dev.covenant.registry.bench.NotificationLoad \
      "http://localhost:$PORT" "$RATE" "$SECONDS_MEASURED" 64 0 || true)
    after=$(ticks $pid); load_after=$(cut -d' ' -f1 /proc/loadavg)
    accepted=$(echo "$out" | grep -o '[0-9]* accepted' | cut -d' ' -f1)
    echo "round $round $(basename "$jar"): $accepted publishes at $RATE/s, registry CPU $(( (after - before) * 1000 / $(getconf CLK_TCK) )) ms = $(awk -v c=$(( (after - before) * 1000 / $(getconf CLK_TCK) )) -v n=$accepted 'BEGIN { printf "%.1f", c / n }') ms per publish; load $load_before -> $load_after"
    echo "$out" | grep -E "webhook received|notifications:" | sed 's/^/    /'
    stop_registry
  done
done
