from django.conf import settings

from careerguide.pages import navigation


def site(request) -> dict:
    return {
        "nav_pages": navigation,
        "site_url": settings.SITE_URL,
        "site_name": "PT Care Coordinator Guide",
        "site_description": (
            "A career guide for Physical Therapy Care Coordinators: the job, the pay with "
            "sources, and how to start."
        ),
    }
