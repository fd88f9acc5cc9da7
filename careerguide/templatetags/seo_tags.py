from django import template
from django.utils.safestring import SafeString

from careerguide.models import Page
from careerguide.seo import jsonld_script, page_jsonld

register = template.Library()


@register.simple_tag
def structured_data(page: Page) -> SafeString:
    """Render the page's JSON-LD script element, or nothing."""
    return jsonld_script(page_jsonld(page))
