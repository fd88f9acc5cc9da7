"""Drafts of published pages: an editor prepares a change that readers do not see until it
is published, through the admin as an Editors-group account and a view-only account."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from careerguide.models import Page
from tests.careerguide.test_permissions import admin_url, form_data, perms_for, staff

NEW_TEXT = "## New figures\n\nThe newest BLS median is {{ bls.latest.a_median }} a year."
DRAFT_BUTTON = "Save as draft — readers keep seeing the published text"


def token_of(html: str) -> str:
    """The row-version token of the first form on the page that carries one."""
    return re.search(r'name="row_version" value="([^"]*)"', html).group(1)


def editor_client(username: str = "ana") -> Client:
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(guide) -> Client:
    return editor_client()


@pytest.fixture
def published(guide) -> Page:
    return Page.objects.get(slug="what-they-do")


def save_draft(client: Client, page: Page, **changes):
    html = client.get(admin_url(page)).content.decode()
    data = form_data(page, row_version=token_of(html), **changes)
    return client.post(admin_url(page), {**data, "_save_draft": DRAFT_BUTTON})


def test_the_buttons_say_what_they_do(editor, published):
    html = editor.get(admin_url(published)).content.decode()
    assert 'value="Save and publish"' in html
    assert f'value="{DRAFT_BUTTON}"' in html
    draft = Page.objects.create(title="Unpublished", slug="unpublished", summary="S", body="B")
    html = editor.get(admin_url(draft)).content.decode()
    assert 'name="_save_draft"' not in html
    assert 'value="Save and publish"' not in html
    assert "readers see it once its Status is Published" in html


def test_a_draft_of_a_published_page_stays_out_of_readers_sight(editor, published, client):
    before = published.body
    response = save_draft(editor, published, body=NEW_TEXT, title="New title")
    assert response.status_code == 302
    assert response["Location"] == admin_url(published)
    published.refresh_from_db()
    assert published.body == before
    assert published.draft_body == NEW_TEXT
    assert published.draft_title == "New title"
    assert published.is_published

    public = client.get("/what-they-do/").content.decode()
    assert "New figures" not in public and "New title" not in public
    assert "The role at a glance" in public


def test_the_form_reopens_on_the_draft_under_a_banner(editor, published):
    save_draft(editor, published, body=NEW_TEXT)
    response = editor.get(admin_url(published))
    html = response.content.decode()
    assert "A draft change is waiting" in html
    assert "Readers keep seeing the published text" in html
    assert response.context["adminform"].form["body"].value() == NEW_TEXT
    assert 'value="Publish the draft"' in html and 'value="Discard the draft"' in html
    # The live preview beside the text shows the draft with its figures.
    pane = html.split('id="live-preview-body"')[1]
    assert "New figures" in pane and "$39,740" in pane


def test_the_saved_preview_shows_the_draft(editor, published):
    save_draft(editor, published, body=NEW_TEXT)
    html = editor.get(admin_url(published, "preview/")).content.decode()
    assert "New figures" in html and "$39,740" in html
    assert "Preview" in html


def test_publishing_the_draft_shows_it_to_readers(editor, published, client):
    save_draft(editor, published, body=NEW_TEXT, title="New title")
    html = editor.get(admin_url(published)).content.decode()
    response = editor.post(admin_url(published, "publish-draft/"), {"row_version": token_of(html)})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.body == NEW_TEXT and published.title == "New title"
    assert published.draft_body == "" and published.draft_title == ""
    public = client.get("/what-they-do/").content.decode()
    assert "New figures" in public and "$39,740" in public
    record = published.history.latest("history_date")
    assert record.history_change_reason == "Published the draft"
    assert record.history_user.username == "ana"


def test_save_and_publish_publishes_the_form_and_clears_the_draft(editor, published, client):
    save_draft(editor, published, body=NEW_TEXT)
    published.refresh_from_db()
    html = editor.get(admin_url(published)).content.decode()
    data = form_data(published, body=NEW_TEXT + "\n\nOne more line.", row_version=token_of(html))
    response = editor.post(admin_url(published), {**data, "_save": "Save and publish"})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.body.endswith("One more line.")
    assert published.draft_body == ""
    assert "One more line." in client.get("/what-they-do/").content.decode()


def test_discarding_the_draft_keeps_the_published_text(editor, published):
    before = published.body
    save_draft(editor, published, body=NEW_TEXT)
    html = editor.get(admin_url(published)).content.decode()
    response = editor.post(admin_url(published, "discard-draft/"), {"row_version": token_of(html)})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.body == before and published.draft_body == ""
    assert "A draft change is waiting" not in editor.get(admin_url(published)).content.decode()


def test_a_draft_with_an_unknown_placeholder_is_refused(editor, published):
    response = save_draft(editor, published, body="Pay is {{ bls.nowhere.a_median }}.")
    assert response.status_code == 200
    assert "Unknown figure placeholder: bls.nowhere.a_median" in response.content.decode()
    published.refresh_from_db()
    assert published.draft_body == ""


def test_save_as_draft_refuses_to_unpublish_and_keeps_the_typing(editor, published):
    response = save_draft(editor, published, body=NEW_TEXT, status="draft")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Save as draft keeps the page published" in html
    assert "New figures" in html  # the typing is still in the form
    published.refresh_from_db()
    assert published.is_published and published.draft_body == ""


def test_an_unpublished_page_has_no_separate_draft(editor, guide):
    page = Page.objects.create(title="Unpublished", slug="unpublished", summary="S", body="B")
    response = editor.post(
        admin_url(page), {**form_data(page, body="Changed"), "_save_draft": DRAFT_BUTTON}
    )
    assert response.status_code == 200
    assert "Only a published page keeps a draft" in response.content.decode()
    page.refresh_from_db()
    assert page.body == "B" and page.draft_body == ""


def test_the_history_lists_a_saved_draft_with_who_saved_it(editor, published):
    save_draft(editor, published, body=NEW_TEXT, change_reason="May 2024 figures")
    html = editor.get(admin_url(published, "history/")).content.decode()
    assert "May 2024 figures" in html
    assert "ana" in html
    assert re.search(r"[Dd]raft body", html)


# View-only accounts and two editors at once


def test_a_view_only_account_sees_the_banner_but_cannot_act(guide, published):
    save_draft(editor_client(), published, body=NEW_TEXT)
    viewer = Client()
    viewer.force_login(staff("viewer", *perms_for("page", "view")))
    html = viewer.get(admin_url(published)).content.decode()
    assert "A draft change is waiting" in html
    assert "Publish the draft" not in html and "Discard the draft" not in html
    token = token_of(editor_client("lee").get(admin_url(published)).content.decode())
    for action in ("publish-draft/", "discard-draft/"):
        assert viewer.post(admin_url(published, action), {"row_version": token}).status_code == 403
    response = viewer.post(
        admin_url(published), {**form_data(published, body="Hacked"), "_save_draft": "x"}
    )
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.draft_body == NEW_TEXT and "Hacked" not in published.body


def test_publish_and_discard_only_answer_posts(editor, published):
    save_draft(editor, published, body=NEW_TEXT)
    assert editor.get(admin_url(published, "publish-draft/")).status_code == 405
    assert editor.get(admin_url(published, "discard-draft/")).status_code == 405


def test_publishing_with_no_draft_waiting_changes_nothing(editor, published):
    before = published.body
    html = editor.get(admin_url(published)).content.decode()
    response = editor.post(admin_url(published, "publish-draft/"), {"row_version": token_of(html)})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.body == before
    messages = [str(m) for m in editor.get(admin_url(published)).context["messages"]]
    assert any("No draft" in m for m in messages)


def test_a_stale_draft_save_is_refused_and_keeps_both_edits(guide, published):
    alice, bob = editor_client("alice"), editor_client("bob")
    alice_html = alice.get(admin_url(published)).content.decode()
    assert save_draft(bob, published, body=NEW_TEXT).status_code == 302
    data = form_data(published, body="Alice's draft", row_version=token_of(alice_html))
    response = alice.post(admin_url(published), {**data, "_save_draft": DRAFT_BUTTON})
    assert response.status_code == 409
    assert "bob" in response.content.decode()
    published.refresh_from_db()
    assert published.draft_body == NEW_TEXT


def test_publishing_a_draft_someone_changed_since_is_refused(guide, published):
    alice, bob = editor_client("alice"), editor_client("bob")
    save_draft(alice, published, body=NEW_TEXT)
    alice_html = alice.get(admin_url(published)).content.decode()
    save_draft(bob, published, body=NEW_TEXT + "\n\nBob's line.")
    response = alice.post(
        admin_url(published, "publish-draft/"), {"row_version": token_of(alice_html)}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "bob" in html and "Nothing was published" in html
    published.refresh_from_db()
    assert "New figures" not in published.body
    assert published.draft_body.endswith("Bob's line.")


def test_the_page_list_shows_which_pages_have_a_draft_waiting(editor, published):
    save_draft(editor, published, body=NEW_TEXT)
    response = editor.get("/admin/careerguide/page/")
    table = response.content.decode().split('id="result_list"')[1].split("</table>")[0]
    assert "Draft change waiting" in table
    rows = table.split("<tbody>")[1].split("<tr")[1:]
    assert len(rows) == Page.objects.count()
    for row in rows:
        waiting = f"/{published.pk}/change/" in row
        assert ('alt="True"' if waiting else 'alt="False"') in row


def test_a_change_that_left_no_history_still_stops_a_publish(editor, published):
    save_draft(editor, published, body=NEW_TEXT)
    html = editor.get(admin_url(published)).content.decode()
    # A bulk write goes around the history, yet the row's digest still changes.
    Page.objects.filter(pk=published.pk).update(draft_body=NEW_TEXT + "\n\nBulk line.")
    published.history.all().delete()
    response = editor.post(admin_url(published, "publish-draft/"), {"row_version": token_of(html)})
    assert response.status_code == 409
    assert "someone" in response.content.decode()
    published.refresh_from_db()
    assert "New figures" not in published.body


def test_a_publish_without_the_page_version_is_refused(editor, published):
    save_draft(editor, published, body=NEW_TEXT)
    response = editor.post(admin_url(published, "publish-draft/"), {})
    assert response.status_code == 400
    assert "reload the page" in response.content.decode()
    published.refresh_from_db()
    assert published.draft_body == NEW_TEXT
