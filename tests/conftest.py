import csv
import importlib
import os
import shutil
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from hypothesis import settings as hypothesis_settings

from careerguide.content import load_pages
from careerguide.shared import versioning as cache
from salaries.models import (
    AreaType,
    Certification,
    EducationLevel,
    EmployerType,
    ExperienceBand,
    Location,
    OewsRelease,
    OewsWage,
    Source,
)
from salaries.seed import OEWS_DIR, load_oews_releases, load_salary_data
from salaries.snapshot import tables_changed

from .shape import NGINX, forget_cached_keys, own_database, prepare, serving, site_env

# The same generated examples on every run, so a result does not depend on the run; an
# example that once failed is not replayed from a local database either.
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.load_profile("repeatable")


@pytest.fixture(autouse=True)
def fresh_cache():
    # The cache outlives each test's rolled-back transaction: start every test empty.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_settings(settings):
    # Plain static storage: the manifest of hashed names only exists after collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A fast hasher: password strength is not what these tests measure.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def prepared_site():
    """A site prepared by deploy/prepare on a database of its own: (run folder, env)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    prefix = f"ptcc-shape-{worker}"
    # Short: unix socket addresses hold at most 107 bytes.
    run = Path(tempfile.mkdtemp(prefix="shape-"))
    try:
        with own_database(run, f"shape_{worker}") as database_url:
            env = site_env(database_url, prefix)
            prepare(env)
            yield run, env
    finally:
        forget_cached_keys(prefix)
        shutil.rmtree(run, ignore_errors=True)


@pytest.fixture(scope="session")
def nginx():
    if NGINX is None:
        pytest.skip("nginx is not installed (make test installs Debian's nginx)")
    return NGINX


@pytest.fixture(scope="session")
def shape(nginx, prepared_site):
    """The production shape, plain HTTP: nginx in front of two app servers (deploy/serve)."""
    run, env = prepared_site
    with serving(env, run / "plain") as shape:
        yield shape


# What each loader wrote, read back once a session (and xdist worker): {name: [(model,
# rows)]}. Loading the seed row by row (validation, history, change log) takes seconds;
# putting the same rows back in bulk takes milliseconds, so the fixtures below run the
# real loader in the first test that asks and copy its result into every later one.
# The loaders themselves are tested where they are called directly.
_LOADED: dict[str, list[tuple[type, list[dict]]]] = {}


def _table_rows(model) -> list[dict]:
    fields = [field.attname for field in model._meta.concrete_fields]
    return list(model._base_manager.order_by("pk").values(*fields))


def _load_once(name: str, load) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    captured = _LOADED.get(name)
    if captured is None:
        tables = [model for model in apps.get_models() if not model._meta.proxy]
        before = {model: _table_rows(model) for model in tables}
        load()
        captured = []
        for model in tables:
            rows = _table_rows(model)
            if rows != before[model]:
                captured.append((model, rows))
        _LOADED[name] = captured
        return
    for model, rows in captured:
        model._base_manager.all()._raw_delete(model._base_manager.db)
        model._base_manager.bulk_create([model(**row) for row in rows], batch_size=500)
    with connection.cursor() as cursor:  # PostgreSQL: sequences past the ids put back
        for statement in connection.ops.sequence_reset_sql(no_style(), [m for m, _ in captured]):
            cursor.execute(statement)
    cache.clear()


@pytest.fixture
def salary_data(db):
    _load_once("salary_data", load_salary_data)


@pytest.fixture
def guide(db, salary_data):
    """The whole guide as a fresh install has it: salary tables and published pages."""
    _load_once("guide", load_pages)


@pytest.fixture
def national_2025(guide, tmp_path):
    """The guide with BLS's May 2025 release as load_guide loads it, cut to its national rows:
    every occupation on file, which is all any page quotes (the whole release, with every
    state and metropolitan area, takes seconds to load; tests/salaries/test_oews_2025.py)."""
    with (OEWS_DIR / "oesm25-selected.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    area_type = rows[0].index("AREA_TYPE")
    national = [rows[0], *(row for row in rows[1:] if row[area_type] == "1")]
    with (tmp_path / "oesm25-selected.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(national)
    shutil.copy(OEWS_DIR / "oesm25-selected.json", tmp_path / "oesm25-selected.json")
    load_oews_releases(tmp_path)
    return OewsRelease.objects.get(slug="may-2025")


@pytest.fixture
def add_rows(db):
    """A function adding rows to every table the public pages read, with fresh slugs."""
    return _add_rows


def _add_rows(count: int, *, start: int) -> None:
    """Add count rows to every table the salary page reads, with fresh slugs."""
    source = Source.objects.get(slug="guide-levels")
    numbers = range(start, start + count)
    Source.objects.bulk_create(
        Source(
            slug=f"extra-{n}",
            name=f"Extra {n}",
            publisher="Extra publisher",
            typical=40000 + n,
            as_of=date(2024, 1, 1),
            position=100 + n,
        )
        for n in numbers
    )
    ExperienceBand.objects.bulk_create(
        ExperienceBand(
            slug=f"extra-{n}",
            name=f"Extra {n}",
            years_from=100 + n,
            low=70000,
            high=80000,
            source=source,
        )
        for n in numbers
    )
    EducationLevel.objects.bulk_create(
        EducationLevel(slug=f"extra-{n}", name=f"Extra {n}", start_low=50000, source=source)
        for n in numbers
    )
    Certification.objects.bulk_create(
        Certification(
            slug=f"extra-{n}", name=f"Extra {n}", abbreviation="X", issuer="X", source=source
        )
        for n in numbers
    )
    Location.objects.bulk_create(
        Location(slug=f"extra-{n}", name=f"Extra {n}", region="X", source=source) for n in numbers
    )
    EmployerType.objects.bulk_create(
        EmployerType(slug=f"extra-{n}", name=f"Extra {n}", pay_low=40000, source=source)
        for n in numbers
    )
    releases = OewsRelease.objects.bulk_create(
        OewsRelease(
            slug=f"extra-{n}",
            survey_date=date(1900 + n, 5, 1),
            source=source,
        )
        for n in numbers
    )
    may_2022 = OewsRelease.objects.get(slug="may-2022")
    OewsWage.objects.bulk_create(
        [
            *(
                OewsWage(
                    release=release,
                    area="99",
                    area_title="U.S.",
                    area_type=AreaType.NATIONAL,
                    a_median=30000,
                    h_median=Decimal("14.42"),
                )
                for release in releases
            ),
            *(
                OewsWage(
                    release=may_2022,
                    area=f"S{n}",
                    area_title=f"State {n}",
                    area_type=AreaType.STATE,
                    a_median=40000,
                )
                for n in numbers
            ),
        ]
    )
    # bulk_create sends no save signals; like the OEWS import, say the data changed.
    tables_changed()


@pytest.fixture(autouse=True)
def rows_the_migrations_made(request):
    """Put back the rows data migrations make (the Editors group) when a browser test's
    flush removed them: later tests in the same process expect what migrate leaves."""
    names = set(request.fixturenames)
    if not names & {"db", "transactional_db"}:
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in names else "db")
    if Group.objects.filter(name="Editors").exists():
        return
    for module in editors_migrations():
        for name in ("create_editors_group", "grant"):
            if hasattr(module, name):
                getattr(module, name)(apps, None)


def editors_migrations() -> list:
    """The migrations that build the Editors group, in the order they run."""
    folder = Path(importlib.import_module("careerguide.migrations").__file__).parent
    modules = [
        importlib.import_module(f"careerguide.migrations.{path.stem}")
        for path in sorted(folder.glob("0*.py"))
    ]
    return [m for m in modules if hasattr(m, "create_editors_group") or hasattr(m, "grant")]
