from urllib.parse import urlencode

from django.conf import settings

from careerguide.pages import BODY_AFTER_IN_SHORT, IN_SHORT_BOX, menu, navigation


def site(request) -> dict:
    return {
        "nav_pages": navigation,
        # Called only when a template shows the menu (a cached page does not).
        "nav_groups": lambda: menu(request.path),
        # A guide page's body in two parts: {% include in_short_box %} and the rest.
        "in_short_box": IN_SHORT_BOX,
        "body_after_in_short": BODY_AFTER_IN_SHORT,
        # A result's answers for its "Link to this" address: the query without empty
        # answers, which mean the same as leaving them out.
        "share_query": lambda: share_query(request),
        "site_url": settings.SITE_URL,
        "site_name": "PT Care Coordinator Guide",
        "site_description": (
            "A career guide for Physical Therapy Care Coordinators: the job, the pay with "
            "sources, and how to start."
        ),
    }


def share_query(request) -> str:
    return urlencode(
        [(name, value) for name, values in request.GET.lists() for value in values if value.strip()]
    )
