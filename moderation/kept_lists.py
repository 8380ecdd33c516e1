"""The moderators' pages whose layout is kept (kindness.kept_pages): the queue, the flagged queue
and the two review pages.

Each page rendered the site's layout (header, footer, head, banner) through the template chain
on every request: with its rows written in Python (moderation.templatetags.queue_rows), the
layout was most of the page's Python. Here the page is rendered once per process and address as
a frame, for a signed-out copy of the request, and each request fills the layout's holes (the
member menu, the moderation link and its badge, messages: stories.holes) and puts in the page's
own parts, rendered afresh from this request's rows: the partials of its template named as the
page's slots (`content`, and a review page's `title`). Those parts hold everything that depends
on the viewer (the navigation's admin link, "you" in a claim, the CSRF token of its forms) or on
the database, so the frame holds nothing of any moderator, story or count.

A review page's layout names no story (its share tags are a `noindex`, its title a slot), so its
frame is one for every story (`every_path`), not one per story. Rendered whole (a form sent back
with errors), each template shows its partials in place.
"""

from django.http import HttpRequest, HttpResponse
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from kindness.kept_pages import KeptPage
from stories import holes

QUEUE = KeptPage("moderation/queue.html", "content")
FLAGGED = KeptPage("moderation/flagged.html", "content")
REVIEW = KeptPage("moderation/review.html", "title", "content", every_path=True)
FLAG_REVIEW = KeptPage("moderation/review_flags.html", "title", "content", every_path=True)


def part(page: KeptPage, slot: str, request: HttpRequest, context: dict) -> SafeString:
    """One of the page's own parts for this request: the partial of its template named `slot`."""
    partial = get_template(f"{page.template}#{slot}")
    values = {
        "request": request,
        "user": request.user,
        # The token the page's holes use: one masking a request.
        "csrf_token": holes.csrf_token(request),
        **context,
    }
    return mark_safe(partial.render(values))


def response(page: KeptPage, request: HttpRequest, context: dict) -> HttpResponse:
    return page.response(
        request, **{slot: part(page, slot, request, context) for slot in page.slots}
    )
