from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
FIGURE = "#estimate-result .estimate-figure"
FULL_QUERY = (
    "?years=5&education=associate&certifications=cmaa&employer=hospital&location=san-francisco"
)


def open_estimator(page, site, query: str = ""):
    page.goto(f"{site.url}/salary-estimator/{query}")
    expect(page.locator("h1")).to_have_text("Salary estimator")


def test_changing_an_answer_updates_the_result_in_place(site, page, console_errors):
    open_estimator(page, site)
    expect(page.locator(FIGURE)).to_have_text("$35,000")
    page.evaluate("window.__marker = 1")

    page.select_option("#id_location", "san-francisco")
    expect(page.locator(FIGURE)).to_have_text("$45,500")
    assert page.evaluate("window.__marker") == 1
    assert "location=san-francisco" in page.url

    page.locator("#id_years").fill("5")
    expect(page.locator(FIGURE)).to_have_text("$62,140")  # 47,800 × 1.30
    assert page.evaluate("window.__marker") == 1
    assert page.evaluate("document.activeElement.id") == "id_years"
    assert "years=5" in page.url
    assert console_errors == []


def test_the_address_reproduces_the_result_and_back_restores_the_last(
    site, page, browser, console_errors
):
    open_estimator(page, site)
    page.select_option("#id_employer", "hospital")
    expect(page.locator(FIGURE)).to_have_text("$37,625")  # 35,000 × 1.075
    page.get_by_label("Certified Medical Administrative Assistant (CMAA)").check()
    expect(page.locator(FIGURE)).to_have_text("$41,388")  # 38,500 × 1.075
    shared = page.url

    fresh = browser.new_page()
    fresh.goto(shared)
    expect(fresh.locator(FIGURE)).to_have_text("$41,388")
    expect(fresh.locator("#id_employer")).to_have_value("hospital")
    fresh.close()

    page.evaluate("window.__marker = 1")
    page.go_back()
    expect(page.locator(FIGURE)).to_have_text("$37,625")
    expect(
        page.get_by_label("Certified Medical Administrative Assistant (CMAA)")
    ).not_to_be_checked()
    expect(page.locator("#id_employer")).to_have_value("hospital")
    page.go_back()
    expect(page.locator(FIGURE)).to_have_text("$35,000")
    expect(page.locator("#id_employer")).to_have_value("corporate-chain")
    assert page.evaluate("window.__marker") == 1
    assert console_errors == []


def test_a_bad_answer_shows_its_message_and_clears_when_fixed(site, page, console_errors):
    open_estimator(page, site)
    page.locator("#id_years").fill("61")
    summary = page.locator("#estimate-result .error-summary")
    expect(summary).to_contain_text("Enter 60 years or fewer.")
    expect(page.locator("#id_years_error")).to_have_text("Enter 60 years or fewer.")
    expect(page.locator("#estimate-peek")).to_have_text("Check your answers")
    assert page.evaluate("document.activeElement.id") == "id_years"

    page.locator("#id_years").fill("6")
    expect(page.locator(FIGURE)).to_be_visible()
    expect(page.locator("#id_years_error")).to_be_empty()
    # The browser logs the 422 answer itself; nothing else may go wrong.
    assert [error for error in console_errors if "422" not in error] == []


def test_the_form_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_estimator(page, site)
    page.locator("#id_years").fill("5")
    page.select_option("#id_education", "associate")
    page.get_by_label("Certified Medical Administrative Assistant (CMAA)").check()
    page.select_option("#id_employer", "hospital")
    page.select_option("#id_location", "san-francisco")
    page.get_by_role("button", name="Estimate my pay").click()
    page.wait_for_url("**/salary-estimator/?*")
    expect(page.locator(FIGURE)).to_have_text("$77,282")
    expect(page.locator("#id_years")).to_have_value("5")

    page.locator("#id_years").fill("-1")
    page.get_by_role("button", name="Estimate my pay").click()
    expect(page.locator("#id_years_error")).to_have_text(
        "Years of experience cannot be negative. Enter 0 if you are new."
    )
    context.close()


def test_no_accessibility_violations_on_phone_and_desktop(site, page, console_errors):
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        open_estimator(page, site, FULL_QUERY)
        assert axe_violations(page) == []
        page.screenshot(path=SCREENSHOTS / f"estimator-{name}.png")
        page.screenshot(path=SCREENSHOTS / f"estimator-{name}-full.png", full_page=True)
        for part in ("breakdown", "raise", "total"):
            page.locator(f"#estimate-result [data-part={part}]").evaluate("e => e.scrollIntoView()")
            page.screenshot(path=SCREENSHOTS / f"estimator-{name}-{part}.png")
        page.evaluate("window.scrollTo(0, 0)")

        page.locator("#id_years").fill("61")
        expect(page.locator("#estimate-result .error-summary")).to_be_visible()
        assert axe_violations(page) == []
        page.screenshot(path=SCREENSHOTS / f"estimator-{name}-error.png")
    assert [error for error in console_errors if "422" not in error] == []


def test_no_accessibility_violations_in_the_dark_colour_scheme(site, page):
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size(PHONE)
    open_estimator(page, site, FULL_QUERY)
    assert axe_violations(page) == []
    page.screenshot(path=SCREENSHOTS / "estimator-phone-dark.png")


def test_phone_shows_the_typical_figure_on_the_first_screen(site, page):
    page.set_viewport_size(PHONE)
    open_estimator(page, site)
    peek = page.locator("#estimate-peek")
    expect(peek).to_contain_text("$35,000")
    expect(peek).to_contain_text("$35,000 to $42,000")
    box = peek.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]
