from django import template
from django.utils.safestring import SafeString

from stories import filter_markup

register = template.Library()


@register.simple_tag
def filter_fields(form, skip: str = "") -> SafeString:
    """{% filter_fields form %}: the list filters' fields, from their markup cache."""
    return filter_markup.filter_fields(form, skip=skip)
