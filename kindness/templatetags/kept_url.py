"""{% url %}, with the address of a name without arguments reversed once per process.

Installed as a template builtin (settings.TEMPLATES), so it replaces Django's tag in every
template, ours and allauth's. The layout alone reverses about ten names without arguments on
every page (the header, the member menu, the moderation nav), and Django's reverse() walks its
resolver each time: that cost as much as rendering the rest of the header.

What reverse() answers for a name without arguments depends only on the URLconf, the script
prefix, the language and the current application: kindness.kept keeps it under exactly those. A
tag with arguments renders as Django's does.
"""

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape

from kindness import kept

register = template.Library()

_FAILED = object()


def _current_app(context) -> str | None:
    # As Django's URLNode reads it.
    try:
        return context.request.current_app
    except AttributeError:
        try:
            return context.request.resolver_match.namespace
        except AttributeError:
            return None


def _reverse(view_name: str, current_app: str | None) -> str | object:
    try:
        return reverse(view_name, current_app=current_app)
    except NoReverseMatch:
        return _FAILED


class KeptURLNode(defaulttags.URLNode):
    def render(self, context) -> str:
        view_name = self.view_name.resolve(context)
        current_app = _current_app(context)
        found = kept.once(("url", view_name, current_app), _reverse, view_name, current_app)
        if found is _FAILED:
            if self.asvar is None:
                return super().render(context)  # raises NoReverseMatch, as Django's tag does
            found = ""
        if self.asvar:
            context[self.asvar] = found
            return ""
        return conditional_escape(found) if context.autoescape else found


@register.tag
def url(parser, token) -> defaulttags.URLNode:
    node = defaulttags.url(parser, token)
    if node.args or node.kwargs:
        return node
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
