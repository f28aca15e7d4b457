#!/usr/bin/env bash
# Serves the production build: `npm run start`, the e2e servers, the bench and the tests' own servers
# all start Accord here, so what is measured is what is run. Arguments go to `next start`.
#
# --max-semi-space-size=32 (MB): V8's young generation, where a page render's short-lived objects
# are born. At its default (16 MB on this 64-bit Node) a server rendering dashboards spent about 10%
# of its CPU in scavenges that promoted half-finished renders; at 32 MB the bench pages took 10–25%
# less CPU per request for at most ~50 MB more memory (docs/decisions/023-serving.md).
# ACCORD_NODE_FLAGS adds V8/Node flags (the bench's BENCH_NODE_FLAGS=--trace-gc, say); NODE_OPTIONS
# refuses some of them.
set -euo pipefail
cd "$(dirname "$0")/.."
#
# One process per core (at most 4) or ACCORD_PROCESSES of them share the port through
# scripts/serve-cluster.mjs (docs/decisions/027-app-processes.md); on the embedded database it first
# starts the database process that serves them the data directory (decision 029).
answer="$(node scripts/app-processes.mjs)" # exits here, having said why, if the settings are wrong
read -r processes database <<<"$answer"
if [ "$processes" -gt 1 ]; then
  embedded=()
  [ "${database:-}" = embedded ] && embedded=(--embedded)
  # shellcheck disable=SC2086 # the flags are words
  exec node --max-semi-space-size=32 ${ACCORD_NODE_FLAGS:-} scripts/serve-cluster.mjs "$processes" "${embedded[@]}" node_modules/next/dist/bin/next start "$@"
fi
# shellcheck disable=SC2086 # the flags are words
exec node --max-semi-space-size=32 ${ACCORD_NODE_FLAGS:-} node_modules/next/dist/bin/next start "$@"
