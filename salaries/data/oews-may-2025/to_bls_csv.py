"""Write the May 2025 rows that extract.py took from BLS's flat files as a CSV in the layout
of BLS's own OEWS spreadsheets, so the site loads them through the same reader and checks
as an editor's upload (salaries.oews.read).

Run once, from the project root:
    python3 salaries/data/oews-may-2025/to_bls_csv.py

It reads oews-2025.json beside it and writes salaries/data/oews/oesm25-selected.csv. Areas
are coded as BLS's spreadsheets code them: the nation 99, a state its two-digit FIPS code,
a metropolitan area its five-digit CBSA code, a non-metropolitan area its seven-digit code.
Territories (area type 3) are left out: the site's tables hold the nation, states, metro
and non-metro areas only.
"""

import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "oews" / "oesm25-selected.csv"
COLUMNS = [
    "AREA", "AREA_TITLE", "AREA_TYPE", "NAICS", "I_GROUP", "OCC_CODE", "OCC_TITLE", "TOT_EMP",
    "H_MEAN", "A_MEAN", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90",
    "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90",
]  # fmt: skip
FIELDS = {
    "TOT_EMP": "employment", "H_MEAN": "hourly_mean", "A_MEAN": "annual_mean",
    "H_PCT10": "hourly_p10", "H_PCT25": "hourly_p25", "H_MEDIAN": "hourly_median",
    "H_PCT75": "hourly_p75", "H_PCT90": "hourly_p90", "A_PCT10": "annual_p10",
    "A_PCT25": "annual_p25", "A_MEDIAN": "annual_median", "A_PCT75": "annual_p75",
    "A_PCT90": "annual_p90",
}  # fmt: skip


def area_code(row: dict) -> str:
    code, kind = row["area_code"], row["area_type"]
    if kind == 1:
        return "99"
    if kind == 2:
        return row["state_fips"]
    if kind == 4:
        return code[-5:]
    return code


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def main() -> None:
    data = json.loads((HERE / "oews-2025.json").read_text(encoding="utf-8"))
    rows = [row for row in data["rows"] if row["area_type"] in (1, 2, 4, 6)]
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows:
            title = "U.S." if row["area_type"] == 1 else row["area_title"]
            writer.writerow(
                [area_code(row), title, row["area_type"], "000000", "cross-industry",
                 row["occ_code"], row["occ_title"]]
                + [cell(row[FIELDS[column]]) for column in COLUMNS[7:]]
            )  # fmt: skip
    print(f"{len(rows)} rows written to {OUT}")


if __name__ == "__main__":
    main()
