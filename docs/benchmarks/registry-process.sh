# Sourced by the publish benchmarks (notification-load.sh, publish-cpu.sh, commands-per-publish.sh): starts a registry
# jar on a fresh data folder with webhooks to this machine allowed, waits for readiness, and stops it and removes the
# folder when done or on any exit (an error, Ctrl-C, a timeout's TERM). Sets $pid and $work (the folder; the log is
# $work/registry.log). Needs $PORT.
pid=""; work=""
stop_registry() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$work" ]; then rm -rf "$work"; fi
  pid=""; work=""
}
trap stop_registry EXIT
trap 'exit 130' INT TERM

# The JVM options registry/run starts the registry with (registry/jvm.options), unless JAVA_OPTS is set
registry_java_opts() {
  if [ -n "${JAVA_OPTS:-}" ]; then echo "$JAVA_OPTS"; return; fi
  grep -v '^[[:space:]]*#' "$(dirname "${BASH_SOURCE[0]}")/../../registry/jvm.options" | tr '\n' ' '
}

# start_registry JAR [registry arguments...]: JAVA_OPTS (default: registry/run's, registry/jvm.options) go to the JVM
start_registry() {
  local jar=$1
  shift
  work=$(mktemp -d)
  java $(registry_java_opts) -jar "$jar" --server.port=$PORT --covenant.storage.data-dir="$work/data" \
    --covenant.notifications.allow-http=true --covenant.notifications.allow-private-addresses=true \
    "$@" > "$work/registry.log" 2>&1 &
  pid=$!
  until curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -50 "$work/registry.log"; return 1; }
    sleep 0.2
  done
}
