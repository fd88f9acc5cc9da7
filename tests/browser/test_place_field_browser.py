"""The place field in Chromium: suggestions as one types, a state chosen in the list
empties the box, and a typed place works without JavaScript."""

from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
FIGURE = "#estimate-result .estimate-figure"
PLACE = "#estimate-result .estimate-where"
QUERY = "?years=5&education=associate&employer=hospital&location=united-states"


def open_estimator(page, site, query: str = QUERY):
    page.goto(f"{site.url}/salary-estimator/{query}")
    expect(page.locator("h1")).to_have_text("Salary estimator")


def test_typing_suggests_places_and_choosing_one_updates_the_estimate(site, page, console_errors):
    open_estimator(page, site)
    box = page.locator("#id_location_city")
    box.press_sequentially("san fr", delay=40)
    suggestion = page.locator("#id_location_city_suggestions .place-suggestion")
    expect(suggestion).to_have_count(1)
    expect(suggestion).to_have_text("San Francisco-Oakland-Fremont, CA")
    suggestion.click()
    expect(box).to_have_value("San Francisco-Oakland-Fremont, CA")
    expect(page.locator(PLACE)).to_contain_text("San Francisco-Oakland-Fremont, CA")
    expect(suggestion).to_have_count(0)
    assert "location_city=San%20Francisco" in page.url

    # Choosing a state in the list empties the box, so the state counts.
    page.select_option("#id_location", "california")
    expect(box).to_have_value("")
    expect(page.locator(PLACE)).to_contain_text("in California")
    assert console_errors == [], console_errors


def test_a_place_typed_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_estimator(page, site)
    page.locator("#id_location_city").fill("san francisco, ca")
    page.get_by_role("button", name="Estimate my pay").click()
    page.wait_for_url("**location_city=*")
    expect(page.locator(PLACE)).to_contain_text("San Francisco-Oakland-Fremont, CA")
    expect(page.locator("#id_location_city")).to_have_value("San Francisco-Oakland-Fremont, CA")

    page.locator("#id_location_city").fill("Atlantis")
    page.get_by_role("button", name="Estimate my pay").click()
    expect(page.locator("#id_location_error")).to_contain_text(
        "No metropolitan area on file matches what was typed."
    )
    context.close()


def test_the_place_field_has_no_accessibility_violations(site, page):
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        open_estimator(page, site)
        page.locator("#id_location_city").press_sequentially("san", delay=40)
        expect(page.locator("#id_location_city_suggestions .place-suggestion")).not_to_have_count(0)
        assert axe_violations(page) == []
        page.locator(".field-location").screenshot(path=SCREENSHOTS / f"place-field-{name}.png")
        for path in ("/pay-check/", "/compare-offers/"):
            page.goto(site.url + path)
            assert axe_violations(page) == []
        page.goto(site.url + "/compare-offers/")
        page.locator(".field-location").first.screenshot(
            path=SCREENSHOTS / f"place-field-offers-{name}.png"
        )
