#!/usr/bin/env bash
# Benchmark: publish GitHub Enterprise Server's OpenAPI description (npm @octokit/openapi, ~11 MB JSON)
# to a fresh registry repeatedly; report the median time to response and the registry's peak RSS. Publish 1 is the
# cold one (first after start-up); each line also gives the registry process's CPU time during that publish.
# Usage: docs/benchmarks/publish-openapi.sh [runs]   (from the repository root, after `mvn -q -DskipTests package`)
set -euo pipefail
RUNS=${1:-10}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

if [ -z "${DOC:-}" ]; then # DOC=path reuses a downloaded ghes-3.18.json
  (cd "$WORK" && npm install --no-save --no-audit --no-fund --loglevel=error @octokit/openapi@23.0.2 >/dev/null)
  DOC="$WORK/node_modules/@octokit/openapi/generated/ghes-3.18.json"
fi
PORT=${PORT:-19292}
# RUNNER=run starts it with registry/run (extracted jar and its class-data-sharing archive) instead of the fat
# jar; either way with registry/run's JVM options (registry/jvm.options) unless JAVA_OPTS is set; REGISTRY_ARGS adds registry options (e.g. --covenant.specs.warm-up-runs=300)
if [ "${RUNNER:-jar}" = run ]; then
  "$ROOT/registry/run" --server.port=$PORT \
    --covenant.storage.data-dir="$WORK/data" ${REGISTRY_ARGS:-} > "$WORK/registry.log" 2>&1 &
else
  java ${JAVA_OPTS:-$(grep -v '^[[:space:]]*#' "$ROOT/registry/jvm.options" | tr '\n' ' ')} -jar "$ROOT/registry/target/covenant-registry.jar" --server.port=$PORT \
    --covenant.storage.data-dir="$WORK/data" ${REGISTRY_ARGS:-} > "$WORK/registry.log" 2>&1 &
fi
PID=$!
START=$(date +%s.%N)
until curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null; do sleep 0.1; done
READY=$(echo "$(date +%s.%N) - $START" | bc)

echo "document: $(du -h "$DOC" | cut -f1) ghes-3.18.json; runs: $RUNS (first 2 are warm-up); JAVA_OPTS=${JAVA_OPTS:-}"\
  "RUNNER=${RUNNER:-jar} REGISTRY_ARGS=${REGISTRY_ARGS:-}; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ready after ${READY}s"
TIMES=()
TCK=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
# let the background warm-up (covenant.specs.warm-up-runs) finish: its log line, or SETTLE seconds at most
for _ in $(seq 1 $((${SETTLE:-120} * 10))); do
  grep -q "Document reader warmed up" "$WORK/registry.log" && break
  sleep 0.1
done
echo "warm-up: $(grep -o 'Document reader warmed up.*' "$WORK/registry.log" || echo 'no log line (skipped or not finished)');"\
  "registry CPU so far $(echo "scale=2; $(cpu) / $TCK" | bc) s"
for i in $(seq 1 "$RUNS"); do
  BEFORE=$(cpu)
  T=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X PUT \
      "http://localhost:$PORT/applications/github/versions/3.18.$i/openapi?branch=main" \
      -H 'Content-Type: application/json' --data-binary @"$DOC")
  echo "publish $i: $T (registry CPU $(echo "scale=2; ($(cpu) - $BEFORE) / $TCK" | bc) s, load $(cut -d' ' -f1 /proc/loadavg))"
  [ "$i" -gt 2 ] && TIMES+=("${T#* }")
done
MEDIAN=$(printf '%s\n' "${TIMES[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo "median publish (after warm-up): ${MEDIAN}s"
echo "peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$PID/status)"
