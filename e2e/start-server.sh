#!/usr/bin/env bash
# Starts the production build for Playwright on a fresh embedded database: migrate, seed, serve.
# Playwright's webServer owns this process and stops it (shared/stack-notes.md, trap 10).
set -euo pipefail
port="$1"
data_dir="$2"
rm -rf "$data_dir"
export ACCORD_DATA_DIR="$data_dir"
unset DATABASE_URL
if [ ! -f .next/BUILD_ID ]; then
  echo "No production build: run npm run build first (npm test does)." >&2
  exit 1
fi
node --conditions=react-server --import tsx scripts/db/migrate.ts
node --conditions=react-server --import tsx prisma/seed.ts
exec bash scripts/serve.sh -p "$port" -H 127.0.0.1 --keepAliveTimeout 65000
