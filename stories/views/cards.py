"""Printable practice cards: one practice on a card to print, cut out and carry to the counter."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from stories.caching import cached_for_visitors
from stories.models import Practice

# ?size= names: the paper each print stylesheet (static/css/card-*.css) sets with @page.
CARD_SIZES = {
    "a6": ("A6 (105 × 148 mm)", "css/card-a6.css"),
    "business": ("Business card (85 × 55 mm)", "css/card-business.css"),
}
DEFAULT_SIZE = "a6"


def site_address() -> str:
    """The site's short address for print: its host, without scheme or path."""
    return urlsplit(settings.SITE_URL).netloc.removeprefix("www.")


@require_GET
@cached_for_visitors
def practice_card(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    size = request.GET.get("size", DEFAULT_SIZE)
    if size not in CARD_SIZES:
        size = DEFAULT_SIZE
    return render(
        request,
        "stories/practice_card.html",
        {
            "practice": practice,
            "size": size,
            "stylesheet": CARD_SIZES[size][1],
            "sizes": [(name, label) for name, (label, _) in CARD_SIZES.items()],
            "site_address": site_address(),
        },
    )
