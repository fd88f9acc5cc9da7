"""The salary page's map of the states in Chromium: axe, a 375 px phone, the keyboard."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 800}
SECTION = "section[aria-labelledby=state-map]"
# A dozen states with BLS rows of their own (BLS's May 2025 medians); California and
# Illinois have price parities too, and the seed's other state parities become estimates.
MEDIANS = {
    "01": 36930, "06": 54490, "12": 41730, "13": 43160, "17": 46670, "25": 50290,
    "27": 50030, "36": 47710, "39": 44280, "47": 39940, "48": 42910, "53": 58100,
}  # fmt: skip


@pytest.fixture
def states(site):
    from salaries.models import AreaType, OewsRelease, OewsWage
    from salaries.pay.places import STATES
    from salaries.snapshot import tables_changed

    names = dict(STATES)
    release = OewsRelease.objects.get(survey_date=date(2022, 5, 1))
    OewsWage.objects.bulk_create(
        OewsWage(
            release=release,
            area=code,
            area_title=names[code],
            area_type=AreaType.STATE,
            a_median=median,
        )
        for code, median in MEDIANS.items()
    )
    tables_changed()
    return site


def open_map(page, site):
    page.goto(f"{site.url}/salary/")
    page.locator(SECTION).scroll_into_view_if_needed()
    page.locator("#state-map").evaluate("e => e.scrollIntoView()")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_salary_page_with_the_map_passes_axe_on_a_phone_and_a_desktop(states, page, scheme):
    SHOTS.mkdir(exist_ok=True)
    page.emulate_media(color_scheme=scheme)
    for name, size in (("375", PHONE), ("1280", DESKTOP)):
        page.set_viewport_size(size)
        open_map(page, states)
        expect(page.locator(f"{SECTION} svg.state-map a")).to_have_count(2 * 51)
        assert axe_violations(page) == []
        page.screenshot(path=SHOTS / f"state-map-{name}-{scheme}-intro.png")
        page.locator(f"{SECTION} .map-legend").evaluate("e => e.scrollIntoView()")
        page.screenshot(path=SHOTS / f"state-map-{name}-{scheme}.png")
        page.locator(f"{SECTION} table").evaluate("e => e.scrollIntoView()")
        page.screenshot(path=SHOTS / f"state-map-{name}-{scheme}-table.png")


def test_on_a_phone_the_maps_fit_and_each_tile_is_big_enough_to_tap(states, page):
    page.set_viewport_size(PHONE)
    open_map(page, states)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    boxes = page.locator(f"{SECTION} svg.state-map").evaluate_all(
        "maps => maps.map(m => m.getBoundingClientRect().toJSON())"
    )
    assert len(boxes) == 2
    for box in boxes:
        assert box["left"] >= 0 and box["right"] <= PHONE["width"]
    tile = page.locator(f'{SECTION} a[aria-label^="Ohio:"] rect').first.bounding_box()
    assert tile["width"] >= 24 and tile["height"] >= 24  # WCAG 2.2's smallest target
    # The table stacks each state's figures under their headings instead of scrolling.
    row = page.locator(f"{SECTION} table tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "grid"


def test_a_tile_reached_by_keyboard_opens_the_estimate_for_its_state(states, page):
    page.set_viewport_size(DESKTOP)
    open_map(page, states)
    ohio = page.locator(f'{SECTION} svg.state-map a[aria-label="Ohio: $44,280 a year, published"]')
    expect(ohio).to_have_count(1)
    ohio.focus()
    width = ohio.locator("rect").first.evaluate("r => getComputedStyle(r).strokeWidth")
    assert width == "3px"  # the focused tile is outlined
    page.keyboard.press("Enter")
    page.wait_for_url("**/salary-estimator/?location=ohio")
    expect(page.locator("#id_location")).to_have_value("ohio")


def test_the_maps_are_there_without_javascript(states, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{states.url}/salary/")
    expect(page.locator(f"{SECTION} svg.state-map")).to_have_count(2)
    expect(page.locator(f"{SECTION} table tbody tr")).to_have_count(51)
    context.close()
