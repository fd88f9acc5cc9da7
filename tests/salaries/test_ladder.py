"""The career ladder: occupations editors list, kept by OEWS imports, drawn on the outlook page."""

import io
import re

import openpyxl

from salaries.models import Occupation, OewsWage
from salaries.oews.importing import apply_import, plan_import
from salaries.oews.read import Period, read_oews

HEADER = (
    "AREA,AREA_TITLE,AREA_TYPE,OCC_CODE,OCC_TITLE,TOT_EMP,H_MEAN,A_MEAN,H_PCT10,H_PCT25,"
    "H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90"
)
# Hourly figures times 2,080 give the annual ones, as in BLS files.
ROWS = {
    "43-6013": "99,U.S.,1,43-6013,Medical Secretaries,743500,20.50,42640,14.20,16.60,19.90,23.80,"
    "27.90,29540,34530,41390,49500,58030",
    "43-4171": "99,U.S.,1,43-4171,Receptionists,1000000,18.00,37440,13.00,15.00,17.50,20.00,"
    "24.00,27040,31200,36400,41600,49920",
    "11-9111": "99,U.S.,1,11-9111,Medical and Health Services Managers,500000,60.00,124800,"
    "30.00,40.00,52.00,70.00,100.00,62400,83200,108160,145600,208000",
    "25-2021": "99,U.S.,1,25-2021,Elementary School Teachers,1400000,33.00,68640,22.00,26.00,"
    "31.00,38.00,46.00,45760,54080,64480,79040,95680",
}


def csv_file(*codes: str) -> io.BytesIO:
    return io.BytesIO("\n".join([HEADER, *(ROWS[code] for code in codes)]).encode())


def test_reader_keeps_only_43_6013_unless_more_codes_are_listed():
    data = ("43-6013", "43-4171", "11-9111", "25-2021")
    assert [row.occ_code for row in read_oews(csv_file(*data), "oesm23nat.csv")] == ["43-6013"]
    rows = read_oews(csv_file(*data), "oesm23nat.csv", occ_codes=["11-9111", "43-4171"])
    assert [row.occ_code for row in rows] == ["43-6013", "11-9111", "43-4171"]
    assert rows[1].values()["a_median"] == 108160


def test_reader_keeps_listed_codes_from_a_workbook_too(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    for code in ("43-6013", "11-9111", "25-2021"):
        sheet.append([int(v) if v.isdigit() else v for v in ROWS[code].split(",")])
    path = tmp_path / "oesm23nat.xlsx"
    book.save(path)
    with path.open("rb") as handle:
        rows = read_oews(handle, path.name, occ_codes=["11-9111"])
    assert [row.occ_code for row in rows] == ["43-6013", "11-9111"]


def test_import_stores_ladder_rows_beside_the_coordinators_without_mixing_them(guide, client):
    codes = Occupation.objects.codes()
    assert "11-9111" in codes and "43-4171" in codes
    period = Period.parse("May 2023")
    rows = read_oews(csv_file("43-6013", "43-4171", "11-9111"), "oesm23nat.csv", occ_codes=codes)
    plan = plan_import(rows, period)
    assert plan.national_after["occ_code"] == "43-6013"
    result = apply_import(plan)
    assert result.created == 3
    stored = OewsWage.objects.filter(release__slug="may-2023", area="99")
    assert sorted(stored.values_list("occ_code", flat=True)) == ["11-9111", "43-4171", "43-6013"]
    # The release's source and the guide's "newest BLS" figures stay the coordinator's.
    assert result.release.source.typical == 41390
    salary = client.get("/salary/").content.decode()
    assert "$41,390" in salary and "$108,160" not in salary
    # Importing the same file again changes nothing.
    again = plan_import(rows, period)
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 3}


def test_outlook_page_shows_each_step_with_its_release_and_says_what_is_missing(client, guide):
    html = client.get("/job-outlook/").content.decode()
    assert 'id="ladder-pay"' in html
    assert "Practice or clinic manager" in html
    assert "$100,980" in html and "May 2019" in html  # 11-9111, read on BLS's May 2019 page
    assert "No BLS figure on file" in html
    assert "Front desk or receptionist (43-4171)" in html  # named as missing
    assert "<svg" in html and "10th to 90th percentile" in html


def test_ladder_follows_an_import(client, guide):
    period = Period.parse("May 2023")
    rows = read_oews(
        csv_file("43-6013", "43-4171"), "oesm23nat.csv", occ_codes=Occupation.objects.codes()
    )
    apply_import(plan_import(rows, period))
    html = client.get("/job-outlook/").content.decode()
    assert "$36,400" in html  # the receptionist median from the import
    missing = html.split("No figure read from a BLS page is on file yet for:")[1].split("</p>")[0]
    assert "43-4171" not in missing and "43-1011" in missing


def test_the_ladders_steps_are_numbered_not_all_called_a_step_up(client, guide):
    # The receptionist's job sits below the coordinator's: "(a step up the ladder)" on
    # every step said otherwise.
    html = client.get("/job-outlook/").content.decode()
    assert "(a step up the ladder)" not in html
    steps = re.findall(r"\(ladder step (\d+)\)", html)
    assert steps and steps[0] == "1"
    assert "(a side move)" in html
