"""The read-only JSON API under /api/v1/: figures, changes, estimates, its OpenAPI
description, errors as JSON, and conditional requests."""

import pytest
from openapi_spec_validator import validate

from salaries.models import Source

FIGURE = "source.guide-national.typical"


def test_the_figures_list_has_every_figure_with_its_provenance(client, guide):
    from salaries.figures import registry

    response = client.get("/api/v1/figures/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == len(registry()) == len(data["figures"])
    row = next(r for r in data["figures"] if r["name"] == "bls.may-2022.a_median")
    assert row["value"].startswith("$") and row["period"] == "May 2022"
    assert row["grade"] == "published" and row["publisher"].startswith("U.S. Bureau of Labor")
    assert row["source_url"].startswith("https://") and row["licence"].startswith("Public domain")
    assert row["page"].endswith("/figures/bls.may-2022.a_median/")


def test_one_figure_and_an_unknown_one(client, guide):
    data = client.get(f"/api/v1/figures/{FIGURE}/").json()
    assert data["value"] == "$45,160" and data["changes"] == []
    # Without the trailing slash, the same answer rather than a redirect.
    assert client.get(f"/api/v1/figures/{FIGURE}").json()["value"] == "$45,160"
    response = client.get("/api/v1/figures/source.nothing.typical/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "No figure is named" in response.json()["error"]["message"]


def test_an_unknown_api_address_and_a_post_are_json_errors(client, guide):
    response = client.get("/api/v1/salaries/")
    assert response.status_code == 404 and response.json()["error"]["status"] == 404
    response = client.post("/api/v1/figures/")
    assert response.status_code == 405 and "only reads" in response.json()["error"]["message"]
    assert response["Allow"] == "GET, HEAD"


def test_an_estimate_uses_the_estimators_query_names_and_is_itemised(client, guide):
    query = "years=2&education=associate&certifications=cmaa&employer=hospital"
    response = client.get(f"/api/v1/estimate?{query}")
    assert response.status_code == 200
    data = response.json()
    page = client.get(f"/salary-estimator/?{query}").content.decode()
    assert data["range"]["text"] in page.replace("&nbsp;", " ")
    assert data["profile"]["years"] == 2 and data["profile"]["certifications"] == ["cmaa"]
    labels = [step["label"] for step in data["steps"]]
    assert "Certification" in labels and labels[-1] == "Hourly pay"
    step = data["steps"][0]
    assert {"label", "text", "low", "typical", "high", "shown", "source"} <= set(step)
    assert data["range"]["low"] <= data["range"]["typical"] <= data["range"]["high"]
    assert data["percentile"]["text"] and data["release"]["period"]
    slugs = {source["slug"] for source in data["sources"]}
    assert "guide-levels" in slugs and any(slug.startswith("bls-oews") for slug in slugs)


@pytest.mark.parametrize(
    "query, field",
    [("years=-1", "years"), ("years=abc", "years"), ("education=phd-in-magic", "education"),
     ("years=1&years=2", "years"), ("contribution=1e999", "contribution"),
     ("location=%3Cscript%3E", "location")],
)  # fmt: skip
def test_an_unusable_answer_is_a_400_naming_the_field(client, guide, query, field):
    response = client.get(f"/api/v1/estimate?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and field in error["fields"]
    assert "<script>" not in response.content.decode()


def test_answers_carry_an_etag_and_answer_304_until_a_figure_changes(client, guide):
    first = client.get(f"/api/v1/figures/{FIGURE}/")
    tag = first["ETag"]
    assert tag and "no-cache" in first["Cache-Control"]
    again = client.get(f"/api/v1/figures/{FIGURE}/", HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again.content == b""
    other = client.get("/api/v1/figures/", HTTP_IF_NONE_MATCH=tag)
    assert other.status_code == 200  # another address, another tag
    estimate = client.get("/api/v1/estimate?years=3")
    assert (
        client.get("/api/v1/estimate?years=3", HTTP_IF_NONE_MATCH=estimate["ETag"]).status_code
        == 304
    )

    source = Source.objects.get(slug="guide-national")
    source.typical = 47000
    source._change_reason = "New edition"
    source.save()
    changed = client.get(f"/api/v1/figures/{FIGURE}/", HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed["ETag"] != tag
    assert changed.json()["value"] == "$47,000"


def test_an_edit_in_the_admin_shows_in_the_api_on_the_next_request(admin_client, client, guide):
    from tests.salaries.test_open_data import edit_typical

    assert client.get(f"/api/v1/figures/{FIGURE}/").json()["value"] == "$45,160"
    estimate = client.get("/api/v1/estimate?years=5").json()
    assert edit_typical(admin_client, 48000, change_reason="New edition").status_code == 302
    assert client.get(f"/api/v1/figures/{FIGURE}/").json()["value"] == "$48,000"
    assert client.get("/api/v1/changes/").json()["changes"][0]["reason"] == "New edition"
    # The estimate rests on the tables too (the national figure is its reference).
    assert client.get("/api/v1/estimate?years=5").json() != estimate


def test_the_openapi_description_is_valid_and_names_every_address(client, guide):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    assert spec["openapi"].startswith("3.1")
    assert {"/api/v1/figures/", "/api/v1/figures/{name}/", "/api/v1/changes/",
            "/api/v1/estimate"} <= set(spec["paths"])  # fmt: skip
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/estimate"]["get"]["parameters"]}
    assert "associate" in parameters["education"]["schema"]["enum"]
    assert set(parameters) >= {"years", "education", "certifications", "skills", "employer",
                               "location", "contribution"}  # fmt: skip


def test_the_api_page_for_humans_links_each_address(client, guide):
    html = client.get("/api/").content.decode()
    for address in ("/api/v1/figures/", "/api/v1/changes/", "/api/v1/openapi.json",
                    "/api/v1/estimate?years=2"):  # fmt: skip
        assert f'href="{address}' in html
