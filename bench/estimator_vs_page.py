"""The htmx estimator against a guide page, in one run: p50, p99 and requests a second.

wrk drives gunicorn with a few connections (latency, not saturation), first a guide page,
then the estimator's htmx fragment for a pool of 200 profiles (each rendered once per
content version, then served from the cache), then for 20,000 random profiles (nearly
every request computed afresh). It also counts the SQL queries of one estimate.
Usage: .venv/bin/python bench/estimator_vs_page.py [seconds] (make bench)
"""

import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from common import PYTHON, ROOT, gunicorn, site_env, table, wrk  # noqa: E402

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
CONNECTIONS = 8
WORKERS = 3
EDUCATION = ["high-school", "associate", "bachelor"]
CERTIFICATIONS = ["cmaa", "cehrs", "cpct"]
SKILLS = ["emr", "billing-coding", "insurance", "excel"]
EMPLOYERS = ["hospital", "private-clinic", "corporate-chain", "specialty-clinic"]
LOCATIONS = ["san-francisco", "new-york", "boston", "washington-dc", "mid-sized", "rural"]
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


def lua_rotation(paths: list[str]) -> str:
    quoted = ",\n".join(f'  "{path}"' for path in paths)
    return (
        f"local paths = {{\n{quoted}\n}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i], {["HX-Request"] = "true"})\nend\n'
    )


def main() -> None:
    rng = random.Random(6013)
    pools = {
        "estimator, 200 profiles (cached)": [profile_path(rng) for _ in range(200)],
        "estimator, 20,000 random profiles": [profile_path(rng) for _ in range(20000)],
    }
    rows = []
    with gunicorn(WORKERS) as base, tempfile.TemporaryDirectory() as tmp:
        rows.append(("guide page", wrk(base + "/what-they-do/", connections=CONNECTIONS,
                                       seconds=SECONDS)))  # fmt: skip
        for name, paths in pools.items():
            script = os.path.join(tmp, "rotate.lua")
            with open(script, "w") as handle:
                handle.write(lua_rotation(paths))
            result = wrk(base + "/", connections=CONNECTIONS, seconds=SECONDS, script=script)
            rows.append((name, result))
    guide_p99 = rows[0][1]["p99"]
    print(f"gunicorn {WORKERS} sync workers, wrk 2 threads, {CONNECTIONS} connections, "
          f"{SECONDS} s a target")  # fmt: skip
    print(table([{"target": name, "req/s": f"{r['rps']:.0f}", "p50 ms": f"{r['p50']:.2f}",
                  "p99 ms": f"{r['p99']:.2f}", "p99 / guide p99": f"{r['p99'] / guide_p99:.2f}",
                  "errors": r["errors"]} for name, r in rows],
                ["target", "req/s", "p50 ms", "p99 ms", "p99 / guide p99", "errors"]))  # fmt: skip
    print("goal: estimator p99 at most 2x the guide page's p99 (aim 1.5x)")
    env = site_env() | {"DJANGO_SETTINGS_MODULE": "careerguide.settings", "PYTHONPATH": str(ROOT)}
    subprocess.run([PYTHON, "-c", COUNT_QUERIES], cwd=ROOT, env=env, check=True)
    print("goal: at most 3 queries per estimate with an empty cache, 1 with a warm one")


if __name__ == "__main__":
    main()
