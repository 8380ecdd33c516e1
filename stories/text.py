"""Story text: a small, safe Markdown subset rendered to HTML, and plain excerpts for cards."""

import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# An address typed as plain text is not a link, but readers can copy it; it counts like one.
BARE_ADDRESS = re.compile(r"https?://|www\.", re.IGNORECASE)
# Story bodies whose HTML (and excerpts) each process keeps (at most 10,000 characters each).
RENDERED_BODIES = 512
MARKDOWN_MARKS = re.compile(r"[*_`#>]+|^\s*[-+]\s+|\[([^\]]*)\]\([^)]*\)", re.MULTILINE)


def render_story_body(text: str) -> SafeString:
    """Markdown (emphasis, lists, links) to HTML; every other tag or attribute is removed by nh3."""
    return mark_safe(_clean_html(text))  # nh3 output holds only the tags and attributes allowed


# The same text always gives the same HTML, and a story page is rendered afresh after every
# publish (its page cache follows the content version) while its body rarely changes: Markdown
# cost about a tenth of that render. Kept per process, so a deploy with new rules starts empty.
@lru_cache(maxsize=RENDERED_BODIES)
def _clean_html(text: str) -> str:
    html = markdown.markdown(text, extensions=["sane_lists", "nl2br"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )


# A feed of twenty stories, a new card and a story page's description each strip a body's tags
# with an HTML parser after every publish, for bodies that rarely change; kept like the HTML.
@lru_cache(maxsize=RENDERED_BODIES)
def plain_excerpt(text: str, words: int = 40) -> str:
    plain = MARKDOWN_MARKS.sub(lambda match: match.group(1) or "", strip_tags(text))
    parts = plain.split()
    excerpt = " ".join(parts[:words])
    return excerpt + "…" if len(parts) > words else excerpt


class _LinkCounter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = 0
        self._inside_link = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._inside_link += 1
            if any(name == "href" for name, _ in attrs):
                self.links += 1

    def handle_endtag(self, tag):
        if tag == "a" and self._inside_link:
            self._inside_link -= 1

    def handle_data(self, data):
        if not self._inside_link:
            self.links += len(BARE_ADDRESS.findall(data))


def count_links(text: str) -> int:
    """The links a reader gets from this text: whatever the renderer turned into a link.

    Counted in the rendered, sanitised HTML rather than in the source, so every way Markdown
    spells a link (inline, reference, <autolink>, raw <a>, //host, mailto:) counts, and a link
    the sanitiser disarmed does not. Addresses left as plain text count as well.
    """
    counter = _LinkCounter()
    counter.feed(render_story_body(text))
    counter.close()
    return counter.links
