import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from careerguide.models import Page
from careerguide.versioning import cached, current_version
from salaries.models import Source

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
