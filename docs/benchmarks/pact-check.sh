#!/usr/bin/env bash
# Pact-vs-OpenAPI check benchmark: Covenant's PactChecker against @pactflow/openapi-pact-comparator, same
# document (GitHub's api.github.com.json from @octokit/openapi 23.0.2), same generated pact, same machine.
#
# Usage: docs/benchmarks/pact-check.sh [interactions (1000)] [warm runs (5)]
# Needs: java 17+, maven, node + npm (network access to the npm registry for the two packages).
# Results: one JSON line per tool on stdout, plus the machine description; copy them into pact-check.md.
set -euo pipefail

INTERACTIONS="${1:-1000}"
RUNS="${2:-5}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${BENCH_DIR:-$(mktemp -d -t covenant-pact-bench.XXXXXX)}"
mkdir -p "$WORK"

echo "# work dir: $WORK" >&2
(cd "$WORK" && npm install --no-save --silent @octokit/openapi@23.0.2 @pactflow/openapi-pact-comparator@2.3.1 >&2)
DOC="$WORK/node_modules/@octokit/openapi/generated/api.github.com.json"

node "$ROOT/docs/benchmarks/pact-check-generate.mjs" "$DOC" "$INTERACTIONS" > "$WORK/pact.json"

(cd "$ROOT/contract-testing" && mvn -q package -pl cli -am -DskipTests && mvn -q test-compile -pl engine,cli) >&2

echo "## machine"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "nproc: $(nproc)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
free -h | sed -n '1,2p'
java -version 2>&1 | head -1
echo "node: $(node --version)"

echo "## covenant"
java -cp "$ROOT/contract-testing/cli/target/covenant-cli.jar:$ROOT/contract-testing/cli/target/test-classes" \
  dev.covenant.cli.bench.PactCheckBenchmark "$DOC" "$WORK/pact.json" "$RUNS" 2>/dev/null

echo "## openapi-pact-comparator"
(cd "$WORK" && node "$ROOT/docs/benchmarks/pact-check-opc.mjs" "$DOC" "$WORK/pact.json" "$RUNS")
