"""Open, citable and followable: figure pages, the change log, feeds, open data and the API
(issue 22), through the public surface and the admin."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from careerguide.models import Page
from careerguide.shared import versioning
from salaries.models import FigureChange, OewsWage, Source, Statistic
from salaries.oews.importing import apply_import, plan_import
from salaries.oews.read import FIGURE_FIELDS, OewsRow, Period

ATOM = "{http://www.w3.org/2005/Atom}"
FIGURE = "source.guide-national.typical"


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


def edit_typical(admin_client, typical: int, **form) -> object:
    source = Source.objects.get(slug="guide-national")
    return admin_client.post(change_url(source), form_data(source, typical=typical, **form))


# A figure's page -----------------------------------------------------------------------


def test_a_figure_page_shows_value_period_grade_source_quoting_pages_and_a_citation(client, guide):
    response = client.get(f"/figures/{FIGURE}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "$45,160" in html and "January 2024" in html
    assert "Published" in html  # the grade
    assert 'href="/sources/#source-guide-national"' in html
    quoting = [p for p in Page.objects.published() if FIGURE in p.body]
    assert quoting
    for page in quoting:
        assert f'href="{page.get_absolute_url()}"' in html
    citation = re.search(r'<p class="citation" id="citation"[^>]*>(.*?)</p>', html, re.S)[1]
    assert "Source article" in citation and "January 2024" in citation
    assert f"/figures/{FIGURE}/" in citation and "recorded on" in citation
    assert "No change to this figure is on record" in html


def test_drafts_do_not_count_as_quoting_a_figure(client, guide):
    page = Page.objects.published().exclude(slug="home").first()
    page.status = Page.Status.DRAFT
    page.body += "\n\nAlso {{ stat.ors-telework }}."
    page.save()
    html = client.get("/figures/stat.ors-telework/").content.decode()
    assert f'href="{page.get_absolute_url()}"' not in html


def test_an_unknown_figure_has_no_page(client, guide):
    assert client.get("/figures/source.nothing.typical/").status_code == 404
    assert client.get("/figures/%3Cscript%3E/").status_code == 404


def test_figures_in_pages_link_to_their_own_page_and_keep_their_title(client, guide):
    html = client.get("/salary/").content.decode()
    link = re.search(
        rf'<a class="figure" href="/figures/{re.escape(FIGURE)}/" title="([^"]+)"', html
    )
    assert link and "as of January 2024" in link[1]
    assert client.get(f"/figures/{FIGURE}/").status_code == 200


def test_every_page_links_both_feeds_in_its_head(client, guide):
    for path in ("/", "/salary/", "/sources/", "/changes/", "/data/", f"/figures/{FIGURE}/"):
        head = client.get(path).content.decode().split("</head>")[0]
        assert (
            'type="application/atom+xml" title="Changes to the figures" href="/changes/feed/"'
            in head
        )
        assert 'href="/releases/feed/"' in head


# Reasons in the admin ------------------------------------------------------------------


def test_changing_a_published_figure_needs_a_reason(admin_client, guide):
    response = edit_typical(admin_client, 46500)
    assert response.status_code == 200
    assert "say why in a few words" in response.content.decode()
    assert Source.objects.get(slug="guide-national").typical == 45160
    assert not FigureChange.objects.exists()


def test_a_change_that_moves_no_figure_needs_no_reason_and_logs_nothing(admin_client, guide):
    source = Source.objects.get(slug="guide-national")
    response = admin_client.post(change_url(source), form_data(source, note="Reworded note."))
    assert response.status_code == 302
    assert not FigureChange.objects.exists()


def test_a_new_row_needs_no_reason(admin_client, guide):
    source = Source.objects.get(slug="guide-national")
    data = form_data(source, slug="guide-new", name="New figure", typical=50000)
    assert admin_client.post("/admin/salaries/source/add/", data).status_code == 302


def test_the_reason_goes_to_the_history_and_a_correction_is_marked(admin_client, guide):
    response = edit_typical(
        admin_client, 45610, change_reason="Digits swapped", change_is_correction="on"
    )
    assert response.status_code == 302
    record = Source.objects.get(slug="guide-national").history.first()
    assert record.history_change_reason == "Correction: Digits swapped"
    change = FigureChange.objects.get(name=FIGURE)
    assert (change.old_text, change.new_text) == ("$45,160", "$45,610")
    assert change.reason == "Digits swapped" and change.is_correction


def test_a_stale_form_is_still_refused_with_its_reason_kept(admin_client, guide, client):
    from django.test import Client

    source = Source.objects.get(slug="guide-national")
    opened = admin_client.get(change_url(source)).content.decode()
    token = re.search(r'name="row_version" value="([^"]*)"', opened)[1]
    other = Client()
    other.force_login(Source.history.model._meta.apps.get_model("auth", "User").objects.first())
    edit_typical(other, 47000, change_reason="Newer edition")
    response = admin_client.post(
        change_url(source),
        form_data(source, typical=46000, row_version=token, change_reason="My reason"),
    )
    assert response.status_code == 409
    assert 'value="My reason"' in response.content.decode()
    assert Source.objects.get(slug="guide-national").typical == 47000


def test_an_inline_wage_change_needs_the_pages_reason(admin_client, guide):
    from salaries.models import OewsRelease

    release = OewsRelease.objects.get(slug="may-2019")
    opened = admin_client.get(change_url(release)).content.decode()
    fields = dict(re.findall(r'name="(wages-[^"]+)" value="([^"]*)"', opened))
    data = {
        **form_data(release),
        **fields,
        "wages-TOTAL_FORMS": "1",
        "wages-INITIAL_FORMS": "1",
        "wages-0-a_median": "36590",
    }
    refused = admin_client.post(change_url(release), data)
    assert "Reason for this change" in refused.content.decode()
    assert "in this row: say why" in refused.content.decode()
    saved = admin_client.post(change_url(release), {**data, "change_reason": "BLS revision"})
    assert saved.status_code == 302
    wage = OewsWage.objects.get(release=release, area="99", occ_code="43-6013")
    assert wage.history.first().history_change_reason == "BLS revision"
    assert FigureChange.objects.filter(name="bls.may-2019.a_median", reason="BLS revision")


# Done when: one edit with a reason shows everywhere on the next request ----------------


def test_a_changed_figure_shows_on_the_log_its_page_the_feed_the_api_and_the_data(
    admin_client, guide, client
):
    # Each is asked once first, so a stale cache would show.
    paths = ["/changes/", f"/figures/{FIGURE}/", "/changes/feed/", "/api/v1/changes/",
             f"/api/v1/figures/{FIGURE}/", "/data/figures.csv", "/data/figures.json"]  # fmt: skip
    for path in paths:
        assert client.get(path).status_code == 200
    response = edit_typical(admin_client, 46500, change_reason="Source article updated")
    assert response.status_code == 302

    log = client.get("/changes/").content.decode()
    assert "$45,160" in log and "$46,500" in log and "Source article updated" in log
    assert f'href="http://127.0.0.1:8000/figures/{FIGURE}/"' in log or f"/figures/{FIGURE}/" in log

    page = client.get(f"/figures/{FIGURE}/").content.decode()
    history = page.split('id="history-title"')[1].split("</section>")[0]
    assert "$45,160" in history and "$46,500" in history and "Source article updated" in history

    feed = ET.fromstring(client.get("/changes/feed/").content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert any("$45,160 → $46,500" in title for title in titles)

    api = client.get(f"/api/v1/figures/{FIGURE}/").json()
    assert api["value"] == "$46,500"
    assert api["changes"][0]["old"] == "$45,160" and api["changes"][0]["new"] == "$46,500"
    changes = client.get("/api/v1/changes/").json()["changes"]
    assert any(c["name"] == FIGURE and c["reason"] == "Source article updated" for c in changes)

    rows = list(csv.DictReader(io.StringIO(client.get("/data/figures.csv").content.decode())))
    assert next(r for r in rows if r["\ufeffname"] == FIGURE)["value"] == "$46,500"
    data = json.loads(client.get("/data/figures.json").content)
    assert next(r for r in data["figures"] if r["name"] == FIGURE)["value"] == "$46,500"


def test_derived_figures_change_with_their_row_and_fold_under_the_edit(admin_client, guide, client):
    edit_typical(admin_client, 46500, change_reason="New edition")
    names = set(FigureChange.objects.values_list("name", flat=True))
    assert FIGURE in names
    # The worked examples on the pay-factors page move with the national figure.
    derived = [name for name in names if name.endswith(".example_range")]
    assert derived
    html = client.get("/changes/").content.decode()
    assert html.count('<li class="change') == 1  # one edit
    shown, folded = html.split('<details class="edit-derived">')
    assert f"/figures/{FIGURE}/" in shown and f"/figures/{derived[0]}/" in folded
    assert "worked out from it changed too" in folded
    feed = ET.fromstring(client.get("/changes/feed/").content)
    (entry,) = feed.iter(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title").startswith("National pay for PT Care Coordinators")
    assert "New edition" in entry.findtext(f"{ATOM}summary")


def test_the_log_marks_corrections_and_lists_newest_first(admin_client, guide, client):
    edit_typical(admin_client, 45610, change_reason="Digits swapped", change_is_correction="on")
    edit_typical(admin_client, 46500, change_reason="New edition")
    html = client.get("/changes/").content.decode()
    assert html.index("New edition") < html.index("Digits swapped")
    correction = html.split("Digits swapped")[0].rsplit('<li class="change', 1)[1]
    assert "change-correction" in correction and ">Correction</strong>" in correction


def test_an_oews_upload_gives_its_release_as_the_reason(client, guide):
    wage = OewsWage.objects.get(release__slug="may-2022", area="99", occ_code="43-6013")
    figures = {name: getattr(wage, name) for name in FIGURE_FIELDS}
    figures["a_median"] = wage.a_median + 1000
    row = OewsRow(line=2, area="99", area_title=wage.area_title, area_type=1, figures=figures)
    with versioning.edit_batch():
        apply_import(plan_import([row], Period.parse("May 2022")))
    change = FigureChange.objects.get(name="bls.may-2022.a_median")
    assert change.reason == "BLS May 2022 release"
    assert not change.is_correction


def test_a_table_import_gives_its_file_as_the_reason(admin_client, guide):
    from django.core.files.uploadedfile import SimpleUploadedFile

    statistic = Statistic.objects.get(slug="ors-telework")
    body = (
        "slug,label,value,unit,source,quick_fact\r\n"
        f"{statistic.slug},{statistic.label},4.5,{statistic.unit},{statistic.source.slug},\r\n"
    )
    upload = SimpleUploadedFile("telework.csv", body.encode())
    preview = admin_client.post(
        "/admin/salaries/statistic/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    form = preview.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    admin_client.post("/admin/salaries/statistic/process_import/", {**data, "confirm": "1"})
    change = FigureChange.objects.get(name="stat.ors-telework")
    assert change.new_text == "4.5%" and change.reason == "Imported from telework.csv"


def test_an_edit_outside_the_admin_without_history_is_not_logged(guide):
    # A rebuild with no recorded edit (migrate on a deploy) writes nothing.
    from salaries.snapshot import tables_changed

    with versioning.edit_batch():
        tables_changed()
    assert not FigureChange.objects.exists()


# Paging a long log in constant queries ---------------------------------------------------


def add_changes(count: int) -> None:
    now = timezone.now()
    FigureChange.objects.bulk_create(
        FigureChange(
            name=FIGURE,
            old_text=f"${n:,}",
            new_text=f"${n + 1:,}",
            reason=f"Change {n}",
            source_slug="guide-national",
            source_name="Source article",
            period="January 2024",
            changed_at=now - timedelta(minutes=n),
        )
        for n in range(count)
    )


@pytest.mark.parametrize("size", [100, 10_000])
def test_the_change_log_pages_in_constant_queries(
    client, guide, size, django_assert_max_num_queries
):
    add_changes(size)
    last = (size + 49) // 50
    for path in ("/changes/", f"/changes/?page={last}", "/api/v1/changes/",
                 f"/api/v1/changes/?page={last}"):  # fmt: skip
        versioning.clear()
        with django_assert_max_num_queries(5):
            response = client.get(path)
        assert response.status_code == 200
    api = client.get(f"/api/v1/changes/?page={last}").json()
    assert api["count"] == size and api["pages"] == last and api["next"] is None
    assert len(api["changes"]) == size - 50 * (last - 1)
    html = client.get("/changes/?page=2").content.decode()
    assert 'rel="prev" href="?page=1"' in html


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "99999999999", "٣"])
def test_a_bad_page_number_is_a_clear_400(client, guide, page):
    response = client.get(f"/changes/?page={page}")
    assert response.status_code == 400
    assert "whole number" in response.content.decode()
    api = client.get(f"/api/v1/changes/?page={page}")
    assert api.status_code == 400 and "whole number" in api.json()["error"]["message"]


def test_a_page_past_the_end_is_404(client, guide):
    assert client.get("/changes/?page=2").status_code == 404
    response = client.get("/api/v1/changes/?page=2")
    assert response.status_code == 404 and response.json()["error"]["status"] == 404


# Feeds -----------------------------------------------------------------------------------


def check_atom(body: bytes) -> ET.Element:
    feed = ET.fromstring(body)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{name}"), name
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    for entry in feed.iter(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{name}"), name
        assert re.match(r"\d{4}-\d\d-\d\dT", entry.findtext(f"{ATOM}updated"))
    ids = [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))
    return feed


def test_the_change_feed_is_valid_atom_and_bounded(client, guide):
    add_changes(80)
    response = client.get("/changes/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = check_atom(response.content)
    entries = list(feed.iter(f"{ATOM}entry"))
    assert len(entries) == 50
    assert entries[0].findtext(f"{ATOM}title").endswith("$0 → $1")  # newest first


def test_the_releases_feed_is_valid_atom_and_names_each_source(client, guide):
    response = client.get("/releases/feed/")
    feed = check_atom(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert any("OEWS" in title and "May 2022" in title for title in titles)
    assert len(titles) <= 50


def test_the_change_log_links_its_feeds(client, guide):
    html = client.get("/changes/").content.decode()
    assert 'href="/changes/feed/"' in html.split("</head>")[1]
    assert 'href="/releases/feed/"' in html.split("</head>")[1]


def test_feeds_are_built_once_per_version(client, guide, django_assert_max_num_queries):
    client.get("/changes/feed/")
    with django_assert_max_num_queries(1):  # the content version only
        assert client.get("/changes/feed/").status_code == 200


# Open data -------------------------------------------------------------------------------


def test_the_data_page_lists_downloads_and_licences(client, guide):
    html = client.get("/data/").content.decode()
    for address in ("/data/figures.csv", "/data/figures.json", "/changes/", "/api/"):
        assert f'href="{address}' in html
    assert "CC BY 4.0" in html and "public domain" in html
    assert "© Salary.com, quoted under fair use" in html


def test_the_csv_opens_cleanly_in_excel_with_every_figure(client, guide):
    from salaries.figures import registry

    response = client.get("/data/figures.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["name"] for row in rows} == set(registry())
    row = next(r for r in rows if r["name"] == "bls.may-2022.a_median")
    assert row["licence"].startswith("Public domain")
    assert row["source_url"].startswith("https://www.bls.gov/")
    assert row["grade"] == "published" and row["period"] == "May 2022"
    assert row["date_read"]
    salary = next(r for r in rows if r["name"] == "source.salary-com.typical")
    assert salary["licence"] == "© Salary.com, quoted under fair use"
    assert salary["grade"] == "reported" and salary["read_in"]


def test_the_csv_defuses_formulas_as_the_admin_exports_do(client, guide):
    source = Source.objects.get(slug="salary-com")
    source.name = '=HYPERLINK("http://evil")'
    source.save()
    text = client.get("/data/figures.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert not re.search(r'(^|,)"?=HYPERLINK', text, re.M)


def test_the_json_carries_the_same_rows_and_the_sites_licence(client, guide):
    data = json.loads(client.get("/data/figures.json").content)
    assert "CC BY 4.0" in data["licence"]["site"]
    estimate = [r for r in data["figures"] if r["grade"] == "estimate"]
    assert estimate and all(r["licence"].startswith("CC BY 4.0") for r in estimate)


def test_read_on_is_the_date_read_when_given(client, guide):
    source = Source.objects.get(slug="bls-oews-2022")
    source.read_on = timezone.localdate().replace(year=2026, month=12, day=7)
    source.save()
    row = next(
        r
        for r in client.get("/api/v1/figures/").json()["figures"]
        if r["name"] == "bls.may-2022.a_median"
    )
    assert row["date_read"] == "2026-12-07"
    assert "read on December 7, 2026" in row["citation"]


def test_a_shipped_data_update_gives_its_own_reason(guide, tmp_path):
    from salaries.seed import SEED_FILE, load_salary_data

    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    source = next(row for row in data["Source"] if row["slug"] == "guide-national")
    source["typical"] = 45999
    (tmp_path / "seed.json").write_text(json.dumps(data), encoding="utf-8")
    load_salary_data(tmp_path / "seed.json")
    change = FigureChange.objects.get(name=FIGURE)
    assert change.new_text == "$45,999"
    assert change.reason == "Updated from the data shipped with the site"
