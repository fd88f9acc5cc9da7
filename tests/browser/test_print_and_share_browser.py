"""Printing and sharing a result in Chromium: one sheet each (PDF), no menu, form or
buttons on paper, and a copy button that only JavaScript brings."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, axe_violations

PHONE_375 = {"width": 375, "height": 800}
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
RESULTS = {
    "estimate": "/salary-estimator/?years=5&education=associate&certifications=cmaa"
    "&employer=hospital&location=california",
    # The longest estimate: every certification and skill (each with its note), 40
    # years, and a metro area typed.
    "long-estimate": "/salary-estimator/?years=40&education=bachelor&certifications=cmaa"
    "&certifications=cehrs&certifications=cpct&skills=emr&skills=billing-coding"
    "&skills=insurance&skills=excel&employer=hospital&location_city=San+Francisco",
    "pay-check": "/pay-check/?pay=21.50&per=hour&location=california",
    # The shared link, and three offers with benefits and places of their own.
    "two-offers": "/compare-offers/?a_pay=45000&a_per=year&b_pay=22.50&b_per=hour",
    "three-offers": "/compare-offers/?a_pay=45000&a_per=year&a_label=Clinic&b_pay=22.50"
    "&b_per=hour&b_label=Chain&b_bonus=1500&b_pto_days=15&c_pay=47000"
    "&c_label=Hospital+system&c_location=california",
}
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def visible(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        selector, "els => els.filter(e => e.getClientRects().length).map(e => e.tagName)"
    )


@pytest.mark.parametrize("name", list(RESULTS))
def test_a_result_prints_on_one_sheet(site, page, name):
    page.set_viewport_size(DESKTOP)
    page.goto(site.url + RESULTS[name])
    page.emulate_media(media="print")
    for paper in ("Letter", "A4"):
        pdf = page.pdf(format=paper)
        assert pdf[:5] == b"%PDF-"
        assert len(PAGE_OBJECT.findall(pdf)) == 1, paper
    # On paper: no menu, header, form, buttons or links to click...
    for chrome in (".site-header", "nav", "form", "button", ".share-link", ".skip-link"):
        assert visible(page, chrome) == [], chrome
    # ...but the result, its sources and their dates, the day and the full address.
    expect(page.locator(".estimate-headline")).to_be_visible()
    # At least one source link prints (the first in the page may belong to a detail that
    # stays on screen only).
    assert visible(page, "main a[href^='/sources/#source-']")
    assert visible(page, "main time")
    expect(page.locator(".site-footer .print-only")).to_contain_text("worked out on")
    address = page.locator(".share .print-only")
    expect(address).to_be_visible()
    expect(address).to_contain_text(RESULTS[name].split("?")[1].split("&")[0])
    if name in ("estimate", "long-estimate", "pay-check"):
        expect(page.locator(".print-answers")).to_be_visible()
    page.screenshot(path=str(SHOTS / f"print-{name}.png"), full_page=True)


def test_on_screen_the_paper_only_parts_stay_hidden(site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(site.url + RESULTS["estimate"])
    expect(page.locator(".share-link")).to_be_visible()
    assert visible(page, ".print-only") == []
    expect(page.locator(".site-header")).to_be_visible()


def test_copy_link_copies_the_address_of_the_result_shown(site, page, context, console_errors):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.set_viewport_size(PHONE_375)
    page.goto(site.url + "/salary-estimator/")
    page.select_option("#id_location", "california")
    link = page.locator("#estimate-result .share-link")
    expect(link).to_have_attribute("href", re.compile(r"location=california"))
    # The result htmx swapped in has its button, shown by static/reader.js.
    button = page.locator("#estimate-result .copy-link")
    expect(button).to_be_visible()
    button.click()
    status = page.get_by_role("status").filter(has_text="Link copied.")
    expect(status).to_be_visible()
    # Said outside the result's live region, so the result is not read out again.
    assert status.evaluate("e => e.closest('[aria-live]')") is None
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == site.url + link.get_attribute("href")
    page.goto(copied)
    expect(page.locator("#id_location")).to_have_value("california")
    page.screenshot(path=str(SHOTS / "share-phone.png"))
    assert axe_violations(page) == []
    assert console_errors == []


def test_without_javascript_the_link_is_there_and_the_button_is_not(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE_375)
    page = context.new_page()
    for name in ("estimate", "pay-check", "two-offers"):
        page.goto(site.url + RESULTS[name])
        expect(page.locator(".share-link")).to_be_visible()
        expect(page.locator(".copy-link")).to_be_hidden()
    page.locator(".share-link").click()
    expect(page).to_have_url(re.compile(r"/compare-offers/\?a_pay=45000&a_per=year&b_pay=22.50"))
    expect(page.locator(".verdict")).to_contain_text("Offer B is worth more")
    context.close()
