import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command

from careerguide.cache import current_version
from salaries.models import OewsRelease, OewsWage, Source
from salaries.oews import OewsError, Period, plan_import, read_oews, resolve_period

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
    return OewsWage.objects.get(release__slug=release, area=area)


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
    assert (
        source.name == "Medical Secretaries and Administrative Assistants (SOC 43-6013), May 2023"
    )
    assert source.url == "https://www.bls.gov/oes/2023/may/oes436013.htm"
    assert (source.measure, source.typical, source.is_estimate) == ("median", 41_390, False)
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
    assert current_version() > before


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


def test_admin_upload_needs_the_add_wage_permission(client, db):
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(editor)
    assert client.get(UPLOAD_URL).status_code == 403
    editor.user_permissions.add(Permission.objects.get(codename="add_oewswage"))
    assert client.get(UPLOAD_URL).status_code == 200


def test_release_page_edits_its_national_row_inline(admin_client, salary_data):
    release = OewsRelease.objects.get(slug="may-2019")
    response = admin_client.get(f"/admin/salaries/oewsrelease/{release.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "national wages" in html.lower() and 'value="36580"' in html
