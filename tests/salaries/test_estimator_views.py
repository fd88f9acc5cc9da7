import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from salaries.models import (
    BenefitAssumptions,
    Certification,
    EducationLevel,
    EmployerType,
    ExperienceBand,
    Location,
    PriceParity,
    Skill,
    Source,
)

URL = "/salary-estimator/"
HTMX = {"HX-Request": "true"}
VALID = {
    "years": "5",
    "education": "associate",
    "certifications": "cmaa",
    "employer": "hospital",
    "location": "united-states",
    "contribution": "6",
}


def query(**changes) -> str:
    params = {**VALID, **changes}
    return URL + "?" + urlencode({k: v for k, v in params.items() if v is not None}, doseq=True)


def test_url_name_points_at_the_estimator():
    assert reverse("salaries:estimator") == URL


def test_full_page_shows_the_default_estimate(client, salary_data):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert ">Salary estimator</h1>" in html
    assert 'action="/salary-estimator/#result"' in html
    assert 'method="get"' in html
    assert "Estimate my pay</button>" in html
    assert 'href="/how-the-estimate-works/"' in html
    # A newcomer with a diploma at a corporate chain, national pay (test_estimator.py).
    assert response.context["result"].typical == 30799
    assert '<strong class="estimate-figure">$30,799</strong>' in html
    assert "$28,442 to $33,599" in html
    # The percentiles are May 2019's brought forward to May 2022: the period they describe.
    assert "about the 17th percentile of medical secretaries nationally, May 2022" in html
    assert 'value="united-states" selected' in html
    assert 'value="corporate-chain" selected' in html
    assert "HX-Request" in response["Vary"]


def test_full_page_shows_breakdown_suggestions_and_total(client, salary_data):
    response = client.get(query())
    html = response.content.decode()
    result = response.context["result"]
    # Worked out in test_estimator.py.
    assert (result.low, result.typical, result.high) == (43967, 52450, 57828)
    assert result.compensation.total == 65288
    assert '<strong class="estimate-figure">$52,450</strong>' in html
    assert "$43,967 to $57,828+" in html
    assert "about the 81st percentile of medical secretaries nationally, May 2022" in html
    assert "only for May 2019 (for May 2022 it holds the median alone)" in html
    assert "this site&#x27;s estimate" in html
    assert 'href="/sources/#source-guide-levels"' in html
    assert 'href="/sources/#source-bls-oews-2019"' in html
    assert "What would raise it" in html
    assert "Cross-check" in html
    assert "Total compensation" in html
    assert "$65,288" in html
    assert 'id="estimate-result" class="estimate-result" aria-live="polite" aria-atomic="true"' in (
        html
    )


def test_page_obeys_the_content_security_policy(client, salary_data):
    html = client.get(query()).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html)
    assert " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)
    assert "hx-on" not in html
    assert "htmx-2.min.js" in html
    assert 'name="htmx-config"' in html


def test_htmx_request_gets_only_the_result_partial(client, salary_data):
    response = client.get(query(), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "<h1" not in html
    assert "<form" not in html
    assert '<strong class="estimate-figure">$52,450</strong>' in html
    assert "HX-Request" in response["Vary"]
    # The field messages and the phone's summary bar are swapped out of band.
    assert 'id="id_years_error" hx-swap-oob="true"' in html
    assert 'id="estimate-peek" hx-swap-oob="true"' in html


def test_history_restore_gets_the_full_page(client, salary_data):
    response = client.get(query(), headers={**HTMX, "HX-History-Restore-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert "hx-swap-oob" not in html
    assert "HX-Request" in response["Vary"]


def test_tracking_parameters_alone_show_the_default_estimate(client, salary_data):
    response = client.get(URL + "?utm_source=newsletter")
    assert response.status_code == 200
    assert response.context["result"].typical == 30799


def test_any_subset_of_answers_gives_an_estimate_with_the_defaults_shown(client, salary_data):
    partial = client.get(URL + "?years=3&employer=hospital", headers=HTMX)
    assert partial.status_code == 200
    assert '<strong class="estimate-figure">' in partial.content.decode()
    response = client.get(URL + "?years=3&employer=hospital")
    assert response.status_code == 200
    result = response.context["result"]
    assert result.profile.years == 3
    assert result.profile.employer == "hospital"
    assert result.profile.education == "high-school"
    assert result.profile.location == "united-states"
    form = response.context["form"]
    assert form["education"].value() == "high-school"
    assert form["location"].value() == "united-states"
    html = response.content.decode()
    assert 'value="high-school" selected' in html
    assert 'value="united-states" selected' in html


@pytest.mark.parametrize(
    "old, place",
    [
        ("san-francisco", "san-francisco-oakland-hayward-ca"),
        ("new-york", "new-york"),
        ("boston", "massachusetts"),
        ("washington-dc", "district-of-columbia"),
        ("mid-sized", "united-states"),
        ("rural", "united-states"),
    ],
)
def test_links_with_a_retired_location_bucket_still_work(client, salary_data, old, place):
    response = client.get(URL + f"?years=2&location={old}")
    assert response.status_code == 200
    assert response.context["result"].profile.location == place


def test_a_state_without_figures_of_its_own_is_offered_and_says_so(client, salary_data):
    # The seed has no BLS rows for Ohio; without its price parity too, nothing is local.
    PriceParity.objects.filter(area="39000").delete()
    response = client.get(URL + "?location=ohio")
    assert response.status_code == 200
    assert response.context["result"].national_figures
    assert "No BLS figures or price parity for Ohio are on file yet" in response.content.decode()


def test_suggestion_links_reproduce_their_estimate(client, salary_data):
    response = client.get(URL)
    base = response.context["result"]
    suggestion = base.suggestions[0]
    html = response.content.decode()
    link = re.search(r'href="(/salary-estimator/\?[^"]+)"', html.split("What would raise it")[1])
    followed = client.get(link.group(1).replace("&amp;", "&"))
    assert followed.context["result"].typical == base.typical + suggestion.gain


BAD_INPUT = {
    "unknown education": ({"education": "phd"}, "Choose an education level from the list."),
    "tampered numeric id": ({"education": "2"}, "Choose an education level from the list."),
    "negative years": ({"years": "-1"}, "Years of experience cannot be negative."),
    "too many years": ({"years": "61"}, "Enter 60 years or fewer."),
    "years in words": ({"years": "ten"}, "as a whole number"),
    "years beyond a float": ({"years": "1e309"}, "as a whole number"),
    "huge years": ({"years": "9" * 5000}, "as a whole number"),
    "fractional years": ({"years": "2.5"}, "as a whole number"),
    "empty years": ({"years": ""}, "Enter your years of experience"),
    "empty employer": ({"employer": ""}, "Choose an employer type from the list."),
    "script in location": (
        {"location": "<script>alert(1)</script>"},
        "Choose a location from the list.",
    ),
    "unknown certification": ({"certifications": ["cmaa", "x"]}, "Choose certifications"),
    "script in skills": ({"skills": "<script>alert(1)</script>"}, "Choose skills"),
    "contribution in words": ({"contribution": "six"}, "from 0 to 100"),
    "huge contribution": ({"contribution": "1e309"}, "from 0 to 100"),
    "negative contribution": ({"contribution": "-1"}, "from 0 to 100"),
    "not a number contribution": ({"contribution": "NaN"}, "from 0 to 100"),
    "tiny contribution": ({"contribution": "1e-999999999"}, "at most two decimal places"),
    "repeated years": ({"years": ["1", "2"]}, "Give one answer only."),
    "repeated location": ({"location": ["boston", "rural"]}, "Give one answer only."),
}


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "partial"])
@pytest.mark.parametrize("changes, message", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_answers_422_with_a_message(client, salary_data, changes, message, htmx):
    response = client.get(query(**changes), headers=HTMX if htmx else {})
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html
    assert "Check your answers" in html
    assert "<script>alert(1)</script>" not in html
    assert ("<html" in html) is not htmx
    assert "HX-Request" in response["Vary"]


def test_field_messages_sit_beside_their_fields_on_the_full_page(client, salary_data):
    html = client.get(query(years="-1")).content.decode()
    assert (
        '<div class="field-errors" id="id_years_error"><p>Years of experience cannot be negative.'
        in html
    )
    assert 'aria-describedby="id_years_helptext id_years_error"' in html
    assert 'aria-invalid="true"' in html
    assert '<a href="#id_years">Years of experience: ' in html


def test_only_get_is_allowed(client, salary_data):
    assert client.post(URL, VALID).status_code == 405


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "partial"])
def test_empty_tables_say_the_data_is_not_available(client, db, headers):
    response = client.get(query(), headers=headers)
    assert response.status_code == 200
    assert "The salary data is not available yet" in response.content.decode()


def test_missing_benefits_row_says_the_data_is_not_available(client, salary_data):
    BenefitAssumptions.objects.all().delete()
    response = client.get(URL)
    assert response.status_code == 200
    assert "The salary data is not available yet" in response.content.decode()


def test_one_estimate_runs_at_most_five_queries_cold(
    client, salary_data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        assert client.get(query(), headers=HTMX).status_code == 200


def test_full_page_runs_at_most_five_queries_cold(client, guide, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        assert client.get(query()).status_code == 200


def test_warm_estimate_runs_only_the_version_check(client, salary_data, django_assert_num_queries):
    client.get(query(), headers=HTMX)
    with django_assert_num_queries(1):
        assert client.get(query(years="7"), headers=HTMX).status_code == 200


def test_query_count_does_not_grow_with_the_tables(
    client, salary_data, django_assert_max_num_queries
):
    source = Source.objects.first()
    used = set(ExperienceBand.objects.values_list("years_from", flat=True))
    ExperienceBand.objects.bulk_create(
        ExperienceBand(
            name=f"Band {y}", slug=f"band-{y}", source=source, years_from=y, low=1, high=2
        )
        for y in range(61)
        if y not in used
    )
    for model, extra in [
        (EducationLevel, {"start_low": 40000}),
        (Certification, {"abbreviation": "X", "issuer": "X"}),
        (Skill, {}),
        (EmployerType, {}),
        (Location, {"region": "X"}),
    ]:
        count = model.objects.count()
        model.objects.bulk_create(
            model(name=f"Row {i}", slug=f"{model.__name__.lower()}-{i}", source=source, **extra)
            for i in range(count * 100)
        )
    with django_assert_max_num_queries(5):
        response = client.get(query(), headers=HTMX)
    assert response.status_code == 200


def test_cached_fragment_follows_an_edit_and_bad_answers_are_never_cached(client, salary_data):
    from salaries.models import ExperienceBand

    url = (
        "/salary-estimator/?years=0&education=high-school"
        "&employer=corporate-chain&location=united-states"
    )
    first = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "$30,799" in first
    band = ExperienceBand.objects.get(slug="entry")
    band.low = 36000
    band.save()
    second = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    # 36,000 × 0.879982 = 31,679.4
    assert "$31,679" in second and "$30,799" not in second
    for _ in range(2):
        bad = client.get(url.replace("years=0", "years=61"), HTTP_HX_REQUEST="true")
        assert bad.status_code == 422


def test_answers_no_source_prices_say_so_beside_them(client, salary_data):
    # Skills and certifications with no sourced premium change nothing: each says so.
    html = client.get(query()).content.decode()
    unpriced = [
        *Skill.objects.filter(premium_high=0),
        *Certification.objects.filter(premium_high=0),
    ]
    assert unpriced, "the seed has rows no source prices"
    for row in unpriced:
        label = f"{row.name} ({row.abbreviation})" if getattr(row, "abbreviation", "") else row.name
        assert f"{label} (no measured effect on pay)" in html
    priced = Certification.objects.filter(premium_high__gt=0).first()
    assert f"{priced.name} ({priced.abbreviation}) (no measured" not in html
