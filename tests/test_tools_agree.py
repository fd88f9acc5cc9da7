"""The three tools agree (issue 20): the estimator's typical pay for a profile in Columbus,
OH, checked in the pay check and offered in the comparison, stands at the same percentile
of the same release in all three."""

import pytest

from careerguide.content import load_pages
from salaries.seed import load_oews_releases, load_salary_data

COLUMBUS = "columbus-oh"


@pytest.fixture
def may_2025(db):
    load_salary_data()
    load_oews_releases()
    load_pages()


def test_the_estimator_pay_check_and_comparison_name_one_percentile_and_release(client, may_2025):
    profile = {"years": 2, "education": "high-school", "employer": "private-clinic"}
    estimate = client.get("/salary-estimator/", {**profile, "location": COLUMBUS})
    assert estimate.status_code == 200, estimate.content.decode()[:500]
    result = estimate.context["result"]
    # Columbus's own BLS figures, May 2025, published: no scaling, no national stand-in.
    assert result.distribution.area == "Columbus, OH"
    assert result.distribution.period == "May 2025" and result.distribution.is_published
    hourly = f"{result.hourly_typical:.2f}"

    check = client.get("/pay-check/", {"pay": hourly, "per": "hour", "location": COLUMBUS})
    near = check.context["check"].nearest
    assert near.distribution.area == "Columbus, OH"
    assert near.distribution.period == result.distribution.period
    assert near.standing.rounded == result.standing.rounded
    assert near.standing.word == result.standing.word

    offers = client.get(
        "/compare-offers/",
        {"a_pay": hourly, "a_per": "hour", "a_hours": "40", "a_location": COLUMBUS,
         "b_pay": "42000", "b_per": "year", "b_location": COLUMBUS},
    )  # fmt: skip
    offer = offers.context["comparison"].offers[0]
    assert offer.check.area.distribution.period == "May 2025"
    assert offer.check.area.standing.rounded == result.standing.rounded
