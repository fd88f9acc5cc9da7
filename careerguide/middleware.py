from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control


class PermissionsPolicyMiddleware:
    """Deny powerful browser features the site never uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Compress the public pages; leave the admin alone, whose forms carry CSRF secrets
    that compression could leak (BREACH)."""

    def process_response(self, request, response):
        if request.path.startswith("/" + settings.ADMIN_PATH):
            return response
        return super().process_response(request, response)


class HtmxCacheControlMiddleware:
    """Mark htmx fragments private and to be checked before reuse.

    A fragment shares its address with the full page (the views vary on HX-Request), and
    not every cache honours Vary: no shared cache may keep a fragment, and a browser must
    not show one in place of the page (going back, say) without asking again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.headers.get("HX-Request") == "true":
            patch_cache_control(response, private=True, no_cache=True)
        return response
