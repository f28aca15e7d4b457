#!/usr/bin/env bash
# Installs what the tests need on a fresh machine, and nothing that downloads outside the npm
# registry and Debian's packages: node_modules from the lockfile, Debian's chromium-headless-shell, and a
# running PostgreSQL where one is installed. Safe to run again; does nothing when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Python client example (docs/examples/python, issue 18) runs in e2e where Python has requests
# and pandas. Best effort: a virtualenv of its own (.venv-examples, git-ignored) from pip's
# configured sources (on these machines a local wheel store; no retries against an unreachable PyPI). When it
# cannot be made, e2e/client-examples.spec.ts skips that example and says why. Made while npm
# installs (about 12 s of the install's minute on a fresh clone); its messages come at the end.
python_example() {
  if python3 -m venv .venv-examples >/dev/null 2>&1 \
    && PIP_RETRIES=0 timeout 300 .venv-examples/bin/pip install -q -r docs/examples/python/requirements.txt >/dev/null 2>&1; then
    echo "== The Python example's virtualenv (requests, pandas) is ready"
  else
    echo "   (could not install requests and pandas: the Python example will be skipped)"
    rm -rf .venv-examples
  fi
}
python_pid=""
if command -v python3 >/dev/null && [ ! -x .venv-examples/bin/python ]; then
  echo "== Preparing the Python example's virtualenv (requests, pandas), beside the rest"
  python_log="$(mktemp)"
  python_example > "$python_log" 2>&1 &
  python_pid=$!
fi

if [ ! -x node_modules/.bin/next ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== Installing npm packages from the lockfile"
  # `npm ci` fails on these machines (the lockfile lacks other platforms' optional packages);
  # `npm install` with the lockfile installs the same versions and leaves it unchanged.
  # --prefer-offline: a package already in npm's cache is taken from it without asking the registry
  # whether it changed (the lockfile pins each version and its checksum); a missing one is still
  # downloaded. About 10 s less CPU on a fresh clone (docs/decisions/010-test-suite.md).
  npm install --no-audit --no-fund --loglevel=warn --prefer-offline
fi

# The browser tests drive Debian's chromium-headless-shell (the same Chromium build without the
# desktop browser around it; about 25% less CPU per page on this 2-core machine, docs/decisions/
# 010-test-suite.md). /usr/bin/chromium still works (CHROMIUM_PATH, or when the shell is missing).
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium-headless-shell}"
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== Installing Debian's chromium-headless-shell for the browser tests"
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium-headless-shell >/dev/null
  elif [ ! -x /usr/bin/chromium ]; then
    echo "Chromium is missing: install Debian's package (sudo apt-get install chromium-headless-shell) or set CHROMIUM_PATH." >&2
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

if [ -n "$python_pid" ]; then
  wait "$python_pid" || true
  cat "$python_log"
  rm -f "$python_log"
fi
