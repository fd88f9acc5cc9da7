"""The content version, and the cache keyed by it.

One row holds a random number that every edit replaces, in the edit's own transaction,
so every process and machine sees a save exactly when it can see the saved data. Every
value cached for readers is keyed by that number: an edit makes the old values
unreachable, and Django's cache (local memory, or Redis across machines) expires them.

Apps call ``bump_version()`` when their data changes, and ``rebuild_after_edits()`` for
any stored derivative (the salary tables' snapshot): within ``edit_batch()`` (every
unsafe request, imports, loaders) a rebuild runs once, at the end of the batch, rather
than once per saved row.

This module knows neither app: apps import it, never the other way round.
"""

import hashlib
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import connection, models, transaction
from django.http import HttpResponse

T = TypeVar("T")
TIMEOUT = 60 * 60 * 24
_state = threading.local()


class ContentVersion(models.Model):
    """One row whose number changes on every edit, so every process drops cached pages."""

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        app_label = "careerguide"

    def __str__(self) -> str:
        return f"Content version {self.version}"


def current_version() -> int:
    """The version readers see now; read once per request (ContentVersionMiddleware)."""
    version = getattr(_state, "version", None)
    if version is None:
        # Plain SQL: this runs on every request, and the ORM's query building would
        # cost more than the query itself.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version FROM {ContentVersion._meta.db_table} WHERE id = 1")
            row = cursor.fetchone()
        version = row[0] if row else 0
        if getattr(_state, "in_request", False):
            _state.version = version
    return version


def lock_version() -> int:
    """The version, read with its row locked until the current transaction ends."""
    row = ContentVersion.objects.select_for_update().filter(pk=1).first()
    return row.version if row else 0


def bump_version() -> int:
    """Give the content a new, never-used version, in the current transaction.

    A random number (rather than +1) means a rolled-back edit can never reuse a
    version whose cache holds its data.
    """
    version = secrets.randbits(62)
    ContentVersion.objects.update_or_create(pk=1, defaults={"version": version})
    _state.version = None
    return version


def rebuild_after_edits(rebuild: Callable[[], None]) -> None:
    """Run ``rebuild`` once when the current batch of edits ends (now, outside a batch)."""
    pending = getattr(_state, "pending", None)
    if pending is None:
        rebuild()
    else:
        pending[rebuild] = None


@contextmanager
def edit_batch() -> Iterator[None]:
    """Run the edits inside once each rebuild they ask for, when the batch ends.

    Opened inside a transaction, the rebuilds run inside it too, so the last edit to
    commit always stores the last rebuild.
    """
    if getattr(_state, "pending", None) is not None:
        yield  # an outer batch rebuilds
        return
    _state.pending = {}
    try:
        yield
        pending = list(_state.pending)
    finally:
        _state.pending = None
    if pending:
        with transaction.atomic():
            for rebuild in pending:
                rebuild()


def _full_key(key: str) -> str:
    # Hashed: keys such as an estimator profile can be long or hold any character.
    digest = hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
    return f"v{current_version()}:{digest}"


def _cache_for(key: str):
    # A bounded cache of its own for keys that readers can multiply (estimate fragments),
    # so they only ever push out each other: settings.VERSIONED_CACHE_ROUTES.
    for start, alias in settings.VERSIONED_CACHE_ROUTES.items():
        if key.startswith(start):
            return caches[alias]
    return caches["default"]


def _get(cache, full_key: str):
    try:
        return cache.get(full_key)
    except Exception:  # a value pickled by older code: build it again
        return None


def cached_or_none(key: str):
    """The value cached for key at the current content version, or None."""
    return _get(_cache_for(key), _full_key(key))


def store(key: str, value: T) -> T:
    """Cache value for key at the current content version, and return it."""
    _cache_for(key).set(_full_key(key), value, TIMEOUT)
    return value


def cached(key: str, build: Callable[[], T]) -> T:
    """The cached value for key at the current content version, built once."""
    cache, full_key = _cache_for(key), _full_key(key)
    value = _get(cache, full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, TIMEOUT)
    return value


# Values that nearly every request of a page reads (the estimator's tables), held in this
# process for the current version only: one entry per key, and the keys are fixed in code.
# Only immutable values (frozen dataclasses) belong here: every request shares them.
_in_process: dict[str, tuple[int, object]] = {}


def kept_in_process(key: str, build: Callable[[], T]) -> T:
    """The value for key at the current content version, built at most once per process."""
    version = current_version()
    held = _in_process.get(key)
    if held is not None and held[0] == version:
        return held[1]
    value = build()
    _in_process[key] = (version, value)
    return value


def increment(key: str) -> int:
    """Add one to a counter kept at the current content version, and return it."""
    cache, full_key = _cache_for(key), _full_key(key)
    cache.add(full_key, 0, TIMEOUT)
    try:
        return cache.incr(full_key)
    except ValueError:  # evicted between add and incr
        return 1


def clear() -> None:
    """Forget this site's cached values, and nothing else in a shared Redis."""
    _in_process.clear()
    for alias in {"default", *settings.VERSIONED_CACHE_ROUTES.values()}:
        cache = caches[alias]
        backend = getattr(cache, "_cache", None)
        if hasattr(backend, "get_client"):  # django.core.cache.backends.redis
            client = backend.get_client(write=True)
            keys = list(client.scan_iter(match=cache.make_key("*")))
            if keys:
                client.delete(*keys)
        else:
            cache.clear()


def _begin_request() -> bool:
    """Start reading the version at most once for this request; False if already begun."""
    if getattr(_state, "in_request", False):
        return False
    _state.in_request, _state.version = True, None
    return True


def _end_request() -> None:
    _state.in_request, _state.version = False, None


class ContentVersionMiddleware:
    """Read the content version at most once per request; batch the edits of a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        began = _begin_request()
        try:
            if request.method in ("GET", "HEAD", "OPTIONS"):
                return self.get_response(request)
            with edit_batch():
                return self.get_response(request)
        finally:
            if began:
                _end_request()


# The response attribute a view sets on a page that every reader gets alike.
SHARED_PAGE = "shared_page"


def mark_shared(response):
    """Mark a response as the same for every reader (SharedPageMiddleware may keep it)."""
    setattr(response, SHARED_PAGE, True)
    return response


class SharedPageMiddleware:
    """Answer a page every reader gets alike from the cache, past the middleware below.

    A view marks such a page (``mark_shared``: a published guide page). Its whole answer,
    headers included, as the middleware below made it, is kept at the current content
    version; the next reader who sends no cookie of the site's is answered with a copy,
    without sessions, authentication, CSRF or messages, which such a page does not use.
    An answer is kept only if nothing in it depends on who asked: no cookie set, no Vary
    on Cookie. Addresses with a query string are never kept: readers could make those
    without end, and push the pages out of the cache.
    """

    COOKIES = ("messages",)

    def __init__(self, get_response):
        self.get_response = get_response
        # The addresses this process has seen a shared page at (published guide pages: a
        # few dozen). Others (robots.txt, the favicon, the tools) are not looked up, so
        # they read no content version they would not read anyway.
        self.shared: set[str] = set()

    def key(self, request) -> str | None:
        if request.method != "GET" or request.META.get("QUERY_STRING"):
            return None
        if any(name.startswith("HTTP_HX_") for name in request.META):
            return None
        names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, *self.COOKIES)
        if any(name in request.COOKIES for name in names):
            return None
        try:
            host = request.get_host()
        except Exception:  # a Host not allowed: the middleware below answers it
            return None
        return f"shared-page:{request.scheme}://{host}{request.path}"

    def __call__(self, request):
        key = self.key(request)
        if key is None:
            return self.get_response(request)
        began = _begin_request()
        try:
            kept = cached_or_none(key) if key in self.shared else None
            if kept is not None:
                status, headers, content = kept
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response.headers[name] = value
                return response
            response = self.get_response(request)
            if self.keepable(response):
                self.shared.add(key)
                store(key, (response.status_code, list(response.headers.items()),
                            response.content))  # fmt: skip
            return response
        finally:
            if began:
                _end_request()

    @staticmethod
    def keepable(response) -> bool:
        vary = response.headers.get("Vary", "").lower()
        return (
            getattr(response, SHARED_PAGE, False)
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
            and "cookie" not in vary
        )
