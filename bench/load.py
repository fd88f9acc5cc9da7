"""Load test: gunicorn against wrk, 200 connections for 60 s on each target, in one run.

Prints requests a second, latency and errors for a guide page, the estimator (as htmx
asks for it) and a static file served by whitenoise, side by side.
Usage: .venv/bin/python bench/load.py [seconds] (make load)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import gunicorn, table, worker_pss_mb, wrk  # noqa: E402

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 60
CONNECTIONS = 200
# Sync workers: two per core plus one, the usual starting point (gunicorn's docs).
WORKERS = 2 * (os.cpu_count() or 1) + 1
ESTIMATE = (
    "/salary-estimator/?years=5&education=associate&certifications=cmaa"
    "&employer=hospital&location=boston"
)


def main() -> None:
    with gunicorn(WORKERS) as base:
        import urllib.request

        html = urllib.request.urlopen(base + "/").read().decode()
        css = html.split('rel="stylesheet" href="')[1].split('"')[0]
        targets = [
            ("guide page", base + "/what-they-do/", []),
            ("estimator (htmx)", base + ESTIMATE, ["HX-Request: true"]),
            ("static file", base + css, []),
        ]
        rows = []
        for name, url, headers in targets:
            result = wrk(url, connections=CONNECTIONS, seconds=SECONDS, headers=headers)
            rows.append({"target": name, "req/s": f"{result['rps']:.0f}",
                         "p50 ms": f"{result['p50']:.1f}", "p99 ms": f"{result['p99']:.1f}",
                         "requests": result["requests"], "errors": result["errors"]})  # fmt: skip
        memory = worker_pss_mb(gunicorn.pid)
    print(f"gunicorn {WORKERS} sync workers, wrk 2 threads, {CONNECTIONS} connections,")
    print(f"{SECONDS} s on each target in turn")
    print(table(rows, ["target", "req/s", "p50 ms", "p99 ms", "requests", "errors"]))
    guide, static = float(rows[0]["req/s"]), float(rows[2]["req/s"])
    print(f"guide page / static file: {guide / static:.2f} (goal at least 0.6, aim 0.8)")
    print(f"total errors: {sum(r['errors'] for r in rows)} (goal 0)")
    print("worker memory after the load (PSS, MB): " + ", ".join(f"{m:.1f}" for m in memory))
    print(f"largest worker: {max(memory):.1f} MB (goal at most 100, aim 80)")


if __name__ == "__main__":
    main()
