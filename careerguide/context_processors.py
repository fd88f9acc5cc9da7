from django.conf import settings

from .pages import menu, navigation


def site(request) -> dict:
    return {
        "nav_pages": navigation,
        # Called only when a template shows the menu (a cached page does not).
        "nav_groups": lambda: menu(request.path),
        "site_url": settings.SITE_URL,
        "site_name": "PT Care Coordinator Guide",
        "site_description": (
            "A career guide for Physical Therapy Care Coordinators: the job, the pay with "
            "sources, and how to start."
        ),
    }
