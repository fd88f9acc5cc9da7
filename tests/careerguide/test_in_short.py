"""Each guide page opens with "In short": a few points answering its question, drawn as a box
above the rest of the text, and reaching sites loaded before the points were written."""

import re

import pytest

from careerguide.content import CONTENT_DIR, load_pages, parse
from careerguide.markup import PLACEHOLDER, placeholders
from careerguide.models import Page
from careerguide.shared.loader import Outcome

FILES = sorted(CONTENT_DIR.glob("*.md"))
HEADING = "## In short {#in-short}\n\n"
BOX = re.compile(
    r'<section class="in-short" aria-labelledby="in-short">(?P<inner>.*?)</section>', re.DOTALL
)


def split(body: str) -> tuple[str, str]:
    """The In short section of a Markdown body (its heading and points) and the rest."""
    assert body.startswith(HEADING)
    points, _, rest = body[len(HEADING) :].partition("\n\n")
    return points, rest


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_every_page_opens_with_three_to_five_points(path):
    points, rest = split(parse(path.read_text(encoding="utf-8"))["body"])
    lines = points.splitlines()
    assert all(line.startswith("- ") for line in lines)
    assert 3 <= len(lines) <= 5
    # Short enough for every point to fit a phone's first screen (tests/browser).
    assert all(len(PLACEHOLDER.sub("figure", line[2:]).split()) <= 20 for line in lines)
    assert rest.startswith("## ")  # the page's own text follows, as deep as before


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_the_points_type_in_no_figure_of_their_own(path):
    points, rest = split(parse(path.read_text(encoding="utf-8"))["body"])
    # Every figure is a placeholder the page already quotes further down...
    assert set(placeholders(points)) <= set(placeholders(rest))
    # ...and no number is typed in beside them (a link's address aside).
    text = re.sub(r"\]\([^)]*\)", "]", PLACEHOLDER.sub("", points))
    assert re.findall(r"\d", text) == []


def test_the_points_are_a_box_between_the_heading_and_the_text(client, guide):
    for page in Page.objects.published():
        html = client.get(page.get_absolute_url()).content.decode()
        [box] = BOX.findall(html)
        assert re.search(r'^\s*<h2 id="in-short">In short</h2>\s*<ul>', box), page.slug
        assert 3 <= box.count("<li>") <= 5
        # Once only, after the lede and before the contents and the text.
        assert html.count('id="in-short"') == 1
        lede = html.index('class="lede"')
        start = html.index('<section class="in-short"')
        assert lede < start < html.index('class="page-body')
        if 'class="page-aside"' in html:
            assert start < html.index('class="page-aside"')
        # The contents list names the page's sections, not the box above them.
        if "page-contents-title" in html:
            contents = html.split('aria-labelledby="page-contents-title"')[1].split("</nav>")[0]
            assert "In short" not in contents and "<li>" in contents


def test_figures_in_the_points_are_live_and_linked(client, guide):
    html = client.get("/salary/").content.decode()
    box = BOX.search(html)["inner"]
    assert '<a class="figure" href="/figures/source.guide-national.' in box
    assert "$45,160" in box
    assert "{{" not in box


def test_a_page_without_the_points_shows_no_box(client, guide):
    page = Page.objects.get(slug="glossary")
    page.body = split(page.body)[1]
    page.save()
    html = client.get("/glossary/").content.decode()
    assert 'class="in-short"' not in html
    assert 'id="in-short"' not in html
    assert 'id="how-to-use-this-list"' in html  # the text itself is all there


def test_points_lower_down_the_page_stay_in_the_text(client, guide):
    page = Page.objects.get(slug="glossary")
    body, rest = split(page.body)
    page.body = rest + "\n" + HEADING + body + "\n"
    page.save()
    html = client.get("/glossary/").content.decode()
    assert 'class="in-short"' not in html
    assert html.count('<h2 id="in-short">In short</h2>') == 1


def test_the_loader_adds_the_points_to_pages_nobody_edited(salary_data, tmp_path):
    # A site loaded before the points were written...
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        header, _, body = text.partition("\n\n")
        (tmp_path / path.name).write_text(f"{header}\n\n{split(body)[1]}", encoding="utf-8")
    assert load_pages(tmp_path)[Outcome.CREATED] == len(FILES)
    edited = Page.objects.get(slug="job-search")
    edited.body += "\nAn editor's own paragraph.\n"
    edited.save()
    # ...gets them on the next load_guide, except on the page an editor changed.
    outcomes = load_pages()
    assert outcomes[Outcome.UPDATED] == len(FILES) - 1
    assert outcomes[Outcome.KEPT] == 1
    for page in Page.objects.exclude(slug="job-search"):
        assert page.body.startswith(HEADING), page.slug
    edited.refresh_from_db()
    assert edited.body.endswith("An editor's own paragraph.\n")
    assert not edited.body.startswith(HEADING)
