"""Lighthouse (mobile) on the home page, a guide page and the estimator; page weights.

Runs gunicorn on a prepared copy of the site and npm's lighthouse@12.2.3 with Debian's
Chromium, then prints the four category scores and each page's compressed transfer size
(everything the page loads, htmx included).
Usage: .venv/bin/python bench/lighthouse.py (make lighthouse)
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from common import ROOT, gunicorn, table  # noqa: E402

PAGES = [
    ("home", "/"),
    ("guide page", "/what-they-do/"),
    ("salary page", "/salary/"),
    (
        "estimator",
        "/salary-estimator/?years=4&education=associate&certifications=cmaa&employer=hospital&location=boston",
    ),
    ("pay check", "/pay-check/?pay=21.50&per=hour&location=california"),
    ("offers", "/compare-offers/?a_pay=45000&a_per=year&b_pay=22.50&b_per=hour"),
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUDGET_KB = 60
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)


def lighthouse(url: str, attempts: int = 3) -> dict:
    """Audit url; Chromium sometimes fails to start under load, so try again."""
    for attempt in range(1, attempts + 1):
        try:
            return lighthouse_once(url)
        except subprocess.CalledProcessError:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def lighthouse_once(url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--quiet",
             f"--chrome-flags={CHROME_FLAGS}", "--output=json", f"--output-path={report}"],
            check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        )  # fmt: skip
        return json.loads(report.read_text())


def main() -> int:
    rows, failures = [], []
    with gunicorn(workers=2) as base:
        for name, path in PAGES:
            data = lighthouse(base + path)
            scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
            weight = data["audits"]["total-byte-weight"]["numericValue"] / 1024
            items = data["audits"]["network-requests"]["details"]["items"]
            rows.append({"page": name, **scores, "KB transferred": f"{weight:.1f}",
                         "requests": len(items)})  # fmt: skip
            failures += [f"{name}: {c} {s}" for c, s in scores.items() if s < 95]
            if weight > BUDGET_KB:
                failures.append(f"{name}: {weight:.1f} KB > {BUDGET_KB} KB")
            weak = [
                a["id"]
                for a in data["audits"].values()
                if a.get("score") is not None
                and a["score"] < 0.9
                and a.get("scoreDisplayMode") in {"binary", "numeric", "metricSavings"}
            ]
            if weak:
                print(f"  {name}: audits below 0.9: {', '.join(weak)}")
    print("Lighthouse 12.2.3, mobile emulation, Debian Chromium")
    print(table(rows, ["page", *CATEGORIES, "KB transferred", "requests"]))
    print("goals: 95+ in every category, at most 60 KB a page")
    print("all goals met" if not failures else "missed: " + "; ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
