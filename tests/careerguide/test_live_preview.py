"""The live preview beside a page's text in the admin: an htmx endpoint answering with the
body as readers would see it, figures in place and problems marked where they are."""

import html as html_lib
import json
import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from careerguide.markup import MAX_LENGTH
from careerguide.models import Page

NEW_URL = "/admin/careerguide/page/live-preview/"


def saved_url(page: Page) -> str:
    return f"/admin/careerguide/page/{page.pk}/live-preview/"


def account(username: str, *, group: str | None = None, perms: tuple[str, ...] = ()) -> User:
    user = User.objects.create_user(username, password="x", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for codename in perms:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="careerguide", codename=codename)
        )
    return user


@pytest.fixture
def editor(guide) -> Client:
    client = Client()
    client.force_login(account("ana", group="Editors"))
    return client


@pytest.fixture
def guide_page(guide) -> Page:
    return Page.objects.get(slug="what-they-do")


def test_a_placeholder_is_shown_as_its_figure(editor, guide_page):
    response = editor.post(
        saved_url(guide_page),
        {"body": "## Pay\n\nTypical pay is {{ source.guide-national.typical }}."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h2>Pay</h2>" in html
    assert re.search(r'<a [^>]*class="figure" href="[^"]+"[^>]*>\$45,160</a>', html)
    # A link followed from the preview opens beside the form, never over unsaved text.
    assert '<a target="_blank" class="figure"' in html
    assert "No problems" in html


def test_an_unknown_placeholder_is_marked_where_it_is(editor, guide_page):
    body = "Before {{ source.no-such-source.typical }} after, and {{ nonsense here }} too."
    response = editor.post(saved_url(guide_page), {"body": body})
    assert response.status_code == 200
    html = response.content.decode()
    # In place, between the words around it, naming what was written.
    assert re.search(
        r"Before <mark[^>]*id=\"live-problem-1\"[^>]*>"
        r".*?source\.no-such-source\.typical.*?</mark> after",
        html,
        re.DOTALL,
    )
    assert re.search(
        r'<mark[^>]*id="live-problem-2"[^>]*>.*?nonsense here.*?</mark>', html, re.DOTALL
    )
    # And listed above the preview, each linking to its place.
    summary = html.split('class="live-preview-problems"')[1].split("</div>")[0]
    assert 'href="#live-problem-1"' in summary and 'href="#live-problem-2"' in summary
    assert "source.no-such-source.typical" in html_lib.unescape(summary)
    assert "(figure unavailable)" not in html


def test_over_long_text_is_reported_not_rendered(editor, guide_page):
    body = "word " * (MAX_LENGTH // 5 + 1)
    response = editor.post(saved_url(guide_page), {"body": body})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"the limit is {MAX_LENGTH:,}" in html
    assert html.count("word") < 50


def test_a_link_to_a_figure_is_reported(editor, guide_page):
    response = editor.post(
        saved_url(guide_page), {"body": "[pay]({{ source.guide-national.typical }})"}
    )
    assert "cannot be a link" in response.content.decode()


def test_a_request_without_a_body_is_refused_with_a_message(editor, guide_page):
    response = editor.post(saved_url(guide_page), {"title": "No body here"})
    assert response.status_code == 400
    assert "page text" in response.content.decode()


def test_the_endpoint_only_answers_posts(editor, guide_page):
    assert editor.get(saved_url(guide_page)).status_code == 405


def test_a_missing_page_is_not_found(editor):
    assert (
        editor.post("/admin/careerguide/page/999999/live-preview/", {"body": "x"}).status_code
        == 404
    )


def test_markup_in_the_text_is_shown_as_text(editor, guide_page):
    response = editor.post(
        saved_url(guide_page), {"body": "<script>alert(1)</script> & <b>bold</b>"}
    )
    html = response.content.decode()
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_view_only_accounts_cannot_preview_unsaved_text(guide, guide_page):
    client = Client()
    client.force_login(account("viewer", perms=("view_page",)))
    assert client.post(saved_url(guide_page), {"body": "Secret"}).status_code == 403
    assert client.post(NEW_URL, {"body": "Secret"}).status_code == 403


def test_previewing_a_new_page_needs_add_and_an_existing_one_change(guide, guide_page):
    adder = Client()
    adder.force_login(account("adder", perms=("view_page", "add_page")))
    assert adder.post(NEW_URL, {"body": "New"}).status_code == 200
    assert adder.post(saved_url(guide_page), {"body": "Edit"}).status_code == 403
    changer = Client()
    changer.force_login(account("changer", perms=("view_page", "change_page")))
    assert changer.post(saved_url(guide_page), {"body": "Edit"}).status_code == 200
    assert changer.post(NEW_URL, {"body": "New"}).status_code == 403


def test_signed_out_visitors_are_sent_to_the_login(client, guide_page):
    response = client.post(saved_url(guide_page), {"body": "x"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def hx_attributes(html: str) -> dict:
    textarea = re.search(r"<textarea[^>]*name=\"body\"[^>]*>", html).group(0)
    return dict(re.findall(r'(hx-[a-z-]+)="([^"]*)"', textarea)) | dict(
        re.findall(r"(hx-[a-z-]+)='([^']*)'", textarea)
    )


def test_the_change_form_asks_for_the_preview_as_the_editor_types(editor, guide_page):
    html = editor.get(f"/admin/careerguide/page/{guide_page.pk}/change/").content.decode()
    attributes = hx_attributes(html)
    assert attributes["hx-post"] == saved_url(guide_page)
    assert attributes["hx-trigger"] == "input changed delay:500ms"
    assert "hx-on" not in html
    assert re.search(r'<script src="[^"]*django_htmx/htmx-2\.min\.js" defer', html)
    content = html.split('id="content"')[1]
    assert not re.search(r"<script(?![^>]*\bsrc=)", content)  # no inline script
    # The pane starts with the saved text already rendered, figures in place.
    pane = html.split('id="live-preview"')[1]
    assert "live-preview-body" in pane
    add = editor.get("/admin/careerguide/page/add/").content.decode()
    assert hx_attributes(add)["hx-post"] == NEW_URL


def test_the_csrf_token_travels_in_the_htmx_headers(guide, guide_page):
    client = Client(enforce_csrf_checks=True)
    client.force_login(account("ana", group="Editors"))
    html = client.get(f"/admin/careerguide/page/{guide_page.pk}/change/").content.decode()
    headers = json.loads(html_lib.unescape(hx_attributes(html)["hx-headers"]))
    assert client.post(saved_url(guide_page), {"body": "x"}).status_code == 403
    response = client.post(saved_url(guide_page), {"body": "x"}, headers=headers)
    assert response.status_code == 200


def test_a_view_only_change_form_has_no_live_preview(guide, guide_page):
    client = Client()
    client.force_login(account("viewer", perms=("view_page",)))
    html = client.get(f"/admin/careerguide/page/{guide_page.pk}/change/").content.decode()
    assert "hx-post" not in html
