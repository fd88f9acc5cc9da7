from careerguide.models import Page


def page_form(**overrides):
    data = {
        "title": "Interview questions",
        "slug": "interview-questions",
        "summary": "Questions a clinic may ask a care coordinator.",
        "body": "## Common questions\n\nExpect to talk about {{ source.guide-national.typical }}.",
        "status": "draft",
        "position": "9",
        "last_reviewed": "2026-11-01",
    }
    return {**data, **overrides}


def test_editor_creates_edits_and_publishes_a_page(admin_client, guide, client):
    response = admin_client.post("/admin/careerguide/page/add/", page_form())
    assert response.status_code == 302
    page = Page.objects.get(slug="interview-questions")
    assert page.status == Page.Status.DRAFT
    assert client.get("/interview-questions/").status_code == 404

    response = admin_client.post(
        f"/admin/careerguide/page/{page.pk}/change/",
        page_form(title="Interview questions to expect", status="published"),
    )
    assert response.status_code == 302
    public = client.get("/interview-questions/")
    assert public.status_code == 200
    assert "Interview questions to expect</h1>" in public.content.decode()
    assert "$45,160" in public.content.decode()


def test_unknown_placeholder_is_refused_on_save_with_its_name(admin_client, guide):
    response = admin_client.post(
        "/admin/careerguide/page/add/", page_form(body="Pay: {{ source.nowhere.median }}")
    )
    assert response.status_code == 200
    assert "source.nowhere.median" in response.content.decode()
    assert not Page.objects.filter(slug="interview-questions").exists()


def test_admin_list_shows_status_and_position(admin_client, guide):
    response = admin_client.get("/admin/careerguide/page/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Published" in html and "column-position" in html


def test_admin_search_finds_a_page_by_body(admin_client, guide):
    response = admin_client.get("/admin/careerguide/page/", {"q": "authorization"})
    assert "What a PT Care Coordinator does" in response.content.decode()


def test_preview_renders_unsaved_changes_without_saving(admin_client, guide):
    page = Page.objects.get(slug="what-they-do")
    response = admin_client.post(
        "/admin/careerguide/page/preview/",
        page_form(slug="what-they-do-preview", title="A previewed title"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "A previewed title</h1>" in html and "Preview:" in html
    assert not Page.objects.filter(slug="what-they-do-preview").exists()
    page.refresh_from_db()
    assert page.title == "What a PT Care Coordinator does"


def test_preview_of_invalid_page_explains_the_problem(admin_client, guide):
    response = admin_client.post(
        "/admin/careerguide/page/preview/", page_form(body="{{ not.a.figure }}")
    )
    assert response.status_code == 422
    assert "not.a.figure" in response.content.decode()


def test_public_cannot_reach_the_preview(client, guide):
    response = client.post("/admin/careerguide/page/preview/", page_form())
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_publish_and_unpublish_actions(admin_client, guide, client):
    page = Page.objects.get(slug="right-career")
    admin_client.post(
        "/admin/careerguide/page/", {"action": "unpublish", "_selected_action": [page.pk]}
    )
    assert client.get("/right-career/").status_code == 404
    admin_client.post(
        "/admin/careerguide/page/", {"action": "publish", "_selected_action": [page.pk]}
    )
    assert client.get("/right-career/").status_code == 200
