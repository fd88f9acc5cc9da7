"""The site menu: links grouped by what a reader wants, each group a plain-HTML disclosure."""

import re

import pytest

from careerguide.models import Page

GROUP = re.compile(
    r'<details class="menu-group[^"]*"[^>]*>\s*'
    r"<summary[^>]*>(?P<label>[^<]+)</summary>(?P<body>.*?)</details>",
    re.DOTALL,
)
LINK = re.compile(
    r'<a href="(?P<href>[^"]+)"(?P<current> aria-current="page")?>(?P<label>[^<]+)</a>'
)


def menu(client, path: str = "/") -> str:
    html = client.get(path).content.decode()
    return html.split('aria-label="Guide"')[1].split("</nav>")[0]


def groups(client, path: str = "/") -> dict[str, list[str]]:
    return {
        m["label"].strip(): [link["label"] for link in LINK.finditer(m["body"])]
        for m in GROUP.finditer(menu(client, path))
    }


def test_the_menu_has_four_groups_in_a_readers_order(client, guide):
    found = groups(client)
    assert list(found) == ["The job", "Pay", "Getting in", "Tools"]
    assert found["The job"] == [
        "What they do", "A day", "Work environment", "Outlook", "Similar jobs", "Is it for you?"
    ]  # fmt: skip
    assert found["Pay"] == ["Salary", "Pay factors", "How estimates work", "Data sources"]
    assert found["Getting in"] == [
        "Get started", "Job search", "Insurance", "More information", "Glossary"
    ]  # fmt: skip
    assert found["Tools"] == ["Salary estimator", "Pay check", "Compare offers"]


def test_every_published_page_and_every_tool_is_in_the_menu_once(client, guide):
    hrefs = [link["href"] for link in LINK.finditer(menu(client))]
    pages = [p.get_absolute_url() for p in Page.objects.published() if p.slug != Page.HOME_SLUG]
    tools = ["/salary-estimator/", "/pay-check/", "/compare-offers/", "/sources/"]
    assert sorted(hrefs) == sorted(pages + tools)


def test_a_page_an_editor_adds_appears_at_the_end_of_the_default_group(client, guide):
    Page.objects.create(
        title="Working from home",
        nav_label="Remote work",
        slug="remote-work",
        summary="How often coordinators work from home.",
        body="## Rarely\n\nMost of the work happens at the front desk.\n",
        status=Page.Status.PUBLISHED,
    )
    Page.objects.create(
        title="Not ready", slug="not-ready", summary="s", body="b", status=Page.Status.DRAFT
    )
    found = groups(client)
    assert found["The job"][-1] == "Remote work"
    assert "Not ready" not in [label for labels in found.values() for label in labels]


def test_position_orders_the_pages_within_their_group(client, guide):
    Page.objects.filter(slug="right-career").update(position=0)
    Page.objects.get(slug="right-career").save()  # a new content version
    assert groups(client)["The job"][0] == "Is it for you?"


@pytest.mark.parametrize(
    ("path", "label", "group"),
    [
        ("/day-in-the-life/", "A day", "The job"),
        ("/salary/", "Salary", "Pay"),
        ("/glossary/", "Glossary", "Getting in"),
        ("/compare-offers/", "Compare offers", "Tools"),
        ("/pay-check/", "Pay check", "Tools"),
        ("/sources/", "Data sources", "Pay"),
    ],
)
def test_the_current_page_and_its_group_are_marked(client, guide, path, label, group):
    html = menu(client, path)
    current = [link["label"] for link in LINK.finditer(html) if link["current"]]
    assert current == [label]
    marked = [m["label"].strip() for m in GROUP.finditer(html) if "menu-current" in m.group(0)]
    assert marked == [group]


def test_no_group_is_marked_on_the_home_page(client, guide):
    html = menu(client, "/")
    assert "aria-current" not in html
    assert "menu-current" not in html


def test_the_menu_is_plain_html_that_needs_no_script(client, guide):
    html = client.get("/pay-factors/").content.decode()
    nav = menu(client, "/pay-factors/")
    # Closed disclosures the browser opens by itself; one open at a time where supported.
    assert len(re.findall(r'<details class="menu-group[ "]', nav)) == 4
    assert nav.count('name="site-menu"') == 4
    assert " open" not in nav
    # The house rules: no inline script, style or handlers anywhere in the page.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "style=" not in html
    assert not re.search(r"\son[a-z]+=", html)
    assert "hx-on" not in html
