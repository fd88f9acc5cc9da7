from django import template

from salaries.editing.tables import overdue

register = template.Library()


@register.simple_tag
def overdue_count() -> int:
    """How many sources have a newer edition due and not on file."""
    return len(overdue())
