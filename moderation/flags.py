"""Who may flag, how often, and whose flags count toward hiding a story.

A few throwaway accounts must not be able to silence a storyteller: only verified members of a
few days' standing flag, each a limited number of times a day, and a member whose flags the
moderators keep dismissing is still heard but no longer hides anything. `decisions.flag_story`
applies these rules; the story page asks `why_cannot_flag` before offering the form.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils import timezone

from moderation.models import Flag, FlagOutcome, Suspension

# A member's record is read from their latest resolved flags, this many of them.
RECORD_LENGTH = 10
# Flags that do not count: at least this many of those dismissed, and more than half.
DISMISSED_AT_LEAST = 3


class FlagRefused(Exception):
    """A flag that cannot be taken; the message tells the member why."""

    message = "The flag was not sent."

    def __init__(self, message: str = ""):
        super().__init__(message or self.message)


class CannotFlagOwnStory(FlagRefused):
    message = "You cannot flag your own story; you can withdraw it instead."


class AlreadyFlagged(FlagRefused):
    message = "You have already flagged this story. The moderators will look."


class NotFlaggable(FlagRefused):
    message = "Only a published story can be flagged, and this one is no longer published."


class FlagNeedsNote(FlagRefused):
    message = "The flag was not sent: Tell the moderators what is wrong."


class NotYetTrusted(FlagRefused):
    """An unverified, brand-new or suspended account."""


class DailyFlagLimit(FlagRefused):
    pass


def why_cannot_flag(member) -> str:
    """Why this member may not flag at all, in a sentence; empty when they may.

    One query answers both questions (the story page reads the same standing in the query of
    its story_actions hole, moderation.holes, and asks `flag_refusal`).
    """
    return flag_refusal(member, **_standing(member))


def flag_refusal(member, *, suspended: bool, verified: bool) -> str:
    """`why_cannot_flag` for a member whose standing was read already."""
    if suspended:
        suspension = Suspension.objects.active_for(member)
        return (
            f"Your account is suspended {suspension.period}, so you cannot report stories. "
            "You can still read them."
        )
    if not verified:
        return "Confirm your email address to report stories: we sent you a link when you joined."
    days = settings.FLAG_MIN_ACCOUNT_DAYS
    if member.date_joined > timezone.now() - timedelta(days=days):
        return (
            f"Members can report stories once their account is {days} days old; "
            "until then, write to the moderators if a story worries you."
        )
    return ""


def _standing(member) -> dict:
    """Whether the member is suspended now and has verified their address (has_verified_email)."""
    verified = EmailAddress.objects.filter(
        user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True
    )
    suspended = Suspension.objects.active().filter(member=OuterRef("pk"))
    return (
        get_user_model()
        .objects.filter(pk=member.pk)
        .values(suspended=Exists(suspended), verified=Exists(verified))
        .get()
    )


def refuse_untrusted(member) -> None:
    if reason := why_cannot_flag(member):
        raise NotYetTrusted(f"The flag was not sent. {reason}")


def refuse_over_daily_limit(member) -> None:
    """Call with the member's row locked, so simultaneous flags count each other."""
    limit = settings.FLAGS_PER_DAY
    since = timezone.now() - timedelta(days=1)
    if Flag.objects.filter(member=member, created_at__gte=since).count() >= limit:
        raise DailyFlagLimit(
            f"The flag was not sent: you have reported {limit} stories in the last 24 hours, "
            "which is the daily limit. Try again tomorrow."
        )


def flags_count(member) -> bool:
    """False for a member whose flags the moderators mostly dismiss: theirs no longer hide."""
    outcomes = list(
        Flag.objects.filter(member=member, outcome__isnull=False)
        .order_by("-resolved_at", "-id")
        .values_list("outcome", flat=True)[:RECORD_LENGTH]
    )
    dismissed = outcomes.count(FlagOutcome.DISMISSED)
    return not (dismissed >= DISMISSED_AT_LEAST and dismissed * 2 > len(outcomes))


def counting_flags(story) -> int:
    """The open flags on a story that count toward FLAGS_TO_HIDE."""
    members = Flag.objects.open().filter(story=story).select_related("member")
    return sum(1 for flag in members if flags_count(flag.member))
