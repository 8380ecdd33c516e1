"""The moderation queue and the flagged queue, their layout kept (kindness.kept_pages).

Each page rendered the site's layout (header, footer, head, banner) through the template chain
on every request: with its rows written in Python (moderation.templatetags.queue_rows), the
layout was most of the page's Python. Here the page is rendered once per process and address as
a frame, for a signed-out copy of the request, and each request fills the layout's holes (the
member menu, the moderation link and its badge, messages: stories.holes) and puts in the page's
own part, rendered afresh from this request's rows: the partial `content` of its template. That
part holds everything that depends on the viewer (the navigation's admin link, "you" in a
claim) or on the database, so the frame holds nothing of any moderator and no count.
"""

from django.http import HttpRequest, HttpResponse
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from kindness.kept_pages import KeptPage

QUEUE = KeptPage("moderation/queue.html", "content")
FLAGGED = KeptPage("moderation/flagged.html", "content")


def content(page: KeptPage, request: HttpRequest, context: dict) -> str:
    """The page's own part for this request: the `content` partial of its template."""
    part = get_template(f"{page.template}#content")
    return mark_safe(part.render({"request": request, "user": request.user, **context}))


def response(page: KeptPage, request: HttpRequest, context: dict) -> HttpResponse:
    return page.response(request, content=content(page, request, context))
