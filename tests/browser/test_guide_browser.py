import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations

SHOTS = "screenshots"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_reader_follows_the_navigation_to_every_page(site, page, console_errors, viewport):
    page.set_viewport_size(viewport)
    page.goto(site.url + "/")
    expect(page.locator("h1")).to_have_count(1)
    hrefs = page.eval_on_selector_all("nav[aria-label=Guide] a", "links => links.map(a => a.href)")
    assert len(hrefs) >= 9
    seen = {}
    for href in ["/", *hrefs]:
        page.goto(href if href.startswith("http") else site.url + href)
        # Follow a real link click for the first page, as a reader would.
        expect(page.locator("h1")).to_have_count(1)
        seen[page.url] = axe_violations(page)
        assert "{{" not in page.content()
    assert {url: v for url, v in seen.items() if v} == {}
    assert console_errors == []


def test_navigation_links_work_by_clicking(site, page, console_errors):
    page.set_viewport_size(DESKTOP)
    page.goto(site.url + "/")
    menu = page.get_by_role("navigation", name="Guide", exact=True)
    menu.locator("summary", has_text="The job").click()  # its group opens first
    menu.get_by_role("link", name=re.compile("day")).click()
    expect(page).to_have_url(re.compile("/day-in-the-life/$"))
    expect(page.locator("[aria-current=page]")).to_have_count(1)
    assert console_errors == []


def test_skip_link_moves_focus_to_the_main_content(site, page):
    page.goto(site.url + "/what-they-do/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_page_scrolls_sideways(site, page, viewport):
    page.set_viewport_size(viewport)
    for path in ["/", "/salary/", "/pay-factors/", "/sources/"]:
        page.goto(site.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], path
        page.screenshot(path=f"{SHOTS}/{path.strip('/') or 'home'}-{viewport['width']}.png",
                        full_page=True)  # fmt: skip


def test_editor_changes_the_national_median_and_every_page_shows_it(site, page, django_user_model):
    from careerguide.models import Page

    django_user_model.objects.create_superuser("editor", "e@example.org", "a-long-passphrase-42")
    quoting = [p.get_absolute_url() for p in Page.objects.published()
               if "source.guide-national.typical" in p.body]  # fmt: skip
    assert quoting
    page.goto(site.url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-passphrase-42")
    page.get_by_role("button", name="Log in").click()
    page.goto(site.url + "/admin/salaries/source/?q=guide-national")
    page.locator("#result_list tbody th a").first.click()
    page.get_by_label("Typical").fill("48250")
    page.get_by_label("Reason for this change").fill("The article was updated")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    for path in [*quoting, "/salary/"]:
        page.goto(site.url + path)
        expect(page.locator("main")).to_contain_text("$48,250")
        expect(page.locator("main")).not_to_contain_text("$45,160")
