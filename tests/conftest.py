import pytest

from careerguide import versioning as cache
from careerguide.content import load_pages
from salaries.seed import load_salary_data


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


@pytest.fixture
def salary_data(db):
    load_salary_data()


@pytest.fixture
def guide(db, salary_data):
    """The whole guide as a fresh install has it: salary tables and published pages."""
    load_pages()
