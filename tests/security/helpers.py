"""Hostile payloads, and a reader that finds any markup on a page a browser would run."""

import json
from html.parser import HTMLParser

# story_data() picks this practice among others, so its page and feed list a shared story.
PRACTICE = "say-thank-you"
# Every story the share fixture sends holds this word, for the search page.
SEARCH_WORD = "zanzibar"

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
]
# The raw fragments a browser would turn into running code; none may reach a page unescaped.
RAW_MARKUP = ["<script>alert", "<img src=x", "<svg onload"]
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
# Script elements browsers never run: data blocks (the story page's JSON-LD).
DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}


class _MarkupAudit(HTMLParser):
    """Collects every element or attribute on a page that could run an attacker's code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.data_block: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and (names.get("type") or "").lower() in DATA_BLOCK_TYPES:
            self.data_block = []
        elif tag == "script" and not names.get("src"):
            self.found.append("an inline <script>")
        if tag in {"svg", "iframe", "object", "embed"}:
            self.found.append(f"a <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"an {name} handler on <{tag}>")
            # Browsers skip whitespace and control characters inside a URL's scheme.
            squeezed = "".join(ch for ch in value or "" if ch.isprintable() and not ch.isspace())
            if name in URL_ATTRIBUTES and squeezed.lower().startswith(SCRIPT_SCHEMES):
                self.found.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self.data_block is not None:
            self.data_block.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.data_block is not None:
            # A value that closed the element early leaves a block that is no longer JSON.
            try:
                json.loads("".join(self.data_block))
            except ValueError:
                self.found.append("a data <script> that is not whole JSON")
            self.data_block = None


def runnable_markup(page: str) -> list[str]:
    """Everything on the page that could run code; the site's own pages have none."""
    audit = _MarkupAudit()
    audit.feed(page)
    audit.close()
    return audit.found


def assert_inert(page: str, payload: str) -> None:
    """The payload reached the page as text at most: never as markup a browser would run."""
    assert payload not in page
    for fragment in RAW_MARKUP:
        assert fragment not in page, fragment
    assert runnable_markup(page) == []
