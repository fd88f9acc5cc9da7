"""The grouped site menu in Chromium: compact on a phone, one row on a desktop, keyboard and
no-JavaScript use, and where each page's heading and first paragraph start."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

PHONE_375 = {"width": 375, "height": 800}
DESKTOP_1280 = {"width": 1280, "height": 800}
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
TOOLS = ["/salary-estimator/", "/pay-check/", "/compare-offers/", "/sources/"]
GROUPS = ["The job", "Pay", "Getting in", "Tools"]

# Where the heading and the first paragraph of <main> start, from the top of the page (not
# counting the draft or stale-figures banners, which are paragraphs too).
FIRST_SCREEN = """() => {
  const top = (e) => e ? e.getBoundingClientRect().top + window.scrollY : null;
  const paragraph = [...document.querySelectorAll('main p')]
    .find((p) => !p.closest('.banner') && p.getClientRects().length);
  return {
    header: document.querySelector('.site-header').getBoundingClientRect().height,
    h1: top(document.querySelector('main h1')),
    paragraph: top(paragraph),
    text: paragraph ? paragraph.textContent.trim().slice(0, 40) : null,
  };
}"""


def guide_paths() -> list[str]:
    from careerguide.models import Page

    return [page.get_absolute_url() for page in Page.objects.published()]


def group(page, label: str):
    return page.locator("nav.site-menu details.menu-group").filter(
        has=page.locator("summary", has_text=label)
    )


def test_every_page_starts_on_the_first_screen_of_a_phone(site, page):
    page.set_viewport_size(PHONE_375)
    found = {}
    for path in guide_paths() + TOOLS:
        page.goto(site.url + path)
        found[path] = page.evaluate(FIRST_SCREEN)
    late = {
        path: where
        for path, where in found.items()
        if where["h1"] >= PHONE_375["height"] or where["paragraph"] >= PHONE_375["height"]
    }
    assert late == {}
    # The menu takes one brand line and one row of buttons, an eighth of the screen.
    assert max(where["header"] for where in found.values()) <= 100
    assert all(where["h1"] < 120 for where in found.values())


def test_the_whole_menu_is_one_tap_away_on_a_phone(site, page, console_errors):
    page.set_viewport_size(PHONE_375)
    page.goto(site.url + "/pay-factors/")
    nav = page.get_by_role("navigation", name="Guide", exact=True)
    summaries = nav.locator("summary")
    expect(summaries).to_have_text(GROUPS)
    tops = {round(box["y"]) for box in (s.bounding_box() for s in summaries.all())}
    assert len(tops) == 1  # one row
    expect(nav.get_by_role("link")).to_have_count(0)  # every group closed
    page.screenshot(path=str(SHOTS / "menu-phone-closed.png"))

    nav.locator("summary", has_text="Pay").click()
    links = group(page, "Pay").get_by_role("link")
    expect(links).to_have_text(["Salary", "Pay factors", "How estimates work", "Data sources"])
    for link in links.all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_375["width"]
        assert box["height"] >= 44  # a finger-sized target
    expect(group(page, "Pay").locator("[aria-current=page]")).to_have_text("Pay factors")
    page.screenshot(path=str(SHOTS / "menu-phone-open.png"))
    assert axe_violations(page) == []

    # Opening another group closes the first.
    nav.locator("summary", has_text="Tools").click()
    expect(group(page, "Pay").get_by_role("link")).to_have_count(0)
    group(page, "Tools").get_by_role("link", name="Compare offers").click()
    expect(page).to_have_url(re.compile("/compare-offers/$"))
    expect(page.locator("h1")).to_have_text("Compare job offers")
    assert console_errors == []


def test_the_menu_fits_one_row_on_a_desktop(site, page, console_errors):
    page.set_viewport_size(DESKTOP_1280)
    page.goto(site.url + "/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 70
    brand = page.locator(".brand").bounding_box()
    centre = brand["y"] + brand["height"] / 2
    for summary in page.locator("nav.site-menu summary").all():
        box = summary.bounding_box()
        assert abs(box["y"] + box["height"] / 2 - centre) < 4  # the brand's row
    for label in GROUPS:
        page.locator("nav.site-menu summary", has_text=label).click()
        panel = group(page, label).locator(".nav-list").bounding_box()
        assert panel["y"] >= header["y"] + header["height"] - 8  # drops below the bar
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= DESKTOP_1280["width"]
        expect(page.locator("details.menu-group[open]")).to_have_count(1)
    page.screenshot(path=str(SHOTS / "menu-desktop-open.png"))
    assert axe_violations(page) == []
    # A click elsewhere on the page closes it (static/reader.js).
    page.locator("main h1").click()
    expect(page.locator("details.menu-group[open]")).to_have_count(0)
    assert console_errors == []


def test_the_menu_by_keyboard(site, page):
    page.set_viewport_size(DESKTOP_1280)
    page.goto(site.url + "/glossary/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(".brand")).to_be_focused()
    page.keyboard.press("Tab")
    job = page.locator("nav.site-menu summary", has_text="The job")
    expect(job).to_be_focused()
    # The focus ring shows on the button.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(group(page, "The job").get_by_role("link", name="What they do")).to_be_focused()
    page.keyboard.press("Escape")
    expect(job).to_be_focused()
    expect(page.locator("details.menu-group[open]")).to_have_count(0)
    # Tabbing on from an open group to the next button closes it.
    page.keyboard.press("Enter")
    links = group(page, "The job").get_by_role("link").count()
    for _ in range(links + 1):  # its links, then the next button
        page.keyboard.press("Tab")
    expect(page.locator("nav.site-menu summary", has_text="Pay")).to_be_focused()
    expect(page.locator("details.menu-group[open]")).to_have_count(0)
    # The current page is marked in its group for screen readers.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    current = group(page, "Getting in").locator("[aria-current=page]")
    expect(current).to_have_text("Glossary")


def test_the_menu_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE_375)
    page = context.new_page()
    page.goto(site.url + "/")
    page.locator("nav.site-menu summary", has_text="The job").click()
    group(page, "The job").get_by_role("link", name="A day").click()
    expect(page).to_have_url(re.compile("/day-in-the-life/$"))
    page.locator("nav.site-menu summary", has_text="Tools").click()
    expect(group(page, "Tools").get_by_role("link")).to_have_text(
        ["Salary estimator", "Pay check", "Compare offers"]
    )
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_menu(site, page, scheme):
    """Screenshots to look at (in screenshots/); the open menu must not scroll sideways."""
    page.emulate_media(color_scheme=scheme)
    for viewport in (PHONE_375, DESKTOP_1280):
        page.set_viewport_size(viewport)
        page.goto(site.url + "/salary/")
        page.locator("nav.site-menu summary", has_text="Pay").click()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.screenshot(path=str(SHOTS / f"menu-{viewport['width']}-{scheme}.png"))
