from django.core.cache import caches
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString, mark_safe

from stories.models import SourceEssay

# The footer on every page credits the essays, which change about never: one small query at most
# every ten minutes per process. An edit in the admin reaches the footer within that time.
ESSAYS_CACHE_KEY = "site:source-essays"
ESSAYS_CACHE_SECONDS = 600
ESSAY_FIELDS = ("title", "author", "site", "url")
# The footer's HTML for each set of essays this process has seen (a handful over its life).
_FOOTERS: dict[tuple, SafeString] = {}
_FOOTERS_KEPT = 8


def source_essays() -> list[SourceEssay]:
    return caches["pages"].get_or_set(
        ESSAYS_CACHE_KEY,
        lambda: list(SourceEssay.objects.only(*ESSAY_FIELDS)),
        ESSAYS_CACHE_SECONDS,
    )


def site_footer() -> SafeString:
    """The footer, the same on every page: rendered once per process for each set of essays,
    since its links and credits cost a page more to render than the rest of the layout."""
    essays = source_essays()
    key = tuple(tuple(getattr(essay, field) for field in ESSAY_FIELDS) for essay in essays)
    html = _FOOTERS.get(key)
    if html is None:
        if len(_FOOTERS) >= _FOOTERS_KEPT:
            _FOOTERS.clear()
        html = _FOOTERS[key] = mark_safe(
            render_to_string("includes/_site_footer.html", {"source_essays": essays})
        )
    return html


def site(request: HttpRequest) -> dict:
    # Fetched at most once a request, and only by a page that shows them: each cache read
    # unpickles the essays.
    return {
        "source_essays": SimpleLazyObject(source_essays),
        "site_footer": SimpleLazyObject(site_footer),
    }
