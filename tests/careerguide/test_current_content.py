"""The guide brought up to date (issue 19): the newest figures on file quoted through their
placeholders and linked to their graded sources, the wrong claims gone, the sections readers
expect, and a "next" link along the reading path at the end of every page."""

import html as html_lib
import re

import pytest

from careerguide.content import CONTENT_DIR, parse
from careerguide.models import Page
from careerguide.pages import NEXT_PAGE, READING_PATH
from salaries.figures import registry
from salaries.models import OewsWage, Source

BODIES = {
    (data := parse(path.read_text(encoding="utf-8")))["slug"]: data["body"]
    for path in CONTENT_DIR.glob("*.md")
}


def page(client, slug: str) -> str:
    response = client.get("/" if slug == "home" else f"/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


def figure_link(html: str, name: str) -> re.Match | None:
    """The figure a placeholder names, as the page shows it: a link to its own page."""
    figure = registry()[name]
    return re.search(
        rf'<a class="figure" href="{re.escape(figure.url)}" title="[^"]*">'
        rf"{re.escape(figure.text)}</a>",
        html,
    )


# Each figure added for the content update, on the page that quotes it, with its source and
# whether it was only reported (read in a page quoting the publisher).
NEW_FIGURES = [
    # Medicare, each year its own row
    ("insurance-and-medicare", "stat.medicare-kx-threshold-2024", "ngs-therapy-thresholds-2024"),
    ("insurance-and-medicare", "stat.medicare-kx-threshold-ot-2024", "ngs-therapy-thresholds-2024"),
    ("insurance-and-medicare", "stat.medicare-kx-threshold-2025", "medicare-kx-2025"),
    ("insurance-and-medicare", "stat.medicare-kx-threshold-ot-2025", "medicare-kx-2025"),
    ("insurance-and-medicare", "stat.medicare-kx-threshold-2026", "medicare-kx-2026"),
    ("insurance-and-medicare", "stat.medicare-kx-threshold-ot-2026", "medicare-kx-2026-ot"),
    ("insurance-and-medicare", "stat.medicare-review-threshold", "ngs-therapy-thresholds-2024"),
    ("insurance-and-medicare", "stat.medicare-part-b-deductible-2025", "medicare-part-b-2025"),
    ("insurance-and-medicare", "stat.medicare-part-b-deductible-2026", "medicare-part-b-2026"),
    ("insurance-and-medicare", "stat.medicare-part-b-coinsurance", "medicare-part-b-coinsurance"),
    ("glossary", "stat.medicare-kx-threshold-2026", "medicare-kx-2026"),
    # BLS job requirements, 2025
    ("work-environment", "stat.ors-2025-verbal-constant", "bls-ors-2025"),
    ("work-environment", "stat.ors-2025-verbal-hourly", "bls-ors-2025"),
    ("work-environment", "stat.ors-2025-schedule-varies", "bls-ors-2025"),
    ("work-environment", "stat.ors-2025-pause-work", "bls-ors-2025"),
    ("work-environment", "stat.ors-2025-telework", "bls-ors-2025"),
    ("work-environment", "stat.ors-2025-supervising-others", "bls-ors-2025"),
    ("work-environment", "stat.ors-2025-supervisor-present", "bls-ors-2025"),
    ("work-environment", "stat.ors-moderate-noise", "bls-ors-2024"),
    ("what-they-do", "stat.ors-2025-supervisor-present", "bls-ors-2025"),
    ("right-career", "stat.ors-2025-telework", "bls-ors-2025"),
    ("right-career", "stat.ors-2025-pause-work", "bls-ors-2025"),
    ("job-search", "stat.ors-2025-telework", "bls-ors-2025"),
    ("job-search", "stat.ors-2025-schedule-varies", "bls-ors-2025"),
    # BLS employee benefits, March 2025 and March 2024; KFF 2025
    ("salary", "stat.ebs-retirement-access-2025", "bls-ebs-2025"),
    ("salary", "stat.ebs-retirement-access-small-2025", "bls-ebs-2025"),
    ("salary", "stat.ebs-retirement-access-large-2025", "bls-ebs-2025"),
    ("pay-factors", "stat.ebs-retirement-access-mid-2025", "bls-ebs-2025"),
    ("salary", "stat.ebs-medical-access-2025", "bls-ebs-2025"),
    ("pay-factors", "stat.ebs-medical-access-2025", "bls-ebs-2025"),
    ("how-the-estimate-works", "stat.ebs-medical-access-2025", "bls-ebs-2025"),
    ("salary", "stat.ebs-employer-share-single-2024", "bls-ebs-2024"),
    ("salary", "stat.ebs-paid-holidays-access-2024", "bls-ebs-2024"),
    ("salary", "stat.ebs-paid-sick-leave-2024", "bls-ebs-2024"),
    ("salary", "stat.health-premium-single", "kff-ehbs-2025"),
    ("salary", "stat.health-premium-worker-single", "kff-ehbs-2025-worker-single"),
    ("how-the-estimate-works", "stat.health-premium-single", "kff-ehbs-2025"),
    ("salary", "stat.paid-holidays", "bls-ebs-1997-holidays"),
    ("how-the-estimate-works", "stat.paid-holidays", "bls-ebs-1997-holidays"),
    # Certifying bodies
    ("getting-started", "stat.nha-cmaa-exam-fee", "nha-cmaa-exam"),
    ("getting-started", "stat.nha-cmaa-scored-questions", "nha-cmaa-exam"),
    ("getting-started", "stat.nha-cehrs-scored-questions", "nha-cehrs-exam"),
    ("getting-started", "stat.nha-cehrs-exam-minutes", "nha-cehrs-exam"),
    ("getting-started", "stat.naham-chaa-experience-years", "naham-chaa"),
    ("getting-started", "stat.naham-chaa-contact-hours", "naham-chaa"),
    ("getting-started", "stat.ahima-cca-fee-member", "ahima-cca-exam"),
    ("getting-started", "stat.ahima-cca-fee-nonmember", "ahima-cca-exam"),
    ("getting-started", "stat.ahima-cca-exam-hours", "ahima-cca-exam"),
    ("more-information", "stat.aapc-cpc-questions", "aapc-cpc-exam"),
    ("more-information", "stat.aapc-cpc-exam-hours", "aapc-cpc-exam"),
    ("more-information", "stat.nha-cmaa-exam-fee", "nha-cmaa-exam"),
    # Rules and their dates
    ("glossary", "source.apta-direct-access.as_of", "apta-direct-access"),
    ("more-information", "source.apta-direct-access.as_of", "apta-direct-access"),
    ("insurance-and-medicare", "source.cms-jimmo.year", "cms-jimmo"),
    ("insurance-and-medicare", "source.cms-msp-billing.year", "cms-msp-billing"),
    ("insurance-and-medicare", "source.cms-abn-modifiers.year", "cms-abn-modifiers"),
    ("insurance-and-medicare", "source.medicare-gov-abn.as_of", "medicare-gov-abn"),
]


@pytest.mark.parametrize(("slug", "name", "source"), NEW_FIGURES, ids=lambda v: str(v))
def test_each_new_figure_is_quoted_through_its_placeholder_and_links_to_its_source(
    client, guide, slug, name, source
):
    assert f"{{{{ {name} }}}}" in BODIES[slug]
    assert registry()[name].source_slug == source
    assert figure_link(page(client, slug), name), f"{name} on /{slug}/"


def test_figures_only_reported_say_so_beside_them(client, guide):
    html = page(client, "insurance-and-medicare")
    for name in (
        "stat.medicare-kx-threshold-2026",
        "stat.medicare-kx-threshold-ot-2026",
        "stat.medicare-part-b-deductible-2026",
        "stat.medicare-part-b-coinsurance",
    ):
        found = figure_link(html, name)
        assert html[found.end() :].startswith(' <span class="figure-grade">(reported)</span>')
    salary = page(client, "salary")
    found = figure_link(salary, "stat.ebs-retirement-access-2025")
    assert not salary[found.end() :].startswith(' <span class="figure-grade">')  # published


def test_every_reported_source_names_where_it_was_read_and_how(guide):
    added = [slug for _, _, slug in NEW_FIGURES]
    for source in Source.objects.filter(slug__in=added):
        assert source.note, source.slug
        if source.grade == "reported":
            assert source.reported_in.startswith("http"), source.slug
            assert "read" in source.note.lower(), source.slug


def test_each_year_of_the_medicare_threshold_is_a_row_of_its_own(client, guide):
    html = page(client, "insurance-and-medicare")
    cell = r"<td[^>]*>(.*?)</td>\s*"
    rows = re.findall(rf"<tr>\s*{cell}{cell}{cell}</tr>", html)
    years = {re.sub(r"<[^>]+>", "", year): re.findall(r">(\$[\d,]+)</a>", rest + other)
             for year, rest, other in rows if re.search(r">20\d\d</a>", year)}  # fmt: skip
    assert years == {
        "2024": ["$2,330", "$2,330"],
        "2025": ["$2,410", "$2,410"],
        "2026": ["$2,480", "$2,480"],
    }


# Wrong or misleading claims ------------------------------------------------------------------


def test_the_abn_example_no_longer_uses_the_improvement_standard(client, guide):
    html = page(client, "insurance-and-medicare")
    assert "no longer improving the patient's function" not in html
    assert "Jimmo v. Sebelius" in html
    assert "whether they can still get better does not decide it" in html
    assert "not used for Medicare Advantage plans" in html
    for modifier in ("GA", "GX", "GY"):
        assert re.search(rf"<td[^>]*>{modifier}</td>", html)
    assert 'id="medicare-secondary-payer"' in html and "questionnaire" in html


def test_the_salary_page_says_no_measured_effect_instead_of_zero_to_zero(client, guide):
    html = page(client, "salary")
    assert "$0 to $0" not in html
    cpct = re.search(r"<tr>\s*<th[^>]*>Certified Patient Care Technician.*?</tr>", html, re.S)
    assert "No measured effect on pay" in cpct.group(0)
    assert "as the source article claims it" in html


def test_the_certification_premium_is_shown_as_the_articles_claim(client, guide):
    for slug in ("pay-factors", "getting-started", "how-the-estimate-works"):
        assert "claim" in BODIES[slug]
    # The estimator's certification step links to the premium under its name as a claim.
    estimate = client.get("/salary-estimator/?years=5&certifications=cmaa").content.decode()
    link = re.search(r'href="/sources/#source-guide-certifications">([^<]*)</a>', estimate)
    assert "the source article's claim" in html_lib.unescape(link.group(1))


def test_the_glossary_says_every_state_allows_direct_access(client, guide):
    html = page(client, "glossary")
    assert "in most places" not in html
    assert "every state, the District of Columbia and the U.S. Virgin Islands" in html


def test_unsourced_claims_are_gone(client, guide):
    assert "tends to sit above general front-office pay" not in page(client, "what-they-do")
    outlook = page(client, "job-outlook")
    assert "More people covered" not in outlook and "more insured patients" not in outlook


def test_the_outlook_page_dates_the_projection_and_names_the_combined_page(client, guide):
    html = page(client, "job-outlook")
    assert "In its projection for 2022 to 2032" in html
    assert "has no page for this group alone" in html
    ooh = "https://www.bls.gov/ooh/office-and-administrative-support/secretaries-and-administrative-assistants.htm"
    assert f'href="{ooh}"' in html
    # Newer projections were due and are not on file: the figure says so beside it.
    assert '<span class="figure-overdue">(newer figures due since September 2024)</span>' in html


def test_getting_started_drops_the_editors_note_and_says_what_steps_cost(client, guide):
    html = page(client, "getting-started")
    assert "Editor's note" not in html
    assert 'id="costs"' in html and 'id="three-months"' in html
    fee = figure_link(html, "stat.nha-cmaa-exam-fee")
    assert fee.group(0).endswith(">$129</a>")
    assert html[fee.end() :].startswith(' <span class="figure-grade">(reported)</span>')
    plan = html.split('id="three-months"')[1].split("<h2")[0]
    assert plan.count("<tr>") == 6  # a heading row and five spans of weeks
    assert "What you can skip" in plan


def test_the_job_search_kit_covers_background_checks_and_hipaa_training(client, guide):
    html = page(client, "job-search")
    at_hire = html.split('id="at-hire"')[1].split("<h2")[0]
    assert "exclusion list" in at_hire and "HIPAA training" in at_hire
    assert 'href="/sources/#source-oig-exclusion-screening"' in at_hire
    assert 'href="/sources/#source-hipaa-training-rule"' in at_hire


# Similar occupations -------------------------------------------------------------------------


def test_similar_occupations_shows_each_jobs_may_2025_median_with_its_source(client, national_2025):
    html = page(client, "similar-occupations")
    table = html.split('id="similar-pay"')[1]
    medians = {
        "31-9092": "$45,690",
        "43-4171": "$38,010",
        "29-2072": "$51,140",
        "43-3021": "$48,500",
        "31-2022": "$35,240",
        "43-6013": "$45,930",
    }
    for code, median in medians.items():
        row = re.search(rf"<tr>\s*<th[^>]*>[^<]*\({code}\).*?</tr>", table, re.S).group(0)
        assert median in row, code
        assert "May 2025" in row and 'href="/sources/#source-bls-oews-2025"' in row


def test_the_similar_occupations_summary_matches_the_medians_on_file(national_2025):
    # The page's "In short" compares the jobs in words: hold the words to the figures.
    median = {
        wage.occ_code: wage.a_median
        for wage in OewsWage.objects.filter(release=national_2025, area_type=1)
    }
    coordinator = median["43-6013"]
    assert median["43-4171"] < coordinator and median["31-2022"] < coordinator
    assert median["29-2072"] > coordinator and median["43-3021"] > coordinator
    assert abs(median["31-9092"] - coordinator) / coordinator < 0.02


def test_similar_occupations_says_when_a_job_has_no_figure_on_file(client, guide):
    html = page(client, "similar-occupations")
    row = re.search(r"<tr>\s*<th[^>]*>Medical Assistants \(31-9092\).*?</tr>", html, re.S)
    assert "No BLS figure on file" in row.group(0)


# New sections, the menu and the reading path ------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "label", "group"),
    [
        ("work-environment", "Work environment", "The job"),
        ("similar-occupations", "Similar jobs", "The job"),
        ("more-information", "More information", "Getting in"),
    ],
)
def test_new_pages_are_in_their_menu_group(client, guide, slug, label, group):
    html = page(client, slug)
    menu = html.split('aria-label="Guide"')[1].split("</nav>")[0]
    section = re.search(rf"<summary[^>]*>{group}</summary>(.*?)</details>", menu, re.S).group(1)
    assert f'<a href="/{slug}/" aria-current="page">{label}</a>' in section


def next_link(html: str) -> str:
    nav = re.search(r'<nav class="page-next" aria-label="Next in[^"]*">(.*?)</nav>', html, re.S)
    return re.search(r'href="([^"]+)" rel="next"', nav.group(1)).group(1)


def test_the_next_links_follow_the_reading_path(client, guide):
    # What it is, a day in it, is it for you, how to start, the job search.
    assert READING_PATH == (
        "what-they-do", "day-in-the-life", "right-career", "getting-started", "job-search"
    )  # fmt: skip
    assert next_link(page(client, "home")) == "/what-they-do/"
    for here, there in zip(READING_PATH, READING_PATH[1:], strict=False):
        assert next_link(page(client, here)) == f"/{there}/"


def test_following_next_from_home_reaches_every_page(client, guide):
    slugs = {p.slug for p in Page.objects.published()}
    seen, slug = [], "home"
    while slug not in seen:
        seen.append(slug)
        slug = next_link(page(client, slug)).strip("/") or "home"
    assert set(seen) == slugs
    assert set(NEXT_PAGE) == slugs  # every page of the guide names its next


def test_a_page_whose_next_is_unpublished_leads_to_the_next_in_the_menu(client, guide):
    Page.objects.filter(slug="day-in-the-life").update(status=Page.Status.DRAFT)
    Page.objects.get(slug="what-they-do").save()  # a new content version
    # In the menu, "A day" is gone and "Work environment" follows "What they do".
    assert next_link(page(client, "what-they-do")) == "/work-environment/"


def test_the_next_link_is_set_once_not_typed_into_the_pages():
    for slug, body in BODIES.items():
        assert 'rel="next"' not in body and "page-next" not in body, slug


def test_the_guide_compares_bls_with_the_salary_sites_without_taking_a_side(client, guide):
    # The pages once said BLS's median was "lower", written when it was; May 2025's
    # ($45,930) is above the article's ($45,160). The prose gives both figures and says
    # why they differ, never which way, so it stays true when a release comes in.
    direction = re.compile(
        r"broader group is lower|why it is lower|below every salary-site|sits below the "
        r"salary-site|run higher than BLS|run above BLS",
        re.IGNORECASE,
    )
    for slug in ("home", "salary", "how-the-estimate-works"):
        assert not direction.search(page(client, slug)), slug
    estimate = client.get(
        "/salary-estimator/?years=5&education=associate&employer=hospital&location=ohio"
    ).content.decode()
    assert "Cross-check" in estimate and not direction.search(estimate)
    salary = html_lib.unescape(re.sub(r"<[^>]+>", "", page(client, "salary")))
    figures = registry()
    assert (
        f"was {figures['bls.latest.a_median'].text}, against the article's "
        f"{figures['source.guide-national.typical'].text}" in salary
    )
    assert 'id="government-benchmark"' in page(client, "salary")


def test_the_outlook_dates_its_job_count_and_points_to_the_newest(client, guide):
    # It said "the May 2019 survey counted 604,780 people in it" beside May 2025 pay.
    html = html_lib.unescape(re.sub(r"<[^>]+>", "", page(client, "job-outlook")))
    may_2019 = registry()["bls.may-2019.period"].text
    assert f"the {may_2019} survey counted" not in html
    assert "its newest national job count is in the table on similar occupations" in html
    assert f"The last release on file that counts it by industry, {may_2019}, put" in html


def test_the_projection_in_short_ends_its_clause_at_the_figure(client, guide):
    # "The BLS projected 8% (newer figures due since September 2024) growth": a note in
    # mid-phrase. The figure, and any note on it, now closes its clause.
    for slug in ("home", "job-outlook"):
        html = page(client, slug)
        assert not re.search(r"</span>\s*growth", html), slug
        assert 'the broader group\'s growth at <a class="figure"' in html, slug
