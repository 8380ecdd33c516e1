"""My pledges in one statement: each active pledge with its practice and the story written from
it (one at most: stories_story.pledge_id is unique, so the join repeats no pledge), built by the
ORM once per process (kindness.statements).

Building the querysets (the pledges with their practices, then the stories) on every visit cost
several times what the database takes to answer; the statement's only variable is the member.
"""

from django.db.models import F

from kindness.statements import Statement
from pledges.models import Pledge
from stories.models import Practice, Story

_ACTIVE_PLEDGES = Statement(
    lambda *, member_id: (
        Pledge.objects.active()
        .filter(member_id=member_id)
        .only("created_at", "remind_at", "reminded_at", "practice_id")
        .annotate(
            practice_name=F("practice__name"),
            practice_slug=F("practice__slug"),
            story_id=F("stories__id"),
            story_title=F("stories__title"),
            story_status=F("stories__status"),
        )
        .order_by("-created_at", "-id")
    ),
    member_id=int,
)


def active_pledges(*, member_id: int) -> list[Pledge]:
    """The member's active pledges, newest first; `pledge.story` is the story from it."""
    pledges = _ACTIVE_PLEDGES.objects(Pledge, member_id=member_id)
    for pledge in pledges:
        pledge.practice = Practice(
            id=pledge.practice_id, name=pledge.practice_name, slug=pledge.practice_slug
        )
        pledge.story = (
            Story(id=pledge.story_id, title=pledge.story_title, status=pledge.story_status)
            if pledge.story_id
            else None
        )
    return pledges
