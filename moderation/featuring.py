"""Featuring a published story on the home page, and taking it off again.

Both are moderation decisions like the others: one transaction, a conditional update as the
guard against a second moderator, and a history row (append-only) in the same transaction. The
story's featured_at bumps the content version (stories.freshness), so the visitors' cached home
page changes on the next request.
"""

from django.db import transaction
from django.utils import timezone

from moderation.decisions import AlreadyDecided, record_decision
from moderation.models import Action, Decision, DecisionStatus
from stories.models import Story


def _last(story_id: int, action: str) -> Decision | None:
    return (
        Decision.objects.filter(story_id=story_id, action=action)
        .select_related("moderator")
        .first()
    )


@transaction.atomic
def feature_story(*, story: Story, moderator) -> Decision:
    """Put a published story among the home page's featured stories."""
    featured = (
        Story.objects.published()
        .filter(pk=story.pk, featured_at__isnull=True)
        .update(featured_at=timezone.now())
    )
    if featured == 0:
        status = Story.objects.filter(pk=story.pk).values_list("status", flat=True).first()
        if status != Story.Status.PUBLISHED:
            raise AlreadyDecided(message="Only a published story can be featured.")
        raise AlreadyDecided(_last(story.pk, Action.FEATURE))
    story.refresh_from_db()
    return record_decision(
        story=story,
        moderator=moderator,
        action=Action.FEATURE,
        from_status=DecisionStatus.PUBLISHED,
        to_status=DecisionStatus.PUBLISHED,
    )


@transaction.atomic
def unfeature_story(*, story: Story, moderator, note: str = "") -> Decision:
    """Take a story off the featured stories, whatever its status now."""
    if Story.objects.filter(pk=story.pk, featured_at__isnull=False).update(featured_at=None) == 0:
        raise AlreadyDecided(_last(story.pk, Action.UNFEATURE))
    story.refresh_from_db()
    return record_decision(
        story=story,
        moderator=moderator,
        action=Action.UNFEATURE,
        from_status=DecisionStatus(story.status),
        to_status=DecisionStatus(story.status),
        note=note.strip(),
    )
