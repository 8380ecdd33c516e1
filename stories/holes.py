"""Holes: the per-request parts of a page that every reader otherwise shares.

A reader page (home, the lists, a practice, a story, a member, search) is the same for everyone
but for a few bits that belong to the person asking: the header's member menu (their name, the
log-out form and its CSRF token), the moderators' link, messages, the story page's thanks box
(their own thanked state) and "Report this story" form. Each of those bits is a *hole*:

    {% load holes %}
    {% hole "story_actions" story_id=story.pk %}

stories.caching renders a reader page once as a signed-out visitor would see it, with every
hole left as a marker (the *shared page*), keeps it under the content version, and fills the
holes for each request, member or visitor, from `HOLES` below. Outside that path (any other page,
a story's preview for its author) the tag simply renders the hole in place.

Why a member can never see another member's bits: the shared page is rendered for an anonymous
copy of the request (stories.caching.shared_copy), so nothing of any member can be in it; a render
that asks for a CSRF token or writes the session is never kept. Every per-member bit comes from a
hole, rendered for the request at hand. tests/stories/test_holes.py holds this with two members.

Adding a per-member element to a reader page (a pledge button, a saved state...):
1. Put it in a template of its own; it gets `request`, `user`, `csrf_token` and what its context
   function returns, nothing from the page (the page may have been rendered long before).
2. Add it to HOLES: name -> Hole(template, "dotted.path.to.context_function"). The function takes
   the request and the tag's arguments, which must be ints or strings (they travel in the marker),
   and returns the template's context (None: the hole stays empty).
3. Write `{% hole "name" arg=value %}` where it goes. Anything per-member left outside a hole is
   rendered for a visitor and shown to every member as such: wrong, but never someone else's.
"""

import re
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlencode

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.crypto import salted_hmac
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

from kindness import kept


@dataclass(frozen=True)
class Hole:
    template: str
    # fn(request, **args) -> dict | None; None renders nothing.
    context: str | None = None
    # fn(request, **args) -> str: a hole that renders its template itself (kept markup, say).
    markup: str | None = None


HOLES: dict[str, Hole] = {
    "messages": Hole("includes/_messages.html", "stories.holes.messages_context"),
    "member_menu": Hole("includes/_member_menu.html", markup="stories.holes.member_menu_markup"),
    "moderation_link": Hole(
        "moderation/_nav_link.html", "moderation.context_processors.moderation"
    ),
    "story_actions": Hole(
        "stories/_story_actions.html",
        "moderation.holes.story_actions_context",
        markup="moderation.holes.story_actions_markup",
    ),
    "pledge_button": Hole("pledges/_pledge_button.html", "pledges.holes.pledge_button_context"),
}

# Set on the anonymous copy of a request that renders a shared page: holes become markers.
SHARED_RENDER = "_renders_shared_page"


@cache
def _token() -> str:
    """Part of every marker: story text never holds a comment (escaped, or cleaned by nh3), and
    without the secret nobody could write a marker that matches."""
    return salted_hmac("stories.holes", "marker", algorithm="sha256").hexdigest()[:20]


def _marker_pattern() -> re.Pattern:
    return re.compile(rf"<!--hole:{_token()}:([a-z_]+):([^>]*)-->")


_pattern = cache(_marker_pattern)


def marker(name: str, args: dict) -> SafeString:
    if name not in HOLES:
        raise KeyError(f"No hole named {name!r} in stories.holes.HOLES")
    for value in args.values():
        if not isinstance(value, int | str):
            raise TypeError(f"Hole {name!r}: arguments travel in the page, so ints or strings")
    return mark_safe(f"<!--hole:{_token()}:{name}:{urlencode(args)}-->")


def render(name: str, request: HttpRequest, args: dict) -> str:
    hole = HOLES[name]
    if hole.markup:
        return import_string(hole.markup)(request, **args)
    extra = import_string(hole.context)(request, **args) if hole.context else {}
    if extra is None:
        return ""
    context = {
        "request": request,
        "user": request.user,
        "csrf_token": csrf_token(request),
        **extra,
    }
    return get_template(hole.template).render(context)


def csrf_token(request: HttpRequest) -> SimpleLazyObject:
    """One masked token for all the holes of a request, as a page's forms share one: masking a
    token costs more than the rest of the member menu."""
    token = getattr(request, "_holes_csrf_token", None)
    if token is None:
        token = request._holes_csrf_token = SimpleLazyObject(lambda: get_token(request))
    return token


def is_shared_render(request: HttpRequest | None) -> bool:
    return request is not None and getattr(request, SHARED_RENDER, False)


def fill(page: str, request: HttpRequest) -> str:
    """The shared page with every hole rendered for this request."""
    if "<!--hole:" not in page:
        return page

    def one(found: re.Match) -> str:
        args = {key: _int_or_str(value) for key, value in parse_qsl(found.group(2))}
        return render(found.group(1), request, args)

    return _pattern().sub(one, page)


def _int_or_str(value: str) -> int | str:
    return int(value) if value.isdigit() else value


# Stand-ins in the member menu kept per process: no member has this id, and no markup of the
# menu holds the others ("<" is escaped in anything rendered into it).
_MEMBER_MARK = 9_176_430_182_593
_NAME_MARK = "<member-name>"
_CSRF_MARK = "<csrf-token>"
_MENU_MARKS = re.compile(f"{_MEMBER_MARK}|{_NAME_MARK}|{_CSRF_MARK}")


def _render_member_menu(signed_in: bool) -> SafeString:
    if signed_in:
        user = SimpleNamespace(
            is_authenticated=True, pk=_MEMBER_MARK, public_name=mark_safe(_NAME_MARK)
        )
    else:
        user = AnonymousUser()
    context = {"user": user, "csrf_token": mark_safe(_CSRF_MARK)}
    return mark_safe(get_template(HOLES["member_menu"].template).render(context))


def member_menu_markup(request: HttpRequest) -> str:
    """The header's member menu: rendered once per process (kindness.kept) for a stand-in
    member, with this request's member's id, name and CSRF token put in; a visitor's once."""
    user = request.user
    signed_in = user.is_authenticated
    html = kept.once(("member_menu", signed_in), _render_member_menu, signed_in)
    if not signed_in:
        return html

    def put(found: re.Match) -> str:
        mark = found.group()
        if mark == _NAME_MARK:
            return conditional_escape(user.public_name)
        if mark == _CSRF_MARK:
            return str(csrf_token(request))
        return str(user.pk)

    return mark_safe(_MENU_MARKS.sub(put, html))


# What a kept fragment is rendered for: no request, no member, and every hole left a marker.
_KEPT_RENDER = SimpleNamespace(**{SHARED_RENDER: True})


def _render_kept(template_name: str, args: tuple) -> SafeString:
    context = {"request": _KEPT_RENDER, **dict(args)}
    return mark_safe(get_template(template_name).render(context))


def kept_fragment(template_name: str, args: dict) -> SafeString:
    """A fragment the same for every request but for its holes ({% kept %}): rendered once per
    process (kindness.kept) for each set of arguments, every hole left a marker. It sees its
    arguments only: no request, no member, no CSRF token; what differs per member is a hole."""
    frozen = tuple(sorted(args.items()))
    return kept.once(("fragment", template_name, frozen), _render_kept, template_name, frozen)


def messages_context(request: HttpRequest) -> dict | None:
    stored = get_messages(request)
    return {"messages": stored} if len(stored) else None
