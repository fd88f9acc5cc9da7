"""Headers the site adds to every response of a kind."""

import pytest

ESTIMATE = "/salary-estimator/?years=9&education=bachelor&employer=hospital&location=boston"


@pytest.mark.parametrize("path", [ESTIMATE, "/pay-check/?pay=21.50&per=hour", "/"])
def test_htmx_fragments_are_private_and_checked_before_reuse(client, guide, path):
    # A fragment shares its address with the full page: no shared cache may keep it, and
    # a browser asks again before reusing it (Vary alone is not honoured everywhere).
    response = client.get(path, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-cache"} <= directives


def test_full_pages_are_left_as_they_were(client, guide):
    response = client.get(ESTIMATE)
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")


def test_a_cache_control_set_by_a_view_is_made_private_for_htmx(client, guide):
    response = client.get("/manifest.webmanifest", HTTP_HX_REQUEST="true")
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "public" not in directives
    assert {"private", "no-cache"} <= directives
