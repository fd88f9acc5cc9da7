"""Safe editing: who may change what in the admin, and edits that never silently clobber."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps as global_apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from simple_history.admin import SimpleHistoryAdmin

from careerguide import settings as project_settings
from careerguide.models import Page
from salaries.models import Location, OewsRelease, OewsWage, Source
from tests.conftest import editors_migrations

UPLOAD_URL = "/admin/salaries/oewsrelease/upload/"
CONFIRM_URL = "/admin/salaries/oewsrelease/upload/confirm/"
EDITOR_MODELS = [
    ("careerguide", "page"),
    *(
        ("salaries", name)
        for name in [
            "source", "experienceband", "educationlevel", "certification", "skill",
            "location", "employertype", "benefitassumptions", "statistic",
            "oewsrelease", "oewswage", "priceparity", "occupation",
        ]
    ),
]  # fmt: skip


def staff(username: str, *perms: str) -> User:
    """A staff account holding exactly these permissions ("app_label.codename")."""
    user = User.objects.create_user(username, password="x", is_staff=True)
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return User.objects.get(pk=user.pk)  # drop the permission cache


def perms_for(model: str, *actions: str) -> list[str]:
    app_label = "careerguide" if model == "page" else "salaries"
    return [f"{app_label}.{action}_{model}" for action in actions]


def admin_url(obj, suffix: str = "change/") -> str:
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/{suffix}"


def form_data(obj, **overrides) -> dict:
    """The admin change form's data for obj, as an editor would submit it unchanged."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or not field.editable:
            continue
        value = field.value_from_object(obj)
        data[field.name] = "" if value is None else value
        if isinstance(value, bool):
            data[field.name] = "on" if value else ""
    return {**data, **overrides}


def token_in(response) -> str:
    match = re.search(r'name="row_version" value="([^"]*)"', response.content.decode())
    assert match, "the change form carries no row_version token"
    return match.group(1)


def example(model_name: str):
    return {
        "page": lambda: Page.objects.get(slug="what-they-do"),
        "source": lambda: Source.objects.get(slug="guide-national"),
        "location": lambda: Location.objects.order_by("pk").first(),
        "oewsrelease": lambda: OewsRelease.objects.get(slug="may-2019"),
        "oewswage": lambda: OewsWage.objects.order_by("pk").first(),
    }[model_name]()


# 1. Revert needs the change permission ------------------------------------------------


def test_every_history_admin_uses_the_safety_mixin():
    from careerguide.shared.admin_safety import SafeHistoryAdminMixin

    history_admins = [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ]
    assert len(history_admins) >= 12
    for model_admin in history_admins:
        assert isinstance(model_admin, SafeHistoryAdminMixin), type(model_admin).__name__


@pytest.mark.parametrize(
    "model_name, field, value",
    [
        ("page", "title", "Defaced"),
        ("source", "note", "Defaced"),
        ("location", "adjustment_low", -99),
        ("oewsrelease", "slug", "defaced"),
        ("oewswage", "area_title", "Defaced"),
    ],
)
def test_view_only_staff_cannot_revert(client, guide, model_name, field, value):
    obj = example(model_name)
    before = getattr(obj, field)
    record = obj.history.order_by("history_date").first()
    url = admin_url(obj, f"history/{record.history_id}/")
    client.force_login(staff("viewer", *perms_for(model_name, "view")))

    page = client.get(url)
    assert page.status_code == 200  # reading history stays allowed
    assert 'name="_save"' not in page.content.decode()

    overrides = {field: value}
    if model_name == "page":
        overrides["status"] = "published"
    response = client.post(url, form_data(record.instance, **overrides))
    assert response.status_code == 403
    obj.refresh_from_db()
    assert getattr(obj, field) == before


def test_editor_with_change_permission_can_revert(client, guide):
    source = Source.objects.get(slug="guide-national")
    record = source.history.order_by("history_date").first()
    client.force_login(staff("editor", *perms_for("source", "view", "change")))
    url = admin_url(source, f"history/{record.history_id}/")
    response = client.post(url, form_data(record.instance, typical=47000, change_reason="Undo"))
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.typical == 47000


# 2. OEWS upload needs add and change on wages, releases and sources --------------------

UPLOAD_PERMS = [
    *perms_for("oewswage", "add", "change"),
    *perms_for("oewsrelease", "add", "change", "view"),
    *perms_for("source", "add", "change"),
]


@pytest.mark.parametrize("missing", [p for p in UPLOAD_PERMS if not p.endswith("view_oewsrelease")])
def test_oews_upload_needs_every_write_permission(client, salary_data, missing):
    client.force_login(staff("uploader", *(p for p in UPLOAD_PERMS if p != missing)))
    assert client.get(UPLOAD_URL).status_code == 403
    assert client.post(CONFIRM_URL, {"token": "x"}).status_code == 403
    changelist = client.get("/admin/salaries/oewsrelease/")
    assert changelist.status_code == 200
    assert UPLOAD_URL not in changelist.content.decode()


def test_oews_upload_with_every_write_permission(client, salary_data):
    client.force_login(staff("uploader", *UPLOAD_PERMS))
    assert client.get(UPLOAD_URL).status_code == 200
    assert UPLOAD_URL in client.get("/admin/salaries/oewsrelease/").content.decode()


# 3. Preview of drafts ------------------------------------------------------------------


def page_form(**overrides) -> dict:
    data = {
        "title": "Interview questions",
        "slug": "interview-questions",
        "summary": "Questions a clinic may ask a care coordinator.",
        "body": "## Common questions\n\nExpect to talk about pay.",
        "status": "draft",
        "position": "9",
        "last_reviewed": "2026-11-01",
    }
    return {**data, **overrides}


def draft_page() -> Page:
    return Page.objects.create(
        title="Secret draft", slug="secret-draft", summary="Not yet.", body="Draft text."
    )


def test_preview_needs_page_permissions(client, guide):
    draft = draft_page()
    client.force_login(staff("other", "salaries.view_source"))
    assert client.get(admin_url(draft, "preview/")).status_code == 403
    assert client.get("/admin/careerguide/page/preview/").status_code == 403
    assert client.post("/admin/careerguide/page/preview/", page_form()).status_code == 403
    assert client.post(admin_url(draft, "preview/"), page_form()).status_code == 403


def test_view_only_staff_may_preview_saved_pages_but_not_unsaved_edits(client, guide):
    draft = draft_page()
    client.force_login(staff("viewer", "careerguide.view_page"))
    response = client.get(admin_url(draft, "preview/"))
    assert response.status_code == 200
    assert "Secret draft" in response.content.decode()
    assert client.post("/admin/careerguide/page/preview/", page_form()).status_code == 403
    assert client.post(admin_url(draft, "preview/"), page_form()).status_code == 403


def test_preview_of_edits_needs_change_and_of_a_new_page_needs_add(client, guide):
    draft = draft_page()
    client.force_login(staff("changer", *perms_for("page", "view", "change")))
    edited = page_form(slug="secret-draft", title="Edited draft")
    response = client.post(admin_url(draft, "preview/"), edited)
    assert response.status_code == 200
    assert "Edited draft</h1>" in response.content.decode()
    assert client.post("/admin/careerguide/page/preview/", page_form()).status_code == 403

    client.force_login(staff("adder", *perms_for("page", "view", "add")))
    assert client.post("/admin/careerguide/page/preview/", page_form()).status_code == 200
    assert client.post(admin_url(draft, "preview/"), edited).status_code == 403


def test_change_form_previews_the_saved_page_it_edits(client, guide):
    page = Page.objects.get(slug="what-they-do")
    client.force_login(staff("changer", *perms_for("page", "view", "change")))
    html = client.get(admin_url(page)).content.decode()
    assert f'formaction="{admin_url(page, "preview/")}"' in html
    # The form's own slug previews without tripping over the row being edited.
    response = client.post(
        admin_url(page, "preview/"), form_data(page, title="Retitled in preview")
    )
    assert response.status_code == 200
    assert "Retitled in preview</h1>" in response.content.decode()


def test_drafts_on_the_site_need_the_view_page_permission(client, guide):
    draft_page()
    client.force_login(staff("other", "salaries.view_source"))
    assert client.get("/secret-draft/").status_code == 404
    client.force_login(staff("viewer", "careerguide.view_page"))
    response = client.get("/secret-draft/")
    assert response.status_code == 200
    assert "Secret draft" in response.content.decode()


# 4. Editors group ----------------------------------------------------------------------


def group_perms(group: Group) -> set[str]:
    return {
        f"{perm.content_type.app_label}.{perm.codename}"
        for perm in group.permissions.select_related("content_type")
    }


EXPECTED_EDITOR_PERMS = {
    f"{app_label}.{action}_{model}"
    for app_label, model in EDITOR_MODELS
    for action in ["add", "change", "delete", "view"]
}


def test_editors_group_holds_exactly_the_content_permissions(db):
    assert group_perms(Group.objects.get(name="Editors")) == EXPECTED_EDITOR_PERMS


def test_editors_group_migrations_are_idempotent_and_reversible(db):
    first, *later = editors_migrations()
    assert later, "no migration grants the later tables"

    def run_forwards():
        first.create_editors_group(global_apps, None)
        for migration in later:
            migration.grant(global_apps, None)

    run_forwards()
    run_forwards()
    assert Group.objects.filter(name="Editors").count() == 1
    assert group_perms(Group.objects.get(name="Editors")) == EXPECTED_EDITOR_PERMS
    for migration in reversed(later):
        migration.revoke(global_apps, None)
    assert "salaries.change_occupation" not in group_perms(Group.objects.get(name="Editors"))
    first.remove_editors_group(global_apps, None)
    assert not Group.objects.filter(name="Editors").exists()
    run_forwards()
    assert group_perms(Group.objects.get(name="Editors")) == EXPECTED_EDITOR_PERMS


def test_editors_hold_every_permission_on_every_salary_table_in_the_admin(db):
    """README: editors add, change, delete and view every salary table."""
    held = group_perms(Group.objects.get(name="Editors"))
    salary_models = [m for m in admin.site._registry if m._meta.app_label == "salaries"]
    assert len(salary_models) >= 13
    missing = [
        f"salaries.{action}_{model._meta.model_name}"
        for model in salary_models
        for action in ["add", "change", "delete", "view"]
        if f"salaries.{action}_{model._meta.model_name}" not in held
    ]
    assert missing == []


@pytest.mark.parametrize("model_name", ["priceparity", "occupation"])
def test_an_editor_opens_the_ladder_and_price_parity_tables(client, guide, model_name):
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    base = f"/admin/salaries/{model_name}/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}add/").status_code == 200
    assert f'href="{base}"' in client.get("/admin/").content.decode()


def test_an_editor_edits_data_and_pages_but_not_accounts(client, guide):
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    source = Source.objects.get(slug="guide-national")
    response = client.post(
        admin_url(source), form_data(source, typical=46100, change_reason="New edition")
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.typical == 46100

    page = Page.objects.get(slug="what-they-do")
    response = client.post(admin_url(page), form_data(page, title="Edited by an editor"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Edited by an editor"

    assert UPLOAD_URL in client.get("/admin/salaries/oewsrelease/").content.decode()
    assert client.get(UPLOAD_URL).status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403


# 5. Optimistic locking -----------------------------------------------------------------


def editor_pair(client, django_client_class):
    a = staff("alice", *perms_for("page", "view", "change"), *perms_for("source", "view", "change"))
    b = staff("bob", *perms_for("page", "view", "change"), *perms_for("source", "view", "change"))
    client.force_login(a)
    other = django_client_class()
    other.force_login(b)
    return client, other


@pytest.mark.parametrize(
    "model_name, field, a_value, b_value",
    [
        ("page", "title", "Alice's title", "Bob's title"),
        ("source", "note", "Alice's note", "Bob's note"),
    ],
)
def test_a_stale_save_is_refused_and_keeps_both_edits(
    client, guide, model_name, field, a_value, b_value
):
    from django.test import Client

    alice, bob = editor_pair(client, Client)
    obj = example(model_name)
    url = admin_url(obj)
    alice_token = token_in(alice.get(url))

    bob_token = token_in(bob.get(url))
    response = bob.post(url, form_data(obj, **{field: b_value, "row_version": bob_token}))
    assert response.status_code == 302

    response = alice.post(url, form_data(obj, **{field: a_value, "row_version": alice_token}))
    html = response.content.decode()
    assert response.status_code == 409
    assert "bob" in html
    assert "changed" in html
    assert a_value.replace("'", "&#x27;") in html  # Alice's typing is still in the form
    obj.refresh_from_db()
    assert getattr(obj, field) == b_value

    # Having seen the warning, Alice may save her version on purpose.
    response = alice.post(
        url, form_data(obj, **{field: a_value, "row_version": token_in(response)})
    )
    assert response.status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == a_value


def test_a_save_with_a_fresh_token_goes_through(client, guide):
    client.force_login(staff("alice", *perms_for("source", "view", "change")))
    source = Source.objects.get(slug="guide-national")
    token = token_in(client.get(admin_url(source)))
    response = client.post(
        admin_url(source),
        form_data(source, typical=46200, row_version=token, change_reason="Misread"),
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.typical == 46200


def test_a_stale_revert_is_refused(client, guide):
    from django.test import Client

    alice, bob = editor_pair(client, Client)
    source = Source.objects.get(slug="guide-national")
    record = source.history.order_by("history_date").first()
    revert_url = admin_url(source, f"history/{record.history_id}/")
    alice_token = token_in(alice.get(revert_url))

    bob.post(admin_url(source), form_data(source, note="Bob's note"))
    response = alice.post(revert_url, form_data(record.instance, row_version=alice_token))
    assert response.status_code == 409
    assert "bob" in response.content.decode()
    source.refresh_from_db()
    assert source.note == "Bob's note"


def inputs(html: str, prefix: str) -> dict:
    """The values of a form's <input> elements whose names start with prefix."""
    data = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and name.group(1).startswith(prefix):
            data[name.group(1)] = value.group(1) if value else ""
    return data


def test_a_stale_save_of_an_inline_wage_row_is_refused(client, guide):
    from django.test import Client

    perms = [*perms_for("oewsrelease", "view", "change"), *perms_for("oewswage", "view", "change")]
    alice, bob = client, Client()
    alice.force_login(staff("alice", *perms))
    bob.force_login(staff("bob", *perms))
    release = OewsRelease.objects.get(slug="may-2019")
    wage = release.wages.get(area_type=1, occ_code="43-6013")
    opened = alice.get(admin_url(release)).content.decode()
    inline = inputs(opened, "wages-")
    assert inline["wages-0-row_version"]

    response = bob.post(admin_url(wage), form_data(wage, employment=12345, change_reason="Typo"))
    assert response.status_code == 302

    response = alice.post(
        admin_url(release), {**form_data(release), **inline, "wages-0-employment": "99999"}
    )
    assert response.status_code == 409
    assert "bob" in response.content.decode()
    wage.refresh_from_db()
    assert wage.employment == 12345


def test_view_only_change_form_renders_without_a_token(client, guide):
    client.force_login(staff("viewer", *perms_for("source", "view")))
    response = client.get(admin_url(Source.objects.get(slug="guide-national")))
    assert response.status_code == 200
    assert 'name="row_version"' not in response.content.decode()


# 6. HEAD -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/what-they-do/", "/salary/", "/sources/", "/salary-estimator/"]
)
def test_public_pages_answer_head(client, guide, url):
    response = client.head(url)
    assert response.status_code == 200
    assert response.content == b""


# 7. SECRET_KEY from the environment or .secret-key -------------------------------------


def test_secret_key_comes_from_the_environment_first(tmp_path):
    key_file = tmp_path / ".secret-key"
    key_file.write_text("from-the-file\n")
    read = project_settings.read_secret_key
    assert read({"DJANGO_SECRET_KEY": "from-env"}, key_file) == "from-env"
    assert read({}, key_file) == "from-the-file"
    assert read({"DJANGO_SECRET_KEY": ""}, key_file) == "from-the-file"
    assert read({}, tmp_path / "missing") == ""


def test_secret_key_file_is_the_one_make_run_writes():
    assert "DJANGO_SECRET_KEY_FILE" not in os.environ
    assert project_settings.SECRET_KEY_FILE == project_settings.BASE_DIR / ".secret-key"


def manage_py_secret_key(tmp_path, key_file: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env["DJANGO_SECRET_KEY_FILE"] = str(key_file)
    code = "from django.conf import settings; print(len(settings.SECRET_KEY))"
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=project_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_manage_py_reads_the_key_file_with_nothing_exported(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("k" * 50 + "\n")
    result = manage_py_secret_key(tmp_path, key_file)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "50"
    missing = manage_py_secret_key(tmp_path, tmp_path / "missing")
    assert missing.returncode != 0
    assert "SECRET_KEY" in missing.stderr


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_view_only_account_cannot_run_the_page_actions(client, guide, action):
    client.force_login(staff("viewer", *perms_for("page", "view")))
    page = Page.objects.get(slug="salary")
    draft = Page.objects.create(title="Draft", slug="draft", summary="S", body="Text.")
    response = client.post(
        "/admin/careerguide/page/",
        {"action": action, "_selected_action": [page.pk, draft.pk]},
    )
    assert response.status_code in (200, 302, 403)
    assert Page.objects.get(pk=page.pk).status == Page.Status.PUBLISHED
    assert Page.objects.get(pk=draft.pk).status == Page.Status.DRAFT
    changelist = client.get("/admin/careerguide/page/").content.decode()
    assert 'value="publish"' not in changelist and 'value="unpublish"' not in changelist


def test_a_view_only_account_changes_nothing_anywhere_in_the_admin(client, guide):
    """Every registered model: change, add, delete, bulk delete and history forms."""
    view_perms = [
        f"{model._meta.app_label}.view_{model._meta.model_name}"
        for model in admin.site._registry
        if model._meta.app_label in ("careerguide", "salaries")
    ]
    client.force_login(staff("viewer", *view_perms))
    before = {model: list(model.objects.values()) for model in admin.site._registry}
    for model in admin.site._registry:
        if model._meta.app_label not in ("careerguide", "salaries"):
            continue
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        obj = model.objects.first()
        answers = [client.post(f"{base}add/", {})]
        if obj is not None:
            answers += [
                client.post(f"{base}{obj.pk}/change/", {"name": "Changed", "typical": 1}),
                client.post(f"{base}{obj.pk}/delete/", {"post": "yes"}),
                client.post(
                    base, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
                ),  # fmt: skip
            ]
            record = obj.history.first() if hasattr(obj, "history") else None
            if record is not None:
                answers.append(client.post(f"{base}{obj.pk}/history/{record.history_id}/", {}))
        assert all(answer.status_code in (200, 302, 403) for answer in answers), model
    after = {model: list(model.objects.values()) for model in admin.site._registry}
    assert after == before
