from django.core.cache import caches
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from stories.models import SourceEssay

# The footer on every page credits the essays, which change about never: one small query at most
# every ten minutes per process. An edit in the admin reaches the footer within that time.
ESSAYS_CACHE_KEY = "site:source-essays"
ESSAYS_CACHE_SECONDS = 600


def source_essays() -> list[SourceEssay]:
    return caches["pages"].get_or_set(
        ESSAYS_CACHE_KEY,
        lambda: list(SourceEssay.objects.only("title", "author", "site", "url")),
        ESSAYS_CACHE_SECONDS,
    )


def site(request: HttpRequest) -> dict:
    # Fetched at most once a request, and only by a page that shows the footer: base.html asks
    # twice ({% if %}, then {% for %}), and each cache read unpickles the essays.
    return {"source_essays": SimpleLazyObject(source_essays)}
