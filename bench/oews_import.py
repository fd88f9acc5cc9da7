"""Import a metropolitan-size BLS OEWS workbook: seconds and peak memory.

Generates (once, into bench/out/) an XLSX in BLS's layout with ~140,000 rows: ~400
metropolitan and non-metropolitan areas times ~350 occupations, 43-6013 among them. Then
times, each in its own process on a throwaway SQLite database:

  reader   salaries.oews.read_oews alone (file to rows);
  command  manage.py import_oews FILE --period "May 2025" (read, plan, write);
  admin    the admin upload (preview) then confirm, through Django's test client, as a
           request would run them in a worker.

Peak RSS is each child's ru_maxrss. With --compare, also times walking every row of the
same file with openpyxl (read-only; what the importer used before) and python-calamine
(if installed), to show why the reader uses neither. Usage:
  .venv/bin/python bench/oews_import.py [--rows N] [--regenerate] [--compare]
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from common import OUT, PYTHON, ROOT, site_env  # noqa: E402

COLUMNS = [
    "AREA",
    "AREA_TITLE",
    "AREA_TYPE",
    "PRIM_STATE",
    "NAICS",
    "NAICS_TITLE",
    "I_GROUP",
    "OWN_CODE",
    "OCC_CODE",
    "OCC_TITLE",
    "O_GROUP",
    "TOT_EMP",
    "EMP_PRSE",
    "JOBS_1000",
    "LOC_QUOTIENT",
    "PCT_TOTAL",
    "PCT_RPT",
    "H_MEAN",
    "A_MEAN",
    "MEAN_PRSE",
    "H_PCT10",
    "H_PCT25",
    "H_MEDIAN",
    "H_PCT75",
    "H_PCT90",
    "A_PCT10",
    "A_PCT25",
    "A_MEDIAN",
    "A_PCT75",
    "A_PCT90",
    "ANNUAL",
    "HOURLY",
]
STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
]
PERIOD = "May 2025"

READER = """
import sys, time
import django; django.setup()
from salaries.oews import read_oews
started = time.perf_counter()
with open(sys.argv[1], "rb") as handle:
    rows = read_oews(handle, "MSA_M2025_dl.xlsx")
print(f"{len(rows)} rows for 43-6013 read in {time.perf_counter() - started:.1f} s")
"""

OPENPYXL = """
import sys, time
import openpyxl
started = time.perf_counter()
book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
found = sum(row[8] == "43-6013" for row in book.worksheets[0].iter_rows(values_only=True))
print(f"{found} rows for 43-6013 walked in {time.perf_counter() - started:.1f} s")
"""

CALAMINE = """
import sys, time
import python_calamine
started = time.perf_counter()
sheet = python_calamine.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0)
found = sum(row[8] == "43-6013" for row in sheet.iter_rows())
print(f"{found} rows for 43-6013 walked in {time.perf_counter() - started:.1f} s")
"""

ADMIN = """
import sys, time
import django; django.setup()
from django.contrib.auth.models import User
from django.test import Client
user = User.objects.create_superuser("bench-admin", "bench@example.com", "x")
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)
started = time.perf_counter()
with open(sys.argv[1], "rb") as handle:
    response = client.post(
        "/admin/salaries/oewsrelease/upload/", {"file": handle, "period": "May 2025"}
    )
assert response.status_code == 200, response.content[:2000]
preview = time.perf_counter() - started
token = client.session["oews_import"]["token"]
response = client.post("/admin/salaries/oewsrelease/upload/confirm/", {"token": token})
assert response.status_code == 302, response.status_code
print(f"preview {preview:.1f} s, preview and confirm {time.perf_counter() - started:.1f} s")
"""


def generate(path: Path, rows: int, seed: int = 2025) -> None:
    """Write a BLS-layout workbook of about `rows` data rows (write-only, streamed)."""
    import openpyxl

    rng = random.Random(seed)
    occupations = ["00-0000", "43-6013"] + sorted(
        {f"{rng.randint(11, 53)}-{rng.randint(1000, 9199)}" for _ in range(400)} - {"43-6013"}
    )
    per_area = 350
    occupations = occupations[:per_area]
    areas = []
    for number in range(max(1, rows // per_area)):
        state = rng.choice(STATES)
        if number % 8 == 7:
            areas.append((f"{number // 8 + 100:02d}00001", f"Nonmetro area {number} {state}", 6))
        else:
            areas.append((str(10180 + number * 20), f"Metro area {number}, {state}", 4))
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("MSA_M2025_dl")
    sheet.append(COLUMNS)
    for area, title, area_type in areas:
        state = title[-2:]
        for occupation in occupations:
            hourly = [rng.uniform(12, 20)]
            for _ in range(4):
                hourly.append(hourly[-1] * rng.uniform(1.05, 1.3))
            hourly = [round(value, 2) for value in hourly]
            annual = [round(value * 2080, -1) for value in hourly]
            mean = round(sum(hourly) / 5, 2)
            row = [area, title, area_type, state, "000000", "Cross-industry", "cross-industry"]
            row += [1235, occupation, f"Occupation {occupation}", "detailed"]
            employment = rng.randint(30, 90000)
            row += [employment, round(rng.uniform(1, 40), 1), round(rng.uniform(0.01, 50), 3)]
            row += [round(rng.uniform(0.1, 3), 2), None, None, mean, round(mean * 2080, -1)]
            row += [round(rng.uniform(0.3, 9), 1), *hourly, *annual, None, None]
            marker = rng.random()
            if marker < 0.05:
                row[11] = "**"
            elif marker < 0.08:
                row[24], row[29] = "#", "#"
            elif marker < 0.1:
                row[17:19] = ["*", "*"]
            sheet.append(row)
    book.save(path)


def run(label: str, command: list[str], env: dict) -> dict:
    """Run a child, echo its output, and return its wall seconds and its own peak RSS in MB."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err)
        # wait4 gives this child's own rusage (RUSAGE_CHILDREN would keep the largest so far).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = out.read(), err.read()
    if process.returncode:
        sys.exit(f"{label} failed:\n{output}\n{errors}")
    for line in output.strip().splitlines():
        print(f"  {label}: {line}")
    return {"seconds": seconds, "rss": usage.ru_maxrss / 1024}


def fresh_db(env: dict) -> dict:
    db = OUT / "oews-bench.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    env = {**env, "DATABASE_URL": f"sqlite:///{db}"}
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True)  # fmt: skip
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=140_000)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--compare", action="store_true", help="also time openpyxl, calamine")
    args = parser.parse_args()
    env = {**site_env(), "DJANGO_SETTINGS_MODULE": "careerguide.settings"}
    path = OUT / f"MSA_M2025_dl-{args.rows}.xlsx"
    if args.regenerate or not path.exists():
        started = time.perf_counter()
        generate(path, args.rows)
        print(f"generated {path.name} in {time.perf_counter() - started:.0f} s")
    print(f"{path.name}: {path.stat().st_size / 1024 / 1024:.1f} MB")
    figures = {}
    figures["reader"] = run("reader", [PYTHON, "-c", READER, path], env)
    command = [PYTHON, "manage.py", "import_oews", path, "--period", PERIOD]
    figures["command"] = run("command", command, fresh_db(env))
    figures["admin"] = run("admin", [PYTHON, "-c", ADMIN, path], fresh_db(env))
    if args.compare:
        figures["openpyxl"] = run("openpyxl", [PYTHON, "-c", OPENPYXL, path], env)
        try:
            import python_calamine  # noqa: F401
        except ImportError:
            print("  calamine: python-calamine is not installed; skipped")
        else:
            figures["calamine"] = run("calamine", [PYTHON, "-c", CALAMINE, path], env)
    print(f"{'':10}{'seconds':>9}{'peak RSS MB':>13}")
    for label, figure in figures.items():
        print(f"{label:10}{figure['seconds']:9.1f}{figure['rss']:13.0f}")


if __name__ == "__main__":
    main()
