"""Who the client is when nginx (deploy/) passes requests on: DJANGO_BEHIND_PROXY."""

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
