import ast
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from careerguide.shared.versioning import current_version
from salaries import models
from salaries.editing.oews_upload import UPLOAD_PERMISSIONS, OewsUploadForm
from salaries.models import OewsRelease, OewsWage, Source
from salaries.oews import read as oews_read
from salaries.oews.checks import wage_problems
from salaries.oews.importing import plan_import
from salaries.oews.read import MAX_PROBLEMS, OewsError, Period, read_oews, resolve_period

FILES = Path(__file__).parent / "files"
MAY_2023 = FILES / "oesm23all.csv"
MAY_2022 = FILES / "oesm22nat_lower.csv"
HEADER = (
    "AREA,AREA_TITLE,AREA_TYPE,OCC_CODE,OCC_TITLE,TOT_EMP,H_MEAN,A_MEAN,H_PCT10,H_PCT25,"
    "H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90"
)
NATIONAL_2019 = (
    "99,U.S.,1,43-6013,Medical Secretaries and Administrative Assistants,604780,18.31,38090,"
    "12.58,14.71,17.59,21.47,#,26180,30590,36580,44650,#"
)
UPLOAD_URL = "/admin/salaries/oewsrelease/upload/"
CONFIRM_URL = "/admin/salaries/oewsrelease/upload/confirm/"


def read(path: Path, **kwargs):
    with path.open("rb") as handle:
        return read_oews(handle, path.name, **kwargs)


def read_text(text: str, filename: str = "oesm19nat.csv"):
    return read_oews(io.BytesIO(text.encode()), filename)


def make_xlsx(path: Path) -> Path:
    """Write a small workbook the way BLS does: numbers as numbers, a notes sheet too."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Field Descriptions"
    notes.append(["Field", "Field Description"])
    notes.append(["area", "U.S. (99), state FIPS code, or metropolitan area CBSA code"])
    data = book.create_sheet("national_M2023_dl")
    data.append(["May 2023 National Occupational Employment and Wage Estimates"])
    data.append(HEADER.split(",") + ["O_GROUP", "ANNUAL", "HOURLY"])
    data.append(
        [99, "U.S.", 1, "43-6013", "Medical Secretaries and Administrative Assistants", 743500]
        + [20.5, 42640, 14.2, 16.6, 19.9, 23.8, 27.9, 29540, 34530, 41390, 49500, 58030]
        + ["detailed", None, None]
    )
    data.append(
        [6, "California", 2, "43-6013", "Medical Secretaries and Administrative Assistants"]
        + ["**", 24.1, 50130, 17, 19.8, 23.4, 27.9, "#", 35360, 41180, 48670, 58030, "#"]
        + ["detailed", None, None]
    )
    book.save(path)
    return path


def wage(release: str, area: str) -> OewsWage:
    return OewsWage.objects.get(release__slug=release, area=area, occ_code="43-6013")


def test_csv_with_mixed_case_headers_keeps_only_43_6013_cross_industry_areas():
    rows = read(MAY_2023)
    assert [(row.area, row.area_type) for row in rows] == [
        ("99", 1),
        ("06", 2),
        ("35620", 4),
        ("41860", 4),
        ("0100001", 6),
    ]
    national = rows[0]
    assert national.figures["employment"] == 743_500
    assert national.figures["h_median"] == Decimal("19.90")
    assert national.figures["a_median"] == 41_390
    assert national.withheld == ()


def test_special_values_become_empty_withheld_or_top_coded_figures():
    rows = {row.area: row for row in read(MAY_2023)}
    new_york, san_francisco, nonmetro = rows["35620"], rows["41860"], rows["0100001"]
    assert new_york.figures["employment"] is None
    assert new_york.withheld == ("employment",)
    assert san_francisco.figures["h_pct90"] == Decimal("115.00")
    assert san_francisco.figures["a_pct90"] == 239_200
    assert san_francisco.top_coded == ("h_pct90", "a_pct90")
    assert nonmetro.figures["h_mean"] is None
    assert nonmetro.figures["a_pct10"] is None
    assert set(nonmetro.withheld) == {"h_mean", "a_mean", "h_pct10", "a_pct10"}


def test_top_of_range_before_may_2022_is_100_an_hour():
    [row] = read_text(f"{HEADER}\n{NATIONAL_2019}\n")
    assert row.figures["h_pct90"] == Decimal("100.00")
    assert row.figures["a_pct90"] == 208_000


def test_lowercase_headers_with_area_name_and_hourly_only_rows_are_read():
    rows = {row.area: row for row in read(MAY_2022)}
    assert rows["99"].area_title == "U.S."
    alaska = rows["02"]
    assert alaska.figures["h_median"] == Decimal("21.90")
    assert alaska.figures["a_median"] is None
    assert set(alaska.withheld) == {
        "a_mean",
        "a_pct10",
        "a_pct25",
        "a_median",
        "a_pct75",
        "a_pct90",
    }


@pytest.mark.parametrize(
    ("filename", "label"),
    [
        ("oesm23nat.zip", "May 2023"),
        ("oesm19st.xlsx", "May 2019"),
        ("national_M2022_dl.xlsx", "May 2022"),
        ("all_data_M_2024.xlsx", "May 2024"),
        ("OEWS may-2021 metro.csv", "May 2021"),
    ],
)
def test_period_is_read_from_bls_file_names(filename, label):
    assert resolve_period("", filename).label == label


def test_period_is_required_when_the_file_name_does_not_say_it():
    with pytest.raises(OewsError, match="Enter the survey period"):
        resolve_period(None, "OES_Report.xlsx")
    assert resolve_period("May 2023", "OES_Report.xlsx") == Period(2023, 5)


def test_period_that_contradicts_the_file_name_is_refused():
    with pytest.raises(OewsError, match="which is for May 2022"):
        resolve_period("May 2023", "oesm22nat.xlsx")


def test_missing_columns_are_named():
    text = "AREA,AREA_TYPE,OCC_CODE,TOT_EMP,H_MEAN\n99,1,43-6013,5,1.00\n"
    with pytest.raises(OewsError, match="missing these OEWS columns: AREA_TITLE, A_MEAN, H_PCT10"):
        read_text(text)


def test_percentiles_out_of_order_are_refused():
    row = NATIONAL_2019.replace("17.59,21.47", "27.59,21.47")
    with pytest.raises(OewsError, match=r"Row 2 \(U.S.\): H_PCT75 \(21.47\) is below H_MEDIAN"):
        read_text(f"{HEADER}\n{row}\n")


def test_two_rows_for_one_area_are_refused():
    with pytest.raises(OewsError, match="Rows 2 and 3 are both for area 99"):
        read_text(f"{HEADER}\n{NATIONAL_2019}\n{NATIONAL_2019}\n")


def test_files_that_are_not_csv_or_xlsx_are_refused():
    with pytest.raises(OewsError, match="CSV or XLSX"):
        read_oews(io.BytesIO(b"%PDF-1.7"), "report.pdf")
    with pytest.raises(OewsError, match="not an Excel workbook"):
        read_oews(io.BytesIO(b"PK\x03\x04 broken"), "oesm23nat.xlsx")
    with pytest.raises(OewsError, match="not a CSV text file"):
        read_oews(io.BytesIO(b"AREA\x00\x01\x02"), "oesm23nat.csv")


def test_import_csv_creates_release_source_and_wage_rows(db):
    call_command("import_oews", str(MAY_2023), stdout=io.StringIO())
    release = OewsRelease.objects.get(slug="may-2023")
    assert release.period == "May 2023"
    assert str(release.survey_date) == "2023-05-01"
    assert release.wages.count() == 5
    source = Source.objects.get(slug="bls-oews-2023")
    assert release.source == source
    assert source.publisher == "U.S. Bureau of Labor Statistics, OEWS"
    # The name says what the figure is; its period comes from its date, never typed twice.
    assert source.name == "Medical Secretaries and Administrative Assistants (SOC 43-6013)"
    assert source.url == "https://www.bls.gov/oes/2023/may/oes436013.htm"
    assert (source.measure, source.typical, source.grade) == ("median", 41_390, "published")
    # BLS publishes the next May survey in the spring of the second year after.
    assert (source.cadence, str(source.next_edition_due)) == ("yearly", "2025-04-01")
    assert str(source.as_of) == "2023-05-01"
    san_francisco = wage("may-2023", "41860")
    assert san_francisco.h_pct90 == Decimal("115.00")
    assert san_francisco.top_coded == ["h_pct90", "a_pct90"]
    assert wage("may-2023", "35620").withheld == ["employment"]
    assert wage("may-2023", "99").history.count() == 1


def test_import_xlsx_reads_numbers_and_pads_area_codes(db, tmp_path):
    path = make_xlsx(tmp_path / "national_M2023_dl.xlsx")
    call_command("import_oews", str(path), stdout=io.StringIO())
    national = wage("may-2023", "99")
    assert (national.employment, national.h_mean, national.a_median) == (
        743_500,
        Decimal("20.50"),
        41_390,
    )
    california = wage("may-2023", "06")
    assert california.employment is None
    assert california.a_pct90 == 239_200
    assert california.withheld == ["employment"]
    assert california.top_coded == ["h_pct90", "a_pct90"]


def test_dry_run_shows_the_preview_and_writes_nothing(db):
    out = io.StringIO()
    call_command("import_oews", str(MAY_2023), "--dry-run", stdout=out)
    assert "5 new, 0 changed, 0 unchanged areas" in out.getvalue()
    assert "Annual median: not on file → $41,390" in out.getvalue()
    assert "Dry run: nothing written." in out.getvalue()
    assert not OewsRelease.objects.exists()
    assert not OewsWage.objects.exists()
    assert not Source.objects.filter(slug="bls-oews-2023").exists()


def test_preview_shows_changed_fields_old_to_new(salary_data):
    plan = plan_import(read(MAY_2022), Period(2022))
    assert plan.counts == {"new": 1, "changed": 1, "unchanged": 0}
    [national] = plan.with_status("changed")
    changes = {change.name: (change.old_text, change.new_text) for change in national.changes}
    assert changes["employment"] == ("not on file", "730,000")
    assert changes["h_median"] == ("not on file", "$19.11")
    assert "a_median" not in changes
    out = io.StringIO()
    call_command("import_oews", str(MAY_2022), "--dry-run", "--verbosity", "2", stdout=out)
    assert "Hourly median: not on file → $19.11" in out.getvalue()
    assert "Annual median: $39,740 → $39,740" in out.getvalue()


def test_second_period_keeps_earlier_releases_side_by_side(salary_data):
    before_2019 = list(OewsWage.objects.filter(release__slug="may-2019").values())
    call_command("import_oews", str(MAY_2023), stdout=io.StringIO())
    slugs = set(OewsRelease.objects.values_list("slug", flat=True))
    assert {"may-2019", "may-2022", "may-2023"} <= slugs
    assert list(OewsWage.objects.filter(release__slug="may-2019").values()) == before_2019
    assert wage("may-2022", "99").a_median == 39_740
    assert wage("may-2023", "99").a_median == 41_390


def test_import_into_a_stored_release_updates_its_rows(salary_data):
    call_command("import_oews", str(MAY_2022), stdout=io.StringIO())
    national = wage("may-2022", "99")
    assert national.employment == 730_000
    assert national.a_median == 39_740
    assert OewsRelease.objects.filter(slug="may-2022").count() == 1
    assert wage("may-2022", "02").h_median == Decimal("21.90")


def test_reimporting_the_same_file_changes_nothing(db):
    call_command("import_oews", str(MAY_2023), stdout=io.StringIO())
    history = OewsWage.history.count()
    out = io.StringIO()
    call_command("import_oews", str(MAY_2023), stdout=out)
    assert "0 new, 0 changed, 5 unchanged areas" in out.getvalue()
    assert OewsWage.objects.count() == 5
    assert OewsWage.history.count() == history


def test_malformed_file_names_row_and_column_and_writes_nothing(salary_data):
    before = OewsWage.objects.count()
    with pytest.raises(CommandError, match=r'Row 3, column H_MEDIAN: "23.4O" is not a number'):
        call_command("import_oews", str(FILES / "malformed.csv"), "--period", "May 2023")
    assert OewsWage.objects.count() == before
    assert not OewsRelease.objects.filter(slug="may-2023").exists()


def test_file_without_43_6013_says_so_and_writes_nothing(salary_data):
    before = OewsWage.objects.count()
    message = "This file has no rows for SOC 43-6013 Medical Secretaries and Administrative"
    with pytest.raises(CommandError, match=message):
        call_command("import_oews", str(FILES / "no_43_6013.csv"), "--period", "May 2023")
    assert OewsWage.objects.count() == before


def test_command_requires_a_period_the_file_name_does_not_give(db):
    with pytest.raises(CommandError, match="Enter the survey period"):
        call_command("import_oews", str(FILES / "malformed.csv"))


def test_oversized_file_is_refused_before_it_is_read(db, tmp_path):
    path = tmp_path / "oesm23all.csv"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: no need to write 51 MB
    with pytest.raises(CommandError, match="files over 50 MB are refused"):
        call_command("import_oews", str(path))
    assert not OewsWage.objects.exists()


def test_import_drops_the_page_cache_after_commit(db, django_capture_on_commit_callbacks):
    before = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_oews", str(MAY_2023), stdout=io.StringIO())
    assert current_version() != before


def test_release_changelist_links_to_the_upload(admin_client, salary_data):
    response = admin_client.get("/admin/salaries/oewsrelease/")
    assert response.status_code == 200
    assert UPLOAD_URL in response.content.decode()


def test_wage_changelist_lists_rows_by_release(admin_client, salary_data):
    release = OewsRelease.objects.get(slug="may-2019")
    response = admin_client.get("/admin/salaries/oewswage/", {"release__id__exact": release.pk})
    assert response.status_code == 200
    assert "36580" in response.content.decode().replace(",", "")


def test_admin_upload_previews_without_writing_then_confirm_writes(admin_client, salary_data):
    assert admin_client.get(UPLOAD_URL).status_code == 200
    before = OewsWage.objects.count()
    with MAY_2023.open("rb") as handle:
        response = admin_client.post(UPLOAD_URL, {"file": handle, "period": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "5 new, 0 changed, 0 unchanged" in html
    assert "National figures (U.S.)" in html
    assert "$41,390" in html
    assert "743,500" in html
    assert "Confirm import" in html
    assert OewsWage.objects.count() == before
    assert not OewsRelease.objects.filter(slug="may-2023").exists()

    token = admin_client.session["oews_import"]["token"]
    response = admin_client.post(CONFIRM_URL, {"token": token})
    assert response.status_code == 302
    assert OewsWage.objects.count() == before + 5
    national = wage("may-2023", "99")
    assert national.a_median == 41_390
    assert national.history.get().history_user.username == "admin"
    assert "oews_import" not in admin_client.session


def test_admin_preview_shows_changed_fields(admin_client, salary_data):
    with MAY_2022.open("rb") as handle:
        response = admin_client.post(UPLOAD_URL, {"file": handle, "period": "May 2022"})
    html = response.content.decode()
    assert "1 new, 1 changed, 0 unchanged" in html
    assert "Hourly median" in html
    assert "$19.11" in html
    assert wage("may-2022", "99").h_median is None


def test_admin_invalid_upload_answers_400_with_the_message(admin_client, salary_data):
    before = OewsWage.objects.count()
    with (FILES / "no_43_6013.csv").open("rb") as handle:
        response = admin_client.post(UPLOAD_URL, {"file": handle, "period": "May 2023"})
    assert response.status_code == 400
    assert "This file has no rows for SOC 43-6013" in response.content.decode()
    assert OewsWage.objects.count() == before
    assert "oews_import" not in admin_client.session


def test_admin_confirm_without_a_preview_writes_nothing(admin_client, salary_data):
    before = OewsWage.objects.count()
    response = admin_client.post(CONFIRM_URL, {"token": "made-up"}, follow=True)
    assert "preview has expired" in response.content.decode()
    assert OewsWage.objects.count() == before
    assert admin_client.get(CONFIRM_URL).status_code == 405


def test_admin_upload_needs_the_upload_permissions(client, db):
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(editor)
    assert client.get(UPLOAD_URL).status_code == 403
    for name in UPLOAD_PERMISSIONS:
        app_label, codename = name.split(".")
        editor.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    editor = User.objects.get(pk=editor.pk)  # drop the permission cache
    client.force_login(editor)
    assert client.get(UPLOAD_URL).status_code == 200


def test_release_page_edits_its_national_row_inline(admin_client, salary_data):
    release = OewsRelease.objects.get(slug="may-2019")
    response = admin_client.get(f"/admin/salaries/oewsrelease/{release.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "national wages" in html.lower() and 'value="36580"' in html


# The reader stays pure, and its copies of model facts agree with the models -------------


def test_reader_imports_no_database_models_or_cache():
    tree = ast.parse((Path(oews_read.__file__)).read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not [name for name in imported if name and name.startswith("django")]
    assert (
        not {"models", "careerguide.cache", "careerguide.shared.versioning", "openpyxl"} & imported
    )
    assert not [name for name in imported if name and "models" in name]


def test_reader_constants_match_the_models():
    assert {value: str(label) for value, label in models.AreaType.choices} == oews_read.AREA_TYPES
    assert oews_read.WAGE_FIELDS == models.WAGE_FIELDS
    assert oews_read.MAX_SALARY == models.MAX_SALARY
    fields = models.OewsWage._meta
    assert fields.get_field("area").max_length == oews_read.AREA_MAX_LENGTH
    assert fields.get_field("area_title").max_length == oews_read.AREA_TITLE_MAX_LENGTH


# Values that cannot be right: one rule for files and the admin ---------------------------

FIGURES = {
    "h_mean": Decimal("18.31"),
    "a_mean": 38090,
    "h_pct10": Decimal("12.58"),
    "h_pct25": Decimal("14.71"),
    "h_median": Decimal("17.59"),
    "h_pct75": Decimal("21.47"),
    "h_pct90": Decimal("25.59"),
    "a_pct10": 26180,
    "a_pct25": 30590,
    "a_median": 36580,
    "a_pct75": 44650,
    "a_pct90": 53230,
}


def test_wage_rule_accepts_bls_figures_with_their_rounding():
    # BLS May 2019: $12.58 x 2,080 = $26,166.40 against a published $26,180.
    assert wage_problems(FIGURES) == []
    assert wage_problems({**FIGURES, "a_median": 36580 + 7}) == []  # 17.59 x 2080 = 36587.2


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"h_mean": Decimal("-5000")}, "h_mean", "Hourly mean (-5000) must be above zero"),
        ({"a_pct10": 0}, "a_pct10", "Annual 10th percentile (0) must be above zero"),
        ({"h_pct75": Decimal("16")}, "h_pct75", "is below Hourly median (17.59)"),
        ({"a_pct25": 20000}, "a_pct25", "is below Annual 10th percentile (26180)"),
        ({"a_median": 36620}, "a_median", "does not match Hourly median (17.59)"),
        ({"h_pct90": Decimal("26.59")}, "a_pct90", "does not match Hourly 90th percentile"),
    ],
)
def test_wage_rule_names_each_figure_that_cannot_be_right(change, field, words):
    problems = wage_problems({**FIGURES, **change})
    assert field in [name for name, _ in problems]
    assert any(words in message for _, message in problems)


def test_wage_rule_exempts_top_coded_withheld_and_one_sided_rows():
    top = {**FIGURES, "h_pct90": Decimal("115.00"), "a_pct90": 239_200}
    assert wage_problems(top, top_coded=["h_pct90", "a_pct90"]) == []
    assert wage_problems({**FIGURES, "a_median": None, "h_pct10": None}) == []
    annual_only = {name: value for name, value in FIGURES.items() if name.startswith("a_")}
    assert wage_problems(annual_only) == []


def test_reader_refuses_zero_wages_and_hourly_annual_disagreement():
    zero = NATIONAL_2019.replace(",18.31,", ",0,", 1)
    with pytest.raises(OewsError, match=r"Row 2 \(U.S.\): H_MEAN \(0.00\) must be above zero"):
        read_text(f"{HEADER}\n{zero}\n")
    wrong = NATIONAL_2019.replace(",36580,", ",3658,")
    with pytest.raises(OewsError, match=r"A_MEDIAN \(3658\) does not match H_MEDIAN \(17.59\)"):
        read_text(f"{HEADER}\n{wrong}\n")


def test_reader_reports_every_row_problem_at_once():
    rows = [
        NATIONAL_2019,
        "06,California,2,43-6013,X,1,abc,38090,12.58,14.71,17.59,21.47,#,26180,30590,36580,44650,#",
        "02,Alaska,2,43-6013,X,1,18.31,38090,12.58,14.71,27.59,21.47,#,26180,30590,36580,44650,#",
        "04,Arizona,2,43-6013,X,1,18.31,38090,-1,14.71,17.59,21.47,#,26180,30590,36580,44650,#",
    ]
    with pytest.raises(OewsError) as caught:
        read_text(HEADER + "\n" + "\n".join(rows) + "\n")
    messages = caught.value.messages
    assert len(messages) == 4
    assert messages[0] == 'Row 3, column H_MEAN: "abc" is not a number BLS publishes.'
    assert messages[1].startswith("Row 4 (Alaska): H_PCT75 (21.47) is below H_MEDIAN (27.59)")
    assert messages[2].startswith("Row 4 (Alaska): A_MEDIAN (36580) does not match H_MEDIAN")
    assert messages[3] == 'Row 5, column H_PCT10: "-1" is not a number BLS publishes.'


def test_reader_stops_after_twenty_problems():
    bad = NATIONAL_2019.replace("18.31", "x").removeprefix("99,U.S.,1,")
    rows = [f"{n:02d},State {n},2,{bad}" for n in range(1, 40)]
    with pytest.raises(OewsError) as caught:
        read_text(HEADER + "\n" + "\n".join(rows) + "\n")
    messages = caught.value.messages
    assert len(messages) == MAX_PROBLEMS + 1
    assert messages[-1] == "Reading stopped after 20 problems; correct these and try again."


def test_command_prints_every_problem_and_progress(db, tmp_path):
    path = tmp_path / "oesm19nat.csv"
    path.write_text(f"{HEADER}\n{NATIONAL_2019.replace('18.31', 'x').replace('36580', '1')}\n")
    with pytest.raises(CommandError) as caught:
        call_command("import_oews", str(path), stdout=io.StringIO())
    lines = str(caught.value).splitlines()
    assert lines[0] == 'Row 2, column H_MEAN: "x" is not a number BLS publishes.'
    assert lines[1].startswith("Row 2 (U.S.): A_MEDIAN (1) is below A_PCT25 (30590)")
    assert lines[2].startswith("Row 2 (U.S.): A_MEDIAN (1) does not match H_MEDIAN (17.59)")
    out = io.StringIO()
    call_command("import_oews", str(MAY_2023), stdout=out)
    assert "Reading oesm23all.csv (0.0 MB)…" in out.getvalue()
    assert "Read 5 areas for May 2023 in" in out.getvalue()


def wage_form_data(wage: OewsWage, **changes) -> dict:
    data = {}
    for field in OewsWage._meta.concrete_fields:
        if field.primary_key:
            continue
        value = getattr(wage, field.attname)
        if field.name in ("withheld", "top_coded"):
            value = json.dumps(value)
        data[field.attname if field.is_relation else field.name] = "" if value is None else value
    data["release"] = wage.release_id
    return {**data, **changes}


def test_admin_wage_form_refuses_a_negative_wage(admin_client, salary_data):
    wage = OewsWage.objects.get(release__slug="may-2019", area="99", occ_code="43-6013")
    url = f"/admin/salaries/oewswage/{wage.pk}/change/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, wage_form_data(wage, h_mean="-5000"))
    assert response.status_code == 200  # the form again, with the error
    assert "Hourly mean (-5000) must be above zero." in response.content.decode()
    wage.refresh_from_db()
    assert wage.h_mean == Decimal("18.31")


def test_admin_wage_form_refuses_annual_that_disagrees_with_hourly(admin_client, salary_data):
    wage = OewsWage.objects.get(release__slug="may-2019", area="99", occ_code="43-6013")
    url = f"/admin/salaries/oewswage/{wage.pk}/change/"
    response = admin_client.post(url, wage_form_data(wage, a_median="46580"))
    assert "does not match Hourly median (17.59)" in response.content.decode()
    wage.refresh_from_db()
    assert wage.a_median == 36_580
    response = admin_client.post(url, wage_form_data(wage, a_median="36590", change_reason="Typo"))
    assert response.status_code == 302
    wage.refresh_from_db()
    assert wage.a_median == 36_590


def inline_data(release: OewsRelease, wage: OewsWage, **changes) -> dict:
    """The release change form with its national wage row inline, as submitted."""
    data = {
        "slug": release.slug,
        "survey_date": release.survey_date.isoformat(),
        "source": release.source_id,
        "wages-TOTAL_FORMS": "1",
        "wages-INITIAL_FORMS": "1",
        "wages-MIN_NUM_FORMS": "0",
        "wages-MAX_NUM_FORMS": "0",
        "wages-0-id": wage.pk,
        "wages-0-release": release.pk,
        "wages-0-employment": wage.employment,
        **{f"wages-0-{name}": getattr(wage, name) for name in FIGURES if name.startswith("a_p")},
    }
    return {**data, **{f"wages-0-{name}": value for name, value in changes.items()}}


def test_release_inline_refuses_annual_that_disagrees_with_hourly(admin_client, salary_data):
    release = OewsRelease.objects.get(slug="may-2019")
    wage = release.wages.get(area="99", occ_code="43-6013")
    url = f"/admin/salaries/oewsrelease/{release.pk}/change/"
    response = admin_client.post(url, inline_data(release, wage, a_median="46580"))
    assert response.status_code == 200
    assert "does not match Hourly median (17.59)" in response.content.decode()
    wage.refresh_from_db()
    assert wage.a_median == 36_580


def test_release_inline_shows_problems_in_hourly_figures_it_does_not_edit(
    admin_client, salary_data
):
    # Stored before the rule existed: the inline has no hourly fields to put the error on.
    release = OewsRelease.objects.get(slug="may-2019")
    OewsWage.objects.filter(release=release, area="99").update(h_pct75=Decimal("10.00"))
    wage = release.wages.get(area="99", occ_code="43-6013")
    url = f"/admin/salaries/oewsrelease/{release.pk}/change/"
    response = admin_client.post(url, inline_data(release, wage, employment="604781"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hourly 75th percentile (10.00) is below Hourly median (17.59)" in html
    wage.refresh_from_db()
    assert wage.employment == 604_780


def test_admin_upload_lists_every_problem(admin_client, salary_data, tmp_path):
    california = NATIONAL_2019.replace("99,U.S.,1", "06,California,2").replace("36580", "3658")
    rows = [HEADER, NATIONAL_2019.replace("18.31", "x"), california]
    upload = io.BytesIO(("\n".join(rows) + "\n").encode())
    upload.name = "oesm19nat.csv"
    response = admin_client.post(UPLOAD_URL, {"file": upload, "period": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Row 2, column H_MEAN: &quot;x&quot; is not a number BLS publishes." in html
    assert "Row 3 (California): A_MEDIAN (3658) is below A_PCT25 (30590)" in html
    assert "Row 3 (California): A_MEDIAN (3658) does not match H_MEDIAN (17.59)" in html
    assert html.count("<li>Row ") == 3
    assert "This file cannot be imported: 3 problems. Nothing was written." in html


def test_upload_form_refuses_files_over_50_mb_with_a_clear_message():
    upload = SimpleUploadedFile("oesm23all.xlsx", b"PK")
    upload.size = 51 * 1024 * 1024
    form = OewsUploadForm({"period": ""}, {"file": upload})
    assert not form.is_valid()
    assert form.errors["file"] == [
        "This file is 51.0 MB; files over 50 MB are refused. Upload the national, state or "
        "metropolitan file rather than all data."
    ]
    assert "up to 50 MB" in str(form["file"].help_text)


def metro_rows(count: int) -> str:
    """A CSV of count metropolitan areas for 43-6013, with the national row first."""
    lines = [HEADER, NATIONAL_2019]
    for n in range(count):
        lines.append(
            f"{10000 + n},Metro {n},4,43-6013,Medical Secretaries and Administrative Assistants,"
            "100,18.31,38090,12.58,14.71,17.59,21.47,24.00,26180,30590,36580,44650,49920"
        )
    return "\n".join(lines) + "\n"


def test_reader_refuses_more_areas_than_any_bls_file_holds_and_says_how_many():
    assert len(read_text(metro_rows(oews_read.MAX_AREAS - 1))) == oews_read.MAX_AREAS
    with pytest.raises(OewsError) as refused:
        read_text(metro_rows(oews_read.MAX_AREAS))
    message = str(refused.value)
    assert f"This file has {oews_read.MAX_AREAS + 1:,} areas for SOC 43-6013" in message
    assert "at most about 600" in message


def test_admin_upload_of_a_file_with_too_many_areas_is_refused_before_import(
    admin_client, salary_data
):
    before = (OewsWage.objects.count(), OewsRelease.objects.count())
    upload = SimpleUploadedFile("oesm19ma.csv", metro_rows(10_000).encode())
    response = admin_client.post(UPLOAD_URL, {"file": upload, "period": ""})
    assert response.status_code == 400
    assert "This file has 10,001 areas for SOC 43-6013" in response.content.decode()
    assert "oews_import" not in admin_client.session
    assert (OewsWage.objects.count(), OewsRelease.objects.count()) == before


def test_import_command_refuses_a_file_with_too_many_areas(db, tmp_path):
    path = tmp_path / "oesm19ma.csv"
    path.write_text(metro_rows(2_000))
    with pytest.raises(CommandError, match="2,001 areas for SOC 43-6013"):
        call_command("import_oews", str(path))
    assert not OewsWage.objects.exists()
