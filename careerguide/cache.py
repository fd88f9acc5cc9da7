"""Cache that is dropped whenever an editor saves anything a page shows.

The version number lives in the database, so every process and machine sees a save
at once, whatever the cache backend; cached values are keyed by that version.
"""

import secrets
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")
TIMEOUT = 60 * 60 * 24


def current_version() -> int:
    from .models import ContentVersion

    return ContentVersion.objects.values_list("version", flat=True).first() or 0


def bump_version() -> None:
    """Give the content a new, never-used version.

    It is written in the same transaction as the edit, so other processes see the new
    version exactly when they can see the new data; a random number (rather than +1)
    means a rolled-back edit can never reuse a version whose cache holds its data.
    """
    from .models import ContentVersion

    ContentVersion.objects.update_or_create(pk=1, defaults={"version": secrets.randbits(62)})


def cached(key: str, build: Callable[[], T], *, version: int | None = None) -> T:
    """Return the cached value for key at the current content version, building it once."""
    if version is None:
        version = current_version()
    full_key = f"v{version}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, TIMEOUT)
    return value
