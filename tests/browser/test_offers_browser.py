"""The offer comparison in Chromium: htmx updates, no JavaScript, a 375 px phone, axe, and
the Columbus case of issue 20 end to end."""

from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, axe_violations

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PHONE = {"width": 375, "height": 800}
WIDE = {"width": 1280, "height": 800}
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
    expect(page.locator(VERDICT)).to_contain_text("Offer A is worth $45,000 a year in all")
    assert "a_pay=45000" in page.url

    page.locator("#id_b_pay").fill("22.50")
    page.select_option("#id_b_per", "hour")
    expect(page.locator(VERDICT)).to_have_text(
        "Offer B is worth more: $1,800 a year ($150 a month) more than Offer A; "
        "base pay decides it, and without that difference Offer A would be worth as much."
    )
    expect(page.locator(TABLE)).to_contain_text("$46,800")
    # The page was not reloaded, the focus stayed, and the address can be shared.
    assert page.evaluate("window.__marker") == 1
    # Typing never moves the focus to the result: only a submit does.
    assert page.evaluate("document.activeElement.closest('form').id") == "offers-form"
    assert "b_per=hour" in page.url and "b_pay=22.50" in page.url
    assert console_errors == []


def test_a_bad_answer_shows_its_message_and_clears_when_fixed(site, page, console_errors):
    open_offers(page, site, SHARED)
    page.locator("#id_a_pay").locator("xpath=ancestor::fieldset").locator(
        "summary", has_text="401(k)"
    ).click()
    # The rate shows once the match is said to be a share of what you put in.
    expect(page.locator("#id_a_match_rate")).to_be_hidden()
    page.get_by_label("A share of what you put in").first.check()
    page.locator("#id_a_match_rate").fill("500")
    expect(page.locator("#id_a_match_rate_error")).to_contain_text("from 0 to 200")
    expect(page.locator("#offers-result .error-summary")).to_contain_text(
        "Offer A, matches (% of what you put in)"
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
    page.wait_for_url("**/compare-offers/?*#result")
    expect(page.locator(VERDICT)).to_contain_text("$1,800 a year")
    # The browser opens the new page at the answer.
    expect(page.locator("#result")).to_be_in_viewport()
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


def submit_and_see_the_answer(page):
    """Submit, and the result's heading has the focus and is on screen."""
    page.get_by_role("button", name="Compare the offers").click()
    heading = page.locator("#result")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    return heading


def open_benefits(page, letter: str):
    page.locator(f"#id_{letter}_pay").locator("xpath=ancestor::fieldset").locator(
        "summary", has_text="401(k)"
    ).click()


def cell(page, row: str, offer: str):
    return page.locator(f"{TABLE} tr", has=page.locator("th", has_text=row)).locator(
        f'td[data-label="{offer}"]'
    )


def test_the_columbus_offers_on_a_phone(site, page, console_errors):
    # Issue 20: a PT clinic at $19.50 an hour, full time, with "a 3% 401(k) match", and a
    # hospital at $42,000 a year with nothing else stated, on a 375 px phone.
    SCREENSHOTS.mkdir(exist_ok=True)
    page.set_viewport_size(PHONE)
    open_offers(page, site)
    page.locator("#id_a_label").fill("Clinic")
    page.locator("#id_a_pay").fill("$19.50 an hour")
    page.locator("#id_a_hours").fill("40")
    open_benefits(page, "a")
    page.get_by_label("A share of your pay").first.check()
    page.locator("#id_a_match_pay").fill("3")
    page.locator("#id_b_label").fill("Hospital")
    page.locator("#id_b_pay").fill("42,000")
    heading = submit_and_see_the_answer(page)
    page.screenshot(path=SCREENSHOTS / "offers-columbus-phone.png")
    expect(heading).to_have_text("Which offer is worth more")
    assert "a_match_form=pay" in page.url and "a_match_pay=3" in page.url
    # 19.50 × 2,080 = 40,560 × 3% = 1,216.80: the clinic's match is $1,217.
    expect(cell(page, "401(k) match", "Clinic")).to_have_text("$1,217")
    # Nothing the hospital did not state is counted: no default match, no default health.
    expect(cell(page, "401(k) match", "Hospital")).to_have_text("Not stated")
    expect(cell(page, "Health insurance", "Hospital")).to_have_text("Not stated")
    expect(page.locator(VERDICT)).to_have_text(
        "Hospital is worth more: $223 a year ($19 a month) more than Clinic; base pay "
        "decides it, and without that difference Clinic would be worth more."
    )
    # What they leave unsaid: first what could change the answer, then what could not.
    groups = page.locator("#offers-result h4.unstated-group")
    expect(groups).to_have_text(["Could change the answer", "Would not change it"])
    could, would_not = page.locator("#offers-result .unstated-list").all()
    expect(could).to_contain_text("Clinic, paid leave: not stated.")
    expect(could.locator(".outcome").first).to_have_text("Clinic would come out ahead")
    expect(would_not).to_contain_text("Hospital, 401(k) match: not stated.")
    expect(would_not).to_contain_text(
        "If Hospital matches like a typical employer (50% of what you put in, up to 6% of "
        "pay), +$1,260 a year: Hospital stays ahead."
    )
    expect(page.locator("#offers-result")).not_to_contain_text("Stated default")
    assert every_cell_fits(page, PHONE["width"]) == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []
    page.locator("#unstated").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "offers-columbus-phone-unstated.png")
    page.set_viewport_size(WIDE)
    page.locator("#result").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "offers-columbus-desktop.png")
    page.screenshot(path=SCREENSHOTS / "offers-columbus-desktop-full.png", full_page=True)
    assert console_errors == []


def test_a_3_percent_match_typed_as_a_share_of_what_you_put_in_is_questioned(
    site, page, console_errors
):
    page.set_viewport_size(PHONE)
    open_offers(page, site, "?a_label=Clinic&a_pay=19.50&a_per=hour&a_hours=40")
    open_benefits(page, "a")
    page.get_by_label("A share of what you put in").first.check()
    page.locator("#id_a_match_rate").fill("3")
    note = "Did you mean a match of up to 3% of pay?"
    expect(page.locator("#id_a_match_rate_note")).to_contain_text(note)
    expect(page.locator("#offers-result .reading")).to_contain_text(note)
    expect(cell(page, "401(k) match", "Clinic")).to_have_text("$1,217")
    page.screenshot(path=SCREENSHOTS / "offers-mixup-phone.png")
    # Given its cap, the rate is taken as written and the question goes away.
    page.locator("#id_a_match_cap").fill("6")
    expect(page.locator("#id_a_match_rate_note")).to_be_empty()
    expect(cell(page, "401(k) match", "Clinic")).to_have_text("$73")
    assert console_errors == []


def test_health_insurance_in_words_shows_no_dollar_fields(site, page, console_errors):
    open_offers(page, site, "?a_pay=42000")
    open_benefits(page, "a")
    expect(page.locator("#id_a_premium")).to_be_hidden()
    page.get_by_label("The employer pays most of the premium").first.check()
    expect(page.locator("#id_a_premium")).to_be_hidden()
    # 80% of the seed's $9,325 single-coverage premium (KFF 2025).
    expect(cell(page, "Health insurance", "Offer A")).to_have_text("$7,460")
    page.get_by_label("In dollars").first.check()
    expect(page.locator("#id_a_premium")).to_be_visible()
    assert console_errors == []
