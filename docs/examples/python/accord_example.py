"""Accord's API from Python: requests + pandas (docs/api.md, "Client examples"; issue 18).

    pip install -r docs/examples/python/requirements.txt
    ACCORD_URL=http://localhost:3000 ACCORD_TOKEN=acc_... python3 docs/examples/python/accord_example.py

Lists the partnerships, then reads the CSV export of one deal's card activations per month
(ACCORD_PARTNERSHIP, default apple-pay-alipay; the export needs an analyst's token) into a
DataFrame and prints the cards added per region. e2e/client-examples.spec.ts runs this file
against the app where requests and pandas are installed.
"""

import io
import os
import sys

import pandas as pd
import requests


def main() -> int:
    base_url = os.environ.get("ACCORD_URL", "http://localhost:3000").rstrip("/")
    token = os.environ.get("ACCORD_TOKEN")
    if not token:
        print("Set ACCORD_TOKEN to an API token (acc_...) from the API tokens page.", file=sys.stderr)
        return 2
    slug = os.environ.get("ACCORD_PARTNERSHIP", "apple-pay-alipay")

    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"

    def get(path: str, **params: str) -> requests.Response:
        response = session.get(f"{base_url}{path}", params=params, timeout=60)
        if not response.ok:
            # Accord answers errors as JSON { "error": "..." } (docs/api.md).
            print(f"HTTP {response.status_code} for {path}: {response.text}", file=sys.stderr)
            sys.exit(1)
        return response

    partnerships = get("/api/v1/partnerships").json()["partnerships"]
    print(f"{len(partnerships)} partnerships")
    for p in partnerships:
        print(f"  {p['slug']}: {p['name']} ({p['stage']})")

    # download=1: `#` comment lines before the header state the filters, conventions and as-of
    # time, and the last line is `# Rows: n (end of export)`. comment="#" skips them all.
    text = get(
        f"/api/v1/partnerships/{slug}/metrics",
        metric="cards_added", granularity="month", format="csv", download="1",
    ).text
    if not text.rstrip().splitlines()[-1].startswith("# Rows: "):
        print("The export was cut short (no '# Rows:' line at its end).", file=sys.stderr)
        return 1
    frame = pd.read_csv(io.StringIO(text), comment="#", parse_dates=["period_start"])
    print(f"Rows: {len(frame)}")

    print(f"Cards added per region ({slug}):")
    totals = frame.groupby("region")["value"].sum().sort_values(ascending=False)
    for region, total in totals.items():
        print(f"  {region}: {total:,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
