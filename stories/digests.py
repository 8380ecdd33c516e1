"""The weekly thanks digest: at most once a week, storytellers hear how their stories were thanked.

Who gets one: members who want it (User.thanks_digest), active and not suspended, whose published
stories were thanked since their previous digest, and who had no digest in the last DIGEST_EVERY.
They are found by one query over the thanks of the last LOOKBACK (index thanks_created), grouped
by author: never a loop over every member. Only those members are then visited, one transaction
each.

"At most one a week" holds under two workers and a command run twice: each digest is a
ThanksDigest row for (member, week), unique, written in the same transaction as its email (a
rollback leaves neither). The member's row is locked while their digest is decided (SQLite's
IMMEDIATE transactions do the same), so a second sender waits, then finds the first one's digest.

A digest lists the thanks since the previous one (at most LOOKBACK back), only on stories readers
can see now. The task workers run `send_thanks_digests` every THANKS_DIGEST_CHECK_SECONDS
(outbox/management/commands/db_worker.py), and so does the command of the same name.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone

from outbox.delivery import queue_email
from stories.digest_models import ThanksDigest
from stories.lifecycle import suspended_because
from stories.models import Story, Thanks

logger = logging.getLogger(__name__)

DIGEST_EVERY = timedelta(days=7)
# How far back a digest looks: past the week, so a late run still finds the thanks since the
# previous digest; bounded, so finding who is due never reads every thanks ever given.
LOOKBACK = timedelta(days=28)
# A thanks is stamped before its transaction commits: a digest covers thanks up to a minute ago,
# so one still being committed is counted in the next digest rather than missed by both.
SETTLE = timedelta(minutes=1)


def week_of(moment: datetime) -> date:
    """The Monday of the week `moment` falls in, in the site's time zone: a digest's period."""
    day = timezone.localdate(moment)
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class ThankedStory:
    story: Story
    thanks: int


def _latest_digest(member_ref) -> ThanksDigest:
    return ThanksDigest.objects.filter(member=member_ref).order_by("-period")


def new_thanks(*, now: datetime):
    """Thanks on published stories since their author's last digest, within LOOKBACK."""
    last_covered = _latest_digest(OuterRef("story__author")).values("covered_until")[:1]
    return Thanks.objects.filter(
        created_at__gt=now - LOOKBACK,
        created_at__lte=now - SETTLE,
        story__status=Story.Status.PUBLISHED,
    ).filter(created_at__gt=Coalesce(Subquery(last_covered), Value(now - LOOKBACK)))


def due_members(*, now: datetime) -> list[int]:
    """Ids of the members a digest is due to now, in one query."""
    thanked = new_thanks(now=now).values("story__author")
    recent = ThanksDigest.objects.filter(member=OuterRef("pk"), sent_at__gt=now - DIGEST_EVERY)
    return list(
        get_user_model()
        .objects.filter(pk__in=thanked, is_active=True, thanks_digest=True)
        .exclude(Exists(recent))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def send_thanks_digests(*, now: datetime | None = None) -> int:
    """Send every digest due now; returns how many were queued. Safe to run at any time."""
    now = now or timezone.now()
    sent = 0
    for member_id in due_members(now=now):
        try:
            sent += send_digest(member_id=member_id, now=now)
        except Exception:
            # One member's failure must not keep the others' digests back; the next run retries.
            logger.exception("The thanks digest for member %s failed.", member_id)
    return sent


@transaction.atomic
def send_digest(*, member_id: int, now: datetime) -> bool:
    """Queue one member's digest if it is still due; False when it is not (or no longer)."""
    member = (
        get_user_model()
        .objects.select_for_update()
        .filter(pk=member_id, is_active=True, thanks_digest=True)
        .first()
    )
    if member is None or suspended_because(member):
        return False
    previous = _latest_digest(member).first()
    if previous is not None and previous.sent_at > now - DIGEST_EVERY:
        return False
    since, until = now - LOOKBACK, now - SETTLE
    if previous is not None:
        since = max(since, previous.covered_until)
    stories = thanked_stories(member=member, since=since, until=until)
    if not stories:
        return False
    total = sum(item.thanks for item in stories)
    try:
        with transaction.atomic():
            ThanksDigest.objects.create(
                member=member, period=week_of(now), covered_until=until, sent_at=now, thanks=total
            )
    except IntegrityError:
        # stories_thanksdigest_weekly: this week's digest went out already.
        return False
    queue_email(digest_email(member=member, stories=stories, total=total))
    return True


def thanked_stories(*, member, since: datetime, until: datetime) -> list[ThankedStory]:
    """The member's published stories thanked in (since, until], most thanked first."""
    rows = (
        Thanks.objects.filter(
            story__author=member,
            story__status=Story.Status.PUBLISHED,
            created_at__gt=since,
            created_at__lte=until,
        )
        .values("story")
        .annotate(thanks=Count("pk"))
        .order_by("-thanks", "story")
    )
    counts = {row["story"]: row["thanks"] for row in rows}
    stories = Story.objects.filter(pk__in=counts).only("id", "title").in_bulk()
    return [ThankedStory(stories[pk], counts[pk]) for pk in counts if pk in stories]


def digest_email(*, member, stories: list[ThankedStory], total: int) -> EmailMultiAlternatives:
    context = {
        "member": member,
        "stories": stories,
        "total": total,
        "site_url": settings.SITE_URL,
    }
    times = "once" if total == 1 else f"{total} times"
    message = EmailMultiAlternatives(
        subject=f"[Flip the Counter] Readers thanked your stories {times}",
        body=render_to_string("stories/email/thanks_digest.txt", context),
        to=[member.email],
    )
    message.attach_alternative(
        render_to_string("stories/email/thanks_digest.html", context), "text/html"
    )
    return message
