from django import template
from django.utils.safestring import SafeString

from stories.privacy import highlight

register = template.Library()


@register.simple_tag
def highlight_identifying(text: str) -> SafeString:
    """The story's text with the details that may identify someone marked (stories.privacy)."""
    return highlight(text)
