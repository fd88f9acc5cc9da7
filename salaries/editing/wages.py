"""The OEWS wage-row list: rows named by occupation, and a filter by occupation.

A wage row keeps its SOC code as text (BLS's codes outlive the ladder's list), so the
occupation's name is read beside each row in the list's own query, never row by row.
"""

from django.contrib import admin
from django.db.models import OuterRef, QuerySet, Subquery

from salaries.models import Occupation, OewsWage
from salaries.oews.read import OCC_CODE, OCC_TITLE


def with_occupation_titles(queryset: QuerySet) -> QuerySet:
    """Each row with ``occupation_title``: the ladder's name for its code, or None."""
    title = Occupation.objects.filter(soc_code=OuterRef("occ_code")).values("title")[:1]
    return queryset.annotate(occupation_title=Subquery(title))


def occupation_name(code: str, title: str | None) -> str:
    """The occupation as editors know it; the guide's own keeps BLS's name when the ladder
    does not list it."""
    if title:
        return title
    return OCC_TITLE if code == OCC_CODE else ""


class OccupationFilter(admin.SimpleListFilter):
    title = "occupation"
    parameter_name = "occupation"

    def lookups(self, request, model_admin):
        codes = set(OewsWage.objects.order_by().values_list("occ_code", flat=True).distinct())
        # The ladder's order first (its steps, then side moves), then any other code.
        listed = [
            (code, title)
            for code, title in Occupation.objects.values_list("soc_code", "title")
            if code in codes
        ]
        others = sorted(codes - {code for code, _ in listed})
        return [
            *((code, f"{code} {title}") for code, title in listed),
            *((code, f"{code} {occupation_name(code, None)}".strip()) for code in others),
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(occ_code=self.value())
        return queryset
