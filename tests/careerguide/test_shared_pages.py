"""A guide page every reader gets alike is answered from the cache past the middleware
(careerguide.shared.versioning.SharedPageMiddleware): the same bytes and headers, one
query, and a saved edit on the very next request."""

from unittest import mock

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careerguide.shared.versioning import cached_or_none
from salaries.models import Source

PAGE = "/what-they-do/"


def kept(path: str) -> bool:
    return cached_or_none(f"shared-page:http://testserver{path}") is not None


def test_a_kept_page_is_the_same_answer_from_one_query_past_the_middleware(client, guide):
    first = client.get(PAGE)
    assert kept(PAGE)
    # Past the session middleware and everything below it: none of it runs.
    with (
        mock.patch.object(SessionMiddleware, "process_request") as sessions,
        CaptureQueriesContext(connection) as queries,
    ):
        again = client.get(PAGE)
    assert not sessions.called
    assert len(queries) == 1  # the content version
    assert again.status_code == 200
    assert again.content == first.content
    assert dict(again.headers) == dict(first.headers)
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"):
        assert again.headers[header] == first.headers[header]


def test_a_saved_edit_shows_on_the_next_request(client, guide):
    assert "$45,160" in client.get("/").content.decode()
    assert kept("/")
    source = Source.objects.get(slug="guide-national")
    source.typical = 45999
    source.save()
    assert "$45,999" in client.get("/").content.decode()


@pytest.mark.parametrize(
    "path, headers, cookies",
    [
        (PAGE + "?utm_source=x", {}, {}),
        (PAGE, {"HX-Request": "true"}, {}),
        (PAGE, {}, {"sessionid": "x"}),
        (PAGE, {}, {"csrftoken": "x"}),
        ("/salary-estimator/", {}, {}),
    ],
    ids=["query string", "htmx", "session", "csrf cookie", "not marked shared"],
)
def test_only_plain_anonymous_gets_of_marked_pages_are_kept(client, guide, path, headers, cookies):
    for name, value in cookies.items():
        client.cookies[name] = value
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    assert not kept(path.split("?")[0])


def test_an_editor_gets_the_page_the_usual_way(admin_client, guide):
    assert admin_client.get(PAGE).status_code == 200
    assert not kept(PAGE)


def test_other_addresses_read_no_content_version_for_it(client, guide):
    client.get("/robots.txt")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/robots.txt").status_code == 200
    assert len(queries) == 0
