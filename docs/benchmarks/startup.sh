#!/usr/bin/env bash
# Fresh start to readiness, as the README's run command does it: a new, empty data folder each time, then the
# wall time from launching the JVM to the first 200 from /actuator/health/readiness. Both ways the README names,
# interleaved: registry/run (extracted jar + class-data-sharing archive) and java -jar covenant-registry.jar.
# Also counts the WARN/ERROR lines and the "Failed to set up" INFO line the start-up log has (none expected
# but the open-mode warning).
#
#   docs/benchmarks/startup.sh          # after 'mvn -q -DskipTests package'; RUNS rounds (default 5)
#
# Output: one line per start (mode, seconds, load average), then the median per mode and their ratio.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${RUNS:-5}"
JAR="$ROOT/registry/target/covenant-registry.jar"
[ -f "$JAR" ] || { echo "No $JAR: run 'mvn -q -DskipTests package' first" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_once() { # mode -> prints seconds
  local mode=$1 port data log pid start end
  port=$(free_port); data=$(mktemp -d); log=$(mktemp)
  start=$(date +%s.%N)
  if [ "$mode" = run ]; then
    COVENANT_DATA_DIR="$data" "$ROOT/registry/run" --server.port="$port" >"$log" 2>&1 &
  else
    COVENANT_DATA_DIR="$data" java $(grep -v '^[[:space:]]*#' "$ROOT/registry/jvm.options" | tr '\n' ' ') -jar "$JAR" --server.port="$port" >"$log" 2>&1 &
  fi
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "registry exited; log: $log" >&2; exit 1; fi
    sleep 0.05
  done
  end=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local alarming
  alarming=$(grep -cE ' (WARN|ERROR) |Failed to set up' "$log" | tr -d ' ' || true)
  printf '%s %.2f load=%s warn_or_error_lines=%s\n' "$mode" "$(echo "$end - $start" | bc)" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$alarming"
  rm -rf "$data" "$log"
}

results=$(mktemp)
for i in $(seq 1 "$RUNS"); do
  for mode in run jar; do start_once "$mode" | tee -a "$results"; done
done
median() { grep "^$1 " "$results" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
r=$(median run); j=$(median jar)
echo "median registry/run ${r} s, java -jar ${j} s, ratio jar/run $(echo "scale=2; $j / $r" | bc)"
