"""Reader pages rendered once per content version, for visitors and members alike.

Two layers, both keyed on the database's content version (stories.freshness), read on every
request, so a story that is hidden, withdrawn or unpublished is gone from the very next page
anyone gets:

- The *shared page*: the view rendered for an anonymous copy of the request (`shared_copy`),
  with its per-request parts left as holes (stories.holes). Every request, a member's as a
  visitor's, takes it and fills the holes for itself: the member menu, messages, the story
  page's thanks box and report form. Nothing of any member can be in it: it is rendered as
  nobody, and a render that asked for a CSRF token or wrote to the session is not kept.
- The visitor's *whole page*: the shared page filled for a signed-out visitor without messages,
  answered with an ETag, so a second visit costs one query.

A page the anonymous render cannot give (a 404 or redirect for a visitor, the author's preview of
an unpublished story) is rendered for the request itself, as before, and never kept.

Only this server-side cache may keep a page: browsers and proxies are told to ask again every
time (BROWSER_CACHE_CONTROL), or a redacted story would live on in a copy no version bump reaches.
"""

import copy
import hashlib
from dataclasses import dataclass
from functools import wraps
from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, set_response_etag

from stories import freshness, holes

# Thanks counts are not part of the content version; this bounds how stale they can be on lists
# (the story page's own count is a hole, always fresh).
PAGE_SECONDS = 60
# Each process's own memory: pages are cheap to render again, and the shared `default` cache is a
# database table kept for rate limits.
PAGE_CACHE = "pages"
# Revalidate on every use; `private` keeps shared caches (which no version bump can purge) out.
BROWSER_CACHE_CONTROL = "max-age=0, no-cache, must-revalidate, private"
# What the anonymous render must not carry, or it is not for sharing.
_PER_REQUEST_META = ("HTTP_COOKIE", "CSRF_COOKIE", "CSRF_COOKIE_NEEDS_UPDATE")
_SHARED_PRACTICES_VERSION = "shared_practices_version"


@dataclass(frozen=True)
class SharedPage:
    content: str
    headers: tuple[tuple[str, str], ...]

    def for_request(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse(holes.fill(self.content, request), headers=dict(self.headers))


def _cacheable_request(request: HttpRequest) -> bool:
    return not request.user.is_authenticated and not len(get_messages(request))


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _address(request: HttpRequest) -> str:
    return hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]


def page_key(request: HttpRequest, version: int | None = None) -> str:
    if version is None:
        version = freshness.current(connection)
    return f"page:{version}:{_address(request)}"


def shared_key(request: HttpRequest, version: int) -> str:
    return f"shared:{version}:{_address(request)}"


def shared_copy(request: HttpRequest) -> HttpRequest:
    """The request as a signed-out visitor without cookies would send it, holes left open."""
    shared = copy.copy(request)
    shared.META = {k: v for k, v in request.META.items() if k not in _PER_REQUEST_META}
    shared.COOKIES = {}
    shared.user = AnonymousUser()
    shared.session = import_module(settings.SESSION_ENGINE).SessionStore()
    shared.__dict__.pop("_messages", None)
    setattr(shared, holes.SHARED_RENDER, True)
    return shared


def practices_version_read(request: HttpRequest) -> int | None:
    """The practices version read with the content version a shared render is for (the
    practices it reads may be kept under it: stories.practice_choices), or None for a request
    rendered for itself."""
    return getattr(request, _SHARED_PRACTICES_VERSION, None)


def _render_shared(
    view, request: HttpRequest, versions: freshness.Versions, args, kwargs
) -> SharedPage | None:
    shared = shared_copy(request)
    setattr(shared, _SHARED_PRACTICES_VERSION, versions.practices)
    try:
        response = view(shared, *args, **kwargs)
    except Http404:
        return None
    if hasattr(response, "render"):
        response.render()  # a TemplateResponse (the sitemap)
    cache_control = response.get("Cache-Control", "")
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or "no-store" in cache_control
        or "private" in cache_control
        or shared.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or shared.session.modified
    ):
        return None
    content = response.content.decode(response.charset)
    return SharedPage(content=content, headers=tuple(response.headers.items()))


def shared_page(
    view, request: HttpRequest, versions: freshness.Versions, args, kwargs
) -> SharedPage | None:
    key = shared_key(request, versions.content)
    page = caches[PAGE_CACHE].get(key)
    if page is None:
        page = _render_shared(view, request, versions, args, kwargs)
        if page is not None:
            caches[PAGE_CACHE].set(key, page, PAGE_SECONDS)
    return page


def cached_for_visitors(view):
    """Serve the page rendered for this URL and content version, its holes filled per request."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return _for_browsers(view(request, *args, **kwargs))
        whole = _cacheable_request(request)
        versions = _versions(request)
        if whole:
            key = page_key(request, versions.content)
            response = caches[PAGE_CACHE].get(key)
            if response is not None:
                return _conditional(request, response)
        page = shared_page(view, request, versions, args, kwargs)
        if page is None:
            response = _for_browsers(view(request, *args, **kwargs))
        else:
            response = _for_browsers(page.for_request(request))
        if whole and _cacheable_response(request, response):
            if hasattr(response, "render"):
                response.render()  # a TemplateResponse must render to pickle
            set_response_etag(response)
            caches[PAGE_CACHE].set(key, response, PAGE_SECONDS)
            return _conditional(request, response)
        return response

    return wrapper


def _versions(request: HttpRequest) -> freshness.Versions:
    """The content and practices versions, read with a signed-in request's session where that
    was read (one round trip fewer: kindness.signed_in), else on their own."""
    read_with_session = getattr(getattr(request, "session", None), "versions", None)
    if read_with_session is not None:
        return read_with_session
    return freshness.versions(connection)


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if response.has_header("ETag"):
        return get_conditional_response(request, etag=response["ETag"], response=response)
    return response


def _for_browsers(response: HttpResponse) -> HttpResponse:
    """No browser or proxy copy outlives the page cache; a view's own stricter rule stands."""
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = BROWSER_CACHE_CONTROL
    return response
