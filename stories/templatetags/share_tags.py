"""Link previews and structured data: canonical addresses, Open Graph, JSON-LD.

Used by templates/includes/_share_meta.html and _story_share_meta.html only.
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from stories.share_images import HEIGHT, WIDTH
from stories.text import plain_excerpt
from stories.views.share import share_image_url

register = template.Library()

# The query parameters that change what a list page shows, in a fixed order; any other
# (utm_*, a stray ?page=1) would only split one page's link previews and search ranking.
MEANINGFUL_PARAMS = {
    "stories:list": (
        "practice",
        "tag",
        "setting",
        "perspective",
        "sort",
        "page",
        "before",
        "after",
    ),
    "stories:search": ("q", "page"),
    "stories:practice": ("page",),
    "stories:member": ("page",),
    "stories:practice_card": ("size",),
}
# Values that mean the same as leaving the parameter out.
DEFAULTS = {"page": "1", "sort": "newest", "size": "a6"}

# What json_script escapes, so no value can close the <script> element or open a comment.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute(path: str) -> str:
    return settings.SITE_URL + path


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    request = context.get("request")
    if request is None:
        return absolute("/")
    match = request.resolver_match
    names = MEANINGFUL_PARAMS.get(match.view_name if match else "", ())
    kept = QueryDict(mutable=True)
    for name in names:
        value = request.GET.get(name, "").strip()
        if value and value != DEFAULTS.get(name):
            kept[name] = value
    query = kept.urlencode()
    return absolute(request.path) + (f"?{query}" if query else "")


@register.simple_tag
def share_image(story, path: str = "") -> str:
    """`path`: the image's address when the view has it (it read the practices already)."""
    return absolute(path or share_image_url(story))


@register.simple_tag
def share_image_alt(story) -> str:
    return f"“{story.title}”, a story on Flip the Counter"


@register.simple_tag
def share_image_size() -> dict:
    return {"width": WIDTH, "height": HEIGHT}


def ld_json(data: dict) -> SafeString:
    """A JSON-LD block; escaped like json_script, which only writes type="application/json"."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag
def article_json_ld(story, image_path: str = "") -> SafeString:
    """The story as a schema.org Article. The author is the byline: an anonymous story's
    structured data names no one, exactly like its page."""
    url = absolute(story.get_absolute_url())
    author = {"@type": "Person", "name": story.byline}
    if not story.is_anonymous:
        author["url"] = absolute(story.author.get_absolute_url())
    return ld_json(
        {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": story.title,
            "description": plain_excerpt(story.body, 30),
            "datePublished": story.published_at,
            "dateModified": story.updated_at,
            "author": author,
            "image": [absolute(image_path or share_image_url(story))],
            "mainEntityOfPage": url,
            "url": url,
            "publisher": {
                "@type": "Organization",
                "name": "Flip the Counter",
                "url": absolute("/"),
            },
        }
    )
