"""Two gunicorn app servers behind nginx on one database and cache, as `make serve` and
production run them: a figure saved through one is served by the other on its next
request. On SQLite each process has its own local-memory cache; on PostgreSQL (CI) the
servers share Redis. Either way the content version in the database keys every cached
value, so no server shows an old figure; nginx's micro-cache may show readers a page up to
a second old, never an editor."""

import re
import time

import pytest

from .shape import MICRO_CACHE_SECONDS, Browser, get_from_app_server

pytestmark = pytest.mark.xdist_group("shape")


def test_a_figure_saved_through_one_server_shows_on_the_other(shape):
    reader = Browser(shape.url)
    # Each app server builds and caches the home page (asked past nginx)...
    for app_socket in shape.app_sockets:
        assert "$45,160" in get_from_app_server(app_socket, "/")
    # ...and nginx's micro-cache keeps it for readers.
    assert "$45,160" in reader.get("/")
    editor = Browser(shape.url)
    login = editor.log_in()
    assert "Log out" in login or "logout" in login, re.findall(r"errornote.*?</p>", login, re.S)
    found = editor.get("/admin/salaries/source/?q=guide-national")
    change = re.search(r'href="(/admin/salaries/source/\d+/change/)', found).group(1)
    answer = editor.submit(change, {"typical": "45999", "change_reason": "Two-server test"})
    assert "was changed successfully" in answer, re.findall(
        r"errornote.*?</p>|errorlist.*?</ul>", answer, re.S
    )
    # Asked directly, past nginx, every app server shows the new figure...
    for app_socket in shape.app_sockets:
        assert "$45,999" in get_from_app_server(app_socket, "/")
    # ...and so does the site to the editor at once, whichever server nginx picks: their
    # session cookie takes them past nginx's micro-cache...
    log_lines = len(shape.access_log())
    for _ in shape.app_sockets:
        with editor.open("/") as response:
            assert response.headers["X-Cache-Status"] == "BYPASS"
            assert "$45,999" in response.read().decode()
    logged = shape.logged_since(log_lines, len(shape.app_sockets))
    answered = {line.rsplit("upstream=", 1)[1] for line in logged}
    assert answered == {f"unix:{path}" for path in shape.app_sockets}
    # ...and to readers once the micro-cache's second is over.
    deadline = time.monotonic() + MICRO_CACHE_SECONDS + 1
    while "$45,999" not in (page := reader.get("/")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "$45,999" in page
