"""A guide page against a static file, and a fresh estimate against a cached page, in one run.

wrk (2 threads, 16 connections) drives the site twice: straight to one gunicorn, then
through nginx in front of two app servers (deploy/serve, the production shape). On each,
one target after the other for the same time, in three rounds (each ratio is the median
of the rounds', so a busy moment of a shared machine spoils one round, not the run):

- a static file (whitenoise under gunicorn; nginx itself in the production shape),
- a guide page (cached per content version),
- the estimator's htmx fragment for a pool of 200 profiles (cached once rendered),
- the estimator's htmx fragment for random profiles, each wrk thread on a pool of its own,
  so nearly every request is computed afresh.

It prints two ratios for each: the guide page's rate ÷ the static file's (goal at least
0.8) and a fresh estimate's p99 latency ÷ the cached guide page's (goal at most 1.5);
then each worker's memory (PSS, goal at most 80 MB), the same figures as measured before
(BEFORE) and the SQL queries of one estimate. Through nginx the guide page comes from
nginx's micro-cache (deploy/nginx.conf.template), as readers get it.
Usage: .venv/bin/python bench/estimator_vs_page.py [seconds a target a round] (make bench)
"""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from common import (  # noqa: E402
    PYTHON,
    ROOT,
    gunicorn,
    serve_shape,
    shape_pss_mb,
    site_env,
    table,
    worker_pss_mb,
    wrk,
)

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 4  # each target, each round
ROUNDS = 3
CONNECTIONS = 16
WORKERS = 3  # each gunicorn: `make run`'s default, and each app server's in `make serve`
GUIDE_PAGE = "/what-they-do/"
EDUCATION = ["high-school", "associate", "bachelor"]
CERTIFICATIONS = ["cmaa", "cehrs", "cpct"]
SKILLS = ["emr", "billing-coding", "insurance", "excel"]
EMPLOYERS = ["hospital", "private-clinic", "corporate-chain", "specialty-clinic"]
LOCATIONS = ["united-states", "california", "new-york", "massachusetts", "ohio", "texas",
             "district-of-columbia", "rural"]  # fmt: skip
GOALS = {"static": 0.8, "fresh": 1.5, "pss": 80}
# This script's summary on the 2-core machine before the second round of issue 23 (the
# commit before nginx's micro-cache), for comparison.
BEFORE = {"direct": (0.88, 7.69, 69.8), "nginx": (0.07, 10.13, 61.8)}
COUNT_QUERIES = """
import django; django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HX_REQUEST="true", HTTP_HOST="127.0.0.1")
url = "/salary-estimator/?years=7&education=bachelor&certifications=cehrs"
url += "&employer=hospital&location=rural"
cache.clear()
for label in ("cold cache", "warm cache"):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    print(f"queries per estimate, {label}: {len(queries)}")
"""


def profile_path(rng: random.Random) -> str:
    params = [("years", rng.randint(0, 40)), ("education", rng.choice(EDUCATION))]
    params += [("certifications", c) for c in CERTIFICATIONS if rng.random() < 0.3]
    params += [("skills", s) for s in SKILLS if rng.random() < 0.3]
    params += [("employer", rng.choice(EMPLOYERS)), ("location", rng.choice(LOCATIONS))]
    params += [("contribution", rng.randint(0, 10))]
    return "/salary-estimator/?" + "&".join(f"{k}={v}" for k, v in params)


def lua_rotation(pools: list[list[str]]) -> str:
    """A wrk script: thread n goes round pools[n - 1], so no two threads ask the same."""
    tables = ",\n".join("{" + ",".join(f'"{path}"' for path in pool) + "}" for pool in pools)
    return (
        f"local pools = {{\n{tables}\n}}\nlocal threads = 0\n"
        "function setup(thread)\n  threads = threads + 1\n  thread:set('n', threads)\nend\n"
        "function init(args)\n  paths = pools[n]\n  i = 0\nend\n"
        "function request()\n  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i], {["HX-Request"] = "true"})\nend\n'
    )


def static_path(base: str) -> str:
    html = urllib.request.urlopen(base + "/").read().decode()
    return html.split('rel="stylesheet" href="')[1].split('"')[0]


def write_pool(tmp: str, name: str, pools: list[list[str]]) -> str:
    script = os.path.join(tmp, f"{name}.lua")
    with open(script, "w") as handle:
        handle.write(lua_rotation(pools))
    return script


def measure(base: str, rng: random.Random, tmp: str) -> tuple[dict, dict]:
    """The targets in turn, ROUNDS times over, on the server at base: a busy moment of a
    shared machine then spoils one round's ratios, not the run's (the median is kept)."""
    static = base + static_path(base)
    cached = write_pool(tmp, "cached", [[profile_path(rng) for _ in range(200)]] * 2)
    wrk(base + "/", connections=CONNECTIONS, seconds=2, script=cached)  # built once each
    rounds: dict[str, list[dict]] = {}
    for _ in range(ROUNDS):
        fresh = write_pool(
            tmp, "fresh", [[profile_path(rng) for _ in range(5000)] for _ in range(2)]
        )
        for name, url, script in (
            ("static file", static, None),
            ("guide page", base + GUIDE_PAGE, None),
            ("estimate, fresh (random profiles)", base + "/", fresh),
            ("estimate, 200 profiles (cached)", base + "/", cached),
        ):
            result = wrk(url, connections=CONNECTIONS, seconds=SECONDS, script=script)
            rounds.setdefault(name, []).append(result)
    ratios = {
        "fresh/cached estimate": statistics.median(
            fresh["p99"] / cached["p99"]
            for fresh, cached in zip(
                rounds["estimate, fresh (random profiles)"],
                rounds["estimate, 200 profiles (cached)"],
                strict=True,
            )
        ),
        "static": statistics.median(
            guide["rps"] / static["rps"]
            for guide, static in zip(rounds["guide page"], rounds["static file"], strict=True)
        ),
        "fresh": statistics.median(
            fresh["p99"] / guide["p99"]
            for fresh, guide in zip(
                rounds["estimate, fresh (random profiles)"], rounds["guide page"], strict=True
            )
        ),
    }
    results = {
        name: {
            "rps": statistics.mean(r["rps"] for r in runs),
            "p50": statistics.median(r["p50"] for r in runs),
            "p99": statistics.median(r["p99"] for r in runs),
            "errors": sum(r["errors"] for r in runs),
        }
        for name, runs in rounds.items()
    }
    return results, ratios


def cache_status(base: str) -> str:
    """What nginx's micro-cache did with a guide page asked twice in a row (HIT when it
    keeps pages)."""
    statuses = []
    for _ in range(2):
        with urllib.request.urlopen(base + GUIDE_PAGE) as response:
            statuses.append(response.headers.get("X-Cache-Status") or "none")
    return ", then ".join(statuses)


def report(title: str, results: dict, ratios: dict, memory: list[float]) -> dict:
    guide = results["guide page"]
    print(f"\n{title}")
    print(table([{"target": name, "req/s": f"{r['rps']:.0f}", "p50 ms": f"{r['p50']:.2f}",
                  "p99 ms": f"{r['p99']:.2f}", "p99 / guide p99": f"{r['p99'] / guide['p99']:.2f}",
                  "errors": r["errors"]} for name, r in results.items()],
                ["target", "req/s", "p50 ms", "p99 ms", "p99 / guide p99", "errors"]))  # fmt: skip
    ratios = {**ratios, "pss": max(memory)}
    print(f"guide page rate / static file rate: {ratios['static']:.2f} "
          f"(goal at least {GOALS['static']})")  # fmt: skip
    print(f"fresh estimate p99 / cached page p99: {ratios['fresh']:.2f} "
          f"(goal at most {GOALS['fresh']})")  # fmt: skip
    print(f"(for comparison, fresh estimate p99 / cached estimate p99: "
          f"{ratios['fresh/cached estimate']:.2f})")  # fmt: skip
    print("worker memory after the load (PSS, MB): " + ", ".join(f"{m:.1f}" for m in memory)
          + f" (goal at most {GOALS['pss']})")  # fmt: skip
    return ratios


def main() -> None:
    rng = random.Random(6013)
    load = os.getloadavg()[0]
    print(f"wrk 2 threads, {CONNECTIONS} connections, {SECONDS} s a target; "
          f"{os.cpu_count()} cores, load average {load:.1f} at the start")  # fmt: skip
    summary = {}
    with tempfile.TemporaryDirectory() as tmp:
        with gunicorn(WORKERS) as base:
            results, ratios = measure(base, rng, tmp)
            memory = worker_pss_mb(gunicorn.pid)
        summary["direct"] = report(
            f"Direct: one gunicorn, {WORKERS} sync workers", results, ratios, memory
        )
        with serve_shape(WORKERS) as (base, run):
            results, ratios = measure(base, rng, tmp)
            memory = shape_pss_mb(run)
            status = cache_status(base)
        summary["nginx"] = report(
            f"Through nginx: deploy/serve, two app servers of {WORKERS} sync workers", results,
            ratios, memory,
        )  # fmt: skip
        print(f"guide page from nginx's micro-cache: X-Cache-Status {status}")
    print("\nSummary            guide/static  fresh p99/page p99  largest worker MB")
    for name, ratios in summary.items():
        print(f"{name:<18} {ratios['static']:>12.2f}  {ratios['fresh']:>18.2f}  "
              f"{ratios['pss']:>17.1f}")  # fmt: skip
    for name, (static, fresh, pss) in BEFORE.items():
        print(f"{name + ', before':<18} {static:>12.2f}  {fresh:>18.2f}  {pss:>17.1f}")
    print(f"goals              {GOALS['static']:>12}  {GOALS['fresh']:>18}  {GOALS['pss']:>17}")
    env = site_env() | {"DJANGO_SETTINGS_MODULE": "careerguide.settings", "PYTHONPATH": str(ROOT)}
    subprocess.run([PYTHON, "-c", COUNT_QUERIES], cwd=ROOT, env=env, check=True)
    print("goal: at most 3 queries per estimate with an empty cache, 1 with a warm one")


if __name__ == "__main__":
    main()
