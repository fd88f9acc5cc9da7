"""Every public page runs a small, fixed number of SQL queries, however big the tables."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careerguide.models import Page
from careerguide.shared import versioning as cache

MAX_QUERIES = 3
ESTIMATE = (
    "/salary-estimator/?years=9&education=bachelor&certifications=cmaa&skills=emr"
    "&employer=hospital&location=boston"
)


PAY_CHECK = "/pay-check/?pay=21.50&per=hour&location=california"

OFFERS = "/compare-offers/?a_pay=45000&a_per=year&b_pay=22.50&b_per=hour"


def public_paths() -> list[str]:
    pages = [page.get_absolute_url() for page in Page.objects.published()]
    return [
        *pages,
        "/sources/",
        "/salary-estimator/",
        ESTIMATE,
        "/pay-check/",
        PAY_CHECK,
        "/compare-offers/",
        OFFERS,
        "/sitemap.xml",
        "/robots.txt",
    ]


def count_queries(client, path: str, **headers) -> tuple[int, int]:
    """Queries for path with an empty cache (just after an edit), then with a warm one."""
    cache.clear()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, **headers).status_code == 200
        counts.append(len(queries))
    return counts[0], counts[1]


def measure(client) -> dict[str, tuple[int, int]]:
    counts = {path: count_queries(client, path) for path in public_paths()}
    counts["htmx estimate"] = count_queries(client, ESTIMATE, HTTP_HX_REQUEST="true")
    counts["htmx offers"] = count_queries(client, OFFERS, HTTP_HX_REQUEST="true")
    counts["htmx pay check"] = count_queries(client, PAY_CHECK, HTTP_HX_REQUEST="true")
    return counts


@pytest.mark.parametrize("size", [10, 100])
def test_every_public_page_runs_a_fixed_small_number_of_queries(client, guide, add_rows, size):
    before = measure(client)
    add_rows(3 * size - 3, start=0)  # the seed has about three rows a table
    after = measure(client)
    assert after == before
    too_many = {path: cold for path, (cold, _) in after.items() if cold > MAX_QUERIES}
    assert too_many == {}
    assert max(warm for _, warm in after.values()) == 1
