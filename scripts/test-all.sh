#!/usr/bin/env bash
# `npm test`: the whole suite. Lint, typecheck, the production build, unit tests, the data layer on
# PGlite and on the PostgreSQL server (with the OpenAPI contract over HTTP against the build), and
# Playwright end-to-end. On a machine without PostgreSQL it still passes on PGlite and says
# plainly that the PostgreSQL suite did not run; under CI (CI=true) that is a failure instead.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
reports=.test-reports
rm -rf "$reports" && mkdir -p "$reports"
started=$SECONDS
step() { printf '\n== %s (at %ss)\n' "$*" "$((SECONDS - started))"; }

bash scripts/ensure-prereqs.sh

step "Typecheck"
npm run -s typecheck
# Lint (one core, ~25 s) runs beside the build (which leaves part of the second core idle): about
# 15 s less than one after the other. Its report follows the build's; either failing fails the run.
# Not the typecheck: it writes .next/types, which the build rebuilds (docs/decisions/010-test-suite.md).
step "Lint, beside the production build"
npm run -s lint > "$reports/lint.log" 2>&1 &
lint_pid=$!

# The build comes before Vitest: tests/db/openapi-contract-http.test.ts runs the OpenAPI contract
# against `next start` (it fails under CI without a build). docs/decisions/010-test-suite.md.
step "Production build (it must not open the database: issue 13, finding 13)"
build_probe="$(mktemp -d)/data"
ACCORD_BUILD_TYPECHECKED=1 ACCORD_DATA_DIR="$build_probe" npm run -s build 2>&1 | tee "$reports/build.log"
if [ -e "$build_probe" ] || grep -q "tried to open the database" "$reports/build.log"; then
  echo "!! The build opened the embedded database ($build_probe): a page or route ran a query at build time." >&2
  exit 1
fi
step "Lint's report"
lint_status=0
wait "$lint_pid" || lint_status=$?
cat "$reports/lint.log"
if [ "$lint_status" -ne 0 ]; then
  echo "!! Lint failed (exit $lint_status)." >&2
  exit 1
fi
echo "Lint: no problems."

# One Vitest run for the three projects, two files at a time: PGlite is CPU-bound in this process
# while the PostgreSQL files wait on the server, so together they keep both cores busy (about 8 min
# here, against 9 + 5 one after the other). A third worker (2026-12-07, evening) took Vitest alone
# from 327–335 s to 284 s, but beside the e2e templates below, as npm test runs it, 300 s against
# 299 s: the templates already use that idle tenth. docs/decisions/010-test-suite.md.
projects=(--project unit --project pglite --project pglite-isolated)
postgres_ran=no
if node scripts/postgres-available.mjs; then
  projects+=(--project postgres --project postgres-isolated)
  postgres_ran=yes
else
  echo "!! THE POSTGRESQL SUITE DID NOT RUN: no PostgreSQL server answered (set TEST_POSTGRES_URL to point at one)."
  if [ "${CI:-}" = "true" ]; then
    echo "!! CI requires both engines: failing." >&2
    exit 1
  fi
fi
# The e2e servers' migrated and seeded databases (e2e/start-server.sh), built while Vitest runs, at
# the lowest priority: Vitest leaves part of the machine idle near its end (files waiting on the
# processes they start), and Playwright's first server no longer spends ~25 s building them before
# the first test. Playwright finds them by the run's name (E2E_RUN, playwright.config.ts); if they
# are missing, its first server builds them as before.
export E2E_RUN="${E2E_RUN:-$(date +%s%3N)}"
nice -n 19 bash e2e/start-server.sh --templates-only "e2e/.artifacts/template-${E2E_PORT:-3210}-$E2E_RUN" > "$reports/e2e-templates.log" 2>&1 &
templates_pid=$!
trap 'kill "$templates_pid" 2>/dev/null || true' EXIT

step "Unit tests, and the data layer on PGlite (in memory)$([ "$postgres_ran" = yes ] && echo ' and on PostgreSQL (127.0.0.1:5432, database test, one schema per test file)')"
npx vitest run "${projects[@]}" --maxWorkers="${VITEST_WORKERS:-2}" --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"

if ! wait "$templates_pid"; then
  echo "(The e2e databases could not be built ahead; Playwright's first server builds them. Log:)"
  cat "$reports/e2e-templates.log"
fi

step "End-to-end (Playwright, Debian chromium, production build on the embedded database)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --reporter=list,json

step "Summary"
[ "$postgres_ran" = yes ] && echo "Engines: PGlite and PostgreSQL" || echo "Engines: PGlite only (PostgreSQL suite did not run)"
node scripts/test-summary.mjs "$reports"/*.json
