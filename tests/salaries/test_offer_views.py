"""The offer comparison page, on the seed's tables (figures worked out in test_offers.py)."""

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from salaries.models import BenefitAssumptions, Statistic
from salaries.pay.offers import BASE, TIME_OFF

URL = "/compare-offers/"
SHARED = URL + "?a_pay=45000&a_per=year&b_pay=22.50&b_per=hour"
HTMX = {"HX-Request": "true"}


def query(**params) -> str:
    return URL + "?" + urlencode(params)


def test_url_name_points_at_the_comparison():
    assert reverse("salaries:compare_offers") == URL


def test_empty_page_shows_the_form_and_an_example(client, salary_data):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert ">Compare job offers</h1>" in html
    assert 'action="/compare-offers/"' in html and 'method="get"' in html
    assert 'name="a_pay"' in html and 'name="c_holidays"' in html
    assert 'id="id_b_pay"' in html
    assert f'href="{SHARED.replace("&", "&amp;")}"' in html
    assert "comparison" not in response.context
    assert "HX-Request" in response["Vary"]


def test_the_shared_link_shows_both_yearly_pays_with_a_total_each(client, salary_data):
    response = client.get(SHARED)
    html = response.content.decode()
    assert response.status_code == 200
    a, b = response.context["comparison"].offers
    assert (a.worth.base, b.worth.base) == (45000, 46800)
    # The seed's defaults (a worker's premium of $1,327, KFF 2022): 45,000 + 1,350 +
    # 7,034 − 1,327 + 3,513 = 55,570 and 46,800 + 1,404 + 7,034 − 1,327 + 3,654 = 57,565.
    assert (a.total, b.total) == (55570, 57565)
    assert "$45,000" in html and "$46,800" in html
    assert "$55,570" in html and "$57,565" in html
    assert "$22.50 an hour, 40 hours a week" in html
    verdict = response.context["comparison"].verdict
    assert verdict.decider == BASE
    assert (
        "Offer B is worth more: $1,995 a year ($166 a month) more than Offer A; "
        "base pay decides it." in html
    )


def test_each_benefit_states_its_method_and_source(client, salary_data):
    html = client.get(SHARED).content.decode()
    # The defaults' sources, linked from the method lines and the stated defaults.
    sources = ("guide-benefits", "kff-ehbs-2023", "kff-ehbs-2022-contributions", "bls-ebs-2023")
    for slug in (*sources, "bls-ebs-1997-holidays"):
        assert f'href="/sources/#source-{slug}"' in html
    assert "Stated default" in html
    assert "11 days of paid leave and 9.3 paid holidays at a day&#x27;s pay ($173" in html
    assert "$1,327 a year ($111 a month)" in html
    assert "$7,034 a year" in html
    # Where each pay stands, from the pay check: 45,000 and 46,800 against the national
    # percentiles brought forward to May 2022 (median 39,740, 75th 48,507.14).
    assert "About the 65th percentile" in html
    assert "About the 70th percentile" in html


def test_defaults_follow_the_tables(client, salary_data):
    BenefitAssumptions.objects.update(pto_days=15)
    Statistic.objects.filter(slug="paid-holidays").update(value=10)
    from salaries.snapshot import tables_changed

    tables_changed()
    response = client.get(URL + "?a_pay=26000")
    offer = response.context["comparison"].offers[0]
    # 25 days × 26,000 ÷ 260 = 2,500.
    assert offer.worth.part(TIME_OFF).amount == 2500
    assert "Empty: 15 days (stated default)." in response.content.decode()


def test_typed_answers_replace_the_defaults(client, salary_data):
    response = client.get(
        query(
            a_pay="45000",
            a_label="Clinic",
            a_bonus="1500",
            a_match_rate="100",
            a_match_cap="4",
            a_contribution="5",
            a_premium="60",
            a_premium_per="two-weeks",
            a_employer_health="200",
            a_pto_days="15",
            a_holidays="8",
            a_location="california",
        )
    )
    offer = response.context["comparison"].offers[0]
    parts = {part.key: part.amount for part in offer.worth.parts}
    # Match 45,000 × 4% × 100% = 1,800; premium 60 × 26 = 1,560; employer 200 × 26 =
    # 5,200; time off 23 × 173.0769 = 3,980.77 → 3,981.
    assert parts == {
        "base": 45000,
        "bonus": 1500,
        "match": 1800,
        "health": 5200,
        "premium": -1560,
        "time_off": 3981,
    }
    assert offer.name == "Clinic"
    # 55,921 ÷ 1.126 (California's price level) = 49,663.41 → 49,663.
    assert offer.total == 55921 and offer.national_total == 49663
    assert "Clinic is worth $55,921 a year in all" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"a_pay": "-45000"}, "a_pay", "Pay cannot be negative or zero."),
        ({"a_pay": "45000", "a_match_rate": "500"}, "a_match_rate", "from 0 to 200"),
        ({"a_pay": "45000", "a_pto_days": "400"}, "a_pto_days", "days from 0 to 260"),
        (
            {"a_pay": "45000", "a_pto_days": "200", "a_holidays": "60"},
            "a_holidays",
            "must leave days to work",
        ),
        ({"a_pay": "45000", "a_location": "atlantis"}, "a_location", "Choose a place"),
        ({"a_pay": "45000", "b_bonus": "500"}, "b_pay", "Enter the pay of Offer B"),
        ({"a_per": "hour"}, "a_pay", "Enter the pay of the first offer"),
        ({"a_pay": "45000", "a_per": "hour"}, "a_pay", "Enter at most $480.77 an hour"),
        ({"a_pay": "22.50", "a_per": "year"}, "a_pay", "below any real wage"),
        ({"a_pay": "45000", "a_hours": "0.5"}, "a_hours", "at least 1 hour"),
        ({"a_pay": "45000", "a_premium": "-5"}, "a_premium", "cannot be negative"),
        ({"a_pay": "45000", "a_label": "x" * 41}, "a_label", "at most 40 characters"),
    ],
)
def test_bad_input_is_a_422_with_field_messages(client, salary_data, params, field, message):
    response = client.get(query(**params))
    html = response.content.decode()
    assert response.status_code == 422
    assert "comparison" not in response.context
    assert f'<div class="field-errors" id="id_{field}_error"><p>' in html
    assert message in html
    assert "Check the offers" in html
    assert f'href="#id_{field}"' in html
    assert re.search(rf'name="{field}"[^>]*aria-invalid="true"', html)


def test_a_repeated_field_asks_for_one_answer(client, salary_data):
    response = client.get(URL + "?a_pay=45000&a_pay=50000")
    assert response.status_code == 422
    assert "Give one answer only." in response.content.decode()


def test_htmx_gets_only_the_result(client, salary_data):
    response = client.get(SHARED, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" not in html and "<form" not in html
    assert "base pay decides it" in html
    # Every message slot is refreshed out of band, so old messages go away.
    assert 'id="id_a_pay_error" hx-swap-oob="true"' in html
    assert 'id="id_c_holidays_error" hx-swap-oob="true"' in html


def test_htmx_bad_input_is_a_422_fragment_with_messages(client, salary_data):
    response = client.get(query(a_pay="45000", a_match_rate="500"), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 422
    assert "<form" not in html
    assert 'id="id_a_match_rate_error" hx-swap-oob="true"><p>' in html


def test_history_restore_gets_the_full_page(client, salary_data):
    headers = {**HTMX, "HX-History-Restore-Request": "true"}
    html = client.get(SHARED, headers=headers).content.decode()
    assert "<h1" in html and "<form" in html


def test_head_works_and_post_is_refused(client, salary_data):
    assert client.head(SHARED).status_code == 200
    assert client.post(URL).status_code == 405


def test_page_has_no_inline_script_style_or_handlers(client, salary_data):
    html = client.get(SHARED).content.decode()
    assert "<script>" not in html and "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert "hx-on" not in html


def test_offers_in_different_places_compare_at_national_prices(client, salary_data):
    response = client.get(query(a_pay="50000", a_location="california", b_pay="45000"))
    comparison = response.context["comparison"]
    assert comparison.at_national_prices
    html = response.content.decode()
    assert "compared in national dollars" in html
    assert "the cost of living decides it" in html


def test_the_pay_check_links_here(client, salary_data):
    html = client.get("/pay-check/?pay=21&per=hour").content.decode()
    assert 'href="/compare-offers/"' in html


def test_the_estimator_fills_offer_a_with_its_estimate(client, salary_data):
    response = client.get("/salary-estimator/?years=5&employer=hospital&location=california")
    estimate = response.context["result"]
    html = response.content.decode()
    found = re.search(r'href="(/compare-offers/\?[^"]+)">Compare with an offer</a>', html)
    assert found
    link = found.group(1).replace("&amp;", "&")
    assert f"a_pay={estimate.typical}" in link and "a_location=california" in link

    offer = client.get(link).context["comparison"].offers[0]
    assert offer.worth.base == estimate.typical
    assert offer.place.slug == "california"
    assert offer.name == "Your estimate"
