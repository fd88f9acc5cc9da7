"""The pay check page: /pay-check/?pay=21.50&per=hour[&location=<slug>]."""

import re
from decimal import Decimal
from html import unescape
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salaries.models import AreaType, OewsRelease, OewsWage

URL = "/pay-check/"
HTMX = {"HX-Request": "true"}


def check(client, **params):
    return client.get(URL + "?" + urlencode(params, doseq=True))


def test_an_hourly_pay_is_placed_nationally_with_its_chart_and_table(client, salary_data):
    response = check(client, pay="21.50", per="hour")
    assert response.status_code == 200
    result = response.context["check"]
    # 21.50 × 2,080 = 44,720: about the 64th percentile (worked in test_distribution.py).
    assert result.annual == 44720
    assert result.national.standing.rounded == 64
    html = response.content.decode()
    assert "About the 64th percentile" in html
    assert "read along a straight line" in html  # interpolated, and said so
    # Derived percentiles are never called BLS's published ones.
    assert "only for May 2019 (for May 2022 it holds the median alone)" in html
    assert "published percentile" not in html
    assert "May 2019&#x27;s spread scaled to the May 2022 median" in html
    assert '<svg class="chart"' in html and 'class="marker"' in html
    assert "Your pay ($21.50 an hour)" in html
    assert 'href="/salary-estimator/?years=5' in html
    assert "compare-offers" not in html or response.context["compare_url"]
    assert "HX-Request" in response["Vary"]


def test_at_the_median_it_says_median_and_at_the_90th_it_says_90th(client, salary_data):
    median = check(client, pay="39740", per="year").context["check"]
    assert median.national.standing.label == "the median (50th percentile)"
    top = check(client, pay="57828.33", per="year").context["check"]
    assert top.national.standing.label == "the 90th percentile"
    above = check(client, pay="90000", per="year")
    assert above.context["check"].national.standing.label == "above the 90th percentile"
    assert "BLS publishes nothing" in above.content.decode()
    below = check(client, pay="9", per="hour").context["check"]
    assert below.national.standing.label == "below the 10th percentile"


def test_a_place_with_a_price_parity_is_compared_too_with_what_the_pay_buys(client, salary_data):
    # Arkansas's 2024 price level, 86.937, puts its median at 39,740 × 0.86937.
    response = check(client, pay="34548.76", per="year", location="arkansas")
    result = response.context["check"]
    assert result.area.standing.label == "the median (50th percentile)"
    assert round(result.buys) == 39740
    html = response.content.decode()
    assert "In Arkansas: <strong>the median (50th percentile)</strong>" in html
    assert "What a typical profile earns in Arkansas" in html


def test_an_areas_own_oews_rows_are_used_when_imported(client, salary_data):
    release = OewsRelease.objects.get(slug="may-2019")
    OewsWage.objects.create(
        release=release,
        area="39",
        area_title="Ohio",
        area_type=AreaType.STATE,
        h_pct10="11.54", h_pct25="13.46", h_median="16.35", h_pct75="19.71", h_pct90="23.56",
        a_pct10=24000, a_pct25=28000, a_median=34000, a_pct75=41000, a_pct90=49000,
    )  # fmt: skip
    result = check(client, pay="34000", per="year", location="ohio").context["check"]
    area = result.area.distribution
    assert area.own_rows and area.area == "Ohio"
    # No newer Ohio median: the national change (× 1.086386) brings it to 36,937.12.
    assert area.median == Decimal("36937.12")
    assert result.area.standing.side == "within"


def test_no_javascript_needed_and_htmx_gets_the_result_only(client, salary_data):
    page = client.get(URL).content.decode()
    # Without JavaScript the browser opens the answer at its heading.
    assert 'action="/pay-check/#result"' in page and 'method="get"' in page
    assert "Check my pay</button>" in page
    assert 'hx-replace-url="true"' in page  # typing replaces the address
    partial = client.get(URL + "?pay=21.50&per=hour", headers=HTMX)
    html = partial.content.decode()
    assert partial.status_code == 200
    assert "<html" not in html and "<form" not in html
    assert "About the 64th percentile" in html
    assert 'id="id_pay_error" hx-swap-oob="true"' in html


BAD = {
    "zero": ({"pay": "0", "per": "hour"}, "above zero"),
    "negative": ({"pay": "-5", "per": "year"}, "above zero"),
    "words": ({"pay": "lots", "per": "hour"}, "above zero"),
    "empty": ({"pay": "", "per": "hour"}, "above zero"),
    "absurd hourly": ({"pay": "5000", "per": "hour"}, "or check whether it is an hour or a year"),
    "absurd yearly": ({"pay": "90000000", "per": "year"}, "at most"),
    "pennies a year": ({"pay": "30", "per": "year"}, "below any real wage"),
    "huge": ({"pay": "1e999", "per": "hour"}, "at most"),
    "unknown place": ({"pay": "20", "per": "hour", "location": "atlantis"}, "Choose a place"),
    "unknown unit": ({"pay": "20", "per": "week"}, "Choose an hour or a year"),
    "script": ({"pay": "<script>alert(1)</script>", "per": "hour"}, "above zero"),
    "two units": ({"pay": "$19.50 an hour a year", "per": "hour"}, "Give one unit"),
    "cents of cents": ({"pay": "19.555", "per": "hour"}, "at most two decimal places"),
    "a week": ({"pay": "800 a week", "per": "hour"}, "above zero"),
    "huge with k": ({"pay": "$1,200k", "per": "year"}, "at most $1,000,000 a year"),
}


@pytest.mark.parametrize(
    ("pay", "per", "shown"),
    [
        ("35,000", "year", "$35,000 a year"),
        ("$35k", "year", "$35,000 a year"),
        ("35K", "year", "$35,000 a year"),
        ("19.50/hr", "year", "$19.50 an hour"),
        ("$19.50 an hour", "year", "$19.50 an hour"),
        ("$19.50/hour", "year", "$19.50 an hour"),
        ("42,000 a year", "hour", "$42,000 a year"),
    ],
)
def test_pay_is_read_as_people_write_it(client, salary_data, pay, per, shown):
    # A unit in the pay wins over the choice beside it, and the page shows it chosen.
    response = check(client, pay=pay, per=per)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Your pay: {shown}" in html
    unit = response.context["check"].per
    assert re.search(rf'<option value="{unit}" selected>', html)


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "partial"])
@pytest.mark.parametrize("params, message", BAD.values(), ids=BAD.keys())
def test_bad_pay_or_place_answers_422_with_a_message(client, salary_data, params, message, htmx):
    response = client.get(URL + "?" + urlencode(params), headers=HTMX if htmx else {})
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert ("<html" in html) is not htmx


def test_page_obeys_the_content_security_policy(client, salary_data):
    html = check(client, pay="21.50", per="hour", location="california").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html)
    assert " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)
    assert "hx-on" not in html


def test_pay_check_runs_at_most_three_queries_cold_and_one_warm(
    client, guide, django_assert_max_num_queries, django_assert_num_queries
):
    with django_assert_max_num_queries(3):
        assert check(client, pay="21.50", per="hour").status_code == 200
    with django_assert_num_queries(1):
        assert check(client, pay="22", per="hour", location="california").status_code == 200


queries = st.dictionaries(
    st.sampled_from(
        ["pay", "per", "location", "years", "education", "employer", "certifications", "skills",
         "contribution", "x"]
    ),
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(["21.50", "0", "-1", "1e9", "hour", "year", "ohio", "boston", "hospital",
                         "cmaa", "bachelor", "61", "NaN", "5"]),
    ),
    max_size=6,
)  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=queries, path=st.sampled_from([URL, "/salary-estimator/"]), htmx=st.booleans())
def test_no_address_gives_a_server_error(client, salary_data, params, path, htmx):
    response = client.get(path + "?" + urlencode(params), headers=HTMX if htmx else {})
    assert response.status_code in (200, 422)


def test_a_pay_far_below_any_bls_figure_asks_if_it_is_a_months_pay(client, salary_data):
    # $3,500 "a year" is a month's pay typed with the wrong unit: it is placed, but the
    # reader is asked, with what it would be as a month's pay.
    html = unescape(check(client, pay="3500", per="year").content.decode())
    assert "$3,500 a year is less than half the lowest pay BLS publishes for this job" in html
    assert "If it is a month's pay, that is $42,000 a year" in html
    slow = check(client, pay="2", per="hour").content.decode()
    assert "$2.00 an hour is less than half the lowest pay BLS publishes" in slow
    assert "month's pay" not in slow
    # An ordinary pay, or a part-time year within reach of BLS's figures, hears nothing.
    for pay, per in (("19.75", "hour"), ("18000", "year")):
        assert (
            "less than half the lowest pay" not in check(client, pay=pay, per=per).content.decode()
        )


def test_an_offer_far_below_any_bls_figure_is_questioned_too(client, salary_data):
    response = client.get("/compare-offers/?a_pay=3500&a_per=year&b_pay=42000&b_per=year")
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Offer A: $3,500 a year is less than half the lowest pay BLS publishes" in html
