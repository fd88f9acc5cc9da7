"""The offer comparison page, on the seed's tables (figures worked out in test_offers.py)."""

import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    # Without JavaScript the browser opens the answer at its heading.
    assert 'action="/compare-offers/#result"' in html and 'method="get"' in html
    assert 'name="a_pay"' in html and 'name="c_holidays"' in html
    assert 'id="id_b_pay"' in html
    assert f'href="{SHARED.replace("&", "&amp;")}"' in html
    assert "comparison" not in response.context
    assert "HX-Request" in response["Vary"]


def test_the_shared_link_counts_only_the_two_pays(client, salary_data):
    response = client.get(SHARED)
    html = response.content.decode()
    assert response.status_code == 200
    a, b = response.context["comparison"].offers
    assert (a.worth.base, b.worth.base) == (45000, 46800)
    # Nothing but the pay is stated, so nothing else is counted.
    assert (a.total, b.total) == (45000, 46800)
    assert "$45,000" in html and "$46,800" in html
    assert "$22.50 an hour, 40 hours a week (assumed)" in html
    verdict = response.context["comparison"].verdict
    assert verdict.decider == BASE
    assert (
        "Offer B is worth more: $1,800 a year ($150 a month) more than Offer A; "
        "base pay decides it, and without that difference Offer A would be worth as much." in html
    )


def test_the_typical_figures_are_listed_with_their_sources_and_never_counted(client, salary_data):
    html = client.get(SHARED).content.decode()
    sources = ("guide-benefits", "kff-ehbs-2025", "kff-ehbs-2025-worker-single", "bls-ebs-2023")
    for slug in (*sources, "bls-ebs-1997-holidays", "guide-health-shares"):
        assert f'href="/sources/#source-{slug}"' in html
    assert "Stated default" not in html and "stated default" not in html
    # One survey's figures: KFF 2025, the worker's 1,440 of a 9,325 premium.
    assert "$1,440 a year ($120 a month)" in html
    assert "$7,885 a year" in html and "$9,325 a year" in html
    assert "“most” as 80%, “about half” as 50%, “little” as 20%" in html
    assert "this site's estimate" in html
    # Where each pay stands, from the pay check: 45,000 and 46,800 against the national
    # percentiles brought forward to May 2022 (median 39,740, 75th 48,507.14).
    assert "About the 65th percentile" in html
    assert "About the 70th percentile" in html


COLUMBUS = {
    "a_label": "Clinic",
    "a_pay": "$19.50 an hour",
    "a_hours": "40",
    "a_match_form": "pay",
    "a_match_pay": "3",
    "b_label": "Hospital",
    "b_pay": "42,000 a year",
}


def test_the_columbus_offers_count_only_what_was_stated(client, salary_data):
    response = client.get(query(**COLUMBUS))
    html = response.content.decode()
    assert response.status_code == 200
    clinic, hospital = response.context["comparison"].offers
    # 19.50 × 2,080 = 40,560; 3% of pay = 1,216.80 → 1,217.
    assert clinic.worth.part("match").amount == 1217
    assert (clinic.total, hospital.total) == (41777, 42000)
    assert hospital.worth.part("match").amount_text == "Not stated"
    assert "Hospital is worth more: $223 a year ($19 a month) more than Clinic" in html
    assert (
        "If Hospital matches like a typical employer (50% of what you put in, up to 6% of "
        'pay), +$1,260 a year: <span class="outcome">Hospital stays ahead</span>.' in html
    )
    assert (
        "If Clinic gives a typical employer&#x27;s paid vacation (11 days), +$1,716 a year: "
        '<span class="outcome">Clinic would come out ahead</span>.' in html
    )
    # The employer's typical 7,885 for health insurance (KFF 2025); the worker's 1,440
    # pays for the same cover, so it is not taken off again.
    assert "you paying $1,440), +$7,885 a year: <span" in html
    assert "It counts only what you entered. The offers leave 9 answers unsaid" in html
    assert "Stated default" not in html


def test_a_3_typed_as_a_share_of_what_you_put_in_is_read_as_3_percent_of_pay(client, salary_data):
    params = {**COLUMBUS, "a_match_form": "contribution", "a_match_rate": "3"}
    del params["a_match_pay"]
    response = client.get(query(**params))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["comparison"].offers[0].worth.part("match").amount == 1217
    note = "Did you mean a match of up to 3% of pay?"
    assert html.count(note) == 2  # beside the verdict and beside the field
    assert re.search(r'id="id_a_match_rate_note"[^>]*>Did you mean', html)
    assert (
        'aria-describedby="id_a_match_rate_helptext id_a_match_rate_error id_a_match_rate_note"'
        in html
    )
    # htmx refreshes the note beside the field out of band.
    partial = client.get(query(**params), headers=HTMX).content.decode()
    assert partial.count(note) == 2
    assert 'id="id_a_match_rate_note" hx-swap-oob="true">Did you mean' in partial
    assert 'id="id_b_match_rate_note" hx-swap-oob="true"></p>' in partial


def test_an_old_link_with_a_rate_and_a_cap_keeps_its_meaning(client, salary_data):
    response = client.get(URL + "?a_pay=19.50&a_per=hour&a_hours=40&a_match_rate=100&a_match_cap=3")
    html = response.content.decode()
    assert response.status_code == 200
    match = response.context["comparison"].offers[0].worth.part("match")
    assert match.amount == 1217
    assert match.method.startswith("100% of what you put in, up to 3% of pay")
    # The form shows the way of stating it that the link meant.
    assert re.search(r'value="contribution"[^>]*checked', html)


def test_the_fields_of_a_choice_not_made_are_ignored(client, salary_data):
    response = client.get(query(a_pay="45000", a_match_form="pay", a_match_rate="500"))
    assert response.status_code == 200
    assert response.context["comparison"].offers[0].worth.part("match").amount_text == "Not stated"


@pytest.mark.parametrize(
    ("plan", "employer"),
    # 80%, 50% and 20% of the seed's 9,325 single-coverage premium (KFF 2025); what the
    # worker pays is said, not taken off again.
    [("most", 7460), ("half", 4663), ("little", 1865), ("none", 0)],
)
def test_health_insurance_said_in_words(client, salary_data, plan, employer):
    response = client.get(query(a_pay="42000", a_health=plan))
    offer = response.context["comparison"].offers[0]
    assert offer.worth.part("health").amount == employer
    assert offer.total == 42000 + employer
    unstated = [item.item for item in response.context["comparison"].unstated]
    assert "health" not in unstated


def test_overtime_and_a_shift_differential_count_in_pay(client, salary_data):
    response = client.get(
        query(
            a_pay="19.50/hr",
            a_hours="40",
            a_overtime_hours="5",
            a_shift_pay="2",
            a_shift_hours="16",
        )
    )
    html = response.content.decode()
    offer = response.context["comparison"].offers[0]
    # 19.50 × 1.5 × 5 × 52 = 7,605; 2 × 16 × 52 = 1,664.
    assert offer.worth.part("overtime").amount == 7605
    assert offer.worth.part("shift").amount == 1664
    assert ">Overtime</th>" in html and ">Shift differential</th>" in html
    assert "$19.50 an hour, 40 hours a week and 5 of overtime" in html


@pytest.mark.parametrize(
    ("pay", "per", "amount", "unit"),
    [
        ("35,000", "year", 35000, "year"),
        ("$35k", "year", 35000, "year"),
        ("35K", "year", 35000, "year"),
        ("19.50/hr", "year", Decimal("19.50"), "hour"),
        ("$19.50 an hour", "year", Decimal("19.50"), "hour"),
        ("$19.50/hour", "year", Decimal("19.50"), "hour"),
        ("42,000 a year", "hour", 42000, "year"),
    ],
)
def test_pay_is_read_as_people_write_it(client, salary_data, pay, per, amount, unit):
    response = client.get(query(a_pay=pay, a_per=per))
    assert response.status_code == 200
    terms = response.context["comparison"].offers[0].terms
    assert (terms.pay, terms.per) == (amount, unit)
    # The page shows the unit the pay was read in.
    assert re.search(rf'<option value="{unit}" selected>', response.content.decode())


def test_defaults_follow_the_tables(client, salary_data):
    BenefitAssumptions.objects.update(pto_days=15)
    Statistic.objects.filter(slug="paid-holidays").update(value=10)
    from salaries.snapshot import tables_changed

    tables_changed()
    response = client.get(URL + "?a_pay=26000")
    comparison = response.context["comparison"]
    assert comparison.offers[0].worth.part(TIME_OFF).amount == 0
    # What typical leave would add: 15 × 26,000 ÷ 260 = 1,500; holidays 10 × 100 = 1,000.
    amounts = {item.item: item.amount for item in comparison.unstated}
    assert (amounts["pto_days"], amounts["holidays"]) == (1500, 1000)
    assert 'Paid vacation: <span class="figure">15 days</span>' in response.content.decode()


def test_typed_answers_are_counted_as_given(client, salary_data):
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
    # Match 45,000 × 4% × 100% = 1,800; employer 200 × 26 = 5,200 (the premium, 60 × 26 =
    # 1,560, pays for the same cover: not taken off again); time off 23 × 173.0769 =
    # 3,980.77 → 3,981.
    assert parts == {
        "base": 45000,
        "bonus": 1500,
        "match": 1800,
        "health": 5200,
        "time_off": 3981,
        "overtime": 0,
        "shift": 0,
    }
    assert offer.name == "Clinic"
    # 57,481 ÷ 1.1072 (California's price level, 2024) = 51,915.64 → 51,916.
    assert offer.total == 57481 and offer.national_total == 51916
    assert "Clinic is worth $57,481 a year in all" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"a_pay": "-45000"}, "a_pay", "Pay cannot be negative or zero."),
        ({"a_pay": "lots"}, "a_pay", "Enter the pay as a number, such as 45,000 a year"),
        ({"a_pay": "<script>alert(1)</script>"}, "a_pay", "Enter the pay as a number"),
        ({"a_pay": "99999999999"}, "a_pay", "Enter at most $1,000,000 a year"),
        ({"a_pay": "$19.50 an hour a year"}, "a_pay", "Give one unit, an hour or a year"),
        ({"a_pay": "19.555"}, "a_pay", "Use at most two decimal places"),
        ({"a_pay": "45000", "a_shift_pay": "2"}, "a_shift_hours", "hours a week it is paid"),
        (
            {"a_pay": "45000", "a_shift_pay": "2", "a_shift_hours": "60"},
            "a_shift_hours",
            "at most the hours worked a week (40)",
        ),
        ({"a_pay": "45000", "a_overtime_hours": "-1"}, "a_overtime_hours", "cannot be negative"),
        # A label with a "%" in it once broke its own message (a 500).
        (
            {"a_pay": "45000", "a_match_rate": "-1"},
            "a_match_rate",
            "Matches (% of what you put in) cannot be negative.",
        ),
        ({"a_pay": "45000", "a_match_form": "twice"}, "a_match_form", "Choose how the offer"),
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
        ({"a_pay": "4" * 41}, "a_pay", "Write the pay in at most 40 characters."),
        # $20,000 a month for health cover: $240,000 a year, over five typical premiums.
        (
            {
                "a_pay": "45000",
                "a_health": "amounts",
                "a_premium": "20000",
                "a_premium_per": "month",
            },
            "a_premium",
            "$20,000 a month comes to $240,000 a year, more than 5 times a typical "
            "single-coverage premium ($9,325 a year)",
        ),
        # Two offers of one name would read "Same is worth more than Same".
        (
            {"a_pay": "45000", "a_label": "Same", "b_pay": "46000", "b_label": " same "},
            "b_label",
            "“same” is already the name of Offer A: give this offer a name of its own.",
        ),
        (
            {"a_pay": "45000", "a_label": "Offer B", "b_pay": "46000"},
            "b_label",
            "“Offer B” is already the name of Offer A: give this offer a name of its own.",
        ),
    ],
)
def test_bad_input_is_a_422_with_field_messages(client, salary_data, params, field, message):
    response = client.get(query(**params))
    html = response.content.decode()
    assert response.status_code == 422
    assert "comparison" not in response.context
    assert f'<div class="field-errors" id="id_{field}_error"><p>' in html
    assert message in html
    assert "<script>alert(1)" not in html
    assert "Check the offers" in html
    assert f'href="#id_{field}' in html
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
    # 49,000 in California buys what 49,000 ÷ 1.1072 = 44,256 buys nationally: less than
    # 45,000 there, though more in dollars.
    response = client.get(query(a_pay="49000", a_location="california", b_pay="45000"))
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


offer_queries = st.dictionaries(
    st.sampled_from(
        [f"{letter}_{name}" for letter in "ab" for name in (
            "pay", "per", "hours", "overtime_hours", "shift_pay", "shift_hours", "match_form",
            "match_pay", "match_rate", "match_cap", "contribution", "health", "premium",
            "premium_per", "employer_health", "pto_days", "holidays", "location",
        )]
    ),
    st.one_of(
        st.text(max_size=14),
        st.sampled_from(["19.50/hr", "$42k", "3", "100", "0", "-1", "1e9", "NaN", "hour",
                         "year", "pay", "contribution", "most", "amounts", "none", "unstated",
                         "two-weeks", "ohio", "<script>"]),
    ),
    max_size=8,
)  # fmt: skip


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=offer_queries, htmx=st.booleans())
def test_no_offer_address_gives_a_server_error(client, salary_data, params, htmx):
    response = client.get(URL + "?" + urlencode(params), headers=HTMX if htmx else {})
    assert response.status_code in (200, 422)
    assert "<script>" not in response.content.decode().split("</head>")[-1].replace(
        '<script src="', ""
    )


def test_gaps_that_change_nothing_alone_are_also_valued_together(client, salary_data):
    # A hospital states its whole package; a clinic only its pay. Each gap alone leaves the
    # hospital ahead, but a typical package in every gap would put the clinic ahead.
    response = client.get(
        query(
            a_label="Riverside Hospital",
            a_pay="$19.75 an hour",
            a_per="hour",
            a_health="most",
            a_match_form="pay",
            a_match_pay="3",
            a_pto_days="15",
            a_holidays="8",
            b_label="Eastside PT clinic",
            b_pay="42,000",
            b_per="year",
        )
    )
    html = response.content.decode()
    assert response.status_code == 200
    # 41,080 + 3% 1,232 + 80% of 9,325 = 7,460 + 23 days at 158 = 3,634: 53,406.
    assert [offer.total for offer in response.context["comparison"].offers] == [53406, 42000]
    assert "none would change it alone, but all of them together would (below)." in html
    # 42,000 + 1,260 + 7,885 + (11 + 9.3) × 42,000 ÷ 260 = 3,279 + 3,000 = 57,424, against
    # 53,406 + a 3,000 bonus = 56,406.
    assert (
        '<p class="together could-change">All 6 together: with every answer left unsaid '
        "valued as a typical employer gives it, Eastside PT clinic would come out ahead, "
        "by $1,018 a year.</p>" in html
    )
