#!/usr/bin/env bash
# Crash consistency, long run: CrashConsistencyTest with more kill -9 rounds than the suite's 3 (default 20).
# Each round starts the registry (embedded store) as a child JVM, publishes pacts, verification results, documents
# and deployments from 4 threads, kills it with SIGKILL at a random moment, restarts it on the same folder and
# checks that every acknowledged write is there and every head resolves; at the end, that the events of all
# acknowledged writes reached the team's loopback webhook.
# Usage: docs/benchmarks/crash-rounds.sh [rounds] [seed]   (from the repository root; prints per-round counts)
set -euo pipefail
ROUNDS=${1:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
echo "date: $(date -u +%FT%TZ); nproc: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
SEED_OPTION=()
if [ -n "${2:-}" ]; then SEED_OPTION=("-Dcovenant.crash.seed=$2"); fi
mvn -B -ntp -q -pl registry -am test -Dtest=CrashConsistencyTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dexec.skip=true -Dcovenant.crash.rounds="$ROUNDS" "${SEED_OPTION[@]}" 2>&1 \
  | grep -E "crash test|round [0-9]+:|Tests run|FAIL|missing|refused" || true
tail -1 registry/target/surefire-reports/dev.covenant.registry.storage.CrashConsistencyTest.txt
