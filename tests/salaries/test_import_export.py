"""Import and export of the salary tables: who may do it, and what a file can do.

Every case signs in as a staff account holding only the permissions it needs.
"""

import csv
import io
import time
import zipfile

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from salaries.models import ExperienceBand, Location, Source

CSV_FORMAT, XLSX_FORMAT = "0", "1"
SOURCE_COLUMNS = ["slug", "name", "publisher", "measure", "as_of", "grade"]


@pytest.fixture
def editor(db, django_user_model):
    """Make a staff client holding exactly the given salaries permissions."""
    made = []

    def make(*codenames: str) -> Client:
        user = django_user_model.objects.create_user(
            f"editor{len(made)}", password="not-used", is_staff=True
        )
        perms = Permission.objects.filter(
            content_type__app_label="salaries", codename__in=codenames
        )
        assert perms.count() == len(codenames)
        user.user_permissions.add(*perms)
        client = Client()
        client.force_login(user)
        made.append(user)
        return client

    return make


def importer(editor, model_name: str) -> Client:
    return editor(f"view_{model_name}", f"add_{model_name}", f"change_{model_name}")


def csv_bytes(rows: list[dict], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    columns = list(dict.fromkeys(name for row in rows for name in row))
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def source_row(slug: str, **values) -> dict:
    row = {
        "slug": slug,
        "name": f"Survey {slug}",
        "publisher": "Test publisher",
        "measure": "median",
        "as_of": "2024-01-01",
        "grade": "published",
    }
    return {**row, **values}


def preview(client, model_name: str, content: bytes, name="data.csv", file_format=CSV_FORMAT):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(
        f"/admin/salaries/{model_name}/import/",
        {"import_file": upload, "format": file_format, "resource": "0"},
    )


def confirm_data(preview_response) -> dict:
    form = preview_response.context["confirm_form"]
    return {name: form[name].value() for name in form.fields}


def confirm(client, model_name: str, data: dict, **extra):
    return client.post(f"/admin/salaries/{model_name}/process_import/", {**data, **extra})


def page_text(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def export(client, model_name: str, file_format: str = CSV_FORMAT):
    form = client.get(f"/admin/salaries/{model_name}/export/").context["form"]
    every_field = {name: "on" for name in form.fields if "resource_" in name}
    return client.post(
        f"/admin/salaries/{model_name}/export/",
        {"format": file_format, "resource": "0", **every_field},
    )


def table(model) -> list[tuple]:
    names = [f.attname for f in model._meta.concrete_fields]
    return list(model.objects.order_by("pk").values_list(*names))


# 1. Permissions


def test_view_only_account_cannot_import_or_confirm(editor, salary_data):
    viewer = editor("view_source")
    before = table(Source)
    assert viewer.get("/admin/salaries/source/").status_code == 200
    assert "/admin/salaries/source/import/" not in page_text(viewer.get("/admin/salaries/source/"))
    assert viewer.get("/admin/salaries/source/import/").status_code == 403

    content = csv_bytes([source_row("salary-com", typical="49999")])
    assert preview(viewer, "source", content).status_code == 403

    # Even holding a preview made by an account that may import, confirming is refused.
    made = preview(importer(editor, "source"), "source", content)
    response = confirm(viewer, "source", confirm_data(made))
    assert response.status_code == 403
    assert table(Source) == before


@pytest.mark.parametrize("codenames", [("view_source", "add_source"), ("change_source",)])
def test_import_needs_both_add_and_change(editor, salary_data, codenames):
    assert editor(*codenames).get("/admin/salaries/source/import/").status_code == 403
    allowed = editor("add_source", "change_source")
    assert allowed.get("/admin/salaries/source/import/").status_code == 200


def test_export_needs_view_only(editor, salary_data):
    viewer = editor("view_location")
    response = export(viewer, "location")
    assert response.status_code == 200
    assert "boston" in page_text(response)
    assert editor("add_location").get("/admin/salaries/location/export/").status_code == 403


# 2. All or nothing on confirm


def test_confirm_writes_no_row_when_one_fails_at_confirm(editor, salary_data):
    client = importer(editor, "experienceband")
    rows = [
        {"slug": "senior-a", "name": "Senior A", "years_from": "40", "low": "60000",
         "high": "70000", "source": "guide-levels"},
        {"slug": "senior-b", "name": "Senior B", "years_from": "45", "low": "65000",
         "high": "75000", "source": "guide-levels"},
    ]  # fmt: skip
    made = preview(client, "experienceband", csv_bytes(rows))
    assert made.status_code == 200 and "confirm_form" in made.context
    # Another editor takes year 45 between the preview and the confirm.
    ExperienceBand.objects.create(
        slug="other", name="Other", years_from=45, low=1, high=2,
        source=Source.objects.get(slug="guide-levels"),
    )  # fmt: skip
    response = confirm(client, "experienceband", confirm_data(made))
    assert response.status_code in (200, 302)
    assert not ExperienceBand.objects.filter(slug__in=["senior-a", "senior-b"]).exists()
    shown = page_text(response) + " ".join(messages_of(response))
    assert "Nothing was written" in shown
    assert "1 new" not in shown


def test_confirm_refuses_when_the_table_changed_since_the_preview(editor, salary_data):
    client = importer(editor, "location")
    exported = list(csv.DictReader(io.StringIO(page_text(export(client, "location")))))
    for row in exported:
        if row["slug"] == "boston":
            row["adjustment_high"] = "26.0"
    made = preview(client, "location", csv_bytes(exported))
    assert "confirm_form" in made.context
    Location.objects.filter(slug="boston").update(adjustment_high=30)  # another editor

    response = confirm(client, "location", confirm_data(made))
    assert response.status_code == 302
    assert "The table changed since your preview; upload again" in " ".join(messages_of(response))
    assert Location.objects.get(slug="boston").adjustment_high == 30


def test_confirming_twice_gets_a_message_not_an_error(editor, salary_data):
    client = importer(editor, "source")
    made = preview(client, "source", csv_bytes([source_row("new-survey")]))
    data = confirm_data(made)
    first = confirm(client, "source", data)
    assert first.status_code == 302
    assert Source.objects.filter(slug="new-survey").count() == 1
    before = table(Source)

    second = confirm(client, "source", data)
    assert second.status_code == 302
    assert "no longer available" in " ".join(messages_of(second))
    assert table(Source) == before


def test_cancel_discards_the_preview_and_writes_nothing(editor, salary_data):
    client = importer(editor, "source")
    made = preview(client, "source", csv_bytes([source_row("new-survey")]))
    data = confirm_data(made)
    response = confirm(client, "source", data, cancel="Cancel")
    assert response.status_code == 302
    assert not Source.objects.filter(slug="new-survey").exists()
    # The preview is gone: confirming it afterwards writes nothing either.
    confirm(client, "source", data)
    assert not Source.objects.filter(slug="new-survey").exists()


def test_abandoned_previews_are_cleaned_up(editor, salary_data, settings):
    client = importer(editor, "source")
    first = confirm_data(preview(client, "source", csv_bytes([source_row("first")])))
    settings.IMPORT_EXPORT_PREVIEW_MAX_AGE = 0  # every stored preview is now stale
    second = confirm_data(preview(client, "source", csv_bytes([source_row("second")])))
    previews = client.session.get("table_import_previews", {})
    assert first["import_file_name"] not in previews
    assert second["import_file_name"] in previews
    # An expired preview cannot be confirmed.
    response = confirm(client, "source", second)
    assert response.status_code == 302
    assert not Source.objects.filter(slug__in=["first", "second"]).exists()
    assert client.session.get("table_import_previews", {}) == {}


# 3. Conversion


def band_row(slug: str, years: int, **values) -> dict:
    row = {"slug": slug, "name": f"Band {slug}", "years_from": str(years), "low": "60000",
           "high": "70000", "source": "guide-levels"}  # fmt: skip
    return {**row, **values}


def test_booleans_accept_the_usual_spellings(editor, salary_data):
    spellings = {"yes": True, "TRUE ": True, "Y": True, "no": False, "false": False,
                 "N": False, "0": False, "": False}  # fmt: skip
    rows = [band_row(f"b{i}", 40 + i, high_is_open=text) for i, text in enumerate(spellings)]
    client = importer(editor, "experienceband")
    made = preview(client, "experienceband", csv_bytes(rows))
    assert confirm(client, "experienceband", confirm_data(made)).status_code == 302
    for i, expected in enumerate(spellings.values()):
        assert ExperienceBand.objects.get(slug=f"b{i}").high_is_open is expected


def test_unknown_boolean_is_refused_by_name(editor, salary_data):
    client = importer(editor, "experienceband")
    content = csv_bytes([band_row("b", 40, high_is_open="maybe")])
    html = page_text(preview(client, "experienceband", content))
    assert "Row 2, high_is_open:" in html and "“maybe”" in html
    assert "confirm_form" not in html


def test_unknown_grade_is_refused_by_name(editor, salary_data):
    client = importer(editor, "source")
    html = page_text(preview(client, "source", csv_bytes([source_row("b", grade="official")])))
    assert "grade" in html and "official" in html
    assert "confirm_form" not in html


def test_fraction_in_a_whole_dollar_column_is_refused_not_truncated(editor, salary_data):
    client = importer(editor, "source")
    rows = [source_row("first"), source_row("cents", typical="40000.7")]
    html = page_text(preview(client, "source", csv_bytes(rows)))
    assert "Row 3, typical: “40000.7” is not a whole number" in html
    assert "Confirm import" not in html
    assert not Source.objects.filter(slug__in=["first", "cents"]).exists()


def test_excel_csv_encodings_are_read(editor, salary_data):
    client = importer(editor, "source")
    for encoding, slug in [("cp1252", "windows"), ("utf-8-sig", "bom"), ("utf-8", "plain")]:
        rows = [source_row(slug, name="Café survey – 2024")]
        made = preview(client, "source", csv_bytes(rows, encoding=encoding))
        assert "confirm_form" in made.context, page_text(made)
        assert confirm(client, "source", confirm_data(made)).status_code == 302
        assert Source.objects.get(slug=slug).name == "Café survey – 2024"


def test_empty_required_cell_names_its_column_and_row(editor, salary_data):
    client = importer(editor, "source")
    rows = [source_row("first"), source_row("second"), source_row("third", publisher="")]
    html = page_text(preview(client, "source", csv_bytes(rows)))
    assert "Row 4, publisher: required, but the cell is empty" in html
    assert "confirm_form" not in html


def test_missing_source_is_named_without_internals(editor, salary_data):
    client = importer(editor, "skill")
    rows = [
        {"slug": "s1", "name": "One", "source": "guide-editors"},
        {"slug": "s2", "name": "Two", "source": "xyz"},
    ]
    html = page_text(preview(client, "skill", csv_bytes(rows)))
    assert "Row 3, source: no source with slug “xyz”" in html
    assert "matching query does not exist" not in html
    assert "Traceback" not in html and "site-packages" not in html


def test_file_errors_show_no_traceback_or_path(editor, salary_data):
    client = importer(editor, "source")
    content = csv_bytes([{"name": "No slug column", "publisher": "P"}])
    html = page_text(preview(client, "source", content))
    assert "slug" in html
    assert "Traceback" not in html and "site-packages" not in html and "/tmp" not in html


# 4. Bounded input


def test_large_file_is_refused_with_a_message(editor, salary_data):
    client = importer(editor, "source")
    started = time.perf_counter()
    response = preview(client, "source", b"slug,name\n" + b"x" * (50 * 1024 * 1024))
    assert response.status_code == 200
    assert "at most 2 MB" in page_text(response)
    assert "confirm_form" not in response.context
    assert time.perf_counter() - started < 30


def test_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_read(editor, salary_data):
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        # 200 MB of spaces in the shared strings: about 200 KB once compressed.
        archive.writestr("xl/sharedStrings.xml", b" " * (200 * 1024 * 1024))
    content = book.getvalue()
    assert len(content) < 2 * 1024 * 1024
    client = importer(editor, "source")
    started = time.perf_counter()
    response = preview(client, "source", content, name="bomb.xlsx", file_format=XLSX_FORMAT)
    assert time.perf_counter() - started < 10
    assert response.status_code == 200
    assert "unpacks to 200 MB" in page_text(response)
    assert "confirm_form" not in response.context


def test_too_many_rows_are_refused_with_a_message(editor, salary_data):
    client = importer(editor, "source")
    rows = [source_row(f"s{i}") for i in range(2001)]
    html = page_text(preview(client, "source", csv_bytes(rows)))
    assert "2,001 rows" in html and "at most 2,000" in html
    assert "confirm_form" not in html


def test_800_rows_import_quickly(editor, salary_data):
    client = importer(editor, "location")
    rows = [
        {"slug": f"town-{i}", "name": f"Town {i}", "region": "Ohio", "adjustment_low": "-5.0",
         "adjustment_high": "5.0", "source": "guide-levels", "position": str(i)}
        for i in range(800)
    ]  # fmt: skip
    started = time.perf_counter()
    made = preview(client, "location", csv_bytes(rows))
    previewed = time.perf_counter()
    assert "confirm_form" in made.context, page_text(made)[:2000]
    assert confirm(client, "location", confirm_data(made)).status_code == 302
    finished = time.perf_counter()
    print(f"800 rows: preview {previewed - started:.2f}s, confirm {finished - previewed:.2f}s")
    assert Location.objects.filter(slug__startswith="town-").count() == 800
    assert finished - started < 30


# 5. Exports defuse spreadsheet formulas


FORMULA_NOTE = '=HYPERLINK("http://evil.example","Click")'


def test_csv_export_escapes_formulas_in_text_cells_only(editor, salary_data):
    Source.objects.filter(slug="salary-com").update(note=FORMULA_NOTE)
    Source.objects.filter(slug="payscale").update(note="+1 from @home\tnotes")
    viewer = editor("view_source", "view_location")
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(page_text(export(viewer, "source"))))}
    assert rows["salary-com"]["note"] == "'" + FORMULA_NOTE
    assert rows["payscale"]["note"] == "'+1 from @home\tnotes"
    assert rows["guide-national"]["note"] == Source.objects.get(slug="guide-national").note
    locations = csv.DictReader(io.StringIO(page_text(export(viewer, "location"))))
    rural = next(r for r in locations if r["slug"] == "rural")
    assert rural["adjustment_low"] == "-15.0"


def test_xlsx_export_escapes_formulas_and_keeps_numbers(editor, salary_data):
    Source.objects.filter(slug="salary-com").update(note=FORMULA_NOTE)
    viewer = editor("view_source", "view_location")
    sheet = openpyxl.load_workbook(io.BytesIO(export(viewer, "source", XLSX_FORMAT).content)).active
    header = [c.value for c in sheet[1]]
    notes = {
        row[header.index("slug")].value: row[header.index("note")]
        for row in sheet.iter_rows(min_row=2)
    }
    assert notes["salary-com"].data_type == "s"
    assert notes["salary-com"].value == "'" + FORMULA_NOTE

    sheet = openpyxl.load_workbook(
        io.BytesIO(export(viewer, "location", XLSX_FORMAT).content)
    ).active
    header = [c.value for c in sheet[1]]
    rural = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if "rural" in r)
    assert rural[header.index("adjustment_low")] == -15


def test_export_imports_back_unchanged(editor, salary_data):
    Source.objects.filter(slug="salary-com").update(note=FORMULA_NOTE)
    Source.objects.filter(slug="payscale").update(note="'=already quoted")
    Source.objects.filter(slug="nha").update(note="-minus first", name="@at first")
    before = table(Source)
    client = importer(editor, "source")
    for file_format, name in [(CSV_FORMAT, "sources.csv"), (XLSX_FORMAT, "sources.xlsx")]:
        exported = export(client, "source", file_format).content
        made = preview(client, "source", exported, name=name, file_format=file_format)
        assert "confirm_form" in made.context, page_text(made)[:3000]
        result = made.context["result"]
        assert (result.totals["new"], result.totals["update"]) == (0, 0), name
        response = confirm(client, "source", confirm_data(made))
        assert response.status_code == 302
        assert "0 new, 0 updated" in " ".join(messages_of(response))
        assert table(Source) == before
    assert Source.objects.get(slug="payscale").note == "'=already quoted"


def test_a_one_row_table_takes_no_new_rows_from_a_file(editor, salary_data):
    client = importer(editor, "benefitassumptions")
    exported = list(csv.DictReader(io.StringIO(page_text(export(client, "benefitassumptions")))))
    exported.append({**exported[0], "id": ""})
    html = page_text(preview(client, "benefitassumptions", csv_bytes(exported)))
    assert "take no new rows" in html and "confirm_form" not in html
