"""A member's own pages whose markup is the same for everyone but a few values: the page is
rendered once per process as a frame, and each request puts its values in.

My stories, My pledges, Download my data and Delete account show the site's layout, allauth's
manage layout and the settings navigation around a list, a count or a form. Rendering that chain
of templates cost more than each page's own query and rows. `KeptPage(template, *slots)` renders
the template once per process and address, then for each request fills the layout's holes
(stories.holes: the member menu, messages) and puts in the slots' values and the request's CSRF
token.

What keeps it right:
- Nothing of any member is in a frame: it is rendered for a copy of the request as a signed-out
  visitor without cookies or query string would send it (stories.caching.shared_copy), so the
  layout's holes stay markers, as on the shared reader pages. Anything the page shows for the
  member must be a slot, or it shows as for a visitor: tests/accounts/test_kept_pages.py compares
  every page with a full render for its member.
- The frame is split into text and slots once; a request's values are put in between the pieces,
  so nothing a member wrote is ever searched for a marker.
- A render that asked for a CSRF token or wrote to the session would bake someone's state into
  the frame: it is refused with an error, never kept. The token is the slot `csrf_token`.
- A frame is kept in the `pages` cache with the shared reader pages, for FRAME_SECONDS, so what
  the layout shows every page (the footer's essays, edited in the admin) reaches these pages as it
  reaches the reader pages. Its key holds a digest of the page's template, so two versions of
  the site sharing a Redis cache never take each other's frames.
- A frame is kept per path, unless the page says its layout shows nothing of the path
  (`every_path=True`: the moderators' review pages, one frame for every story): then one frame
  serves every path under the script prefix, and what names the story is a slot.
"""

import re

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from stories import holes
from stories.caching import PAGE_CACHE, shared_copy
from stories.markup_keys import template_digest

FRAME_SECONDS = 60
CSRF_SLOT = "csrf_token"
# "<" never survives escaping in anything a member wrote: only a slot's own marker produces this.
_SLOT = re.compile(r"<!--kept-slot:([a-z_]+)-->")


def _marker(name: str) -> SafeString:
    return mark_safe(f"<!--kept-slot:{name}-->")


class KeptPage:
    """`template` rendered once per process and path, its `slots` filled per request."""

    def __init__(self, template: str, *slots: str, every_path: bool = False):
        if CSRF_SLOT in slots:
            raise ValueError(f"{CSRF_SLOT!r} is filled by every request, not by the view")
        self.template = template
        self.slots = slots
        self.every_path = every_path

    def response(self, request: HttpRequest, **values) -> HttpResponse:
        """The page for this request: `values` (one per slot; str is escaped) put in the frame."""
        if set(values) != set(self.slots):
            raise TypeError(f"{self.template} takes the slots {', '.join(self.slots)}")
        pieces = self._frame(request)
        out = []
        for index, piece in enumerate(pieces):
            if index % 2 == 0:
                out.append(holes.fill(piece, request))
            elif piece == CSRF_SLOT:
                out.append(str(holes.csrf_token(request)))
            else:
                out.append(conditional_escape(values[piece]))
        return HttpResponse("".join(out))

    def render_fresh(self, request: HttpRequest, **values) -> str:
        """The same page rendered whole for this request: what the frame must equal once filled."""
        context = {"csrf_token": holes.csrf_token(request), **values}
        return render_to_string(self.template, context, request=request)

    def _frame(self, request: HttpRequest) -> tuple[str, ...]:
        """Text, slot name, text, slot name, ..., text."""
        # The path carries the script prefix; the frame is rendered without the query string.
        where = f"{get_script_prefix()}*" if self.every_path else request.path
        key = f"kept-page:{template_digest(self.template)}:{where}"
        pieces = caches[PAGE_CACHE].get(key)
        if pieces is None:
            pieces = self._build(request)
            caches[PAGE_CACHE].set(key, pieces, FRAME_SECONDS)
        return pieces

    def _build(self, request: HttpRequest) -> tuple[str, ...]:
        shared = shared_copy(request)
        shared.GET = shared.GET.copy()
        shared.GET.clear()
        shared.META["QUERY_STRING"] = ""
        context = {name: _marker(name) for name in (*self.slots, CSRF_SLOT)}
        text = render_to_string(self.template, context, request=shared)
        if shared.META.get("CSRF_COOKIE_NEEDS_UPDATE") or shared.session.modified:
            raise RuntimeError(
                f"{self.template} asked for a CSRF token or wrote the session outside its slots"
            )
        return tuple(_SLOT.split(text))
