"""Behind nginx (DJANGO_BEHIND_PROXY): the client's address and scheme come from nginx."""

import io
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory

from careerguide.proxy import ReadWholeBody, client_address

from .test_security import ROOT, production_env


@pytest.mark.parametrize(
    "forwarded, remote, expected",
    [
        ("203.0.113.9", "", "203.0.113.9"),
        # The client sent an address of its own; nginx added the one it saw.
        ("198.51.100.7, 203.0.113.9", "", "203.0.113.9"),
        ("2001:db8::1", "", "2001:db8::1"),
        ("not-an-address", "127.0.0.1", "127.0.0.1"),
        ("", "127.0.0.1", "127.0.0.1"),
    ],
)
def test_the_client_address_is_the_last_one_nginx_forwarded(forwarded, remote, expected):
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_address(request) == expected


def login(client, password: str, forwarded: str):
    return client.post(
        "/admin/login/",
        {"username": "editor", "password": password},
        HTTP_X_FORWARDED_FOR=forwarded,
        REMOTE_ADDR="",  # nginx's unix socket
    )


def test_behind_the_proxy_each_client_is_locked_out_on_its_own(client, db, settings):
    settings.AXES_CLIENT_IP_CALLABLE = "careerguide.proxy.client_address"
    User.objects.create_superuser("editor", "e@example.org", "a-long-passphrase-42")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong", "198.51.100.1")
    # Naming another address first changes nothing: nginx's entry comes last.
    assert login(client, "a-long-passphrase-42", "198.51.100.2, 198.51.100.1").status_code == 429
    assert login(client, "a-long-passphrase-42", "198.51.100.2").status_code == 302


def test_behind_the_proxy_settings_trust_nginx_for_scheme_and_address():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_PROXY_SSL_HEADER, s.AXES_CLIENT_IP_CALLABLE, s.USE_X_FORWARDED_HOST)"
    )
    env = production_env(DJANGO_SETTINGS_MODULE="careerguide.settings", DJANGO_BEHIND_PROXY="1")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == [
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "careerguide.proxy.client_address",
        "False",
    ], result.stderr


def test_the_unread_rest_of_a_request_body_is_read_before_answering():
    body = io.BytesIO(b"x" * 200_000)

    def refuse(environ, start_response):
        environ["wsgi.input"].read(10)  # a view that reads a little, or nothing
        start_response("405 Method Not Allowed", [])
        return [b""]

    assert ReadWholeBody(refuse)({"wsgi.input": body}, lambda *args: None) == [b""]
    assert body.read() == b""
