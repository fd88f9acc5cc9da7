from django.conf import settings
from django.middleware.gzip import GZipMiddleware


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
