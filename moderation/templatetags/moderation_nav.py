"""The moderation navigation, written once per process for each shape it can take.

Its links never change while the process runs; only which one is the current page and whether the
viewer sees the admin link do. Rendering `_nav.html` reversed five URLs and ran five `{% if %}`
chains on every moderator page; here each (current page, staff, script prefix) shape is written
once and kept. The permission that lets the viewer see the page at all is checked by the view,
on every request: this is only the markup.
"""

import functools

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# The pages the navigation marks as current (their URL names in the moderation namespace).
CURRENT_PAGES = frozenset({"takedowns", "queue", "flagged"})


@register.simple_tag(takes_context=True)
def moderation_nav(context) -> SafeString:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match is not None else None
    user = context.get("user")
    return nav_markup(
        current if current in CURRENT_PAGES else "",
        bool(user is not None and user.is_staff),
        get_script_prefix(),
    )


@functools.cache
def nav_markup(current: str, is_staff: bool, prefix: str) -> SafeString:
    # The prefix is part of the key: the links it reverses begin with it.
    return mark_safe(
        render_to_string(
            "moderation/_nav_links.html", {"current": current, "is_staff": is_staff}
        ).strip()
    )


@register.simple_tag
def moderation_url(name: str) -> str:
    """`{% url 'moderation:<name>' %}` for an address without arguments, reversed once per
    process and script prefix."""
    return _reversed(f"moderation:{name}", get_script_prefix())


@functools.cache
def _reversed(name: str, prefix: str) -> str:
    return reverse(name)
