#!/usr/bin/env bash
# Cold CLI diff, as CI runs it: every diff a fresh JVM. Covenant's CLI (through the `covenant` launcher:
# client compiler, serial GC, class-data-sharing archive; as plain `java -jar covenant-cli.jar`, which runs a
# short command in a second JVM with the launcher's options (ADR 0011); and as `java -jar` kept in one JVM with
# COVENANT_FAST_START=0, the JVM's default options) against
# openapi-diff 2.1.7 (openapi-diff-core from Maven Central; its CLI artifact is not published there, so its
# OpenApiCompare runs from dev.covenant.bench.DiffBenchmark with no warm-up: read both files, compare, once),
# interleaved in the same run, on GitHub Enterprise Server's descriptions (npm @octokit/openapi, ~11 MB each).
#
#   docs/benchmarks/cli-cold-diff.sh            # npm install into a temp dir, mvn package, RUNS runs per tool
#   DOCS=/some/dir docs/benchmarks/cli-cold-diff.sh   # reuse a directory that already has node_modules/
#
# Environment: RUNS (default 5), PAIRS ("3.17:3.18 3.18:3.19"), BUILD=0 to reuse the built jars.
# Output: one line per run (tool, pair, wall s, CPU s = user + sys of the whole process), then the medians and
# openapi-diff's median divided by each of ours.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${RUNS:-5}"
PAIRS="${PAIRS:-3.17:3.18 3.18:3.19}"
DOCS="${DOCS:-$(mktemp -d)}"

if [ ! -d "$DOCS/node_modules/@octokit/openapi" ]; then
  (cd "$DOCS" && npm install --no-save --no-audit --no-fund --loglevel=error @octokit/openapi@23.0.2 >&2)
fi
GH="$DOCS/node_modules/@octokit/openapi/generated"

if [ "${BUILD:-1}" = "1" ]; then
  (cd "$ROOT" && mvn -q -B -pl contract-testing/cli,contract-testing/benchmarks -am package -DskipTests -Dexec.skip=true >&2)
fi
(cd "$ROOT/contract-testing" && mvn -q -B -o -pl benchmarks dependency:build-classpath \
  -Dmdep.outputFile="$DOCS/classpath.txt" >&2)
PEER_CP="$ROOT/contract-testing/benchmarks/target/classes:$(cat "$DOCS/classpath.txt")"
LAUNCHER="$ROOT/contract-testing/cli/covenant"
JAR="$ROOT/contract-testing/cli/target/covenant-cli.jar"
[ -f "${JAR%.jar}.jsa" ] || echo "warning: no class-data-sharing archive beside $JAR; rebuild with mvn package" >&2

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -h | awk '/Mem:/{print $2}') RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1 | sed 's/^/# /'
RESULTS="$DOCS/cold-results.tsv"
: > "$RESULTS"

timed() { # tool pair command…: runs once, appends "tool pair wall cpu exit"
  local tool=$1 pair=$2; shift 2
  local out rc=0
  /usr/bin/time -o "$DOCS/time.txt" -f '%e %U %S' "$@" >/dev/null 2>"$DOCS/stderr.txt" || rc=$?
  out=$(tail -1 "$DOCS/time.txt")
  local wall cpu
  wall=$(echo "$out" | awk '{print $1}')
  cpu=$(echo "$out" | awk '{printf "%.2f", $2 + $3}')
  printf '%s\t%s\t%s\t%s\texit %s\n' "$tool" "$pair" "$wall" "$cpu" "$rc" | tee -a "$RESULTS"
}

printf 'tool\tpair\twall_s\tcpu_s\n'
for pair in $PAIRS; do
  base="$GH/ghes-${pair%%:*}.json"; revision="$GH/ghes-${pair##*:}.json"
  for run in $(seq 1 "$RUNS"); do
    timed covenant "$pair" "$LAUNCHER" diff "$base" "$revision"
    timed covenant-java-jar "$pair" java -jar "$JAR" diff "$base" "$revision"
    timed java-jar-one-jvm "$pair" env COVENANT_FAST_START=0 java -jar "$JAR" diff "$base" "$revision"
    timed openapi-diff "$pair" java -cp "$PEER_CP" dev.covenant.bench.DiffBenchmark openapi-diff "$base" "$revision" 0 1
  done
done

echo "# medians (wall s, cpu s) and openapi-diff's median / ours"
awk -F'\t' '
  { key = $2 "\t" $1; wall[key] = wall[key] " " $3; cpu[key] = cpu[key] " " $4; pairs[$2] = 1; tools[$1] = 1 }
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    for (p in pairs) {
      pw = median(wall[p "\topenapi-diff"]); pc = median(cpu[p "\topenapi-diff"])
      for (t in tools) {
        w = median(wall[p "\t" t]); c = median(cpu[p "\t" t])
        printf "%s\t%-18s median wall %6.2f s  cpu %6.2f s", p, t, w, c
        if (t != "openapi-diff") printf "   openapi-diff/ours: wall %.1fx, cpu %.1fx", pw / w, pc / c
        printf "\n"
      }
    }
  }' "$RESULTS"
