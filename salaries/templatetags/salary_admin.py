from django import template
from django.conf import settings

from salaries.models import Source, months_ago

register = template.Library()


@register.simple_tag
def stale_sources() -> list[Source]:
    """Sources whose figures are older than the configured age."""
    return list(Source.objects.filter(as_of__lt=months_ago(settings.STALE_AFTER_MONTHS)))


@register.simple_tag
def stale_after_months() -> int:
    return settings.STALE_AFTER_MONTHS
