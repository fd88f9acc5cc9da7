import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from careerguide.models import Page
from careerguide.shared import versioning
from careerguide.shared.versioning import cached, current_version
from salaries.models import PriceParity, Source, TablesSnapshot
from salaries.pages import views
from salaries.seed import load_salary_data
from salaries.snapshot import estimator_tables, salary_data, tables_changed


def count_stores(monkeypatch) -> list[str]:
    """Record the keys of estimate fragments the estimator stores."""
    stored: list[str] = []
    real_store = views.store
    monkeypatch.setattr(
        views, "store", lambda key, html: stored.append(key) or real_store(key, html)
    )
    return stored


ROOT = Path(__file__).resolve().parents[2]


def cache_backend_for(env_extra: dict) -> str:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"} | env_extra
    env.setdefault("DJANGO_SECRET_KEY", "x")
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'])"
    )
    env["DJANGO_SETTINGS_MODULE"] = "careerguide.settings"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return result.stdout.strip()


def test_cache_is_local_memory_by_default_and_redis_when_configured():
    assert cache_backend_for({}).endswith("LocMemCache")
    assert cache_backend_for({"REDIS_URL": "redis://127.0.0.1:6379/0"}).endswith("RedisCache")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="runs in CI against redis-server")
def test_redis_cache_round_trip():
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("ping", {"figure": 45160}, 30)
    assert cache.get("ping") == {"figure": 45160}


def test_cached_value_is_built_once_per_version(guide):
    calls = []
    for _ in range(3):
        cached("answer", lambda: calls.append(1) or 42)
    assert calls == [1]
    Source.objects.filter(slug="payscale").first().save()
    cached("answer", lambda: calls.append(1) or 42)
    assert calls == [1, 1]


def test_any_save_gives_a_new_version(guide):
    before = current_version()
    page = Page.objects.get(slug="salary")
    page.save()
    assert current_version() != before


def test_saved_figure_shows_on_the_next_request_with_a_warm_cache(client, guide):
    assert "$45,160" in client.get("/").content.decode()
    source = Source.objects.get(slug="guide-national")
    source.typical = 45999
    source.save()
    assert "$45,999" in client.get("/").content.decode()


def test_warm_guide_page_runs_one_query(client, guide, django_assert_num_queries):
    client.get("/what-they-do/")
    with django_assert_num_queries(1):
        assert client.get("/what-they-do/").status_code == 200


def snapshot_writes(queries) -> int:
    return sum(
        1
        for query in queries.captured_queries
        if "salaries_tablessnapshot" in query["sql"]
        and query["sql"].startswith(("INSERT", "UPDATE"))
        and '"data"' in query["sql"]
    )


def test_snapshot_is_plain_json_readable_in_the_admin(guide):
    stored = TablesSnapshot.objects.get()
    assert stored.is_current
    text = json.dumps(stored.data)  # plain data: no pickles, nothing signed
    assert '"guide-national"' in text
    assert {row["slug"] for row in stored.data["sources"]} == set(
        Source.objects.values_list("slug", flat=True)
    )


def test_loading_every_table_stores_the_snapshot_once(db):
    with CaptureQueriesContext(connection) as queries:
        load_salary_data()
    assert snapshot_writes(queries) == 1
    assert TablesSnapshot.objects.get().is_current


def test_an_edit_marks_the_snapshot_out_of_date_in_its_own_transaction(guide):
    with transaction.atomic(), versioning.edit_batch():
        Source.objects.filter(slug="payscale").update(typical=12345)
        tables_changed()
        # Before the batch stores it again, nobody reads the old snapshot.
        assert not TablesSnapshot.objects.get().is_current
        payscale = next(s for s in salary_data().sources if s.slug == "payscale")
        assert payscale.typical == 12345
    stored = TablesSnapshot.objects.get()
    assert stored.is_current
    assert {"slug": "payscale", "typical": 12345}.items() <= next(
        row for row in stored.data["sources"] if row["slug"] == "payscale"
    ).items()


def test_bulk_write_that_reports_itself_is_seen_on_the_next_request(client, guide):
    client.get("/salary-estimator/")
    client.get("/places/?location_city=bulk+place")
    PriceParity.objects.bulk_create(
        PriceParity(
            area=str(20001 + 10 * n),
            slug=f"bulk-{n}",
            name=f"Bulk place {n}",
            kind=PriceParity.Kind.METRO,
            rpp=100,
            year=2023,
            source=Source.objects.first(),
        )
        for n in range(50)
    )
    tables_changed()
    # Metropolitan areas are typed, not listed: the place box finds the new one.
    html = client.get("/places/?location_city=bulk+place+49").content.decode()
    assert "Bulk place 49" in html
    metros = [place for place in estimator_tables().places.values() if place.kind == "metro"]
    assert len(metros) == PriceParity.objects.filter(kind=PriceParity.Kind.METRO).count()


def test_migrate_gives_a_new_version(guide):
    before = current_version()
    call_command("migrate", verbosity=0)
    assert current_version() != before
    assert TablesSnapshot.objects.get().is_current


def test_a_page_edit_keeps_the_salary_snapshot(guide):
    page = Page.objects.get(slug="salary")
    page.save()
    assert TablesSnapshot.objects.get().is_current


def test_admin_save_stores_the_snapshot_once_after_the_edit(admin_client, guide):
    source = Source.objects.get(slug="payscale")
    data = {
        field: getattr(source, field) if getattr(source, field) is not None else ""
        for field in [
            "publisher",
            "name",
            "slug",
            "url",
            "note",
            "measure",
            "low",
            "high",
            "grade",
            "reported_in",
            "method",
            "cadence",
            "series",
        ]
    }
    data |= {"typical": 41234, "as_of": source.as_of.isoformat(), "position": source.position}
    data["change_reason"] = "New edition"
    # The optimistic-locking token, when the form carries one, is the one the form shows.
    form = admin_client.get(f"/admin/salaries/source/{source.pk}/change/").content.decode()
    for name, value in re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form):
        data.setdefault(name, value)
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(f"/admin/salaries/source/{source.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert snapshot_writes(queries) == 1
    assert TablesSnapshot.objects.get().is_current
    assert "$41,234" in admin_client.get("/sources/").content.decode()


def test_estimate_fragments_are_bounded_per_version(client, salary_data, monkeypatch):
    monkeypatch.setattr(views, "FRAGMENT_LIMIT", 2)
    stored = []
    real_store = views.store
    monkeypatch.setattr(
        views, "store", lambda key, html: stored.append(key) or real_store(key, html)
    )
    for years in range(5):
        response = client.get(f"/salary-estimator/?years={years}", HTTP_HX_REQUEST="true")
        assert response.status_code in (200, 422)
    assert len(stored) <= 2


def test_estimate_fragment_is_keyed_by_the_checked_profile(client, salary_data, monkeypatch):
    stored = []
    real_store = views.store
    monkeypatch.setattr(
        views, "store", lambda key, html: stored.append(key) or real_store(key, html)
    )
    query = "years=5&education=associate&employer=hospital&location=san-francisco"
    first = client.get(f"/salary-estimator/?{query}", HTTP_HX_REQUEST="true")
    again = client.get(f"/salary-estimator/?{query}&utm_source=x", HTTP_HX_REQUEST="true")
    assert first.content == again.content
    assert len(stored) == 1


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="runs in CI against redis-server")
def test_clear_leaves_other_sites_keys_in_redis():
    client = cache._cache.get_client(write=True)
    client.set("another-site:key", b"kept")
    cache.set("ours", 1)
    versioning.clear()
    assert cache.get("ours") is None
    assert client.get("another-site:key") == b"kept"
    client.delete("another-site:key")


def test_migrating_the_salary_tables_away_and_back_works(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    for args in (["migrate"], ["migrate", "salaries", "zero"], ["migrate"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *args, "--verbosity", "0"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr[-2000:]
