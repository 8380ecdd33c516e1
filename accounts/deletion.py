"""Closing a member's account: their stories go with it, or stay published as "Anonymous".

Stories, photos, thanks and flags are reached through their reverse relations (`user.stories`,
`user.photos`...), so accounts never imports stories or moderation.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

# The account that holds the stories of members who left and kept them published. An address
# under .invalid can never be verified, and the signup and email forms refuse it (accounts.adapter).
ANONYMOUS_EMAIL = "anonymous@deleted.invalid"
ANONYMOUS_NAME = "Anonymous"


class AnonymousAccountTaken(Exception):
    """The reserved address belongs to an account that can sign in: never hand it stories."""


def anonymous_member():
    """The inactive account without a password that keeps the stories members left behind."""
    ghost, _ = get_user_model().objects.get_or_create(
        email=ANONYMOUS_EMAIL,
        defaults={
            "display_name": ANONYMOUS_NAME,
            "is_active": False,
            "password": make_password(None),
        },
    )
    if ghost.is_active or ghost.has_usable_password():
        raise AnonymousAccountTaken(f"{ANONYMOUS_EMAIL} is a real account; nothing was deleted.")
    return ghost


def is_anonymous_member(user) -> bool:
    return user.email == ANONYMOUS_EMAIL and not user.is_active


@transaction.atomic
def delete_account(*, user, keep_stories: bool) -> int:
    """Delete the member with photos, pledges, thanks, flags and stories; returns the stories kept.

    With `keep_stories`, their live stories (published, or hidden while flags are reviewed) stay
    on the site as "Anonymous", moved to `anonymous_member()` with the photos they show, so
    nothing points at the member any more; every other story of theirs is deleted with them.
    Pending edits of kept stories are withdrawn: nobody is left to answer a moderator.
    """
    User = get_user_model()
    # Locked first: a story submitted or thanked in another tab waits for this to finish.
    User.objects.select_for_update().filter(pk=user.pk).first()
    kept = _hand_over_live_stories(user) if keep_stories else 0
    _take_back_thanks(user)
    # The member page and every byline with their name change now: the content version's
    # trigger on display_name (stories.freshness) retires the visitors' cached pages.
    User.objects.filter(pk=user.pk).update(display_name="", is_active=False)
    photos = list(user.photos.all())
    # Their own step, before the cascade: stories kept after the account lose the pledge link.
    user.pledges.all().delete()
    user.delete()
    # Files are not part of the transaction: remove them once the rows are surely gone.
    for photo in photos:
        transaction.on_commit(photo.delete_files)
    return kept


def _hand_over_live_stories(user) -> int:
    Story = user.stories.model
    Revision = Story.revisions.rel.related_model
    live = list(user.stories.live().values_list("pk", "photo_id"))
    if not live:
        return 0
    ghost = anonymous_member()
    story_ids = [pk for pk, _ in live]
    now = timezone.now()
    Revision.objects.filter(story__in=story_ids).pending().update(
        status=Revision.Status.WITHDRAWN, decided_at=now
    )
    Revision.objects.filter(story__in=story_ids).update(is_anonymous=True)
    user.photos.filter(pk__in=[photo for _, photo in live if photo]).update(owner=ghost)
    # The fingerprint goes: two members who left may have published the same words, and the
    # no-duplicate constraint is per author.
    Story.objects.filter(pk__in=story_ids).update(
        author=ghost, is_anonymous=True, content_hash="", moderator_note="", updated_at=now
    )
    return len(story_ids)


def _take_back_thanks(user) -> None:
    """The thanks a member gave go with them; the counts on the stories they thanked follow."""
    Story = user.stories.model
    thanked = user.thanks_given.values("story_id")
    Story.objects.filter(pk__in=thanked).update(thanks_count=F("thanks_count") - 1)
