"""The offer comparison in Chromium: htmx updates, no JavaScript, a 375 px phone, axe."""

from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, axe_violations

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PHONE = {"width": 375, "height": 812}
SHARED = "?a_pay=45000&a_per=year&b_pay=22.50&b_per=hour"
VERDICT = "#offers-result .verdict"
TABLE = "#offers-result .offers-table"


def open_offers(page, site, query: str = ""):
    page.goto(f"{site.url}/compare-offers/{query}")
    expect(page.locator("h1")).to_have_text("Compare job offers")


def test_typing_updates_the_comparison_in_place(site, page, console_errors):
    open_offers(page, site)
    page.evaluate("window.__marker = 1")
    page.locator("#id_a_pay").fill("45000")
    expect(page.locator(VERDICT)).to_contain_text("Offer A is worth $55,570 a year in all")
    assert "a_pay=45000" in page.url

    page.locator("#id_b_pay").fill("22.50")
    page.select_option("#id_b_per", "hour")
    expect(page.locator(VERDICT)).to_have_text(
        "Offer B is worth more: $1,995 a year ($166 a month) more than Offer A; "
        "base pay decides it."
    )
    expect(page.locator(TABLE)).to_contain_text("$46,800")
    # The page was not reloaded, the focus stayed, and the address can be shared.
    assert page.evaluate("window.__marker") == 1
    assert page.evaluate("document.activeElement.closest('form').id") == "offers-form"
    assert "b_per=hour" in page.url and "b_pay=22.50" in page.url
    assert console_errors == []


def test_a_bad_answer_shows_its_message_and_clears_when_fixed(site, page, console_errors):
    open_offers(page, site, SHARED)
    page.locator("#id_a_pay").locator("xpath=ancestor::fieldset").locator("summary").first.click()
    page.locator("#id_a_match_rate").fill("500")
    expect(page.locator("#id_a_match_rate_error")).to_contain_text("from 0 to 200")
    expect(page.locator("#offers-result .error-summary")).to_contain_text(
        "Offer A, 401(k) match rate"
    )
    page.locator("#id_a_match_rate").fill("100")
    expect(page.locator("#id_a_match_rate_error")).to_be_empty()
    expect(page.locator(VERDICT)).to_contain_text("decides it")
    # The browser logs the 422 answer itself; nothing else may go wrong.
    assert [error for error in console_errors if "422" not in error] == []


def test_the_form_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_offers(page, site)
    page.locator("#id_a_pay").fill("45000")
    page.locator("#id_b_pay").fill("22.50")
    page.select_option("#id_b_per", "hour")
    page.get_by_role("button", name="Compare the offers").click()
    page.wait_for_url("**/compare-offers/?*")
    expect(page.locator(VERDICT)).to_contain_text("$1,995 a year")
    expect(page.locator(TABLE)).to_contain_text("$45,000")
    expect(page.locator("#id_b_pay")).to_have_value("22.50")

    page.locator("#id_a_pay").fill("-5")
    page.get_by_role("button", name="Compare the offers").click()
    expect(page.locator("#id_a_pay_error")).to_contain_text("Pay cannot be negative")
    context.close()


def every_cell_fits(page, width: int) -> list[str]:
    """The cells of the table of offers that reach past the screen's edge."""
    return page.evaluate(
        """width => [...document.querySelectorAll('.offers-table th, .offers-table td')]
            .filter(cell => cell.getBoundingClientRect().right > width + 0.5)
            .map(cell => cell.textContent.trim())""",
        width,
    )


def test_a_phone_shows_every_cell_of_three_offers(site, page, console_errors):
    page.set_viewport_size(PHONE)
    open_offers(page, site, SHARED + "&c_pay=47000&c_label=Hospital+system&c_location=california")
    expect(page.locator(VERDICT)).to_be_visible()
    assert every_cell_fits(page, PHONE["width"]) == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    assert console_errors == []


def test_screenshots_and_no_accessibility_violations(site, page, console_errors):
    SCREENSHOTS.mkdir(exist_ok=True)
    query = SHARED + "&c_pay=47000&c_label=Hospital+system&c_location=california"
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            open_offers(page, site, query)
            expect(page.locator(VERDICT)).to_be_visible()
            assert axe_violations(page) == []
            page.screenshot(path=SCREENSHOTS / f"offers-{name}-{scheme}.png")
            page.locator("#offers-result").evaluate("e => e.scrollIntoView()")
            page.screenshot(path=SCREENSHOTS / f"offers-{name}-{scheme}-result.png")
            page.screenshot(path=SCREENSHOTS / f"offers-{name}-{scheme}-full.png", full_page=True)
    page.emulate_media(color_scheme="light")
    page.set_viewport_size(PHONE)
    open_offers(page, site, "?a_pay=45000&a_pto_days=400")
    expect(page.locator("#offers-result .error-summary")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path=SCREENSHOTS / "offers-phone-error.png", full_page=True)
    # Printed: the form and the menu go, the comparison stays.
    page.set_viewport_size(DESKTOP)
    open_offers(page, site, query)
    page.emulate_media(media="print")
    expect(page.locator("#offers-form")).to_be_hidden()
    expect(page.locator(VERDICT)).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "offers-print.png", full_page=True)
    assert [error for error in console_errors if "422" not in error] == []
