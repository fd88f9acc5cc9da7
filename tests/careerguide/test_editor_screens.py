"""The editors' screens: placeholder reference, page form, history, imports, admin home."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse

from careerguide.contents import with_contents
from careerguide.models import Page
from salaries import models as salary_models
from salaries.figures import registry
from salaries.models import Source

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_OEWS = ROOT / "salaries" / "data" / "sample-oews-national-may-2019.csv"


@pytest.fixture
def editor_client(guide, django_user_model) -> Client:
    """A staff account in the Editors group, as README tells editors to be set up."""
    user = django_user_model.objects.create_user("ana", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


# Placeholder reference


def test_placeholder_reference_lists_every_name_with_value_and_source(editor_client):
    response = editor_client.get(reverse("admin:careerguide_page_placeholders"))
    assert response.status_code == 200
    figures = response.context["figures"]
    assert [f.key for f in figures] == sorted(registry())
    html = response.content.decode()
    assert "{{ source.guide-national.typical }}" in html
    assert "$45,160" in html


def test_placeholder_reference_search_works_without_javascript(editor_client):
    response = editor_client.get(reverse("admin:careerguide_page_placeholders"), {"q": "Hospital"})
    keys = [figure.key for figure in response.context["figures"]]
    assert keys and all(
        "hospital" in f"{f.key} {f.text} {f.source_name}".casefold()
        for f in response.context["figures"]
    )
    assert "employer.hospital.range" in keys
    assert "source.payscale.typical" not in keys


def placeholder_groups(html: str) -> dict[str, list[str]]:
    """Each group's heading and the placeholder names in its rows, as the page shows them."""
    groups = {}
    for section in html.split('<section class="placeholder-group"')[1:]:
        heading = re.search(r"<h2[^>]*>(.*?)</h2>", section, re.DOTALL).group(1)
        heading = " ".join(re.sub(r"<[^>]+>", " ", heading).split())
        groups[heading] = re.findall(r'<tr data-name="([^"]+)"', section)
    return groups


def test_placeholder_reference_is_grouped_by_table(editor_client):
    html = editor_client.get(reverse("admin:careerguide_page_placeholders")).content.decode()
    groups = placeholder_groups(html)
    prefixes = {name.split(".")[0] for name in registry()}
    assert len(groups) == len(prefixes)
    for heading, names in groups.items():
        assert names, heading
        assert len({name.split(".")[0] for name in names}) == 1, heading
    by_prefix = {names[0].split(".")[0]: heading for heading, names in groups.items()}
    assert by_prefix["source"].startswith("Sources")
    assert by_prefix["bls"].startswith("BLS wage releases")
    assert by_prefix["stat"].startswith("Statistics")
    assert by_prefix["experience"].startswith("Experience bands")
    # Every name once, and a contents list leading to each group.
    assert sorted(n for names in groups.values() for n in names) == sorted(registry())
    for prefix in prefixes:
        assert f'href="#placeholders-{prefix}"' in html


def test_placeholder_reference_filters_without_javascript(editor_client):
    html = editor_client.get(
        reverse("admin:careerguide_page_placeholders"), {"q": "hospital"}
    ).content.decode()
    shown = set(re.findall(r'<tr data-name="([^"]+)"(?![^>]*hidden)', html))
    assert "employer.hospital.range" in shown
    assert "source.payscale.typical" not in shown
    # Groups without a match are left out of sight, and the count says what matched.
    groups = re.findall(r'<section class="placeholder-group"[^>]*>', html)
    assert any("hidden" in g for g in groups) and any("hidden" not in g for g in groups)
    assert f"{len(shown)} of {len(registry())} placeholders match" in html


def test_placeholder_reference_script_is_a_static_file(editor_client):
    html = editor_client.get(reverse("admin:careerguide_page_placeholders")).content.decode()
    assert re.search(r'<script src="[^"]*admin-extra/placeholders\.js" defer></script>', html)
    content = html.split('id="content"')[1]
    assert "<script>" not in content and " onclick=" not in content and "style=" not in content
    # The name cell carries the text a copy button puts on the clipboard.
    assert 'data-name="source.guide-national.typical"' in html
    assert 'data-copy="{{ source.guide-national.typical }}"' in html


def test_placeholder_reference_needs_an_admin_account(client, guide):
    response = client.get(reverse("admin:careerguide_page_placeholders"))
    assert response.status_code == 302


def test_page_body_help_links_to_the_placeholder_reference(editor_client):
    html = editor_client.get("/admin/careerguide/page/add/").content.decode()
    assert reverse("admin:careerguide_page_placeholders") in html
    assert "under Salary data" not in html
    # A larger editor for the body.
    assert 'rows="32"' in html


# Page position


def test_a_new_page_goes_to_the_end_of_the_navigation(guide):
    last = max(Page.objects.values_list("position", flat=True))
    page = Page.objects.create(title="New", slug="new", summary="s", body="b")
    assert page.position == last + 1


def test_the_add_form_starts_a_page_at_the_end(editor_client):
    form = editor_client.get("/admin/careerguide/page/add/").context["adminform"].form
    last = max(Page.objects.values_list("position", flat=True))
    assert form["position"].value() == last + 1


# History: who changed what and why


def test_history_shows_who_changed_which_field_and_why(editor_client):
    source = Source.objects.get(slug="payscale")
    change_url = f"/admin/salaries/source/{source.pk}/change/"
    form = editor_client.get(change_url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(typical="44100", change_reason="Payscale updated its average")
    response = editor_client.post(change_url, data)
    assert response.status_code == 302
    record = source.history.latest("history_date")
    assert record.history_change_reason == "Payscale updated its average"
    assert record.history_user.username == "ana"

    html = editor_client.get(f"/admin/salaries/source/{source.pk}/history/").content.decode()
    assert "Payscale updated its average" in html
    assert "ana" in html
    assert "43890" in html and "44100" in html  # the changed field, old and new
    assert "style=" not in html


def test_an_import_records_the_file_in_the_history(editor_client):
    content = (
        b"slug,name,publisher,measure,low,typical,high,as_of,grade,reported_in\r\n"
        b"payscale,Patient Care Coordinator,Payscale,average,34000,43500,59000,2024-01-01,"
        b'reported,"the source article this guide was built from '
        b'(a PT care coordinator career guide from early 2024, with no public address)"\r\n'
    )
    upload = SimpleUploadedFile("payscale.csv", content)
    response = editor_client.post(
        "/admin/salaries/source/import/", {"import_file": upload, "format": "0", "resource": "0"}
    )
    html = response.content.decode()
    # The preview shows the whole old and new value, and no inline style.
    assert "<del>" in html and "43890</del>" in html and "43500</ins>" in html
    assert "style=" not in html.split('id="content"')[1]
    form = response.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    editor_client.post("/admin/salaries/source/process_import/", {**data, "confirm": "1"})
    record = Source.objects.get(slug="payscale").history.latest("history_date")
    assert record.typical == 43500
    assert record.history_change_reason == "Imported from payscale.csv"
    assert record.history_user.username == "ana"


def test_import_error_names_the_value_and_its_row(editor_client):
    content = (
        b"slug,name,years_from,low,high,high_is_open,source,position\r\n"
        b"entry,Entry level,0,35000,42000,no,guide-levels,1\r\n"
        b"mid-career,Mid-career,3,43000,55000,no,salary-dot-com,2\r\n"
    )
    upload = SimpleUploadedFile("bands.csv", content)
    response = editor_client.post(
        "/admin/salaries/experienceband/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    html = response.content.decode()
    assert "Row 3" in html and "salary-dot-com" in html
    assert "matching query does not exist" not in html


def test_the_sample_oews_file_previews_as_the_seeded_may_2019_row(editor_client):
    with SAMPLE_OEWS.open("rb") as sample:
        response = editor_client.post(
            "/admin/salaries/oewsrelease/upload/", {"file": sample, "period": ""}
        )
    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.period.label == "May 2019"
    assert plan.counts == {"new": 0, "changed": 0, "unchanged": 1}


# Admin home


def test_editors_home_has_no_login_attempt_logs(guide, django_user_model):
    user = django_user_model.objects.create_user("lee", password="x", is_staff=True)
    # Even an account that was given the permissions does not see them.
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="axes"))
    client = Client()
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert "Access attempts" not in html and "Access logs" not in html
    assert client.get("/admin/axes/accessattempt/").status_code == 403


def test_superusers_still_see_login_attempt_logs(admin_client, guide):
    assert "Access attempts" in admin_client.get("/admin/").content.decode()


# Units


UNITLESS = {"id", "position", "years_from", "release", "source", "area_type"}
UNITS = ("$ a year", "$ an hour", "%", "days", "people", "unit below")


def test_every_figure_field_states_its_unit():
    missing = []
    for model in [
        salary_models.Source,
        salary_models.ExperienceBand,
        salary_models.EducationLevel,
        salary_models.Certification,
        salary_models.Skill,
        salary_models.Location,
        salary_models.EmployerType,
        salary_models.BenefitAssumptions,
        salary_models.Statistic,
        salary_models.OewsWage,
    ]:
        for field in model._meta.concrete_fields:
            numeric = isinstance(field, models.IntegerField | models.DecimalField)
            if not numeric or field.is_relation or field.name in UNITLESS:
                continue
            said = f"{field.verbose_name} {field.help_text}".casefold()
            if not any(unit in said for unit in UNITS):
                missing.append(f"{model.__name__}.{field.name}")
    assert missing == []


# Contents list and site address


def test_contents_gives_each_h2_an_anchor_and_keeps_an_editors_own():
    (body, below), headings = with_contents(
        '<h2>Pay &amp; benefits</h2><p>x</p><h2 id="mine">Mine</h2><h3 id="pay-benefits">x</h3>',
        '<h2 id="national-figures">Every national figure</h2><h2>Pay &amp; benefits</h2>',
    )
    assert [(h.anchor, h.text) for h in headings] == [
        ("pay-benefits-2", "Pay & benefits"),
        ("mine", "Mine"),
        ("national-figures", "Every national figure"),
        ("pay-benefits-3", "Pay & benefits"),
    ]
    assert '<h2 id="pay-benefits-2">Pay &amp; benefits</h2>' in body
    assert '<h2 id="pay-benefits-3">' in below


def test_salary_page_contents_list_names_its_text_and_its_tables(client, guide):
    html = client.get("/salary/").content.decode()
    contents = html.split('aria-labelledby="page-contents-title"')[1].split("</nav>")[0]
    for anchor in ["where-the-figures-come-from", "national-figures", "location-pay"]:
        assert f'href="#{anchor}"' in contents
        assert f'<h2 id="{anchor}">' in html


def test_site_url_follows_port_by_default():
    env = {
        **os.environ,
        "PORT": "8123",
        "DJANGO_SECRET_KEY": "x",
        "DJANGO_SETTINGS_MODULE": "careerguide.settings",
    }
    env.pop("SITE_URL", None)
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "http://127.0.0.1:8123"


def test_an_oews_upload_lists_every_problem_at_once(editor_client):
    lines = SAMPLE_OEWS.read_text(encoding="utf-8").splitlines()
    header, row = lines[0], lines[1].split(",")
    column = header.split(",").index
    state = [*row]
    state[0:3] = ["06", "California", "2"]
    row[column("h_median")] = "seventeen"
    state[column("a_median")] = "-5"
    content = "\n".join([header, ",".join(row), ",".join(state)]).encode()
    upload = SimpleUploadedFile("oews-may-2019.csv", content)
    response = editor_client.post("/admin/salaries/oewsrelease/upload/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Row 2" in html and "seventeen" in html
    assert "Row 3" in html
