"""Rows of a member's own pages (My stories, My pledges), each kept on a digest of what it shows.

A row's key is a digest of the values its partial shows (as read on this request), the time zone
its dates are shown in, and the page template's source. A changed value is a new key, so the page
is exactly as fresh as its query, which runs on every request; a missing row renders from the very
values its key was made of, so no row is ever kept under a key that does not describe it.

A row's forms need this request's CSRF token, which must never be kept: rows render with
CSRF_MARK in its place, and `render` puts the token in. The mark contains "<", which templates
escape in anything a member wrote, so only the tag can produce it.

Rows hold a member's drafts, notes and pledges. The pages look them up only through the member's
own query, so a member can only ever be handed rows made of their own values.
"""

from collections.abc import Callable

from django.core.cache import caches
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from stories.markup_keys import markup_key

CACHE = "cards"
SECONDS = 24 * 60 * 60
CSRF_MARK = mark_safe("<csrf-token>")


class KeptRows:
    """`page_template#partial` rendered per row with `context(values)`, kept under `prefix`."""

    def __init__(self, prefix: str, page_template: str, partial: str):
        self.prefix = prefix
        self.page_template = page_template
        self.row_template = f"{page_template}#{partial}"

    def key(self, values: tuple, zone: str, *, kind: str = "row") -> str:
        return markup_key(f"{self.prefix}:{kind}", self.page_template, (values, zone))

    def render(
        self, rows: list[tuple], *, context: Callable[[tuple], dict], csrf_token: str
    ) -> SafeString:
        """The markup of `rows` (each the tuple of values its row shows), in order, with this
        request's CSRF token in their forms."""
        if not rows:
            return mark_safe("")
        zone = timezone.get_current_timezone_name()
        # The whole list is kept too, on a digest of every row: one look-up on most visits.
        whole = self.key(tuple(rows), zone, kind="list")
        markup = caches[CACHE].get(whole)
        if markup is None:
            markup = self._rows(rows, zone, context)
            caches[CACHE].set(whole, markup, SECONDS)
        return mark_safe(markup.replace(CSRF_MARK, csrf_token))

    def _rows(self, rows: list[tuple], zone: str, context: Callable[[tuple], dict]) -> str:
        keys = [self.key(values, zone) for values in rows]
        found = caches[CACHE].get_many(keys)
        rendered = {}
        for key, values in zip(keys, rows, strict=True):
            if key not in found and key not in rendered:
                template = get_template(self.row_template)
                rendered[key] = template.render(context(values) | {"csrf_token": CSRF_MARK})
        if rendered:
            caches[CACHE].set_many(rendered, SECONDS)
        return "".join(found[key] if key in found else rendered[key] for key in keys)
