"""Serving behind nginx (deploy/): who the client is (DJANGO_BEHIND_PROXY), and request
bodies read to the end so that nginx always gets the answer."""

import ipaddress

from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address nginx saw: the last entry of X-Forwarded-For, else REMOTE_ADDR.

    nginx adds the address it saw after any the client sent, which prove nothing, so with
    one proxy only the last entry is to be trusted. It is needed: from nginx's unix socket
    REMOTE_ADDR is empty, and every reader would share one address (and one lockout).
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return request.META.get("REMOTE_ADDR", "")


class ReadWholeBody:
    """WSGI wrapper: read what the site left unread of a request's body before answering.

    gunicorn closes the connection after each answer, and closing a socket with unread
    bytes resets it. nginx, still sending a large body (a 50 MB POST answered with 403 or
    405 before it was read), then loses the answer: the client gets a 502, and nginx
    counts the app server as failed and sends it nothing for 10 s. A few such requests
    would take every app server out. nginx bounds bodies (client_max_body_size), so the
    rest is at most 51 MB from a local socket.
    """

    CHUNK = 64 * 1024

    def __init__(self, application) -> None:
        self.application = application

    def __call__(self, environ, start_response):
        response = self.application(environ, start_response)
        stream = environ.get("wsgi.input")
        if stream is not None:
            while stream.read(self.CHUNK):
                pass
        return response
