#!/usr/bin/env bash
# Benchmark: publish -> webhook received. Starts the registry on the embedded store (http and loopback targets
# allowed, since the receiver runs on this machine), then publishes pacts at a fixed rate, open loop, each one
# notifying a team's subscription; reports latency percentiles, publishes refused by back-pressure (429/503 with
# Retry-After), notifications lost or duplicated, and how fast the backlog drains after the last publish.
# Usage (from the repository root):
#   docs/benchmarks/notification-load.sh                      the three runs of issue 16: 20/s, 50/s, 100/s for 60 s
#   docs/benchmarks/notification-load.sh RATE SECONDS         one run
#   MAX_IN_FLIGHT caps outstanding publishes (default 32 for one run; the three runs use 64, 128 and 1000, so that
#   at 100/s the registry's back-pressure, not the client, decides). WARMUP (10) seconds at the same rate are not
#   measured. SKIP_BUILD=1 reuses the built jar and test classes; JAR=path runs another registry jar (e.g. an older
#   commit's, for a before/after ratio in one sitting). A fresh registry and data folder for every run.
set -euo pipefail
PORT=${PORT:-19394}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/registry/target/covenant-registry.jar}
cd "$ROOT"
. docs/benchmarks/registry-process.sh
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -pl registry -am package -DskipTests -Dexec.skip=true
fi
java -version 2>&1 | head -1
echo "nproc: $(nproc); jar: $JAR"

# user + system CPU ticks of a process, all its threads
cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

run_one() {
  local rate=$1 seconds=$2 in_flight=$3 status=0
  echo "== $rate publishes/s for $seconds s, at most $in_flight in flight; $(date -u +%FT%TZ); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  start_registry "$JAR" || return 1
  local ticks_ready published cpu_ms
  ticks_ready=$(cpu_ticks $pid)
  java -cp registry/target/test-classes dev.covenant.registry.bench.NotificationLoad "http://localhost:$PORT" \
    "$rate" "$seconds" "$in_flight" "${WARMUP:-10}" || status=$?
  # the registry's CPU (all threads) from readiness to the last notification, per pact.published event recorded
  # (warm-up included): the figure that does not depend on what else runs on the machine
  cpu_ms=$(( ($(cpu_ticks $pid) - ticks_ready) * 1000 / $(getconf CLK_TCK) ))
  published=$(curl -s "http://localhost:$PORT/actuator/metrics/covenant.events.recorded?tag=type:pact.published" \
    | grep -o '"value":[0-9.E]*' | head -1 | cut -d: -f2)
  echo "registry CPU: $cpu_ms ms for ${published:-?} publishes recorded (warm-up included): $(awk -v c=$cpu_ms -v n=${published:-0} 'BEGIN { if (n > 0) printf "%.1f", c / n; else printf "?" }') ms per publish"
  echo "registry peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$pid/status); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "embedded store errors logged (Failed to encode / ConcurrentModificationException): $(grep -c -E 'Failed to encode|ConcurrentModificationException' "$work/registry.log" || true)"
  grep -E " 5[0-9][0-9] [0-9]+ms|ERROR" "$work/registry.log" | grep -v " 503 " | head -5 || true
  stop_registry
  return $status
}

overall=0
if [ $# -ge 1 ]; then
  run_one "$1" "${2:-60}" "${MAX_IN_FLIGHT:-32}" || overall=$?
else
  run_one 20 60 "${MAX_IN_FLIGHT:-64}" || overall=$?
  run_one 50 60 "${MAX_IN_FLIGHT:-128}" || overall=$?
  run_one 100 60 "${MAX_IN_FLIGHT:-1000}" || overall=$?
fi
exit $overall
