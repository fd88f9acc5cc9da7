"""The editors' admin in Chromium: every screen under the site's strict CSP, and the page
preview."""

import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_OEWS = ROOT / "salaries" / "data" / "sample-oews-national-may-2019.csv"
SHOTS = Path("screenshots")
PASSWORD = "a-long-passphrase-42"


def csp_errors(errors: list[str]) -> list[str]:
    return [e for e in errors if "Content Security Policy" in e or "Content-Security-Policy" in e]


@pytest.fixture
def editor_page(site, page, django_user_model):
    """Chromium signed in to the admin as a superuser, through the login form."""
    django_user_model.objects.create_superuser("editor", "e@example.org", PASSWORD)
    page.set_viewport_size(DESKTOP)
    page.goto(site.url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()
    return page


def admin_screens() -> list[str]:
    """The addresses of the admin's screens that need no form submitted to reach."""
    from careerguide.models import Page
    from salaries.models import Location, OewsRelease, OewsWage, Source, Statistic

    page = Page.objects.get(slug="what-they-do")
    source = Source.objects.get(slug="payscale")
    record = source.history.earliest("history_date")
    screens = ["admin:index"]
    screens += [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    screens += [
        reverse("admin:careerguide_page_add"),
        reverse("admin:careerguide_page_change", args=[page.pk]),
        reverse("admin:careerguide_page_history", args=[page.pk]),
        reverse("admin:careerguide_page_delete", args=[page.pk]),
        reverse("admin:careerguide_page_preview_saved", args=[page.pk]),
        reverse("admin:careerguide_page_placeholders") + "?q=median",
        reverse("admin:salaries_source_add"),
        reverse("admin:salaries_source_change", args=[source.pk]),
        reverse("admin:salaries_source_history", args=[source.pk]),
        reverse("admin:salaries_source_simple_history", args=[source.pk, record.history_id]),
        reverse("admin:salaries_source_import"),
        reverse("admin:salaries_source_export"),
        reverse("admin:salaries_location_add"),
        reverse("admin:salaries_location_change", args=[Location.objects.first().pk]),
        reverse("admin:salaries_statistic_change", args=[Statistic.objects.first().pk]),
        reverse("admin:salaries_oewsrelease_change", args=[OewsRelease.objects.first().pk]),
        reverse("admin:salaries_oewswage_change", args=[OewsWage.objects.first().pk]),
        reverse("admin:salaries_oewsrelease_upload"),
    ]
    return [reverse(name) if name.startswith("admin:") else name for name in screens]


def test_every_admin_screen_runs_without_csp_errors(site, editor_page, console_errors):
    page = editor_page
    found = {}
    for path in admin_screens():
        console_errors.clear()
        response = page.goto(site.url + path)
        assert response.status == 200, path
        found[path] = csp_errors(console_errors)

    # Import: the form, then the preview of a file that changes one figure.
    console_errors.clear()
    page.goto(site.url + reverse("admin:salaries_source_import"))
    page.set_input_files(
        "#id_import_file",
        files=[
            {
                "name": "payscale.csv",
                "mimeType": "text/csv",
                "buffer": b"slug,name,publisher,measure,low,typical,high,as_of,grade,"
                b"reported_in\r\n"
                b"payscale,Patient Care Coordinator,Payscale,average,34000,43500,59000,"
                b'2024-01-01,reported,"the source article this guide was built from '
                b"(a PT care coordinator career guide from early 2024, "
                b'with no public address)"\r\n',
            }
        ],
    )
    page.get_by_role("button", name="Submit").click()
    preview = page.locator("table.import-preview")
    # The old value struck out and the new one marked, each whole and readable.
    expect(preview.locator("del")).to_contain_text("43890")
    expect(preview.locator("ins")).to_contain_text("43500")
    struck = preview.locator("del").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in struck
    page.screenshot(path=str(SHOTS / "admin-import-preview.png"), full_page=True)
    found["import preview"] = csp_errors(console_errors)

    # Export: "Select all" works without the inline handler.
    console_errors.clear()
    page.goto(site.url + reverse("admin:salaries_source_export"))
    boxes = page.locator('.selectable-field-export-row input[type="checkbox"]')
    expect(boxes.first).to_be_checked()
    page.get_by_label("Select all").uncheck()
    assert not any(boxes.nth(i).is_checked() for i in range(boxes.count()))
    page.get_by_label("Select all").check()
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    found["export select all"] = csp_errors(console_errors)

    # OEWS upload and its preview, with the sample file editors are given.
    console_errors.clear()
    page.goto(site.url + reverse("admin:salaries_oewsrelease_upload"))
    page.set_input_files("#id_file", str(SAMPLE_OEWS))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#content-main")).to_contain_text("0 new, 0 changed, 1 unchanged")
    found["OEWS preview"] = csp_errors(console_errors)

    page.goto(site.url + reverse("admin:careerguide_page_placeholders"))
    page.screenshot(path=str(SHOTS / "admin-placeholder-reference.png"), full_page=True)
    assert {where: errors for where, errors in found.items() if errors} == {}


def open_change_form(site, page, slug: str):
    from careerguide.models import Page

    saved = Page.objects.get(slug=slug)
    page.goto(site.url + reverse("admin:careerguide_page_change", args=[saved.pk]))
    return saved


def test_preview_of_an_existing_page_shows_that_page(site, editor_page, console_errors):
    page = editor_page
    open_change_form(site, page, "what-they-do")
    page.get_by_label("Title").fill("What the job really involves")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview in a new tab").click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.locator("h1")).to_have_text("What the job really involves")
    expect(preview.locator(".banner-draft")).to_contain_text("Preview")
    expect(preview.locator("body")).not_to_contain_text("already exists")
    assert csp_errors(console_errors) == []


def test_pressing_enter_in_a_field_saves_rather_than_previews(site, editor_page):
    from careerguide.models import Page

    page = editor_page
    saved = open_change_form(site, page, "day-in-the-life")
    pages_before = len(page.context.pages)
    page.get_by_label("Title").fill("A day on the front desk")
    page.get_by_label("Title").press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    assert len(page.context.pages) == pages_before
    assert Page.objects.get(pk=saved.pk).title == "A day on the front desk"


def test_quick_facts_follow_a_change_in_the_tables(site, editor_page):
    from salaries.models import OewsWage, Statistic

    page = editor_page
    facts = page.locator(".quick-facts")
    page.goto(site.url + "/")
    expect(facts).to_contain_text("$39,740 a year")

    wage = OewsWage.objects.get(release__slug="may-2022", area="99", occ_code="43-6013")
    page.goto(site.url + reverse("admin:salaries_oewswage_change", args=[wage.pk]))
    page.get_by_label("A median").fill("41060")
    page.get_by_label("Reason for this change").fill("Checked against the BLS table")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")

    outlook = Statistic.objects.get(quick_fact=Statistic.QuickFact.OUTLOOK)
    page.goto(site.url + reverse("admin:salaries_statistic_change", args=[outlook.pk]))
    page.get_by_label("Value").fill("6")
    page.get_by_label("Reason for this change").fill("BLS revised the projection")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")

    for path in ["/", "/salary/"]:
        page.goto(site.url + path)
        # 41,060 / 2,080 = 19.740... -> $19.74 an hour.
        expect(facts).to_contain_text("$41,060 a year")
        expect(facts).to_contain_text("$19.74 an hour")
        expect(facts.locator(".quick-fact", has_text="Job outlook")).to_contain_text("6%")
        expect(facts).not_to_contain_text("$39,740")

    page.goto(site.url + reverse("admin:salaries_oewswage_history", args=[wage.pk]))
    history = page.locator("#change-history")
    expect(history).to_contain_text("Checked against the BLS table")
    expect(history).to_contain_text(re.compile(r"39740\s*→\s*41060"))
    expect(history).to_contain_text("editor")
