"""Story text: a small, safe Markdown subset rendered to HTML, and plain excerpts for cards."""

import re

import markdown
import nh3
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_PATTERN = re.compile(r"https?://|www\.", re.IGNORECASE)
MARKDOWN_MARKS = re.compile(r"[*_`#>]+|^\s*[-+]\s+|\[([^\]]*)\]\([^)]*\)", re.MULTILINE)


def render_story_body(text: str) -> SafeString:
    """Markdown (emphasis, lists, links) to HTML; every other tag or attribute is removed by nh3."""
    html = markdown.markdown(text, extensions=["sane_lists", "nl2br"], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )
    return mark_safe(clean)  # nh3 output holds only the tags and attributes allowed above


def plain_excerpt(text: str, words: int = 40) -> str:
    plain = MARKDOWN_MARKS.sub(lambda match: match.group(1) or "", strip_tags(text))
    parts = plain.split()
    excerpt = " ".join(parts[:words])
    return excerpt + "…" if len(parts) > words else excerpt


def count_links(text: str) -> int:
    return len(LINK_PATTERN.findall(text))
