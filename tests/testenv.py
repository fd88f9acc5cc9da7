"""Environment for the tests, loaded as a plugin before Django reads its settings."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DJANGO_SECURE_SSL", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
# Each xdist worker keeps its own keys in a shared Redis, so one worker's cache.clear()
# cannot empty another's cache mid-test. Workers inherit the controller's environment,
# so the worker's own prefix replaces the controller's.
_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _worker:
    os.environ["CACHE_KEY_PREFIX"] = f"ptcc-test-{_worker}"
else:
    os.environ.setdefault("CACHE_KEY_PREFIX", "ptcc-test")
