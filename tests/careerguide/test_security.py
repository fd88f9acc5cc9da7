import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_PAGES = ["/", "/what-they-do/", "/salary/", "/sources/", "/salary-estimator/"]
OTHER_ANSWERS = [("/no-such-page/", 404), ("/admin/login/", 200)]


def production_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        DJANGO_SECRET_KEY="k3y-" + "x9Yq2" * 12,
        DJANGO_ALLOWED_HOSTS="guide.example.org",
        DJANGO_SECURE_SSL="1",
        **extra,
    )
    return env


# Behind nginx too, as `make serve` runs it before starting with DJANGO_SECURE_SSL=1.
@pytest.mark.parametrize("behind_proxy", ["0", "1"])
def test_deploy_check_is_clean_with_production_settings(behind_proxy):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(DJANGO_BEHIND_PROXY=behind_proxy),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_site_refuses_to_serve_without_a_secret_key(tmp_path):
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    # Nor a key file, whatever `make run` left in the checkout.
    env["DJANGO_SECRET_KEY_FILE"] = str(tmp_path / "no-such-file")
    serve = subprocess.run(
        [sys.executable, "-c", "import careerguide.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert serve.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in serve.stderr
    deploy_check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert deploy_check.returncode != 0
    assert "SECRET_KEY" in deploy_check.stdout + deploy_check.stderr


def test_admin_path_comes_from_the_environment():
    code = (
        "import django; django.setup(); from django.urls import reverse; "
        "print(reverse('admin:index'))"
    )
    env = production_env(DJANGO_SETTINGS_MODULE="careerguide.settings", DJANGO_ADMIN_PATH="desk")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "/desk/"


@pytest.fixture
def https(settings):
    """Production security settings, with requests made over HTTPS."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


def assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_sends_every_security_header(client, guide, https, path):
    response = client.get(path, secure=True)
    assert response.status_code == 200
    assert_security_headers(response)


@pytest.mark.parametrize("path, status", OTHER_ANSWERS)
def test_error_and_admin_pages_send_security_headers_too(client, guide, https, path, status):
    response = client.get(path, secure=True)
    assert response.status_code == status
    assert_security_headers(response)


def test_plain_http_is_redirected_to_https(client, guide, https):
    response = client.get("/what-they-do/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/what-they-do/"


def test_cookies_are_secure_and_http_only(client, guide, https):
    User.objects.create_superuser("editor", "e@example.org", "a-long-passphrase-42")
    login = client.get("/admin/login/", secure=True)
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post(
        "/admin/login/",
        {
            "username": "editor",
            "password": "a-long-passphrase-42",
            "csrfmiddlewaretoken": csrf.value,
        },
        secure=True,
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]


def test_repeated_failed_logins_are_throttled(client, db, settings):
    User.objects.create_superuser("editor", "e@example.org", "a-long-passphrase-42")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    locked = client.post(
        "/admin/login/", {"username": "editor", "password": "a-long-passphrase-42"}
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "locked" in locked.content.decode().lower()


def test_server_error_shows_a_plain_page_without_details(client, guide, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr("careerguide.views.render_page", broken)
    client.raise_request_exception = False
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "database on fire" not in html and "Traceback" not in html


def test_a_refused_next_address_after_login_lands_on_the_admin_index(client, db):
    User.objects.create_superuser("editor", "e@example.org", "a-long-passphrase-42")
    response = client.post(
        "/admin/login/?next=https://elsewhere.example/",
        {
            "username": "editor",
            "password": "a-long-passphrase-42",
            "next": "https://elsewhere.example/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200
