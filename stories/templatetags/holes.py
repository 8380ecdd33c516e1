"""{% hole "name" arg=value %}: a per-request part of a shared page (stories.holes).

{% kept "template.html" arg=value %}: a fragment the same for every request but for its holes,
rendered once per process for each set of arguments (stories.holes.kept_fragment), its holes
filled for this request (left as markers in a shared page, which fills them itself).
"""

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from stories import holes

register = template.Library()


@register.simple_tag(takes_context=True)
def hole(context, name: str, **args) -> SafeString:
    request = context.get("request")
    if holes.is_shared_render(request):
        return holes.marker(name, args)
    if request is None:
        # The error pages render without a request (kindness.views.server_error): only the
        # holes that need nothing of one (the visitor's "Log in" links) show there.
        found = holes.HOLES[name]
        return mark_safe("" if found.context else get_template(found.template).render({}))
    return mark_safe(holes.render(name, request, args))


@register.simple_tag(takes_context=True)
def kept(context, template_name: str, **args) -> SafeString:
    request = context.get("request")
    if request is None:
        # The error pages render without a request: the fragment renders in place.
        return mark_safe(get_template(template_name).render(args))
    markup = holes.kept_fragment(template_name, args)
    if holes.is_shared_render(request):
        return markup
    return mark_safe(holes.fill(markup, request))
