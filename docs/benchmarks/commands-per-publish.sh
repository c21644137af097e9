#!/usr/bin/env bash
# Benchmark: store commands per publish -> webhook, counted from the MongoDB driver's command log
# (--logging.level.org.mongodb.driver.protocol.command=DEBUG): the registry jar(s) are started in turn with back-pressure
# off, NotificationLoad publishes RATE/s for SECONDS after readiness (every notification awaited), and the commands
# started after readiness are divided by the publishes accepted; the ten most frequent command/collection pairs follow.
# Usage (from the repository root, after a build): docs/benchmarks/commands-per-publish.sh JAR [JAR...]
#   RATE (5), SECONDS (20), PORT (19396); KEEP=<dir>: the full command lines after readiness are kept there, one file
#   per jar (<jar name>.commands), to see which filters a publish sends.
set -euo pipefail
PORT=${PORT:-19396}
RATE=${RATE:-5}
SECONDS_RUN=${SECONDS:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. docs/benchmarks/registry-process.sh
for jar in "$@"; do
  start_registry "$jar" --covenant.jobs.max-backlog-wait=10m --logging.level.org.mongodb.driver.protocol.command=DEBUG
  start=$(wc -l < "$work/registry.log")
  out=$(java -cp registry/target/test-classes dev.covenant.registry.bench.NotificationLoad "http://localhost:$PORT" \
    "$RATE" "$SECONDS_RUN" 64 0 || true)
  sleep 1
  accepted=$(echo "$out" | grep -o '[0-9]* accepted' | cut -d' ' -f1)
  if [ -n "${KEEP:-}" ]; then
    mkdir -p "$KEEP"
    tail -n +"$((start + 1))" "$work/registry.log" | grep 'Command "[A-Za-z]*" started' > "$KEEP/$(basename "$jar").commands" || true
  fi
  tail -n +"$((start + 1))" "$work/registry.log" | grep -o 'Command "[A-Za-z]*" started.*Command: {"[A-Za-z]*": "[^"]*"' | sed 's/ started.*Command: {/ /' \
    > "$work/commands" || true
  total=$(wc -l < "$work/commands")
  echo "$(basename "$jar"): $accepted publishes, $total commands = $(awk -v c=$total -v n=$accepted 'BEGIN { printf "%.1f", c / n }') per publish"
  sort "$work/commands" | uniq -c | sort -rn | head -25 | \
    awk -v n=$accepted '{ c = $1; $1 = ""; printf "    %6.2f %s\n", c / n, $0 }'
  echo "$out" | grep -E "webhook received|notifications:" | sed 's/^/    /'
  stop_registry
done
