"""Two gunicorn servers on one PostgreSQL database and one Redis cache, as behind a load
balancer: a figure saved through one is served by the other on its next request."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from careerguide.content import load_pages
from salaries.models import Source
from salaries.seed import load_salary_data

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")

pytestmark = pytest.mark.skipif(
    not (os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get("REDIS_URL")),
    reason="runs in CI against PostgreSQL and Redis",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        "DJANGO_SECURE_SSL": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    server = subprocess.Popen(
        [str(GUNICORN), "careerguide.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError(f"gunicorn did not start on port {port}")


class Browser:
    """A cookie-keeping client for one server."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=10) as response:
            return response.read().decode()

    def post(self, path: str, data: dict) -> str:
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data, doseq=True).encode(),
            headers={"Referer": self.base + path},
        )
        with self.opener.open(request, timeout=10) as response:
            return response.read().decode()

    def submit(self, path: str, changes: dict) -> str:
        """Post the form at path as a browser would: every field it shows, with changes."""
        form = self.get(path)
        data = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
        for name, value in re.findall(r'<input[^>]* name="(\w+)"[^>]* value="([^"]*)"', form):
            data.setdefault(name, value)
        for name, body in re.findall(
            r'<textarea[^>]* name="(\w+)"[^>]*>(.*?)</textarea>', form, re.S
        ):
            data.setdefault(name, body.strip())
        for name, options in re.findall(
            r'<select[^>]* name="(\w+)"[^>]*>(.*?)</select>', form, re.S
        ):
            chosen = re.search(r'<option value="([^"]*)"[^>]* selected', options)
            data.setdefault(name, chosen.group(1) if chosen else "")
        for name in re.findall(r'<input type="checkbox" name="(\w+)"[^>]* checked', form):
            data[name] = "on"
        return self.post(path, data | changes)


@pytest.fixture
def two_servers(transactional_db):
    load_salary_data()
    load_pages()
    # Hashed as the servers hash (the tests' settings use a faster hasher).
    password = PBKDF2PasswordHasher().encode("a long passphrase", "two-servers-salt")
    get_user_model().objects.create_superuser("editor", "editor@example.org", password=None)
    get_user_model().objects.filter(username="editor").update(password=password)
    # The servers serve hashed static files, as in production.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        check=True,
    )
    servers = [start_server(free_port()) for _ in range(2)]
    yield [int(server.args[3].rsplit(":", 1)[1]) for server in servers]
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def test_a_figure_saved_through_one_server_shows_on_the_other(two_servers):
    port_a, port_b = two_servers
    reader = Browser(port_b)
    assert "$45,160" in reader.get("/")  # B has the page in the shared cache now
    editor = Browser(port_a)
    login = editor.submit("/admin/login/", {"username": "editor", "password": "a long passphrase"})
    assert "Log out" in login or "logout" in login, re.findall(r"errornote.*?</p>", login, re.S)
    source = Source.objects.get(slug="guide-national")
    answer = editor.submit(f"/admin/salaries/source/{source.pk}/change/", {"typical": "45999"})
    source.refresh_from_db()
    assert source.typical == 45999, re.findall(r"errornote.*?</p>|errorlist.*?</ul>", answer, re.S)
    assert "$45,999" in reader.get("/")
