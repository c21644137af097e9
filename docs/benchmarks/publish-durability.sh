#!/usr/bin/env bash
# Benchmark: pact publish throughput and latency on the embedded store, for each durability setting
# (covenant.storage.durability=process, the default, and power), closed loop with 1 and 8 clients.
# Starts the registry from the packaged jar as the README says, on a fresh data folder for each setting.
# Usage: docs/benchmarks/publish-durability.sh [publishes] [jar]   (from the repository root)
#   publishes (default 400) per client count; jar (default registry/target/covenant-registry.jar): pass the jar
#   of another commit to compare (e.g. one built before the embedded store committed every write; that jar
#   ignores the durability setting, so its two rows measure the same thing). SKIP_BUILD=1 reuses the built jar
#   and test classes; SETTINGS="process power" chooses the settings.
set -euo pipefail
PUBLISHES=${1:-400}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${2:-$ROOT/registry/target/covenant-registry.jar}
PORT=${PORT:-19395}
WORK=$(mktemp -d)
PID=
trap 'if [ -n "$PID" ]; then kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT

cd "$ROOT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -DskipTests package
  mvn -q -pl registry test-compile -Dexec.skip=true
fi
echo "date: $(date -u +%FT%TZ); nproc: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg); jar: $JAR"
java -version 2>&1 | head -1
for setting in ${SETTINGS:-process power}; do
  rm -rf "$WORK/data"
  java ${JAVA_OPTS:-$(grep -v '^[[:space:]]*#' "$ROOT/registry/jvm.options" | tr '\n' ' ')} -jar "$JAR" --server.port=$PORT --covenant.storage.data-dir="$WORK/data" \
    --covenant.storage.durability=$setting > "$WORK/registry.log" 2>&1 &
  PID=$!
  until curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null; do
    kill -0 $PID 2>/dev/null || { cat "$WORK/registry.log"; exit 1; }
    sleep 0.2
  done
  for clients in 1 8; do
    echo -n "durability=$setting "
    java -cp registry/target/test-classes dev.covenant.registry.bench.PublishLoad "http://localhost:$PORT" \
      "$PUBLISHES" "$clients" 100
  done
  kill $PID; wait $PID 2>/dev/null || true; PID=
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
