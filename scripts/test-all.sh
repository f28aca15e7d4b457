#!/usr/bin/env bash
# `npm test`: the whole suite. Lint, typecheck, unit tests, the data layer on PGlite and on the
# PostgreSQL server, the production build, and Playwright end-to-end. On a machine without
# PostgreSQL it still passes on PGlite and says plainly that the PostgreSQL suite did not run;
# under CI (CI=true) that is a failure instead.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
reports=.test-reports
rm -rf "$reports" && mkdir -p "$reports"
started=$SECONDS
step() { printf '\n== %s (at %ss)\n' "$*" "$((SECONDS - started))"; }

bash scripts/ensure-prereqs.sh

step "Lint"
npm run -s lint
step "Typecheck"
npm run -s typecheck

# Vitest in two runs (docs/decisions/010-test-suite.md, "afternoon"). Unit and PGlite first, two
# files at a time: they are CPU-bound in this process and keep both cores busy. The PostgreSQL
# files then run one at a time beside the build and Playwright, which leave about a quarter of the
# CPU idle while the browser and the server wait on each other; the PostgreSQL files mostly wait on
# the server too. Both runs report; either failing fails the whole.
postgres_ran=no
if node scripts/postgres-available.mjs; then
  postgres_ran=yes
else
  echo "!! THE POSTGRESQL SUITE DID NOT RUN: no PostgreSQL server answered (set TEST_POSTGRES_URL to point at one)."
  if [ "${CI:-}" = "true" ]; then
    echo "!! CI requires both engines: failing." >&2
    exit 1
  fi
fi
step "Unit tests, and the data layer on PGlite (in memory)"
npx vitest run --project unit --project pglite --maxWorkers="${VITEST_WORKERS:-2}" --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"

postgres_pid=
if [ "$postgres_ran" = yes ]; then
  step "The data layer on PostgreSQL (127.0.0.1:5432, database test, one schema per test file), beside the build and Playwright; its log follows Playwright's"
  npx vitest run --project postgres --maxWorkers=1 --reporter=default --reporter=json --outputFile.json="$reports/vitest-postgres.json" > "$reports/vitest-postgres.log" 2>&1 &
  postgres_pid=$!
fi
# Whatever fails below, the PostgreSQL run is waited for and its log shown.
postgres_status=0
finish_postgres() {
  [ -n "$postgres_pid" ] || return 0
  wait "$postgres_pid" || postgres_status=$?
  postgres_pid=
  step "The data layer on PostgreSQL: its log"
  cat "$reports/vitest-postgres.log"
}
trap 'finish_postgres' EXIT

step "Production build (it must not open the database: issue 13, finding 13)"
build_probe="$(mktemp -d)/data"
ACCORD_BUILD_TYPECHECKED=1 ACCORD_DATA_DIR="$build_probe" npm run -s build 2>&1 | tee "$reports/build.log"
if [ -e "$build_probe" ] || grep -q "tried to open the database" "$reports/build.log"; then
  echo "!! The build opened the embedded database ($build_probe): a page or route ran a query at build time." >&2
  exit 1
fi
step "End-to-end (Playwright, Debian chromium, production build on the embedded database)"
e2e_status=0
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --reporter=list,json || e2e_status=$?
finish_postgres
trap - EXIT

step "Summary"
[ "$postgres_ran" = yes ] && echo "Engines: PGlite and PostgreSQL" || echo "Engines: PGlite only (PostgreSQL suite did not run)"
node scripts/test-summary.mjs "$reports"/*.json
if [ "$postgres_status" -ne 0 ]; then echo "!! The data layer on PostgreSQL failed (its log is above)." >&2; fi
if [ "$e2e_status" -ne 0 ]; then echo "!! End-to-end failed." >&2; fi
[ "$postgres_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
