"""The production shape for tests: deploy/prepare, then deploy/serve (nginx in front of
two gunicorn app servers), on a database of its own and free ports, stopped afterwards.

The database is SQLite in the run folder, or a new PostgreSQL database beside the one
DATABASE_URL names (the tests' own database is in-memory SQLite, or rolled back after
each test, so no server could share it). With REDIS_URL the servers share Redis under a
key prefix of their own.
"""

import fcntl
import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

import dj_database_url
import psycopg
import redis
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
# /usr/sbin is not on every user's PATH.
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
EDITOR = ("editor", "a long passphrase")
# How long nginx keeps a page for readers: proxy_cache_valid in its configuration.
MICRO_CACHE_SECONDS = int(
    re.search(
        r"proxy_cache_valid 200 (\d+)s;", (ROOT / "deploy" / "nginx.conf.template").read_text()
    ).group(1)
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def own_database(run: Path, name: str) -> Iterator[str]:
    """A DATABASE_URL for a database that only the shape uses, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{run / 'db.sqlite3'}"
        return
    db = dj_database_url.parse(url)
    connect = {
        "dbname": db["NAME"],
        "user": db["USER"],
        "password": db["PASSWORD"],
        "host": db["HOST"],
        "port": db["PORT"] or 5432,
        "autocommit": True,
    }
    name = f"{db['NAME']}_{name}"
    with psycopg.connect(**connect) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(**connect) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def forget_cached_keys(prefix: str) -> None:
    if os.environ.get("REDIS_URL"):
        client = redis.Redis.from_url(os.environ["REDIS_URL"])
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)


def site_env(database_url: str, prefix: str) -> dict:
    """The environment the servers get: the tests' own, on the shape's database."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "CACHE_KEY_PREFIX": prefix,
        "DJANGO_SECURE_SSL": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHON": sys.executable,
        "WORKERS": "2",
    }


def run_in_site(env: dict, *command) -> None:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"{command} failed:\n{result.stdout}{result.stderr}")


def prepare(env: dict) -> None:
    """deploy/prepare, and the editor's account."""
    # collectstatic writes into the checkout: one process at a time.
    with (ROOT / ".prepare.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        run_in_site(env, ROOT / "deploy" / "prepare")
    username, password = EDITOR
    run_in_site(
        env | {"DJANGO_SUPERUSER_USERNAME": username, "DJANGO_SUPERUSER_PASSWORD": password},
        sys.executable,
        "manage.py",
        "createsuperuser",
        "--noinput",
        "--email",
        "e@example.org",
    )


@dataclass
class Shape:
    port: int
    run: Path
    process: subprocess.Popen
    scheme: str = "http"
    context: ssl.SSLContext | None = None

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    @property
    def app_sockets(self) -> list[Path]:
        return sorted(self.run.glob("app-*.sock"))

    def access_log(self) -> list[str]:
        return (self.run / "access.log").read_text().splitlines()

    def logged_since(self, start: int, count: int) -> list[str]:
        """The count lines logged after the first start: nginx logs a request just after
        its answer is sent, so they may take a moment."""
        deadline = time.monotonic() + 5
        while len(lines := self.access_log()[start:]) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return lines

    def log(self) -> str:
        return (self.run / "serve.log").read_text()


@contextmanager
def serving(env: dict, run: Path, **extra: str) -> Iterator[Shape]:
    """deploy/serve in the background until the block ends."""
    run.mkdir(parents=True, exist_ok=True)
    port = free_port()
    scheme = "https" if extra.get("TLS_CERT") else "http"
    context = ssl.create_default_context(cafile=extra["TLS_CERT"]) if scheme == "https" else None
    with (run / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [ROOT / "deploy" / "serve"],
            cwd=ROOT,
            env=env | {"PORT": str(port), "RUN": str(run), **extra},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    shape = Shape(port, run, process, scheme, context)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{shape.url}/robots.txt", timeout=5, context=context)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"deploy/serve did not start:\n{shape.log()}") from None
                time.sleep(0.1)
        yield shape
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: no need to finish requests
        process.wait(timeout=30)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", key, "-out", cert, "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    return cert, key


class Browser:
    """A cookie-keeping client for one address."""

    def __init__(self, base: str, context: ssl.SSLContext | None = None) -> None:
        self.base = base
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies),
            urllib.request.HTTPSHandler(context=context),
        )

    def open(self, path: str, data: bytes | None = None, **headers: str):
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        return self.opener.open(request, timeout=10)

    def get(self, path: str) -> str:
        with self.open(path) as response:
            return response.read().decode()

    def post(self, path: str, data: dict) -> str:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        with self.open(path, body, Referer=self.base + path) as response:
            return response.read().decode()

    def log_in(self) -> str:
        username, password = EDITOR
        return self.submit("/admin/login/", {"username": username, "password": password})

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


class UnixConnection(http.client.HTTPConnection):
    """HTTP to one app server's unix socket, past nginx."""

    def __init__(self, path: Path, timeout: float = 10) -> None:
        super().__init__("127.0.0.1", timeout=timeout)
        self.socket_path = str(path)

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


def get_from_app_server(path: Path, url_path: str, timeout: float = 10) -> str:
    connection = UnixConnection(path, timeout)
    try:
        connection.request("GET", url_path, headers={"Host": "127.0.0.1"})
        return connection.getresponse().read().decode()
    finally:
        connection.close()
