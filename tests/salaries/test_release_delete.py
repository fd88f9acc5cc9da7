"""Deleting an OEWS release with many wage rows: one new version and one snapshot for the
lot, its rows removed in bulk with their history kept, and an admin page that counts the
rows rather than listing them."""

import time
from datetime import date
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careerguide.shared.versioning import current_version
from salaries import snapshot
from salaries.models import AreaType, OewsRelease, OewsWage, Source, TablesSnapshot

ROWS = 20_000


def release_with_rows(count: int, *, year: int = 2015) -> OewsRelease:
    source = Source.objects.get(slug="guide-levels")
    release = OewsRelease.objects.create(
        slug=f"may-{year}", survey_date=date(year, 5, 1), source=source
    )
    OewsWage.objects.bulk_create(
        OewsWage(
            release=release,
            area=f"{10000 + n}",
            area_title=f"Metro {n}",
            area_type=AreaType.METRO,
            a_median=40_000 + n % 1000,
        )
        for n in range(count)
    )
    snapshot.tables_changed()  # bulk_create sends no signals
    return release


@pytest.fixture
def counted():
    """How often the version changes and the snapshot is stored, while the test runs."""
    with (
        mock.patch.object(snapshot, "bump_version", wraps=snapshot.bump_version) as bumps,
        mock.patch.object(snapshot, "rebuild", wraps=snapshot.rebuild) as rebuilds,
    ):
        yield bumps, rebuilds


def test_deleting_a_release_of_20000_rows_is_quick_and_one_change(salary_data, counted):
    release = release_with_rows(ROWS)
    bumps, rebuilds = counted
    bumps.reset_mock()
    rebuilds.reset_mock()
    before = current_version()
    started = time.perf_counter()
    deleted, per_model = release.delete()
    seconds = time.perf_counter() - started
    print(f"\ndeleting a release of {ROWS:,} wage rows: {seconds:.2f} s")
    assert seconds < 5
    assert bumps.call_count == 1
    assert rebuilds.call_count == 1
    assert current_version() != before
    assert deleted == ROWS + 1
    assert per_model["salaries.OewsWage"] == ROWS
    assert not OewsWage.objects.filter(area="10000").exists()
    # The snapshot was stored again, without the release.
    stored = TablesSnapshot.objects.get(pk=1)
    assert stored.is_current
    assert all(row["slug"] != "may-2015" for row in stored.data["releases"])


def test_each_bulk_deleted_row_keeps_its_deletion_in_history(admin_client, salary_data):
    release = release_with_rows(3)
    response = admin_client.post(
        f"/admin/salaries/oewsrelease/{release.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    records = OewsWage.history.filter(release_id=release.pk, history_type="-")
    assert records.count() == 3
    record = records.get(area="10001")
    assert record.area_title == "Metro 1"
    assert record.a_median == 40_001
    assert record.history_user.username == "admin"
    assert record.history_change_reason == "Deleted with its OEWS release"
    assert abs((timezone.now() - record.history_date).total_seconds()) < 60


def test_a_queryset_delete_of_releases_is_bulk_too(salary_data, counted):
    first, second = release_with_rows(500, year=2014), release_with_rows(500, year=2015)
    bumps, _ = counted
    bumps.reset_mock()
    deleted, _ = OewsRelease.objects.filter(pk__in=[first.pk, second.pk]).delete()
    assert deleted == 1002
    assert not OewsWage.objects.filter(release__in=[first.pk, second.pk]).exists()
    assert bumps.call_count == 2  # one for each release's own row, none for wage rows


def delete_page(client, release: OewsRelease) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/admin/salaries/oewsrelease/{release.pk}/delete/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_admin_delete_page_counts_the_rows_without_listing_them(admin_client, salary_data):
    small, small_queries = delete_page(admin_client, release_with_rows(2, year=2014))
    assert "This removes 2 wage rows with it." in small
    html, queries = delete_page(admin_client, release_with_rows(ROWS))
    assert f"This removes {ROWS:,} wage rows with it." in html
    assert "OEWS wage row:" not in html  # no line per row
    assert html.count("<li>") < 20
    assert f"OEWS wage rows: {ROWS}" in html  # the summary
    assert queries == small_queries  # the same few queries, however many rows
    assert queries < 15
    assert len(html) < 30_000


def test_admin_delete_of_a_big_release_is_quick_and_one_change(admin_client, salary_data, counted):
    release = release_with_rows(ROWS)
    bumps, rebuilds = counted
    bumps.reset_mock()
    rebuilds.reset_mock()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(
            f"/admin/salaries/oewsrelease/{release.pk}/delete/", {"post": "yes"}
        )
    seconds = time.perf_counter() - started
    print(f"\nadmin delete of {ROWS:,} wage rows: {seconds:.2f} s, {len(queries)} queries")
    assert response.status_code == 302
    assert seconds < 5
    assert (bumps.call_count, rebuilds.call_count) == (1, 1)
    assert not OewsRelease.objects.filter(pk=release.pk).exists()
    assert not OewsWage.objects.filter(release_id=release.pk).exists()
    # Bulk writes of 2,000 history records at a time, not a query per row.
    assert len(queries) < 60


def test_admin_delete_action_counts_rows_then_deletes_in_bulk(admin_client, salary_data):
    release = release_with_rows(3_000)
    action = {"action": "delete_selected", "_selected_action": [release.pk]}
    page = admin_client.post("/admin/salaries/oewsrelease/", action)
    html = page.content.decode()
    assert page.status_code == 200
    assert "This removes 3,000 wage rows with it." in html
    assert "OEWS wage row:" not in html
    done = admin_client.post("/admin/salaries/oewsrelease/", action | {"post": "yes"})
    assert done.status_code == 302
    assert not OewsWage.objects.filter(release_id=release.pk).exists()


def test_an_editor_who_may_not_delete_wage_rows_may_not_delete_their_release(
    client, django_user_model, salary_data
):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    editor.user_permissions.set(
        Permission.objects.filter(codename__in=["view_oewsrelease", "delete_oewsrelease"])
    )
    client.force_login(editor)
    release = release_with_rows(5)
    page = client.get(f"/admin/salaries/oewsrelease/{release.pk}/delete/")
    assert "OEWS wage row" in page.content.decode()  # named among the permissions lacking
    assert (
        client.post(
            f"/admin/salaries/oewsrelease/{release.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    assert OewsWage.objects.filter(release=release).count() == 5


def test_wage_rows_are_the_only_rows_that_refer_to_a_release():
    # The admin's delete page counts wage rows and lists nothing else: were another
    # table to point at releases, its rows would go unmentioned.
    related = [rel.related_model for rel in OewsRelease._meta.related_objects]
    assert related == [OewsWage]
