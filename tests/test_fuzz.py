"""Generated input against the public surface: every answer is a page or a clear 4xx."""

import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# 3,000 each in `make test` (a minute on two cores); FUZZ_EXAMPLES=10000 for a deeper run.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3000"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ESTIMATOR_FIELDS = ["years", "education", "certifications", "skills", "employer", "location",
                    "contribution", "page", ""]  # fmt: skip

text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=0, max_size=40)
nasty = st.sampled_from(
    ["", "-1", "61", "1e309", "NaN", "inf", "0x10", "9" * 400, "<script>alert(1)</script>",
     "' OR 1=1 --", "../../etc/passwd", "%00", "\x00", "mid-sized", "cmaa", "12.5", " 3 "]
)  # fmt: skip
values = st.one_of(nasty, text, st.integers(-(10**20), 10**20).map(str))


def assert_clear_answer(response):
    assert response.status_code < 500
    if response.status_code >= 400:
        assert response.status_code in {400, 404, 405, 422}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    from careerguide.content import load_pages
    from salaries.seed import load_salary_data

    with django_db_blocker.unblock():
        load_salary_data()
        load_pages()
    yield
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("flush", "--noinput")


@pytest.mark.django_db
def test_generated_estimator_queries_never_fail(client, loaded):
    @FUZZ
    @given(st.lists(st.tuples(st.sampled_from(ESTIMATOR_FIELDS), values), max_size=8),
           st.booleans())  # fmt: skip
    def check(params, htmx):
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        query = "&".join(f"{quote(name)}={quote(value)}" for name, value in params)
        response = client.get(f"/salary-estimator/?{query}", **headers)
        assert_clear_answer(response)
        sent.append(response.status_code)

    sent: list[int] = []
    check()
    assert len(sent) >= EXAMPLES
    assert 422 in sent and 200 in sent  # the generator reaches both kinds of answer


@pytest.mark.django_db
def test_generated_addresses_never_fail(client, loaded):
    segment = st.one_of(
        st.sampled_from(["salary", "sources", "what-they-do", "admin", "static", "..", "%2e%2e",
                         "sitemap.xml", "robots.txt", "salary-estimator", ""]),
        text.map(lambda s: quote(s, safe="")),
    )  # fmt: skip

    @FUZZ
    @given(st.lists(segment, min_size=1, max_size=4), st.booleans())
    def check(segments, trailing_slash):
        path = "/" + "/".join(segments) + ("/" if trailing_slash else "")
        response = client.get(path)
        assert_clear_answer(response)
        sent.append(response.status_code)

    sent: list[int] = []
    check()
    assert len(sent) >= EXAMPLES
    assert 404 in sent and 200 in sent


@pytest.mark.django_db
def test_generated_estimate_api_queries_are_answered_200_or_a_json_400(client, loaded):
    # The estimator's fuzz cases, sent to the API: never a 500, and a refusal is JSON.
    @FUZZ
    @given(st.lists(st.tuples(st.sampled_from(ESTIMATOR_FIELDS), values), max_size=8))
    def check(params):
        query = "&".join(f"{quote(name)}={quote(value)}" for name, value in params)
        response = client.get(f"/api/v1/estimate?{query}")
        assert response.status_code in (200, 400)
        assert response["Content-Type"] == "application/json"
        body = response.json()
        if response.status_code == 400:
            assert body["error"]["message"] and body["error"]["fields"]
        else:
            assert body["range"]["low"] <= body["range"]["high"]
        sent.append(response.status_code)

    sent: list[int] = []
    check()
    assert len(sent) >= EXAMPLES
    assert 400 in sent and 200 in sent
