"""The story page's story_actions hole (stories.holes): the thanks box and "Report this story".

Filled on every story page for whoever reads it, in one query built once per process
(kindness.statements): the story's fresh thanks count and status, the member's own thanks, and
their standing for flagging (moderation.flags.why_cannot_flag's two questions).

For a member, the markup is kept per process for each *shape* of the box: the story's status,
whether it is the member's own, whether the count is one (the plural), whether they thanked it
and why they cannot flag it. It is rendered once with stand-ins for the story's id, its count and
the CSRF token, and each request puts its own in: rendering the template (and the report form
inside it) was about half the Python work of a story page signed in. Nothing of any member is in
a kept render (it is made for a stand-in member), and the values put in are this request's.
"""

import functools
import re
from types import SimpleNamespace

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef
from django.db.models.functions import Now
from django.http import HttpRequest
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from accounts.models import User
from kindness.statements import Statement
from moderation.flags import flag_refusal
from moderation.models import Suspension
from stories import holes
from stories.models import Story, Thanks

TEMPLATE = "stories/_story_actions.html"
# No story has these ids or counts, and no token or text of the box can hold them: "<" is
# escaped in anything a member wrote.
_STORY_MARK = 9_176_430_182_591
_COUNT_MARK = 8_264_019_375_103
_CSRF_MARK = "<csrf-token>"
_MARKS = re.compile(f"{_STORY_MARK}|{_COUNT_MARK}|{_CSRF_MARK}")
# A stand-in member, so a kept render can hold nothing of a real one.
_SOMEONE = SimpleNamespace(is_authenticated=True, pk=-1)


def _story_actions(*, story: int, member: int):
    verified = EmailAddress.objects.filter(
        user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True
    )
    return (
        Story.objects.filter(pk=story)
        .annotate(
            has_thanked=Exists(Thanks.objects.filter(story=OuterRef("pk"), member_id=member)),
            # The database's clock: the SQL is built once, so no moment of ours can be in it.
            suspended=Exists(Suspension.objects.active(now=Now()).filter(member_id=member)),
            verified=Exists(User.objects.filter(pk=member).filter(Exists(verified))),
        )
        .values("id", "author_id", "status", "thanks_count", "has_thanked", "suspended", "verified")
    )


STORY_ACTIONS = Statement(_story_actions, story=int, member=int)


def story_actions_context(request: HttpRequest, *, story_id: int) -> dict | None:
    user = request.user
    # 0 is nobody's id: a visitor has thanked nothing.
    found = STORY_ACTIONS.row(story=story_id, member=user.pk or 0)
    if found is None:
        return None
    story = Story(
        id=found["id"],
        author_id=found["author_id"],
        status=found["status"],
        thanks_count=found["thanks_count"],
    )
    context = {"story": story, "has_thanked": bool(found["has_thanked"])}
    if user.is_authenticated and story.is_published and user.pk != story.author_id:
        context["cannot_flag"] = flag_refusal(
            user, suspended=bool(found["suspended"]), verified=bool(found["verified"])
        )
    return context


def story_actions_markup(request: HttpRequest, *, story_id: int) -> str:
    context = story_actions_context(request, story_id=story_id)
    if context is None:
        return ""
    if not request.user.is_authenticated:
        # A visitor's box links back to the page; visitors mostly get the whole page kept
        # (stories.caching), so theirs renders as any hole does.
        context |= {"request": request, "user": request.user}
        context["csrf_token"] = holes.csrf_token(request)
        return get_template(TEMPLATE).render(context)
    story = context["story"]
    html = _kept_box(
        status=story.status,
        own=story.author_id == request.user.pk,
        one=story.thanks_count == 1,
        has_thanked=context["has_thanked"],
        cannot_flag=context.get("cannot_flag"),
    )

    def put(found: re.Match) -> str:
        if found.group() == _CSRF_MARK:
            # Asked for only where the box has a form, as the template would.
            return str(holes.csrf_token(request))
        return str(story.pk if found.group() == str(_STORY_MARK) else story.thanks_count)

    return mark_safe(_MARKS.sub(put, html))


# A few shapes a story can take, times the reasons a member cannot flag (a suspension's period
# is one of them): bounded, as those periods are many.
@functools.lru_cache(maxsize=256)
def _kept_box(
    *, status: str, own: bool, one: bool, has_thanked: bool, cannot_flag: str | None
) -> SafeString:
    story = Story(
        id=_STORY_MARK,
        author_id=_SOMEONE.pk if own else 0,
        status=status,
        # A count of one is the same in every box of this shape (and singular).
        thanks_count=1 if one else _COUNT_MARK,
    )
    context = {"story": story, "has_thanked": has_thanked, "user": _SOMEONE}
    if cannot_flag is not None:
        context["cannot_flag"] = cannot_flag
    return mark_safe(get_template(TEMPLATE).render(context | {"csrf_token": mark_safe(_CSRF_MARK)}))
