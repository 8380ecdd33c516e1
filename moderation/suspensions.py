"""Suspending a member and lifting it: one function each, a transaction, a history row.

A suspended member reads but does not share, edit, flag or thank; the services that do those
things ask `Suspension.objects.active_for(user)` (stories reaches it through `user.suspensions`,
so stories never imports moderation). Their waiting stories keep their status and simply leave
the queue (moderation.queue), so lifting, or the end of the period, puts them back in their place.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from moderation.models import MemberAction, MemberDecision, Suspension
from stories.choices import MODERATE

# The choices a moderator has: days, or None for good.
DURATIONS = {"7": 7, "30": 30, "forever": None}


class SuspensionRefused(Exception):
    """A suspension or lifting that cannot be done; the message tells the moderator why."""


def _lock(member) -> None:
    get_user_model().objects.select_for_update().filter(pk=member.pk).first()


@transaction.atomic
def suspend_member(*, member, moderator, days: int | None, reason: str) -> MemberDecision:
    """Suspend a member for `days`, or for good when None, recording who and why."""
    reason = reason.strip()
    if not reason:
        raise SuspensionRefused("Write the reason for the suspension: it is kept in the history.")
    if member.pk == moderator.pk or member.has_perm(MODERATE):
        raise SuspensionRefused(
            "Moderators cannot be suspended here; remove them from the moderators first."
        )
    _lock(member)
    now = timezone.now()
    # One that ran out is closed, so the one-open-suspension constraint admits the new one.
    Suspension.objects.filter(member=member, ended_at__isnull=True, until__lte=now).update(
        ended_at=F("until")
    )
    current = Suspension.objects.active().filter(member=member).first()
    if current is not None:
        raise SuspensionRefused(
            f"{member.public_name} is already suspended {current.period}. "
            "Lift that suspension first to change it."
        )
    until = now + timedelta(days=days) if days is not None else None
    try:
        with transaction.atomic():
            Suspension.objects.create(member=member, starts_at=now, until=until)
    except IntegrityError as error:
        # moderation_suspension_one_open, the last guard: another moderator was first.
        raise SuspensionRefused(f"{member.public_name} was suspended a moment ago.") from error
    return MemberDecision.objects.create(
        member=member, moderator=moderator, action=MemberAction.SUSPEND, until=until, reason=reason
    )


@transaction.atomic
def lift_suspension(*, member, moderator, reason: str = "") -> MemberDecision:
    """End a member's suspension now; their waiting stories return to the queue."""
    _lock(member)
    if not Suspension.objects.active().filter(member=member).update(ended_at=timezone.now()):
        raise SuspensionRefused(
            f"{member.public_name} is not suspended any more, so there was nothing to lift."
        )
    return MemberDecision.objects.create(
        member=member, moderator=moderator, action=MemberAction.LIFT, reason=reason.strip()
    )
