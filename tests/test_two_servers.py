"""Two gunicorn app servers behind nginx on one database and cache, as `make serve` and
production run them: a figure saved through one is served by the other on its next
request. On SQLite each process has its own local-memory cache; on PostgreSQL (CI) the
servers share Redis. Either way the content version in the database keys every cached
value, so no server shows an old figure."""

import re

import pytest

from .shape import Browser, get_from_app_server

pytestmark = pytest.mark.xdist_group("shape")


def test_a_figure_saved_through_one_server_shows_on_the_other(shape):
    reader = Browser(shape.url)
    # Turns go round the app servers: each has now built and cached the home page.
    for _ in shape.app_sockets:
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
    # ...and so does the site, whichever server nginx picks.
    log_lines = len(shape.access_log())
    for _ in shape.app_sockets:
        assert "$45,999" in reader.get("/")
    logged = shape.logged_since(log_lines, len(shape.app_sockets))
    answered = {line.rsplit("upstream=", 1)[1] for line in logged}
    assert answered == {f"unix:{path}" for path in shape.app_sockets}
