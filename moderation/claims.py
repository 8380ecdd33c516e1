"""Who has an item open: opening a review claims it for CLAIM_MINUTES, a decision releases it.

A claim tells the other moderators, it never stops them: the decision functions' conditional
updates decide who was first.
"""

import functools
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from kindness.statements import prepared_cursor
from moderation.models import CLAIM_MINUTES, CLAIM_RENEWED_AFTER, ReviewClaim
from stories.models import Story, StoryRevision


def _claims_of(*, story: Story, revision: StoryRevision | None):
    if revision is not None:
        return ReviewClaim.objects.of_edit(revision.pk)
    return ReviewClaim.objects.of_story(story.pk)


# No claim was read beforehand: open_for_review reads it itself.
UNREAD = object()


def open_for_review(
    *, moderator, story: Story, revision: StoryRevision | None = None, read=UNREAD
) -> ReviewClaim | None:
    """Claim the item for `moderator`, unless another moderator's claim is still live.

    Returns that other moderator's live claim, to show; None when the claim is now the caller's.
    `read` is the item's claim (or None) as the caller read it in this request
    (moderation.review_page): another moderator's live claim is then shown without a write, as
    the conditional update would have taken nothing, and the caller's own claim taken under a
    minute ago is left as it is; any other claim goes through that update.
    """
    now = timezone.now()
    lapsed = now - timedelta(minutes=CLAIM_MINUTES)
    if read is not UNREAD and read is not None:
        if read.moderator_id != moderator.pk and read.claimed_at > lapsed:
            return read
        if read.moderator_id == moderator.pk and read.claimed_at > now - CLAIM_RENEWED_AFTER:
            return None
    # One query in the usual cases: reopening one's own claim, or taking over a lapsed one.
    if _take(moderator_id=moderator.pk, story=story, revision=revision, now=now, lapsed=lapsed):
        return None
    claims = _claims_of(story=story, revision=revision)
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


def _take(*, moderator_id: int, story: Story, revision, now, lapsed) -> int:
    """`claims.filter(Q(moderator=...) | Q(claimed_at__lte=lapsed)).update(moderator=...,
    claimed_at=now)`, written once: building that queryset on every review page cost more than
    the update itself. Returns the number of claims taken (0 or 1)."""
    column, item = ("revision_id", revision.pk) if revision is not None else ("story_id", story.pk)
    kind = ReviewClaim.Kind.EDIT if revision is not None else ReviewClaim.Kind.STORY
    moment = connection.ops.adapt_datetimefield_value
    # Inside someone's transaction the quiet commit would cover their writes too: not there.
    quiet = connection.vendor == "postgresql" and not connection.in_atomic_block
    with prepared_cursor(connection) as cursor:
        cursor.execute(
            _take_sql(connection.vendor, column, quiet=quiet),
            [moderator_id, moment(now), str(kind), item, moderator_id, moment(lapsed)],
        )
        return cursor.rowcount


# Every review page a moderator opens renews their claim, a write committed on its own. On
# PostgreSQL that commit waited for the log to reach the disk: 2 to 4 ms, more than the rest of
# the page's queries together. A claim only tells the other moderators (decisions are guarded by
# their own conditional updates), so a renewal lost to a server crash costs nothing: this
# transaction alone commits without waiting (synchronous_commit off, set for it by
# `set_config(..., true)`, still in force at its commit; 0.2 ms). Its order with other
# transactions is kept, and nothing else is made less durable.
_QUIETLY = " FROM (SELECT set_config('synchronous_commit', 'off', true)) quiet"


@functools.cache
def _take_sql(vendor: str, column: str, *, quiet: bool = False) -> str:
    name = connection.ops.quote_name
    return (
        f"UPDATE {name(ReviewClaim._meta.db_table)}"
        f" SET {name('moderator_id')} = %s, {name('claimed_at')} = %s"
        f"{_QUIETLY if quiet else ''}"
        f" WHERE {name('kind')} = %s AND {name(column)} = %s"
        f" AND ({name('moderator_id')} = %s OR {name('claimed_at')} <= %s)"
    )


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
