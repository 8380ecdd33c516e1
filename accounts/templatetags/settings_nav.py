"""The account settings' navigation, rendered once per process for each page that shows it."""

from functools import cache

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def settings_nav(context) -> SafeString:
    """The same links for every member: only the page marked as current differs, so the seven
    URLs are reversed once per process and page rather than on every settings page."""
    match = getattr(context.get("request"), "resolver_match", None)
    return _nav(match.url_name if match else "", match.app_name if match else "")


@cache
def _nav(current: str, app_name: str) -> SafeString:
    return render_to_string(
        "includes/_settings_nav.html", {"current": current, "app_name": app_name}
    )
