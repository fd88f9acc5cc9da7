import pytest

from careerguide.markup import render, unknown_placeholders


@pytest.mark.parametrize(
    "dangerous, forbidden",
    [
        ("<script>alert('x')</script>", "<script"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<p style="color:red">x</p>', "style="),
        ('<iframe src="https://example.com"></iframe>', "<iframe"),
        ('<svg onload="alert(1)"></svg>', "onload"),
    ],
)
def test_render_strips_dangerous_markup(salary_data, dangerous, forbidden):
    html = render(f"Hello\n\n{dangerous}\n")
    assert forbidden not in html.lower()
    assert "Hello" in html


def test_render_keeps_ordinary_markdown(salary_data):
    html = render("## Duties\n\n- **Scheduling**\n- [Sources](/sources/)\n")
    assert "<h2>Duties</h2>" in html
    assert "<strong>Scheduling</strong>" in html
    assert 'href="/sources/"' in html


def test_placeholder_renders_formatted_figure_linked_to_its_source(salary_data):
    html = render("The median is {{ source.guide-national.typical }}.")
    assert "$45,160" in html
    assert 'href="/sources/#source-guide-national"' in html
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
