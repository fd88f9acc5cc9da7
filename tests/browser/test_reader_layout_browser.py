"""Readers' layout in Chromium: tables on a phone and on paper, quick facts and contents."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, axe_violations

PHONE_375 = {"width": 375, "height": 812}
SHOTS = Path("screenshots")

# Every table cell's box, and anything in <main> that pokes out of the screen sideways
# (a column heading hidden for screen readers only does not count).
CELLS_OFF_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const off = (e) => { const r = e.getBoundingClientRect();
    return r.width > 0 && (r.left < -0.5 || r.right > width + 0.5); };
  const name = (e) => `${e.closest('table')?.caption?.textContent ?? 'table'}: `
    + e.textContent.trim().slice(0, 40);
  const cells = [...document.querySelectorAll(
    'main tbody th, main tbody td, main tfoot th, main tfoot td')];
  const hidden = (e) => e.closest('thead');
  return {
    cells: cells.length,
    off: cells.filter(off).map(name),
    content: [...document.querySelectorAll('main *')].filter(e => !hidden(e) && off(e)).map(name),
  };
}"""


def guide_paths() -> list[str]:
    from careerguide.models import Page

    return [page.get_absolute_url() for page in Page.objects.published()]


def test_every_salary_table_cell_is_on_screen_on_a_phone(site, page):
    page.set_viewport_size(PHONE_375)
    page.goto(site.url + "/salary/")
    found = page.evaluate(CELLS_OFF_SCREEN)
    assert found["cells"] > 100  # every data table on the salary page
    assert found["off"] == []
    assert found["content"] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_375["width"]


def test_every_table_on_every_guide_page_fits_a_phone(site, page):
    page.set_viewport_size(PHONE_375)
    off = {}
    for path in guide_paths():
        page.goto(site.url + path)
        found = page.evaluate(CELLS_OFF_SCREEN)
        if found["off"] or found["content"]:
            off[path] = found["off"] + found["content"]
    assert off == {}


def test_salary_tables_print_every_cell_on_the_paper(site, page):
    # An A4 page at 96 dpi, less 2 cm margins: about 720 px of width.
    page.set_viewport_size({"width": 720, "height": 1000})
    page.emulate_media(media="print")
    page.goto(site.url + "/salary/")
    found = page.evaluate(CELLS_OFF_SCREEN)
    assert found["off"] == []
    assert found["content"] == []
    assert page.pdf(width="210mm", height="297mm")[:4] == b"%PDF"


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("path", ["/", "/salary/"])
def test_quick_facts_and_contents_sit_beside_the_text_on_a_wide_screen(site, page, path):
    page.set_viewport_size(DESKTOP)
    page.goto(site.url + path)
    facts, contents, body = (
        box(page, ".quick-facts"),
        box(page, ".page-contents"),
        box(page, ".page-body"),
    )
    assert facts["x"] >= body["x"] + body["width"]  # the right-hand column
    assert facts["x"] + facts["width"] > DESKTOP["width"] * 0.75
    assert contents["x"] == facts["x"] and contents["y"] > facts["y"]
    assert facts["y"] < body["y"] + 200  # at the top, beside the start of the text
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/", "/salary/"])
def test_quick_facts_and_contents_come_before_the_text_on_a_phone(site, page, path):
    page.set_viewport_size(PHONE_375)
    page.goto(site.url + path)
    facts, contents, body = (
        box(page, ".quick-facts"),
        box(page, ".page-contents"),
        box(page, ".page-body"),
    )
    assert facts["y"] < contents["y"] < body["y"]
    assert facts["width"] <= PHONE_375["width"]
    assert axe_violations(page) == []


def test_contents_links_reach_their_sections(site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(site.url + "/salary/")
    links = page.locator(".page-contents a")
    assert links.count() >= 10
    for i in range(links.count()):
        target = links.nth(i).get_attribute("href")
        expect(page.locator(target)).to_have_count(1)
    page.get_by_role("link", name="Pay by location").click()
    expect(page.locator("#location-pay")).to_be_in_viewport()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_reader_pages(site, page, scheme):
    """Screenshots to look at (in screenshots/); the pages must not scroll sideways."""
    page.emulate_media(color_scheme=scheme)
    for viewport in (PHONE_375, DESKTOP):
        page.set_viewport_size(viewport)
        for path, name in [("/", "home"), ("/pay-factors/", "guide-page"), ("/salary/", "salary")]:
            page.goto(site.url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            page.screenshot(
                path=str(SHOTS / f"layout-{name}-{viewport['width']}-{scheme}.png"), full_page=True
            )
