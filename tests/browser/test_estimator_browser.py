from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
FIGURE = "#estimate-result .estimate-figure"
FULL_QUERY = (
    "?years=5&education=associate&certifications=cmaa&employer=hospital&location=california"
)


def open_estimator(page, site, query: str = ""):
    page.goto(f"{site.url}/salary-estimator/{query}")
    expect(page.locator("h1")).to_have_text("Salary estimator")


def test_changing_an_answer_updates_the_result_in_place(site, page, console_errors):
    open_estimator(page, site)
    expect(page.locator(FIGURE)).to_have_text("$30,799")
    page.evaluate("window.__marker = 1")
    entries = page.evaluate("history.length")

    # A settled answer (a choice made) adds a history entry: 30,799.38 × 1.1072 (RPP).
    page.select_option("#id_location", "california")
    expect(page.locator(FIGURE)).to_have_text("$34,101")
    assert page.evaluate("window.__marker") == 1
    assert "location=california" in page.url
    assert page.evaluate("history.length") == entries + 1

    # Typing replaces the address without adding entries: 47,792.12 × 0.879982 × 1.1072.
    page.locator("#id_years").fill("5")
    expect(page.locator(FIGURE)).to_have_text("$46,565")
    assert page.evaluate("window.__marker") == 1
    assert page.evaluate("document.activeElement.id") == "id_years"
    assert "years=5" in page.url
    assert page.evaluate("history.length") == entries + 1
    expect(page.locator("#estimate-result .estimate-where")).to_contain_text(
        "percentile of medical secretaries in California"
    )
    assert console_errors == []


def test_the_address_reproduces_the_result_and_back_restores_the_last(
    site, page, browser, console_errors
):
    open_estimator(page, site)
    page.select_option("#id_employer", "hospital")
    expect(page.locator(FIGURE)).to_have_text("$33,109")  # 35,000 × 1.075 × 0.879982
    page.get_by_label("Certified Medical Administrative Assistant (CMAA)").check()
    expect(page.locator(FIGURE)).to_have_text("$36,420")  # 38,500 × 1.075 × 0.879982
    shared = page.url

    fresh = browser.new_page()
    fresh.goto(shared)
    expect(fresh.locator(FIGURE)).to_have_text("$36,420")
    expect(fresh.locator("#id_employer")).to_have_value("hospital")
    fresh.close()

    page.evaluate("window.__marker = 1")
    page.go_back()
    expect(page.locator(FIGURE)).to_have_text("$33,109")
    expect(
        page.get_by_label("Certified Medical Administrative Assistant (CMAA)")
    ).not_to_be_checked()
    expect(page.locator("#id_employer")).to_have_value("hospital")
    page.go_back()
    expect(page.locator(FIGURE)).to_have_text("$30,799")
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
    page.select_option("#id_location", "california")
    page.get_by_role("button", name="Estimate my pay").click()
    page.wait_for_url("**/salary-estimator/?*")
    # 59,603.3 on the salary sites' scale × 0.879982 × 1.1072 (test_estimator.py).
    expect(page.locator(FIGURE)).to_have_text("$58,072")
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
    expect(peek).to_contain_text("$30,799")
    expect(peek).to_contain_text("$28,442 to $33,599")
    box = peek.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]


def test_pay_check_updates_as_you_type_and_works_without_javascript(site, page, browser):
    page.goto(f"{site.url}/pay-check/")
    expect(page.locator("h1")).to_contain_text("Pay check")
    entries = page.evaluate("history.length")
    page.locator("#id_pay").press_sequentially("21.50", delay=40)
    headline = page.locator("#pay-check-result .pay-standing")
    expect(headline).to_have_text("About the 64th percentile")
    assert "pay=21.50" in page.url
    assert page.evaluate("history.length") == entries
    page.select_option("#id_location", "arkansas")
    expect(page.locator("#pay-check-result")).to_contain_text("In Arkansas:")
    assert page.evaluate("history.length") == entries + 1
    page.locator("#id_pay").fill("0")
    expect(page.locator("#id_pay_error")).to_contain_text("above zero")

    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(f"{site.url}/pay-check/")
    plain.locator("#id_pay").fill("39740")
    plain.select_option("#id_per", "year")
    plain.get_by_role("button", name="Check my pay").click()
    plain.wait_for_url("**/pay-check/?*")
    expect(plain.locator(".pay-standing")).to_have_text("The median (50th percentile)")
    context.close()


def test_pay_check_has_no_accessibility_violations(site, page):
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            page.goto(f"{site.url}/pay-check/?pay=21.50&per=hour&location=california")
            expect(page.locator(".pay-standing")).to_be_visible()
            assert axe_violations(page) == []
            page.screenshot(path=SCREENSHOTS / f"pay-check-{name}-{scheme}.png", full_page=True)


def test_a_submit_puts_the_answer_in_view_and_focus_on_a_phone(site, page, browser):
    # 375 × 800: the form fills the screen, so the answer is below it until a submit.
    page.set_viewport_size({"width": 375, "height": 800})
    for path, field, value, button in (
        ("/pay-check/", "#id_pay", "$19.50 an hour", "Check my pay"),
        ("/salary-estimator/", "#id_years", "4", "Estimate my pay"),
    ):
        page.goto(f"{site.url}{path}")
        page.locator(field).fill(value)
        page.get_by_role("button", name=button).click()
        heading = page.locator("#result")
        expect(heading).to_be_focused()
        expect(heading).to_be_in_viewport()
    expect(page.locator("#result")).to_have_text("Your typical pay")

    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    plain = context.new_page()
    plain.goto(f"{site.url}/pay-check/")
    plain.locator("#id_pay").fill("42,000 a year")
    plain.get_by_role("button", name="Check my pay").click()
    plain.wait_for_url("**/pay-check/?*#result")
    expect(plain.locator("#result")).to_have_text("Your pay: $42,000 a year ($20.19 an hour)")
    expect(plain.locator("#result")).to_be_in_viewport()
    context.close()


def test_typing_then_submitting_at_once_asks_once_and_keeps_the_answer_in_view(site, page):
    # A reader who types her pay and presses the button within the 400 ms typing pause:
    # the pause must not send the same answers again, and no later swap may move the page
    # away from the answer (it once jumped to the foot of the page, on CI's busy machine).
    page.set_viewport_size({"width": 375, "height": 800})
    for path, field, value, button in (
        ("/pay-check/", "#id_pay", "$19.50 an hour", "Check my pay"),
        ("/salary-estimator/", "#id_years", "4", "Estimate my pay"),
    ):
        page.goto(f"{site.url}{path}")
        asked = []

        def ask(request, asked=asked):
            if "?" in request.url:
                asked.append(request.url)

        page.on("request", ask)
        page.locator(field).fill(value)
        page.get_by_role("button", name=button).click()
        heading = page.locator("#result")
        expect(heading).to_be_focused()
        page.wait_for_timeout(900)
        expect(heading).to_be_focused()
        expect(heading).to_be_in_viewport()
        assert len(asked) == 1, asked
        page.remove_listener("request", ask)


def test_a_live_result_replacing_the_one_in_view_keeps_it_in_place(site, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site.url}/pay-check/")
    page.locator("#id_pay").fill("$19.50 an hour")
    page.get_by_role("button", name="Check my pay").click()
    heading = page.locator("#result")
    expect(heading).to_have_text("Your pay: $19.50 an hour ($40,560 a year)")
    page.wait_for_timeout(600)
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    # A new answer arrives while the reader looks at the old one (as a typing pause does).
    page.evaluate(
        """() => { const box = document.getElementById('id_pay'); box.value = '$21 an hour';
        box.dispatchEvent(new Event('input', { bubbles: true })); }"""
    )
    expect(heading).to_have_text("Your pay: $21.00 an hour ($43,680 a year)")
    expect(heading).to_be_in_viewport()
    assert abs(heading.evaluate("h => h.getBoundingClientRect().top") - top) < 2
