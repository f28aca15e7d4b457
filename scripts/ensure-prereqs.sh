#!/usr/bin/env bash
# Installs what the tests need on a fresh machine, and nothing that downloads outside the npm
# registry and Debian's packages: node_modules from the lockfile, Debian's chromium, and a
# running PostgreSQL where one is installed. Safe to run again; does nothing when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/next ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== Installing npm packages from the lockfile"
  # `npm ci` fails on these machines (the lockfile lacks other platforms' optional packages);
  # `npm install` with the lockfile installs the same versions and leaves it unchanged.
  npm install --no-audit --no-fund --loglevel=warn
fi

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== Installing Debian's chromium for the browser tests"
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi

if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "== Starting the local PostgreSQL server"
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
fi
