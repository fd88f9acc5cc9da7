"""The figure page, the change log, the open data and API pages in Chromium: no axe
violations, nothing sideways on a phone, the citation copies."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations

FIGURE = "source.guide-national.typical"
PATHS = [f"/figures/{FIGURE}/", "/changes/", "/data/", "/api/"]
SHOTS = "screenshots"


def change_a_figure() -> None:
    from careerguide.shared.versioning import edit_batch
    from salaries.models import Source

    with edit_batch():
        source = Source.objects.get(slug="guide-national")
        source.typical, source._change_reason = 45610, "Correction: Digits swapped"
        source.save()
    with edit_batch():
        source.typical, source._change_reason = 46500, "The article's authors updated it"
        source.save()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_open_data_pages_pass_axe_and_fit_a_phone(site, page, console_errors, viewport):
    change_a_figure()
    page.set_viewport_size(viewport)
    found = {}
    for path in PATHS:
        page.goto(site.url + path)
        expect(page.locator("h1")).to_have_count(1)
        found[path] = axe_violations(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], path
        name = path.strip("/").replace("/", "-").replace(".", "_") or "home"
        page.screenshot(path=f"{SHOTS}/open-{name}-{viewport['width']}.png", full_page=True)
    # The figures worked out from an edit, unfolded: long phrases wrap too.
    page.goto(site.url + "/changes/")
    page.locator("details.edit-derived summary").first.click()
    expect(page.locator("details.edit-derived").first).to_have_attribute("open", "")
    found["/changes/ unfolded"] = axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert {path: v for path, v in found.items() if v} == {}
    assert console_errors == []


def test_a_figure_link_leads_to_its_page_and_the_citation_copies(site, page, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.set_viewport_size(DESKTOP)
    page.goto(site.url + "/salary/")
    page.locator(f'main a.figure[href="/figures/{FIGURE}/"]').first.click()
    expect(page.locator("h1")).to_contain_text("National pay")
    button = page.get_by_role("button", name="Copy the citation")
    expect(button).to_be_visible()
    button.click()
    expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Source article" in copied and f"/figures/{FIGURE}/" in copied


def test_without_javascript_the_citation_is_there_to_select(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + f"/figures/{FIGURE}/")
    expect(page.locator("#citation")).to_contain_text("Source article")
    expect(page.get_by_role("button", name="Copy the citation")).to_be_hidden()
    context.close()
