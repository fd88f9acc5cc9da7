"""The guide's first-run content: every date it states follows the tables."""

import re
from datetime import date, timedelta

import pytest

from careerguide.content import CONTENT_DIR, parse
from careerguide.markup import placeholders
from careerguide.models import Page
from salaries.figures import registry
from salaries.models import OewsRelease, Source

SLUGS = [parse(p.read_text())["slug"] for p in sorted(CONTENT_DIR.glob("*.md"))]
MONTH_YEAR = "%B %Y"
REVIEWED = re.compile(r"Last reviewed by an editor <time[^>]*>[^<]*</time>")
OVERDUE = re.compile(r'<span class="figure-overdue">[^<]*</span>')


def decades_on(when: date) -> date:
    # Far enough that no moved date can land on a date some other row already had.
    return when.replace(year=when.year + 50, day=min(when.day, 28))


def published_html(client) -> dict[str, str]:
    pages = {}
    for page in Page.objects.published():
        response = client.get(page.get_absolute_url())
        assert response.status_code == 200
        pages[page.slug] = response.content.decode()
    return pages


def test_every_placeholder_in_the_content_names_a_figure(national_2025):
    # As load_guide installs it: the seed's tables and BLS's May 2025 release.
    known = registry()
    for path in CONTENT_DIR.glob("*.md"):
        unknown = [name for name in placeholders(path.read_text()) if name not in known]
        assert unknown == [], path.name


def test_no_page_quotes_a_source_date_after_the_tables_move_it(client, guide):
    # Every date a page states comes from the tables: move every source and release
    # decades on, and none of the old month-and-year texts may be left on any page.
    old = {source.as_of.strftime(MONTH_YEAR) for source in Source.objects.all()}
    old |= {release.period for release in OewsRelease.objects.all()}
    before = "\n".join(published_html(client).values())
    assert any(text in before for text in old)  # the pages do quote dates
    for source in Source.objects.all():
        source.as_of = decades_on(source.as_of)
        source.save()
    for release in OewsRelease.objects.all():
        # Only the date moves: the period every page quotes is read from it.
        release.survey_date = decades_on(release.survey_date)
        release.save()
    new = {source.as_of.strftime(MONTH_YEAR) for source in Source.objects.all()}
    assert not old & new
    for slug, html in published_html(client).items():
        # The editor's review date is the page's own, and an overdue note's date the
        # publisher's calendar, not a source's: they stay.
        html = OVERDUE.sub("", REVIEWED.sub("", html))
        stale = sorted(text for text in old if text in html)
        assert stale == [], f"/{slug}/ still quotes {stale}"


def test_no_page_calls_a_release_the_most_recent(client, guide):
    for slug, html in published_html(client).items():
        assert not re.search(r"most recent", html, re.IGNORECASE), slug


def test_page_shows_the_date_range_of_its_sources_and_no_staleness_box(client, guide):
    for slug, html in published_html(client).items():
        assert "Some figures here are old" not in html, slug
        assert "banner-stale" not in html, slug
    html = client.get("/salary/").content.decode()
    assert "The sources this page quotes date from" in html


def test_an_overdue_figure_carries_a_short_note_beside_it_and_only_then(client, guide):
    # The salary page quotes the guide's national figure ({{ source.guide-national.* }}).
    source = Source.objects.get(slug="guide-national")
    source.cadence, source.series = "yearly", "guide-national"
    source.next_edition_due = date(2025, 4, 1)
    source.save()
    html = client.get("/salary/").content.decode()
    assert "(newer figures due since April 2025)" in html
    source.next_edition_due = date.today() + timedelta(days=30)
    source.save()
    assert "(newer figures due since April 2025)" not in client.get("/salary/").content.decode()


def test_a_newer_edition_on_file_means_the_older_is_not_overdue(client, guide):
    old = Source.objects.get(slug="guide-national")
    old.cadence, old.series, old.next_edition_due = "yearly", "guide-national", date(2025, 4, 1)
    old.save()
    Source.objects.create(
        slug="guide-national-next", name="Next edition", publisher="Source article",
        as_of=date(2025, 6, 1), series="guide-national", grade="published",
    )  # fmt: skip
    assert "(newer figures due since April 2025)" not in client.get("/salary/").content.decode()


def test_figures_say_their_grade_in_words_unless_published(client, guide):
    html = client.get("/salary/").content.decode()
    # Salary.com's figure is read in the source article: reported, and said so.
    assert '<span class="figure-grade">(reported)</span>' in html
    figure = re.search(r'<a class="figure"[^>]*title="([^"]*)"', html).group(1)
    assert "published" in figure or "reported" in figure or "estimate" in figure


def test_moving_a_source_date_moves_the_range_on_the_page(client, guide):
    Source.objects.filter(slug="medicare-kx-2026").update(as_of=date(2027, 1, 1))
    Source.objects.get(slug="medicare-kx-2026").save()  # bump the content version
    html = client.get("/insurance-and-medicare/").content.decode()
    assert "January 2027" in html
    # The threshold table's year is the source's, read from its date.
    year = r'href="/figures/source\.medicare-kx-2026\.year/"[^>]*>{}</a>'
    assert re.search(year.format(2027), html)
    assert not re.search(year.format(2026), html)


@pytest.mark.parametrize(
    ("slug", "anchor"),
    [
        ("glossary", 'id="kx-modifier"'),
        ("glossary", 'id="abn"'),
        ("glossary", 'id="eight-minute-rule"'),
        ("salary", 'id="pay-by-experience"'),
        ("job-outlook", 'id="career-ladder"'),
    ],
)
def test_linked_anchors_exist(client, guide, slug, anchor):
    assert anchor in client.get(f"/{slug}/").content.decode()


def test_every_link_to_a_guide_anchor_lands_on_an_anchor(client, guide):
    pages = published_html(client)
    links = set()
    for html in pages.values():
        links |= set(re.findall(r'href="/([a-z-]+)/#([a-z0-9-]+)"', html))
    assert links
    for slug, anchor in links:
        if slug not in pages:
            continue  # not a guide page (the sources list has an anchor for every source)
        assert f'id="{anchor}"' in pages[slug], f"/{slug}/#{anchor}"


def test_the_menu_puts_the_fit_check_before_getting_started(client, guide):
    # The estimator now sits with the other tools: tests/careerguide/test_menu.py.
    html = client.get("/").content.decode()
    menu = html.split('aria-label="Guide"')[1].split("</nav>")[0]
    labels = re.findall(r">([^<]+)</a>", menu)
    assert labels.index("Is it for you?") < labels.index("Get started")


def test_job_search_kit_quotes_the_telework_share_with_its_source(client, guide):
    html = client.get("/job-search/").content.decode()
    # The 2025 fact sheet's share, not 2024's, linked to its figure page.
    assert ">3.2%</a>" in html and ">2.7%</a>" not in html
    assert "/figures/stat.ors-2025-telework/" in html
    for address in ("/salary-estimator/", "/pay-check/", "/compare-offers/"):
        assert f'href="{address}"' in html


def test_salary_page_says_the_45160_figure_is_the_articles_own(client, guide):
    html = client.get("/salary/").content.decode()
    assert "$45,160" in html
    assert "the article's synthesis" in html


def test_an_estimate_says_so_once_and_its_method_is_in_the_links_title(client, guide):
    html = client.get("/how-the-estimate-works/").content.decode()
    assert '<span class="figure-grade">(this site&#x27;s estimate)</span>' in html
    # Never "(this site's estimate (worked out by …))".
    assert "this site&#x27;s estimate (" not in html and "this site's estimate (" not in html
    assert re.search(r'title="[^"]*this site&#x27;s estimate: worked out by', html)


def test_the_estimators_own_results_are_never_called_reported(client, guide):
    # "In California … the same answers give $71,917 (reported)": the estimator's result,
    # worked out here from BEA's parity, is this site's estimate; the year is a date.
    html = client.get("/how-the-estimate-works/").content.decode()
    sentence = re.search(r"In <a class=\"figure\".*?</p>", html, re.DOTALL).group(0)
    assert "the same answers give" in sentence
    gives = sentence.split("the same answers give", 1)[1]
    first_grade = re.search(r'<span class="figure-grade">\(([^)]*)\)</span>', gives).group(1)
    assert first_grade == "this site&#x27;s estimate"
    year = re.search(r"percent of the national level \((<a [^>]*>[^<]*</a>)([^)]*)\)", sentence)
    assert year and "figure-grade" not in year.group(2)


def test_a_figure_long_overdue_says_how_old_it_is_instead(client, guide):
    # The paid-holidays count is from 1997: "newer figures due since September 1998" is
    # true but says little; the reader is told the figure's year and that none is newer.
    source = Source.objects.get(slug="guide-national")
    source.cadence, source.series = "yearly", "guide-national"
    source.next_edition_due = date(2019, 4, 1)
    source.save()
    html = client.get("/salary/").content.decode()
    year = source.as_of.year
    assert f"(a {year} figure, the newest found)" in html
    assert "(newer figures due since April 2019)" not in html
