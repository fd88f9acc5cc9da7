"""Cache that is dropped whenever an editor saves anything a page shows.

The version number lives in the database, so every process and machine sees a save
at once, whatever the cache backend; cached values are keyed by that version. Within
one request the version is read once (ContentVersionMiddleware).
"""

import hashlib
import secrets
import threading
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection

T = TypeVar("T")
TIMEOUT = 60 * 60 * 24
_request = threading.local()


def current_version() -> int:
    version = getattr(_request, "version", None)
    if version is None:
        from .models import ContentVersion

        # Plain SQL: this runs on every request, and the ORM's query building would
        # cost more than the query itself.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version FROM {ContentVersion._meta.db_table} WHERE id = 1")
            row = cursor.fetchone()
        version = row[0] if row else 0
        if getattr(_request, "active", False):
            _request.version = version
    return version


def bump_version(*, salary_data_changed: bool = True) -> None:
    """Give the content a new, never-used version.

    It is written in the same transaction as the edit, so other processes see the new
    version exactly when they can see the new data; a random number (rather than +1)
    means a rolled-back edit can never reuse a version whose cache holds its data.
    The snapshot of the salary tables is rebuilt only when they may have changed.
    """
    from salaries import snapshot

    from .models import ContentVersion

    values = {"version": secrets.randbits(62)}
    if salary_data_changed:
        values["snapshot"] = snapshot.dumps(snapshot.build())
    ContentVersion.objects.update_or_create(pk=1, defaults=values)
    _request.version = None


def stored_snapshot() -> bytes:
    """The salary tables as stored with the current version (see salaries.snapshot)."""
    from .models import ContentVersion

    return ContentVersion.objects.values_list("snapshot", flat=True).first() or b""


# Values this process has already read, so the hot path skips unpickling them. Keys
# carry the version, so an edit makes every entry unreachable; values are shared
# between requests and must be treated as read-only.
_memo: dict[str, object] = {}
MEMO_SIZE = 1000


def _full_key(key: str, version: int | None) -> str:
    if version is None:
        version = current_version()
    # Hashed: keys such as an estimator profile can be long or hold any character.
    return f"v{version}:{hashlib.blake2b(key.encode(), digest_size=16).hexdigest()}"


def _remember(full_key: str, value):
    if len(_memo) >= MEMO_SIZE:
        _memo.clear()
    _memo[full_key] = value
    return value


def clear() -> None:
    """Forget everything cached, here and in the shared cache."""
    _memo.clear()
    cache.clear()


def store(key: str, value: T) -> T:
    """Cache value for key at the current content version, and return it."""
    full_key = _full_key(key, None)
    cache.set(full_key, value, TIMEOUT)
    return _remember(full_key, value)


def cached_or_none(key: str):
    """The value cached for key at the current content version, or None."""
    full_key = _full_key(key, None)
    value = _memo.get(full_key)
    if value is None:
        value = cache.get(full_key)
        if value is not None:
            _remember(full_key, value)
    return value


def cached(key: str, build: Callable[[], T], *, version: int | None = None) -> T:
    """Return the cached value for key at the current content version, building it once."""
    full_key = _full_key(key, version)
    value = _memo.get(full_key)
    if value is None:
        value = cache.get(full_key)
        if value is None:
            value = build()
            cache.set(full_key, value, TIMEOUT)
        _remember(full_key, value)
    return value


class ContentVersionMiddleware:
    """Read the content version at most once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.active, _request.version = True, None
        try:
            return self.get_response(request)
        finally:
            _request.active, _request.version = False, None
