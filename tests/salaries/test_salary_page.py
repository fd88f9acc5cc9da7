import re
import xml.etree.ElementTree as ET
from datetime import date, datetime

from django.utils.html import escape

from salaries.models import (
    AreaType,
    Certification,
    EducationLevel,
    EmployerType,
    ExperienceBand,
    Location,
    OewsRelease,
    OewsWage,
    Source,
)
from salaries.pay import formatting as fmt

SVG = "{http://www.w3.org/2000/svg}"


def salary_page(client) -> str:
    response = client.get("/salary/")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, heading_id: str) -> str:
    """The markup of the data section whose heading has this id."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def charts(html: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg.*?</svg>", html, re.DOTALL)]


def national_wage(period: str) -> OewsWage:
    return OewsWage.objects.get(
        release__survey_date=datetime.strptime(period, "%B %Y").date(),
        area_type=AreaType.NATIONAL,
        occ_code="43-6013",
    )


def test_national_table_lists_every_source_with_a_figure_in_order(client, guide):
    html = section(salary_page(client), "national-figures")
    with_figures = Source.objects.exclude(typical=None)
    positions = []
    for source in with_figures:
        assert escape(source.publisher) in html
        assert fmt.money(source.typical) in html
        assert f'href="/sources/#source-{source.slug}"' in html
        positions.append(html.index(f"#source-{source.slug}"))
    assert positions == sorted(positions)
    assert "#source-guide-levels" not in html  # a range-only source has no typical figure
    assert "estimates from different methods" in html
    assert "Reported" in html and "Published" in html  # each figure's grade
    assert "January 2024" in html
    assert 'class="num">—</td>' in html  # Glassdoor gives no low or high


def test_bls_percentiles_show_each_release_and_say_why_a_figure_is_missing(client, guide):
    wage = national_wage("May 2019")
    wage.a_pct75, wage.withheld = None, ["a_pct75"]
    wage.top_coded = ["a_pct90"]
    wage.save()
    html = section(salary_page(client), "bls-percentiles")
    annual = html[: html.index("Hourly wages")]
    assert "May 2019" in html and "May 2022" in html
    assert 'href="/sources/#source-bls-oews-2022"' in html
    assert 'href="/sources/#source-bls-oews-2019"' in html  # each column links its release
    assert fmt.money(wage.a_median) in annual
    assert fmt.hourly(wage.h_median) in html
    assert "not published" in annual
    assert f"≥ {fmt.money(wage.a_pct90)}" in annual
    # May 2022 has only its median on file.
    assert "not on file" in annual
    assert fmt.money(national_wage("May 2022").a_median) in annual
    assert "The newest survey period with national wage figures on file is" in html


def test_percentile_that_is_simply_missing_reads_not_on_file(client, guide):
    html = section(salary_page(client), "bls-percentiles")
    assert "not published" not in html
    hourly = html[html.index("Hourly wages") :]
    assert hourly.count("not on file") == 5  # May 2022's hourly figures


def test_experience_chart_and_table_show_every_band(client, guide):
    html = section(salary_page(client), "experience-chart")
    (chart,) = charts(html)
    assert chart.get("role") == "img"
    assert chart.find(f"{SVG}title").text == "Yearly pay by years of experience"
    assert len(chart.findall(f"{SVG}rect")) == ExperienceBand.objects.count()
    table = html[html.index("<table") :]
    for band in ExperienceBand.objects.with_ends():
        assert band.years_label in table
        assert fmt.money(band.low) in table
        assert fmt.money(band.high, open_ended=band.high_is_open) in table


def test_bls_trend_chart_and_table_follow_the_releases_on_file(client, guide):
    html = section(salary_page(client), "bls-trend")
    (chart,) = charts(html)
    assert chart.get("role") == "img"
    assert chart.find(f"{SVG}title").text
    assert len(chart.findall(f"{SVG}circle[@class='dot']")) == 2
    table = html[html.index("<table") :]
    assert table.index("May 2019") < table.index("May 2022")


def test_bls_trend_with_one_release_still_renders(client, guide):
    OewsRelease.objects.filter(survey_date=date(2019, 5, 1)).delete()
    html = section(salary_page(client), "bls-trend")
    (chart,) = charts(html)
    assert len(chart.findall(f"{SVG}circle[@class='dot']")) == 1
    assert chart.findall(f"{SVG}polyline") == []


def test_factor_tables_show_their_rows_with_sources(client, guide):
    html = salary_page(client)
    education = section(html, "education-pay")
    for level in EducationLevel.objects.all():
        assert escape(level.name) in education
        assert fmt.money_range(level.start_low, level.start_high) in education
    assert "baseline" in education
    lowest = min(level.start_low for level in EducationLevel.objects.all())
    bachelor = EducationLevel.objects.get(slug="bachelor")
    assert f">{fmt.money(bachelor.start_low - lowest)}</td>" in education
    locations = section(html, "location-pay")
    for location in Location.objects.all():
        assert escape(location.name) in locations
        assert fmt.adjustment_range(location.adjustment_low, location.adjustment_high) in locations
    employers = section(html, "employer-pay")
    for employer in EmployerType.objects.all():
        assert escape(employer.name) in employers
        assert escape(employer.pros) in employers
        assert escape(employer.cons) in employers
    assert escape(EmployerType.objects.get(slug="corporate-chain").pay_note) in employers
    certifications = section(html, "certification-pay")
    for certification in Certification.objects.all():
        assert escape(certification.issuer) in certifications
        premium = fmt.premium_range(certification.premium_low, certification.premium_high)
        # A premium of nothing is said in words ("No measured effect on pay"), not "$0 to $0".
        assert premium[:1].upper() + premium[1:] in certifications
    assert "$0 to $0" not in certifications
    for part in (education, locations, employers, certifications):
        assert 'href="/sources/#source-' in part


def test_data_sections_are_accessible_tables_without_inline_styles(client, guide):
    html = salary_page(client)
    # The data sections: from their first one to the end of <main> (the site's one static
    # script, static/reader.js, follows the footer).
    data = html[html.index('<div class="salary-data">') : html.index("</main>")]
    tables = data.count("<table")
    assert tables == data.count("<caption>") == 10  # the map of the states adds one
    assert data.count('role="region"') == tables
    assert data.count('tabindex="0"') == tables
    assert re.findall(r"<th(?=[\s>])(?![^>]*scope=)", data) == []
    assert re.findall(r"<h(\d)", data) == ["2"] * 9
    assert " style=" not in data and "<script" not in data
    assert not re.search(r"\son[a-z]+=", data)
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_edited_figure_shows_on_the_next_request(client, guide, django_capture_on_commit_callbacks):
    assert "$35,500" not in salary_page(client)
    band = ExperienceBand.objects.get(slug="entry")
    band.low = 35500
    with django_capture_on_commit_callbacks(execute=True):
        band.save()
    html = section(salary_page(client), "experience-chart")
    assert "$35,500–$42,000" in html  # the chart
    assert 'class="num">$35,500</td>' in html  # the table
