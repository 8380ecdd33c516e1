"""The story page's story_actions hole (stories.holes): the thanks box and "Report this story".

Filled on every story page for whoever reads it, in one query built once per process
(kindness.statements): the story's fresh thanks count and status, the member's own thanks, and
their standing for flagging (moderation.flags.why_cannot_flag's two questions).
"""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef
from django.db.models.functions import Now
from django.http import HttpRequest

from accounts.models import User
from kindness.statements import Statement
from moderation.flags import flag_refusal
from moderation.models import Suspension
from stories.models import Story, Thanks


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
