"""The editors' screens in Chromium, as an account in the Editors group uses them: the wage
list, the placeholder reference, the live preview and drafts of published pages."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import AXE, AXE_TAGS

SHOTS = Path("screenshots")
PASSWORD = "a-long-passphrase-42"
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 800}


def csp_errors(errors: list[str]) -> list[str]:
    return [e for e in errors if "Content Security Policy" in e or "Content-Security-Policy" in e]


@pytest.fixture
def editor(site, page, django_user_model):
    """Chromium signed in through the login form as an editor in the Editors group."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from tests.careerguide.test_permissions import editors_migrations

    # A live server's test empties every table after the one before, the group too:
    # build it again as the migrations do.
    first, *later = editors_migrations()
    first.create_editors_group(apps, None)
    for migration in later:
        migration.grant(apps, None)
    user = django_user_model.objects.create_user("ana", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    page.set_viewport_size(LAPTOP)
    page.goto(site.url + "/admin/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()
    return page


def content_violations(page) -> list[dict]:
    """axe-core's findings in the screen's own content (Django's admin frame is its own)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate(
        "tags => axe.run('#content-main', {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def shoot(page, name: str, focus=None) -> None:
    """A laptop and a phone screenshot of the screen as it is now, scrolled to focus."""
    SHOTS.mkdir(exist_ok=True)
    for label, size in (("desktop", LAPTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        if focus is not None:
            focus.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"))
    page.set_viewport_size(LAPTOP)


# Wage rows


def test_the_wage_list_fits_a_laptop_screen(site, editor, console_errors):
    page = editor
    page.goto(site.url + reverse("admin:salaries_oewswage_changelist"))
    results = page.locator("#changelist-form .results")
    expect(page.locator("#result_list")).to_contain_text("Practice or clinic manager")
    expect(page.locator("#result_list")).to_contain_text("$100,980")
    # Every heading readable: nothing is cut off at the list's right edge.
    overflow = results.evaluate("e => e.scrollWidth - e.clientWidth")
    assert overflow <= 0
    page.locator("#changelist-filter").get_by_role(
        "link", name="11-9111 Practice or clinic manager"
    ).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    shoot(page, "editor-wage-list")
    assert csp_errors(console_errors) == []


# Placeholder reference


def test_typing_in_the_placeholder_filter_hides_rows_that_do_not_match(
    site, editor, console_errors
):
    page = editor
    page.goto(site.url + reverse("admin:careerguide_page_placeholders"))
    hospital = page.locator('tr[data-name="employer.hospital.range"]')
    payscale = page.locator('tr[data-name="source.payscale.typical"]')
    expect(payscale).to_be_visible()
    # Names stay whole.
    name = hospital.locator("code")
    assert name.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"

    page.get_by_label("Search names, values and sources").press_sequentially("hospital")
    expect(payscale).to_be_hidden()
    expect(hospital).to_be_visible()
    expect(page.locator("#placeholders-source")).to_be_hidden()
    expect(page.locator("#placeholder-count")).to_contain_text("placeholders match “hospital”")
    assert "q=hospital" in page.url  # no button pressed, and a reload keeps the search

    page.get_by_label("Search names, values and sources").fill("")
    page.get_by_label("Search names, values and sources").dispatch_event("input")
    expect(payscale).to_be_visible()
    assert csp_errors(console_errors) == []
    found = content_violations(page)
    assert found == [], found


def test_the_copy_button_puts_the_name_on_the_clipboard(site, editor, console_errors):
    page = editor
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url)
    page.goto(site.url + reverse("admin:careerguide_page_placeholders"))
    button = page.get_by_role("button", name="Copy {{ employer.hospital.range }}")
    assert button.get_attribute("data-copy") == "{{ employer.hospital.range }}"
    button.click()
    expect(page.locator("#placeholder-copied")).to_contain_text(
        "Copied {{ employer.hospital.range }}"
    )
    expect(button).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == "{{ employer.hospital.range }}"
    page.get_by_label("Search names, values and sources").press_sequentially("hospital")
    shoot(page, "editor-placeholder-reference")
    assert csp_errors(console_errors) == []


# Live preview


def open_page_form(site, page, slug: str):
    from careerguide.models import Page

    saved = Page.objects.get(slug=slug)
    page.goto(site.url + reverse("admin:careerguide_page_change", args=[saved.pk]))
    return saved


def test_typing_in_the_body_updates_the_preview_beside_it(site, editor, console_errors):
    page = editor
    open_page_form(site, page, "what-they-do")
    preview = page.locator("#live-preview-body")
    expect(preview).to_contain_text("The role at a glance")  # the saved text, at once
    body = page.get_by_label("Body")
    body.fill("## Pay today\n\nTypical pay is {{ source.guide-national.typical }}.")
    expect(preview.get_by_role("heading", name="Pay today")).to_be_visible()
    expect(preview).not_to_contain_text("The role at a glance")
    expect(preview.locator("a.figure")).to_have_text("$45,160")
    expect(page.locator("#live-preview-status")).to_have_text("No problems.")

    body.press("End")
    body.press_sequentially(" And {{ source.nowhere.typical }} too.")
    mark = preview.locator("mark.figure-unknown")
    expect(mark).to_contain_text("source.nowhere.typical")
    expect(page.locator("#live-preview-status")).to_contain_text("1 problem")
    expect(preview.locator(".live-preview-problems a")).to_have_attribute("href", "#live-problem-1")
    # Side by side on a laptop: the preview starts to the right of the text.
    text_box = body.bounding_box()
    pane_box = page.locator("#live-preview").bounding_box()
    assert pane_box["x"] >= text_box["x"] + text_box["width"]
    shoot(page, "editor-live-preview", focus=page.locator("#live-preview"))
    assert csp_errors(console_errors) == []
    found = content_violations(page)
    assert found == [], found


# Drafts of published pages


def test_a_draft_is_saved_then_published_from_the_banner(site, editor, console_errors):
    page = editor
    open_page_form(site, page, "day-in-the-life")
    body = page.get_by_label("Body")
    body.fill(
        body.input_value() + "\n\nIn the newest survey the median was {{ bls.latest.a_median }}."
    )
    page.get_by_role(
        "button", name="Save as draft — readers keep seeing the published text"
    ).click()
    banner = page.locator(".draft-banner")
    expect(banner).to_contain_text("A draft change is waiting")
    expect(page.locator("#live-preview-body")).to_contain_text("the median was $39,740")
    shoot(page, "editor-draft-banner", focus=banner)

    reader = page.context.new_page()
    reader.goto(site.url + "/day-in-the-life/")
    expect(reader.locator("main")).not_to_contain_text("the median was")

    page.get_by_role("button", name="Publish the draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    expect(page.locator(".draft-banner")).to_have_count(0)
    reader.reload()
    expect(reader.locator("main")).to_contain_text("the median was $39,740")
    shoot(page, "editor-page-buttons", focus=page.locator(".submit-row").first)
    assert csp_errors(console_errors) == []
    found = content_violations(page)
    assert found == [], found
