"""Structured data (schema.org JSON-LD) that search engines read from the guide's pages."""

import json

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from careerguide.models import Page
from careerguide.shared.versioning import cached
from salaries.models import OewsWage
from salaries.snapshot import salary_data

OCCUPATION_PAGES = {Page.HOME_SLUG, "salary"}

# schema.org percentile properties and the annual OEWS wage fields that fill them.
PERCENTILES = {
    "percentile10": "a_pct10",
    "percentile25": "a_pct25",
    "median": "a_median",
    "percentile75": "a_pct75",
    "percentile90": "a_pct90",
}

# Inside <script> only "</" and "<!--" can end the element; escaping every <, > and &
# (as Django's json_script does) rules both out and keeps the JSON valid.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def national_wage() -> OewsWage | None:
    """Return the national row of the newest OEWS release that published an annual wage."""
    return salary_data().newest_national_wage(*PERCENTILES.values())


def salary_distribution(wage: OewsWage) -> dict:
    # A top-coded figure is only a floor ("at least"), so it is left out like a withheld one.
    values = {
        prop: getattr(wage, field)
        for prop, field in PERCENTILES.items()
        if getattr(wage, field) is not None and field not in wage.top_coded
    }
    return {
        "@type": "MonetaryAmountDistribution",
        "name": "base",
        "description": str(wage.release.source),
        "currency": "USD",
        "duration": "P1Y",
        **values,
    }


def build_occupation() -> dict:
    wage = national_wage()
    if wage is None:
        # Google requires estimatedSalary; without it the markup would only be an error.
        return {}
    return {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": "Physical Therapy Care Coordinator",
        "alternateName": ["Patient Care Coordinator", "Front Office Coordinator"],
        "description": (
            "Schedules patients, checks insurance and authorizations, and keeps the "
            "paperwork of a physical therapy clinic in order so patients can get their care."
        ),
        "occupationalCategory": wage.occ_code,
        "estimatedSalary": [salary_distribution(wage)],
        "occupationLocation": [{"@type": "Country", "name": "United States"}],
    }


def occupation_jsonld() -> dict:
    """Return the schema.org Occupation for the guide, or {} while there is no wage data."""
    return cached("occupation-jsonld", build_occupation)


def page_jsonld(page: Page) -> dict:
    """Return the structured data for one guide page, or {} if it has none."""
    occupation = occupation_jsonld() if page.slug in OCCUPATION_PAGES else {}
    if not occupation:
        return {}
    return {
        **occupation,
        "mainEntityOfPage": {
            "@type": "WebPage",
            "@id": absolute_url(page.get_absolute_url()),
            "name": page.title,
            "lastReviewed": page.last_reviewed.isoformat(),
        },
    }


def jsonld_script(data: dict) -> SafeString:
    """Return data as a <script type="application/ld+json"> element, or "" if empty."""
    if not data:
        return SafeString("")
    text = json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
