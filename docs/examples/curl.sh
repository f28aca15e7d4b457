#!/usr/bin/env bash
# Accord's API from the shell with curl alone (docs/api.md, "Client examples"; issue 18).
#
#   ACCORD_URL=http://localhost:3000 ACCORD_TOKEN=acc_… bash docs/examples/curl.sh
#
# Lists the partnerships, reads one deal's milestones (ACCORD_PARTNERSHIP, default
# apple-pay-alipay) and downloads the CSV export of its card activations per month into
# ACCORD_OUT_DIR (default: the current directory). The export needs an analyst's token
# (`metrics.export`). Any HTTP error stops the script with curl's exit code and the API's
# JSON error on stderr. e2e/client-examples.spec.ts runs this file against the app.
set -euo pipefail

: "${ACCORD_URL:?Set ACCORD_URL, e.g. http://localhost:3000}"
: "${ACCORD_TOKEN:?Set ACCORD_TOKEN to an API token (acc_…) from the API tokens page}"
SLUG="${ACCORD_PARTNERSHIP:-apple-pay-alipay}"
OUT_DIR="${ACCORD_OUT_DIR:-.}"

# --fail-with-body: a 4xx/5xx makes curl exit 22 and still prints Accord's `{ "error": … }`.
api() {
  curl --silent --show-error --fail-with-body \
    -H "Authorization: Bearer ${ACCORD_TOKEN}" "$@"
}

echo "== Partnerships"
api "${ACCORD_URL}/api/v1/partnerships"
echo

echo "== Milestones of ${SLUG}"
api "${ACCORD_URL}/api/v1/partnerships/${SLUG}/milestones"
echo

# download=1 adds `#` comment lines (filters, conventions, as-of time) before the header and ends
# the file with `# Rows: n (end of export)`; a file without that last line was cut short.
echo "== Card activations per month (CSV export)"
file="${OUT_DIR}/${SLUG}_cards_added_month.csv"
api -o "${file}" \
  "${ACCORD_URL}/api/v1/partnerships/${SLUG}/metrics?metric=cards_added&granularity=month&format=csv&download=1"
last_line="$(tail -n 1 "${file}")"
case "${last_line}" in
  "# Rows: "*) ;;
  *) echo "The export in ${file} was cut short (no '# Rows:' line at its end)." >&2; exit 1 ;;
esac
rows="${last_line#"# Rows: "}"
echo "Saved ${rows%% *} rows to ${file}"
