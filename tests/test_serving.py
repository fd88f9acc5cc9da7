"""The production shape (deploy/serve): what nginx in front of the app servers is for.

Each test runs against the shape the `shape` fixture starts (tests/shape.py), on
loopback only; CI installs nginx, so none is skipped there.
"""

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import closing, contextmanager, suppress
from pathlib import Path

import pytest

from salaries.oews.read import MAX_BYTES

from .shape import (
    MICRO_CACHE_SECONDS,
    ROOT,
    Browser,
    get_from_app_server,
    self_signed_certificate,
    serving,
)

pytestmark = pytest.mark.xdist_group("shape")

SLOW_CLIENTS = 60


@contextmanager
def trickling(connect, count: int = SLOW_CLIENTS):
    """count connections each sending a request's headers one byte a second, never done."""
    request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + b"s" * 100
    sockets = [connect() for _ in range(count)]
    stop = threading.Event()

    def send() -> None:
        for byte in range(len(request)):
            for sock in sockets:
                sock.send(request[byte : byte + 1])
            if stop.wait(1):
                return

    sender = threading.Thread(target=send)
    sender.start()
    try:
        time.sleep(2)  # every connection is open and has begun its request
        yield
    finally:
        stop.set()
        sender.join()
        for sock in sockets:
            sock.close()


def timed_get(url: str, timeout: float) -> tuple[int, float]:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        return response.status, time.monotonic() - started


def unix_socket(path: Path):
    def connect() -> socket.socket:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(str(path))
        return sock

    return connect


def test_slow_clients_do_not_hold_up_other_readers(shape):
    started = time.monotonic()
    with trickling(lambda: socket.create_connection(("127.0.0.1", shape.port))):
        status, seconds = timed_get(shape.url + "/", timeout=5)
    print(f"\nGET / through nginx with {SLOW_CLIENTS} slow clients: {seconds:.3f} s")
    assert status == 200
    assert seconds < 1
    # The same against one app server directly: its sync workers wait on the slow clients.
    app_server = shape.app_sockets[0]
    with trickling(unix_socket(app_server)), pytest.raises(TimeoutError):
        get_from_app_server(app_server, "/", timeout=1)
    print(f"GET / from one app server directly, with {SLOW_CLIENTS} slow clients: no answer in 1 s")
    # Once they have gone, the app server answers again.
    assert "<html" in get_from_app_server(app_server, "/")
    assert time.monotonic() - started < 15


def test_static_files_come_from_nginx_with_long_cache_headers(shape):
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    log_lines = len(shape.access_log())
    with urllib.request.urlopen(
        urllib.request.Request(f"{shape.url}/static/{hashed}", headers={"Accept-Encoding": "gzip"})
    ) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/css; charset=utf-8"
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["Cache-Control"] == "public, max-age=315360000, immutable"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    with urllib.request.urlopen(f"{shape.url}/static/css/site.css") as response:
        assert response.headers["Cache-Control"] == "public, max-age=31536000"
    served = shape.logged_since(log_lines, 2)
    assert len(served) == 2
    assert all(line.endswith("upstream=-") for line in served)  # no app server asked


def test_nginx_keeps_a_page_for_readers_never_for_editors_or_htmx(shape):
    reader = Browser(shape.url)
    reader.get("/what-they-do/")  # kept by nginx, if it was not already
    log_lines = len(shape.access_log())
    with reader.open("/what-they-do/") as response:
        assert response.headers["X-Cache-Status"] == "HIT"
        assert "<h1" in response.read().decode()
    assert shape.logged_since(log_lines, 1)[0].endswith("cache=HIT upstream=-")
    # A logged-in editor always reaches an app server, so sees an edit at once...
    editor = Browser(shape.url)
    login = editor.log_in()
    assert "Log out" in login or "logout" in login
    log_lines = len(shape.access_log())
    with editor.open("/what-they-do/") as response:
        assert response.headers["X-Cache-Status"] == "BYPASS"
    assert "upstream=unix:" in shape.logged_since(log_lines, 1)[0]
    # ...and so does an htmx request (the estimator's result).
    with reader.open("/salary-estimator/?years=3", **{"HX-Request": "true"}) as response:
        assert response.headers["X-Cache-Status"] == "BYPASS"
        assert "Your typical pay" in response.read().decode()
    # Answers nginx may not keep (the admin's: private, no-store) reach an app server.
    for _ in range(2):
        with Browser(shape.url).open("/admin/login/") as response:
            assert response.headers["X-Cache-Status"] == "MISS"
    # A reader's page is at most the micro-cache's second old, as nginx counts: in whole
    # seconds, so a page kept "1 s" is kept to the end of the next whole second (1 to 2 s).
    time.sleep(MICRO_CACHE_SECONDS + 1.1)
    with reader.open("/what-they-do/") as response:
        assert response.headers["X-Cache-Status"] in ("EXPIRED", "MISS")


def post_of_size(shape, size: int) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", shape.port, timeout=30)
    with closing(connection):
        connection.putrequest("POST", "/")
        connection.putheader("Content-Type", "application/octet-stream")
        connection.putheader("Content-Length", str(size))
        connection.endheaders()
        try:
            chunk = b"x" * (1024 * 1024)
            for start in range(0, size, len(chunk)):
                connection.send(chunk[: size - start])
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused on its length, before the body
        response = connection.getresponse()
        return response.status, response.read().decode()


def test_nginx_takes_an_oews_upload_and_refuses_a_larger_body(shape):
    # The largest file Django takes (salaries.oews.read.MAX_BYTES), with room for the
    # form around it, reaches an app server, which answers (a POST to / with no CSRF token
    # is refused)...
    log_lines = len(shape.access_log())
    assert post_of_size(shape, MAX_BYTES + 64 * 1024)[0] == 403
    assert "upstream=unix:" in shape.logged_since(log_lines, 1)[0]
    # ...and a body beyond nginx's client_max_body_size gets nginx's message.
    status, text = post_of_size(shape, MAX_BYTES + 1024 * 1024 + 1)
    assert status == 413
    assert f"files up to {MAX_BYTES // 1024 // 1024} MB" in text


def test_an_app_server_reads_the_whole_body_of_a_request_it_answers_unread(shape):
    # gunicorn closes the connection after each answer; closed with bytes unread, it is
    # reset, and nginx, still passing the body on, can lose the answer: a 502, and the
    # app server out of service for 10 s. Twelve 52 MB POSTs to / took the whole site out
    # that way (careerguide.proxy.ReadWholeBody).
    body = b"x" * (8 * 1024 * 1024)
    sock = unix_socket(shape.app_sockets[0])()
    sock.settimeout(10)
    head = (
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    sock.sendall(head.encode())
    sent: list = []

    def send() -> None:
        try:
            sock.sendall(body)
            sent.append("all")
        except OSError as error:
            sent.append(error)

    sender = threading.Thread(target=send)
    sender.start()
    answer = b""
    with closing(sock):
        with suppress(ConnectionResetError):
            answer = sock.makefile("rb").read()
        sender.join(10)
    assert sent == ["all"]
    assert answer.startswith(b"HTTP/1.1 403")


def test_each_app_server_has_a_control_socket_of_its_own(shape):
    gunicornc = Path(sys.executable).with_name("gunicornc")
    masters = set()
    for app_socket in shape.app_sockets:
        control = app_socket.with_suffix(".ctl")
        stats = subprocess.run(
            [gunicornc, "--socket", control, "--command", "show stats", "--json"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        master = json.loads(stats.stdout)["pid"]
        assert str(master) == app_socket.with_suffix(".pid").read_text().strip()
        masters.add(master)
    assert len(masters) == len(shape.app_sockets) == 2


@pytest.fixture(scope="module")
def https_shape(nginx, prepared_site):
    """The shape as in production behind TLS: nginx answers HTTPS, DJANGO_SECURE_SSL on."""
    run, env = prepared_site
    cert, key = self_signed_certificate(run)
    with serving(
        env | {"DJANGO_SECURE_SSL": "1"}, run / "https", TLS_CERT=str(cert), TLS_KEY=str(key)
    ) as https:
        yield https


def test_over_https_django_knows_it_and_sends_hsts(https_shape):
    browser = Browser(https_shape.url, https_shape.context)
    with browser.open("/") as response:
        # No redirect to HTTPS: nginx told Django the request came over it.
        assert response.url == https_shape.url + "/"
        hsts = response.headers["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    # CSRF checks the referring page against the host and scheme nginx passes on.
    page = browser.log_in()
    assert "Log out" in page or "logout" in page
    cookies = {cookie.name: cookie for cookie in browser.cookies}
    assert cookies["sessionid"].secure and cookies["csrftoken"].secure


def test_serve_refuses_secure_settings_with_nothing_answering_https(nginx, prepared_site):
    run, env = prepared_site
    result = subprocess.run(
        [ROOT / "deploy" / "serve"],
        cwd=ROOT,
        env={k: v for k, v in env.items() if k != "DJANGO_SECURE_SSL"} | {"RUN": str(run / "x")},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0
    assert "DJANGO_SECURE_SSL is on but nothing here answers HTTPS" in result.stderr
    assert not (run / "x" / "nginx.pid").exists()
