#!/usr/bin/env bash
# Benchmark: publish -> webhook received. Starts the registry on the embedded store (http and loopback targets
# allowed, since the receiver runs on this machine), then publishes pacts at a fixed rate, open loop, each one
# notifying a team's subscription; reports latency percentiles and notifications lost or duplicated.
# Usage: docs/benchmarks/notification-load.sh [publishes-per-second] [seconds]   (from the repository root)
#   MAX_IN_FLIGHT (32) caps outstanding publishes; WARMUP (10) seconds at the same rate are not measured.
#   SKIP_BUILD=1 reuses the built jar and test classes.
set -euo pipefail
RATE=${1:-100}
SECONDS_TO_RUN=${2:-60}
PORT=${PORT:-19394}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; grep -E " 5[0-9][0-9] |ERROR" "$WORK/registry.log" | head -5; rm -rf "$WORK"' EXIT

cd "$ROOT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -DskipTests package
fi
echo "date: $(date -u +%FT%TZ); nproc: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
java ${JAVA_OPTS:--Xmx768m} -jar registry/target/covenant-registry.jar --server.port=$PORT \
  --covenant.storage.data-dir="$WORK/data" --covenant.notifications.allow-http=true \
  --covenant.notifications.allow-private-addresses=true > "$WORK/registry.log" 2>&1 &
PID=$!
until curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null; do
  kill -0 $PID 2>/dev/null || { cat "$WORK/registry.log"; exit 1; }
  sleep 0.2
done
status=0
java -cp registry/target/test-classes dev.covenant.registry.bench.NotificationLoad "http://localhost:$PORT" \
  "$RATE" "$SECONDS_TO_RUN" "${MAX_IN_FLIGHT:-32}" "${WARMUP:-10}" || status=$?
echo "registry peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$PID/status); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
curl -s "http://localhost:$PORT/actuator/metrics/covenant.notifications.delivery.latency" | head -c 600; echo
exit $status
