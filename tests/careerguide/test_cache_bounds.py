"""The cache's bounds are the documented ones, and estimates cannot push out guide pages."""

import pytest
from django.conf import settings

ESTIMATE = "/salary-estimator/?education=associate&employer=hospital&location=boston"


def estimate(client, n: int):
    # 50 years × 20 contributions: a thousand distinct answers.
    years, contribution = divmod(n, 20)
    return client.get(
        f"{ESTIMATE}&years={years}&contribution={contribution + 1}", HTTP_HX_REQUEST="true"
    )


def test_a_flood_of_distinct_estimates_leaves_the_guide_pages_cached(
    client, guide, django_assert_num_queries
):
    assert client.get("/what-they-do/").status_code == 200
    for n in range(1000):
        assert estimate(client, n).status_code == 200
    # One query, for the content version: the page and the first estimate came from the cache.
    with django_assert_num_queries(1):
        assert client.get("/what-they-do/").status_code == 200
    with django_assert_num_queries(1):
        assert estimate(client, 0).status_code == 200


@pytest.mark.skipif(bool(settings.REDIS_URL), reason="Redis is bounded by its own memory")
def test_local_memory_keeps_the_documented_number_of_estimates():
    # README: at most 5,000 estimate fragments, in a cache of their own.
    assert settings.CACHES["fragments"]["OPTIONS"]["MAX_ENTRIES"] == 5000
    assert settings.CACHES["fragments"]["LOCATION"] != settings.CACHES["default"]["LOCATION"]


def test_estimate_fragments_are_kept_compressed_and_served_as_rendered(client, guide):
    from careerguide.shared.versioning import cached_or_none

    first = estimate(client, 5)
    profile = first.context["result"].profile
    kept = cached_or_none(f"estimate-fragment:{profile.query}")
    assert isinstance(kept, bytes)
    assert len(kept) * 2 < len(first.content)  # README: about 4 kB each, not 12
    again = estimate(client, 5)
    assert again.content == first.content
