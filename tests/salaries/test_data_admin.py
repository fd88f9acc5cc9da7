import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careerguide.models import Page
from salaries.models import EducationLevel, ExperienceBand, Location, Source


def change_url(obj) -> str:
    return f"/admin/salaries/{obj._meta.model_name}/{obj.pk}/change/"


def form_data(obj, **overrides) -> dict:
    """The admin change form's data for obj, as an editor would submit it unchanged."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key:
            continue
        value = field.value_from_object(obj)
        data[field.name] = "" if value is None else value
        if isinstance(value, bool):
            data[field.name] = "on" if value else ""
    return {**data, **overrides}


@pytest.mark.parametrize(
    "model_name", ["source", "experienceband", "educationlevel", "certification", "skill",
                   "location", "employertype", "benefitassumptions", "statistic"],
)  # fmt: skip
def test_every_table_has_a_working_list_with_import_export_and_history(
    admin_client, salary_data, model_name
):
    response = admin_client.get(f"/admin/salaries/{model_name}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/admin/salaries/{model_name}/import/" in html
    assert f"/admin/salaries/{model_name}/export/" in html
    assert admin_client.get(f"/admin/salaries/{model_name}/import/").status_code == 200


def test_bad_save_names_the_field_and_writes_nothing(admin_client, salary_data):
    source = Source.objects.get(slug="payscale")
    response = admin_client.post(change_url(source), form_data(source, low=60000))
    assert response.status_code == 200
    assert "must not be below" in response.content.decode()
    source.refresh_from_db()
    assert source.low == 34000


def test_saved_figure_shows_on_every_page_quoting_it(admin_client, guide, client):
    source = Source.objects.get(slug="guide-national")
    quoting = [p for p in Page.objects.published() if "source.guide-national.typical" in p.body]
    assert len(quoting) >= 2
    for page in quoting:
        assert "$45,160" in client.get(page.get_absolute_url()).content.decode()
    response = admin_client.post(
        change_url(source), form_data(source, typical=46500, change_reason="New edition")
    )
    assert response.status_code == 302
    for page in quoting:
        html = client.get(page.get_absolute_url()).content.decode()
        assert "$46,500" in html and "$45,160" not in html


def test_overdue_figures_are_flagged_in_lists_on_the_admin_home_and_their_screen(
    admin_client, salary_data
):
    def edit(slug: str, **values) -> None:
        source = Source.objects.get(slug=slug)  # saved one by one, as editors do
        for name, value in values.items():
            setattr(source, name, value)
        source.save()

    for source in Source.objects.all():
        edit(source.slug, next_edition_due=None)
    home = admin_client.get("/admin/").content.decode()
    assert "No figure is overdue" in home
    edit("payscale", cadence="yearly", series="payscale", next_edition_due=date(2025, 1, 1))
    # A source whose newer edition is on file is not overdue.
    edit("bls-oews-2019", series="oews-43-6013", next_edition_due=date(2021, 4, 1))
    edit("bls-oews-2022", series="oews-43-6013")
    listing = admin_client.get("/admin/salaries/source/").content.decode()
    assert listing.count("overdue</strong>") == 1
    home = admin_client.get("/admin/").content.decode()
    assert "1 overdue source" in home
    screen = admin_client.get("/admin/salaries/source/overdue/")
    assert screen.status_code == 200
    html = screen.content.decode()
    assert "Payscale: Patient Care Coordinator" in html and "1 January 2025" in html
    assert "OEWS" not in html.split("<tbody>")[1]


def test_the_overdue_screen_needs_view_permission(client, salary_data, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/salaries/source/overdue/").status_code == 403


def export(admin_client, model_name: str, file_format: str = "0"):
    form = admin_client.get(f"/admin/salaries/{model_name}/export/").context["form"]
    every_field = {
        name: "on"
        for name in form.fields
        if name.endswith(tuple(f"_{f}" for f in ("name", "slug"))) or "resource_" in name
    }
    return admin_client.post(
        f"/admin/salaries/{model_name}/export/",
        {"format": file_format, "resource": "0", **every_field},
    )


def export_csv(admin_client, model_name: str) -> str:
    response = export(admin_client, model_name)
    assert response.status_code == 200
    return response.content.decode()


def import_file(admin_client, model_name: str, content: bytes, name: str = "data.csv"):
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return admin_client.post(
        f"/admin/salaries/{model_name}/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )


def test_export_then_import_round_trip_changes_only_edited_rows(admin_client, salary_data):
    exported = export_csv(admin_client, "location")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert {row["slug"] for row in rows} == set(Location.objects.values_list("slug", flat=True))
    for row in rows:
        if row["slug"] == "boston":
            row["adjustment_high"] = "26.0"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)

    preview = import_file(admin_client, "location", out.getvalue().encode())
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "confirm" in html.lower()
    # A dry run: nothing written until the editor confirms.
    assert Location.objects.get(slug="boston").adjustment_high == 25

    confirm = admin_client.post(
        "/admin/salaries/location/process_import/",
        {
            "import_file_name": preview.context["confirm_form"]["import_file_name"].value(),
            "original_file_name": "data.csv",
            "format": "0",
            "resource": "0",
        },
    )
    assert confirm.status_code == 302
    assert Location.objects.get(slug="boston").adjustment_high == 26


def edited_csv(admin_client, model_name: str, edits: dict[int, dict]) -> bytes:
    rows = list(csv.DictReader(io.StringIO(export_csv(admin_client, model_name))))
    for index, changes in edits.items():
        rows[index].update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_import_reports_invalid_rows_one_by_one_and_writes_nothing(admin_client, salary_data):
    before = list(EducationLevel.objects.values_list("slug", "start_low", "start_high"))
    content = edited_csv(
        admin_client, "educationlevel", {0: {"start_high": "1000"}, 2: {"start_low": "0"}}
    )
    html = import_file(admin_client, "educationlevel", content).content.decode()
    assert "must not be below the start low" in html
    assert "Ensure this value is greater than or equal to 1" in html
    assert "confirm_form" not in html and "Confirm import" not in html
    assert list(EducationLevel.objects.values_list("slug", "start_low", "start_high")) == before


def test_import_explains_text_where_a_number_belongs(admin_client, salary_data):
    content = edited_csv(admin_client, "educationlevel", {1: {"start_low": "lots"}})
    html = import_file(admin_client, "educationlevel", content).content.decode()
    assert "is not a whole number" in html
    assert EducationLevel.objects.get(slug="associate").start_low == 39000


def test_xlsx_export_is_a_spreadsheet(admin_client, salary_data):
    from import_export.formats.base_formats import XLSX

    form = admin_client.get("/admin/salaries/experienceband/export/").context["form"]
    choices = dict(form.fields["format"].choices)
    assert sorted(str(v) for k, v in choices.items() if k) == ["csv", "xlsx"]
    xlsx_index = next(k for k, v in choices.items() if str(v) == "xlsx")
    response = export(admin_client, "experienceband", xlsx_index)
    assert response.status_code == 200
    assert response.content[:2] == b"PK"  # a zip container, as every .xlsx is
    assert XLSX().get_title() == "xlsx"


def test_history_records_changes_and_revert_restores_them(admin_client, salary_data):
    band = ExperienceBand.objects.get(slug="mid-career")
    admin_client.post(change_url(band), form_data(band, high=57000, change_reason="Misread"))
    band.refresh_from_db()
    assert band.high == 57000
    history = admin_client.get(change_url(band).replace("change/", "history/"))
    assert history.status_code == 200
    original = band.history.order_by("history_date").first()
    revert_url = change_url(band).replace("change/", f"history/{original.history_id}/")
    form = admin_client.get(revert_url)
    assert form.status_code == 200
    assert "Revert" in form.content.decode()
    # Reverting changes a figure as well: it asks why.
    refused = admin_client.post(revert_url, form_data(original.instance))
    assert "say why" in refused.content.decode()
    admin_client.post(revert_url, form_data(original.instance, change_reason="Undo"))
    band.refresh_from_db()
    assert band.high == 55000


def test_band_list_reads_every_bands_years_in_a_fixed_number_of_queries(admin_client, salary_data):
    def changelist_queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            html = admin_client.get("/admin/salaries/experienceband/").content.decode()
        return len(queries), html

    changelist_queries()  # the first works out the overdue sources for this version
    before, html = changelist_queries()
    assert "0–2 years" in html and "8+ years" in html
    source = Source.objects.first()
    ExperienceBand.objects.bulk_create(
        ExperienceBand(
            slug=f"extra-{n}", name=f"Extra {n}", years_from=20 + n, low=1, high=2, source=source
        )
        for n in range(30)
    )
    after, html = changelist_queries()
    assert after == before
    assert "8–19 years" in html and "49+ years" in html
