#!/usr/bin/env bash
# Benchmark: the Pact Broker API under load. Starts the registry on the embedded store, seeds it over HTTP
# (applications in a layered dependency graph, versions on main and feature branches, pacts, verifications,
# deployments), then runs a closed loop of concurrent clients against for-verification and can-i-deploy.
# Usage: docs/benchmarks/broker-load.sh [apps] [versions] [seconds] [clients]   (from the repository root)
#   SKIP_BUILD=1 reuses the built jar and test classes; DATA_DIR=<dir> with SEED=0 reuses a seeded store.
set -euo pipefail
APPS=${1:-100}
VERSIONS=${2:-500}
SECONDS_PER_ENDPOINT=${3:-60}
CLIENTS=${4:-20}
PORT=${PORT:-19393}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
DATA_DIR=${DATA_DIR:-$WORK/data}
SEED=${SEED:-1}
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

cd "$ROOT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -DskipTests package
fi
echo "date: $(date -u +%FT%TZ); nproc: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
java ${JAVA_OPTS:-} -jar registry/target/covenant-registry.jar --server.port=$PORT \
  --covenant.storage.data-dir="$DATA_DIR" > "$WORK/registry.log" 2>&1 &
PID=$!
until curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null; do
  kill -0 $PID 2>/dev/null || { cat "$WORK/registry.log"; exit 1; }
  sleep 0.2
done
MODE=seed
[ "$SEED" = 1 ] || MODE=noseed
java -cp registry/target/test-classes dev.covenant.registry.bench.BrokerLoad "http://localhost:$PORT" \
  "$APPS" "$VERSIONS" "$SECONDS_PER_ENDPOINT" "$CLIENTS" "$MODE"
echo "registry peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$PID/status); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
