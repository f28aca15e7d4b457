#!/usr/bin/env bash
# Starts the production build for Playwright on a fresh embedded database: migrate, seed, serve.
# Playwright's webServer owns this process and stops it (shared/stack-notes.md, trap 10).
#
# Usage: start-server.sh PORT DATA_DIR [TEMPLATE_DIR]. With a template directory (one per run,
# playwright.config.ts), the migrated database, the seeded demo world and the demo people alone (the
# empty server's, ACCORD_SEED_SCOPE=users) are built once there and copied for each server:
# Playwright starts its servers one after the other, and migrating and seeding each of them took
# most of the minute before the first test (docs/decisions/010).
#
# Or: start-server.sh --templates-only TEMPLATE_DIR builds the run's templates and exits (npm test
# builds them while Vitest runs, at the lowest priority; scripts/test-all.sh).
set -euo pipefail
templates_only=no
if [ "${1:-}" = "--templates-only" ]; then
  templates_only=yes
  set -- "" "" "$2"
fi
port="$1"
data_dir="$2"
template="${3:-}"
unset DATABASE_URL
if [ "$templates_only" = no ]; then
  rm -rf "$data_dir"
fi
if [ "$templates_only" = no ] && [ ! -f .next/BUILD_ID ]; then
  echo "No production build: run npm run build first (npm test does)." >&2
  exit 1
fi
scope="${ACCORD_SEED_SCOPE:-demo}"

migrate() { ACCORD_DATA_DIR="$1" node --conditions=react-server --import tsx scripts/db/migrate.ts; }
seed() { ACCORD_DATA_DIR="$1" ACCORD_SEED_SCOPE="${2:-$scope}" node --conditions=react-server --import tsx prisma/seed.ts; }

# Builds "$template/$1" with the given steps unless it is there; atomic, so a half-built one is never used.
build_template() {
  local name="$1"; shift
  [ -d "$template/$name" ] && return 0
  local work
  work="$(mktemp -d "$template/.$name.XXXXXX")"
  "$@" "$work/data"
  mv -T "$work/data" "$template/$name" 2>/dev/null || true
  rm -rf "$work"
}
# A copy of the migrated template, seeded with one scope: seeded_copy SCOPE DIR.
seeded_copy() { cp -a "$template/migrated" "$2" && seed "$2" "$1"; }

if [ -n "$template" ]; then
  mkdir -p "$template"
  # Templates of earlier runs on this port are of no use (a changed migration or seed).
  for old in "${template%-*}"-*; do
    [ "$old" != "$template" ] && [ -d "$old" ] && rm -rf "$old"
  done
  build_template migrated migrate
  if [ "$templates_only" = yes ]; then
    # Both worlds the servers start from: the demo, and its people alone (the empty server's).
    build_template demo seeded_copy demo
    build_template users seeded_copy users
    exit 0
  fi
  case "$scope" in
    demo | users) build_template "$scope" seeded_copy "$scope" ;;
    *) echo "Unknown ACCORD_SEED_SCOPE: $scope" >&2; exit 1 ;;
  esac
  cp -a "$template/$scope" "$data_dir"
else
  migrate "$data_dir"
  seed "$data_dir"
fi
export ACCORD_DATA_DIR="$data_dir"
exec bash scripts/serve.sh -p "$port" -H 127.0.0.1 --keepAliveTimeout 65000
