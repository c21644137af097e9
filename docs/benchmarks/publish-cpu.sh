#!/usr/bin/env bash
# Benchmark: the registry's CPU per publish -> webhook, independent of the machine's load. Starts the registry jar(s)
# with back-pressure off (covenant.jobs.max-backlog-wait=10m: nothing is refused, so no 503 answers weigh on the
# figure), warms each up with a first NotificationLoad pass (not counted: start-up and JIT), then reads the process's
# CPU time (user + system, all threads, /proc/<pid>/stat) around a second pass and divides by its publishes; every
# publish's notification is awaited inside the pass, so the background work is included. Of that CPU, the share of the
# JIT compiler threads and of the garbage collector's (and VM) threads is printed too (threads alive at both ends; the
# JVM may end an idle compiler thread, so these two are lower bounds).
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
# thread_ticks PID: CPU ticks of each live thread ("<tid> <ticks> <kind>", kind jit, gc or app)
thread_ticks() {
  local t name
  for t in /proc/"$1"/task/*; do
    name=$(cat "$t/comm" 2>/dev/null) || continue
    case $name in
      C1\ Compiler*|C2\ Compiler*) kind=jit ;;
      GC\ Thread*|G1\ *|VM\ Thread|VM\ Periodic*) kind=gc ;;
      *) kind=app ;;
    esac
    sed 's/.*) //' "$t/stat" 2>/dev/null | awk -v t="${t##*/}" -v k=$kind '{ print t, $12 + $13, k }' || true
  done
}
# share KIND BEFORE AFTER: ms of CPU spent by the threads of that kind alive in both snapshots
share() {
  awk -v k="$1" -v hz="$(getconf CLK_TCK)" 'NR == FNR { if ($3 == k) b[$1] = $2; next }
    $3 == k && ($1 in b) { s += $2 - b[$1] } END { printf "%d", s * 1000 / hz }' "$2" "$3"
}
for round in $(seq "${ROUNDS:-1}"); do
  for jar in "$@"; do
    start_registry "$jar" --covenant.jobs.max-backlog-wait=10m
    java -cp registry/target/test-classes dev.covenant.registry.bench.NotificationLoad "http://localhost:$PORT" \
      "$RATE" "${WARMUP_SECONDS:-30}" 64 0 > /dev/null || true
    load_before=$(cut -d' ' -f1 /proc/loadavg); thread_ticks $pid > "$work/threads.before"; before=$(ticks $pid)
    out=$(java -cp registry/target/test-classes dev.covenant.registry.bench.NotificationLoad \
      "http://localhost:$PORT" "$RATE" "$SECONDS_MEASURED" 64 0 || true)
    after=$(ticks $pid); thread_ticks $pid > "$work/threads.after"; load_after=$(cut -d' ' -f1 /proc/loadavg)
    accepted=$(echo "$out" | grep -o '[0-9]* accepted' | cut -d' ' -f1)
    echo "round $round $jar: $accepted publishes at $RATE/s, registry CPU $(( (after - before) * 1000 / $(getconf CLK_TCK) )) ms = $(awk -v c=$(( (after - before) * 1000 / $(getconf CLK_TCK) )) -v n=$accepted 'BEGIN { printf "%.1f", c / n }') ms per publish; load $load_before -> $load_after"
    echo "    of which JIT compiler threads $(share jit "$work/threads.before" "$work/threads.after") ms, GC and VM threads $(share gc "$work/threads.before" "$work/threads.after") ms; JAVA_OPTS: ${JAVA_OPTS:-(registry/jvm.options)}"
    echo "$out" | grep -E "webhook received|notifications:" | sed 's/^/    /'
    stop_registry
  done
done
