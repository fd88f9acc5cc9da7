from playwright.sync_api import expect


def test_home_page_loads_in_chromium(site, page, console_errors):
    page.goto(site.url + "/")
    expect(page.locator("h1")).to_have_count(1)
    assert console_errors == []
