"""Settings for the PT Care Coordinator guide, driven by environment variables (see README)."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from import_export.formats.base_formats import CSV, XLSX

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

# The key `make run` writes once; used when DJANGO_SECRET_KEY is not set, so that
# manage.py commands work in a plain shell. DJANGO_SECRET_KEY_FILE names another file.
SECRET_KEY_FILE = Path(os.environ.get("DJANGO_SECRET_KEY_FILE") or BASE_DIR / ".secret-key")


def read_secret_key(environ=os.environ, key_file: Path = SECRET_KEY_FILE) -> str:
    """DJANGO_SECRET_KEY if set, else the key file's contents, else empty."""
    key = environ.get("DJANGO_SECRET_KEY", "")
    if key:
        return key
    try:
        return key_file.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


# Required to serve (careerguide.wsgi refuses to start without it); commands that never
# sign anything, such as makemigrations, run without one.
SECRET_KEY = read_secret_key()
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"


def require_secret_key() -> None:
    if not SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off.")


ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Canonical links, og:url and the sitemap; by default the address `make run` serves on.
SITE_URL = (
    os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "import_export",
    "simple_history",
    "careerguide",
    "salaries",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "careerguide.middleware.PublicGZipMiddleware",
    # A guide page every reader gets alike comes from the cache here, past the rest.
    "careerguide.shared.versioning.SharedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "careerguide.middleware.PermissionsPolicyMiddleware",
    "careerguide.middleware.HtmxCacheControlMiddleware",
    "careerguide.shared.versioning.ContentVersionMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "careerguide.urls"
WSGI_APPLICATION = "careerguide.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "careerguide.context_processors.site",
            ],
        },
    },
]

# SQLite file by default; DATABASE_URL (for example postgres://user:pass@127.0.0.1/db) otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

# Local memory by default; REDIS_URL shares one cache between several machines.
# Estimate fragments have a cache of their own ("fragments"): the answers a reader can
# give are almost unbounded, and in one bounded cache a flood of them would push out the
# guide pages. careerguide.shared.versioning sends each key to its cache by the key's start.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # One Redis, one prefix for this site (versioning.clear() deletes by it); Redis
    # bounds itself by its memory settings.
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ptcc"),
        }
        for alias in ("default", "fragments")
    }
else:
    # Each process keeps its own. Distinct LOCATIONs: caches with one name share entries.
    # Pages, figures and tables are a few dozen entries a version. 5,000 fragments is
    # README's bound: about 4 kB each (kept compressed), so up to 20 MB in each worker.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "estimate-fragments",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
# Versioned keys starting with these go to another cache than "default".
VERSIONED_CACHE_ROUTES = {"estimate-fragment": "fragments"}

# `manage.py preflight` (run first by `make run` and `make serve`) refuses to start with
# less free disk space than this, in MB, where the database and static files live.
PREFLIGHT_MIN_FREE_MB = int(os.environ.get("PREFLIGHT_MIN_FREE_MB", "100"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000

LOGIN_URL = "admin:login"
# After logging in with a "next" address that is refused (another site), or none.
LOGIN_REDIRECT_URL = "admin:index"
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin").strip("/") + "/"

# Security: HTTPS everywhere unless told otherwise (local runs set DJANGO_SECURE_SSL=0).
SECURE_SSL = env_bool("DJANGO_SECURE_SSL", default=not DEBUG)
SECURE_SSL_REDIRECT = SECURE_SSL
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL
SECURE_HSTS_PRELOAD = SECURE_SSL
# Behind nginx (deploy/serve): it says how the client reached it (X-Forwarded-Proto, set
# by nginx whatever the client sent) and who the client is (X-Forwarded-For's last entry).
# Host is passed on as the client sent it, so USE_X_FORWARDED_HOST stays off.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
        "manifest-src": [SELF],
    }
}

# django-axes: lock out an address and username pair after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
# Behind the proxy, the client's address rather than the proxy's (django-ipware, which
# axes would otherwise use for this, is not installed).
if BEHIND_PROXY:
    AXES_CLIENT_IP_CALLABLE = "careerguide.proxy.client_address"


# manage.py fetch_oews: where BLS publishes each year's OEWS zip ({yy}: two-digit year;
# {scope}: nat, st or ma), and who is asking. BLS refuses requests without a descriptive
# User-Agent; it asks for a contact address in it.
OEWS_URL_TEMPLATE = (
    os.environ.get("OEWS_URL_TEMPLATE")
    or "https://www.bls.gov/oes/special-requests/oesm{yy}{scope}.zip"
)
OEWS_USER_AGENT = (
    os.environ.get("OEWS_USER_AGENT")
    or "pt-care-coordinator-guide (set OEWS_USER_AGENT to include a contact address)"
)
OEWS_TIMEOUT = float(os.environ.get("OEWS_TIMEOUT") or 60)  # seconds for the whole download

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# The salary tables (salaries.editing.table_import) import only with add and change on the table,
# and export with view; these single codes cover any other admin using the library.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# A table import is at most 2 MB and 2,000 rows; an unconfirmed preview lasts an hour.
IMPORT_EXPORT_MAX_FILE_SIZE = 2 * 1024 * 1024
IMPORT_EXPORT_MAX_ROWS = 2000
IMPORT_EXPORT_PREVIEW_MAX_AGE = 60 * 60
# Off: the library's escape deletes the "=" and turns every cell to text.
# salaries.editing.resources prefixes risky text cells with an apostrophe instead.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
SILENCED_SYSTEM_CHECKS = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Editors import and export the salary tables as CSV or Excel.
IMPORT_EXPORT_FORMATS = [CSV, XLSX]
