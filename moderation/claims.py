"""Who has an item open: opening a review claims it for CLAIM_MINUTES, a decision releases it.

A claim tells the other moderators, it never stops them: the decision functions' conditional
updates decide who was first.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from moderation.models import CLAIM_MINUTES, ReviewClaim
from stories.models import Story, StoryRevision


def _claims_of(*, story: Story, revision: StoryRevision | None):
    if revision is not None:
        return ReviewClaim.objects.of_edit(revision.pk)
    return ReviewClaim.objects.of_story(story.pk)


def open_for_review(
    *, moderator, story: Story, revision: StoryRevision | None = None
) -> ReviewClaim | None:
    """Claim the item for `moderator`, unless another moderator's claim is still live.

    Returns that other moderator's live claim, to show; None when the claim is now the caller's.
    """
    now = timezone.now()
    lapsed = now - timedelta(minutes=CLAIM_MINUTES)
    claims = _claims_of(story=story, revision=revision)
    # One query in the usual cases: reopening one's own claim, or taking over a lapsed one.
    taken = claims.filter(Q(moderator=moderator) | Q(claimed_at__lte=lapsed)).update(
        moderator=moderator, claimed_at=now
    )
    if taken:
        return None
    other = claims.live().select_related("moderator").first()
    if other is not None:
        return other
    kind = ReviewClaim.Kind.EDIT if revision is not None else ReviewClaim.Kind.STORY
    try:
        with transaction.atomic():
            ReviewClaim.objects.create(
                kind=kind, story=story, revision=revision, moderator=moderator, claimed_at=now
            )
    except IntegrityError:
        # One claim per item (the unique constraints): another moderator opened it just now.
        return claims.live().select_related("moderator").first()
    return None


def release(*, story: Story, revision: StoryRevision | None = None) -> None:
    """The item is decided: nobody is reviewing it any more."""
    _claims_of(story=story, revision=revision).delete()


def live_claims(*, story_ids, edit_ids) -> dict[tuple[str, int], ReviewClaim]:
    """The live claims on a page of queue items, in one query, keyed by (kind, id)."""
    if not story_ids and not edit_ids:
        return {}
    claims = (
        ReviewClaim.objects.live()
        .filter(
            Q(kind=ReviewClaim.Kind.STORY, story_id__in=story_ids)
            | Q(kind=ReviewClaim.Kind.EDIT, revision_id__in=edit_ids)
        )
        .select_related("moderator")
    )
    return {
        (claim.kind, claim.revision_id if claim.kind == "edit" else claim.story_id): claim
        for claim in claims
    }
