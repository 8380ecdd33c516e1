"""Whole-page caching of reader pages for signed-out visitors.

The key holds the database's content version (stories.freshness), read on every request, so a
story that is hidden, withdrawn or unpublished is gone from the very next page any visitor gets.
"""

import hashlib
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse

from stories import freshness

# Thanks counts are not part of the content version; this bounds how stale they can be.
PAGE_SECONDS = 60
# Each process's own memory: pages are cheap to render again, and the shared `default` cache is a
# database table kept for rate limits.
PAGE_CACHE = "pages"


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def page_key(request: HttpRequest) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]
    return f"page:{freshness.current(connection)}:{address}"


def cached_for_visitors(view):
    """Serve a signed-out visitor the page rendered for the same URL and content version."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        response = caches[PAGE_CACHE].get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if _cacheable_response(request, response):
                if hasattr(response, "render"):
                    response.render()  # a TemplateResponse (the sitemap) must render to pickle
                caches[PAGE_CACHE].set(key, response, PAGE_SECONDS)
        return response

    return wrapper
