"""What a member does with pledges: try a practice, undo it, cancel one; and what leaves with them.

Each is one function with keyword-only arguments in one transaction, raising PledgeError with a
sentence for the member; the one-active-pledge constraint is the last guard against double clicks
and two tabs.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from pledges import reminders
from pledges.models import Pledge
from stories.lifecycle import suspended_because


class PledgeError(Exception):
    """A pledge rule said no. str(error) is written for the member, ready to show."""


@transaction.atomic
def set_pledge(*, member, practice, trying: bool) -> Pledge | None:
    """Make the member's pledge to try `practice` active (trying) or undo it; the same request
    twice (a double click) leaves the same state. Returns the active pledge, or None."""
    if not trying:
        Pledge.objects.active().filter(member=member, practice=practice).update(
            cancelled_at=timezone.now()
        )
        return None
    if reason := suspended_because(member):
        raise PledgeError(reason)
    if current := Pledge.objects.active().filter(member=member, practice=practice).first():
        return current
    now = timezone.now()
    try:
        with transaction.atomic():
            pledge = Pledge.objects.create(
                member=member,
                practice=practice,
                created_at=now,
                remind_at=now + timedelta(days=settings.PLEDGE_REMINDER_DAYS),
            )
    except IntegrityError:
        # pledges_pledge_one_active: the other click of a double click was first.
        current = Pledge.objects.active().filter(member=member, practice=practice).first()
        if current is None:
            raise
        return current
    reminders.schedule(pledge)
    return pledge


@transaction.atomic
def cancel_pledge(*, member, pledge_id: int) -> Pledge:
    """Cancel one of the member's own pledges (My pledges); no reminder follows."""
    cancelled = (
        Pledge.objects.active()
        .filter(pk=pledge_id, member=member)
        .update(cancelled_at=timezone.now())
    )
    if not cancelled:
        raise PledgeError("That pledge was already cancelled.")
    return Pledge.objects.select_related("practice").get(pk=pledge_id)


def pledge_to_write_from(*, member, pledge_id: int) -> Pledge:
    """The member's own active pledge a story may be written from (the story form's link)."""
    pledge = (
        Pledge.objects.active().select_related("practice").filter(pk=pledge_id, member=member)
    ).first()
    if pledge is None:
        raise PledgeError(
            "That pledge is not one of yours, or it was cancelled: your story is not linked to it."
        )
    return pledge


def delete_pledges_of(user) -> None:
    """Account deletion: the member's pledges go (stories written from them lose the link)."""
    Pledge.objects.filter(member=user).delete()


def pledges_for_export(user) -> list[dict]:
    """The member's pledges for "Download my data", every one, cancelled ones included."""
    pledges = (
        Pledge.objects.filter(member=user)
        .select_related("practice")
        .prefetch_related("stories")
        .order_by("created_at", "id")
    )
    return [
        {
            "practice": pledge.practice.name,
            "practice_slug": pledge.practice.slug,
            "created_at": pledge.created_at.isoformat(),
            "remind_at": pledge.remind_at.isoformat(),
            "reminded_at": pledge.reminded_at.isoformat() if pledge.reminded_at else None,
            "cancelled_at": pledge.cancelled_at.isoformat() if pledge.cancelled_at else None,
            "stories": [story.pk for story in pledge.stories.all()],
        }
        for pledge in pledges
    ]
