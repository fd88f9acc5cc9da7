import re
import time
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careerguide.markup import loose_placeholders, problems, render, unknown_placeholders
from careerguide.models import Page


class Elements(HTMLParser):
    """The tags and attributes a browser would build from some HTML."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)


@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert('x')</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        '<p style="color:red">x</p>',
        '<iframe src="https://example.com"></iframe>',
        '<svg onload="alert(1)"></svg>',
    ],
)
def test_render_never_builds_dangerous_elements(salary_data, dangerous):
    html = render(f"Hello\n\n{dangerous}\n")
    elements = Elements(html)
    assert not {"script", "img", "iframe", "svg"} & set(elements.tags)
    assert all(not name.startswith("on") and name != "style" for name, _ in elements.attributes)
    assert all("javascript" not in value for _, value in elements.attributes)
    assert "Hello" in html


def test_html_in_prose_shows_as_text_and_keeps_the_rest(salary_data):
    html = render("Never paste a <script> tag into a form.\n\nThe rest of the page.\n")
    assert "&lt;script&gt; tag into a form." in html
    assert "The rest of the page." in html


@pytest.mark.parametrize(
    "body, message",
    [
        ("".join(f"{'  ' * n}- level {n}\n" for n in range(300)), "Lists are nested"),
        ("[" * 12_000 + "x" + "]" * 12_000, "Brackets are nested"),
        ("(" * 12_000, "Brackets are nested"),
        (">" * 300 + " deep\n", "Quotes are nested"),
        ("word " * 30_000, "characters long"),
    ],
)
def test_bodies_that_would_exhaust_the_parser_are_refused_on_save(
    admin_client, guide, body, message
):
    page = Page.objects.get(slug="what-they-do")
    started = time.monotonic()
    response = admin_client.post(
        f"/admin/careerguide/page/{page.pk}/change/",
        {
            "title": page.title,
            "slug": page.slug,
            "nav_label": page.nav_label,
            "summary": page.summary,
            "body": body,
            "status": page.status,
            "position": page.position,
            "last_reviewed": page.last_reviewed.isoformat(),
        },
    )
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert message in response.content.decode()
    page.refresh_from_db()
    assert body != page.body


@pytest.mark.parametrize(
    "body", ["".join(f"{'  ' * n}- level {n}\n" for n in range(300)), "[" * 12_000]
)
def test_such_a_body_already_stored_renders_as_text_quickly(client, guide, body):
    Page.objects.filter(slug="what-they-do").update(body=body)
    started = time.monotonic()
    response = client.get("/what-they-do/")
    assert time.monotonic() - started < 5
    assert response.status_code == 200


def test_placeholder_as_a_link_address_is_refused_and_never_breaks_markup(guide):
    body = "See [the figure]({{ source.guide-national.typical }})."
    page = Page(title="T", slug="t", summary="S", body=body)
    with pytest.raises(Exception, match="cannot be a link's address"):
        page.full_clean()
    html = render(body)
    assert "<a" not in html.split("the figure")[0] or 'href=""' in html
    assert 'href="<' not in html


def test_placeholder_in_link_text_works(guide):
    html = render("[Median {{ source.guide-national.typical }}](https://www.bls.gov/)")
    assert "$45,160" in html
    assert 'href="https://www.bls.gov/"' in html


def test_render_keeps_ordinary_markdown(salary_data):
    html = render("## Duties\n\n- **Scheduling**\n- [Sources](/sources/)\n")
    assert "<h2>Duties</h2>" in html
    assert "<strong>Scheduling</strong>" in html
    assert 'href="/sources/"' in html


def test_placeholder_renders_formatted_figure_linked_to_its_own_page(salary_data):
    html = render("The median is {{ source.guide-national.typical }}.")
    assert "$45,160" in html
    # The figure's page names its source; the title still says it on hover.
    assert 'href="/figures/source.guide-national.typical/"' in html
    assert 'title="Source article (its own synthesis' in html and "as of January 2024" in html
    assert "{{" not in html


def test_placeholder_with_underscores_is_not_read_as_emphasis(salary_data):
    html = render("From {{ bls.may-2019.a_pct10 }} to {{ bls.may-2019.a_pct90 }}.")
    assert "$26,180" in html and "$53,230" in html
    assert "<em>" not in html


def test_unknown_placeholder_is_never_shown_raw(salary_data):
    html = render("Pay is {{ source.nowhere.typical }} or {{ broken")
    assert "source.nowhere" not in html
    assert "figure unavailable" in html


def test_unknown_placeholders_are_named(salary_data):
    text = "{{ source.guide-national.typical }} and {{ nope.nothing }} and {{ bad name }}"
    assert unknown_placeholders(text) == ["nope.nothing", "{{ bad name }}"]


# Text with many "{{" and no "}}": a lazy ".*?" pattern rescans the rest of the text from
# every "{{", which took 24 s on 100 kB of "{{".
@pytest.mark.parametrize(
    "body",
    ["{{" * 50_000, "{{a" * 33_333, "{{\n" * 33_333, "{{ x }" * 16_666],
)
def test_a_worst_case_body_validates_and_renders_in_under_a_second(salary_data, body):
    assert len(body) <= 100_000
    started = time.monotonic()
    problems(body)
    render(body)
    assert time.monotonic() - started < 1


# The rule the scan must keep: from each "{{", everything up to the first "}}" after it.
LAZY_PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.DOTALL)


@given(st.text(alphabet="{} a.\n", max_size=40))
def test_the_placeholder_scan_finds_what_a_lazy_pattern_finds(text):
    assert loose_placeholders(text) == LAZY_PLACEHOLDER.findall(text)


def test_a_figure_token_typed_in_a_body_renders_literally(salary_data):
    html = render("Typed @@FIGURE0@@ and {{ source.guide-national.typical }}.")
    assert "Typed @@FIGURE0@@ and" in html
    assert html.count('class="figure"') == 1


def test_a_figure_token_typed_as_character_references_shows_no_figure(salary_data):
    # The sanitiser turns &#64; into "@": escaping "@@" in the text alone would miss this.
    html = render("Typed &#64;&#64;FIGURE0&#64;&#64; and {{ source.guide-national.typical }}.")
    assert "Typed @@FIGURE0@@ and" in html
    assert html.count('class="figure"') == 1
