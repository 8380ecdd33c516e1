"""Whole-page caching of reader pages for signed-out visitors.

The key holds the database's content version (stories.freshness), read on every request, so a
story that is hidden, withdrawn or unpublished is gone from the very next page any visitor gets.

Only this server-side cache may keep a page: browsers and proxies are told to ask again every
time (BROWSER_CACHE_CONTROL), or a redacted story would live on in a copy no version bump reaches.
An ETag makes the asking cheap: an unchanged cached page answers 304 Not Modified.
"""

import hashlib
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, set_response_etag

from stories import freshness

# Thanks counts are not part of the content version; this bounds how stale they can be.
PAGE_SECONDS = 60
# Each process's own memory: pages are cheap to render again, and the shared `default` cache is a
# database table kept for rate limits.
PAGE_CACHE = "pages"
# Revalidate on every use; `private` keeps shared caches (which no version bump can purge) out.
BROWSER_CACHE_CONTROL = "max-age=0, no-cache, must-revalidate, private"


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
            return _for_browsers(view(request, *args, **kwargs))
        key = page_key(request)
        response = caches[PAGE_CACHE].get(key)
        if response is None:
            response = _for_browsers(view(request, *args, **kwargs))
            if _cacheable_response(request, response):
                if hasattr(response, "render"):
                    response.render()  # a TemplateResponse (the sitemap) must render to pickle
                set_response_etag(response)
                caches[PAGE_CACHE].set(key, response, PAGE_SECONDS)
        if response.has_header("ETag"):
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response

    return wrapper


def _for_browsers(response: HttpResponse) -> HttpResponse:
    """No browser or proxy copy outlives the page cache; a view's own stricter rule stands."""
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = BROWSER_CACHE_CONTROL
    return response
