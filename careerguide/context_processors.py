from django.conf import settings

from .pages import navigation


def site(request) -> dict:
    return {
        "nav_pages": navigation,
        "site_url": settings.SITE_URL,
        "site_name": "PT Care Coordinator Guide",
    }
