"""The moderation queue: submitted stories and pending edits together, oldest first."""

import functools
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, Now
from django.urls import reverse
from django.utils import timezone

from moderation.claims import live_claims
from moderation.models import Flag, ReviewClaim, Suspension
from stories.models import Story, StoryRevision


@dataclass(frozen=True)
class QueueItem:
    kind: str  # "story" or "edit"
    story: Story
    revision: StoryRevision | None
    waiting_since: datetime
    # Another moderator (or the viewer) has it open: "being reviewed by Mo, 4 min".
    claim: ReviewClaim | None = None

    @property
    def waited(self) -> str:
        """How long it has waited, short: "40 min", "5 h", "3 days"."""
        return _short_wait(self.waiting_since)

    @property
    def review_url(self) -> str:
        if self.revision is not None:
            return reverse("moderation:review_edit", kwargs={"pk": self.revision.pk})
        return reverse("moderation:review", kwargs={"pk": self.story.pk})


def _suspended_members(now=None):
    return Suspension.objects.active(now=now).values("member_id")


def _short_wait(since: datetime, now: datetime | None = None) -> str:
    minutes = int(((now or timezone.now()) - since).total_seconds() // 60)
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


def _stories_waiting(now=None):
    """Submitted stories, less those of suspended members: lifting a suspension puts them back."""
    return Story.objects.awaiting_review().exclude(author__in=_suspended_members(now))


def _edits_waiting(now=None):
    return StoryRevision.objects.pending().exclude(story__author__in=_suspended_members(now))


def waiting(now=None):
    """(kind, id, waiting_since) rows of everything awaiting a decision, oldest first."""
    # A resubmitted story keeps its place: it waits since its first submission.
    stories = (
        _stories_waiting(now)
        .annotate(
            kind=Value("story", output_field=CharField()),
            since=Coalesce("first_submitted_at", "submitted_at"),
        )
        .values_list("kind", "pk", "since")
        .order_by()
    )
    edits = (
        _edits_waiting(now)
        .annotate(kind=Value("edit", output_field=CharField()), since=F("created_at"))
        .values_list("kind", "pk", "since")
        .order_by()
    )
    # At the same moment, edits first: the order moderation.queue_positions pages by.
    return stories.union(edits, all=True).order_by("since", "kind", "pk")


# The navigation badge counts up to here ("99+"): every page a moderator opens pays for it, so
# its cost must not grow with the queue.
BADGE_LIMIT = 99
# The flagged stories are counted a little further (moderation.standing), up to one past this:
# the queue's notice ("N stories have open flags", past it "more than") takes the count read for
# the badge and counts them no more, and the flagged queue counts as far (moderation.listing).
# Each counted story is a probe of its status: at 1,000,000 stories, counting to 250 took about
# 1.5 ms of every queue page. Past 100, an exact number changes nothing a moderator does.
FLAGGED_COUNTED = 100


def waiting_count() -> int:
    """Items waiting, counted up to just past BADGE_LIMIT: each count stops there."""
    sql, params = _badge_sql(connection.alias)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        stories, edits, flagged = cursor.fetchone()
    return min(BADGE_LIMIT + 1, stories + edits + flagged)


@functools.cache
def _badge_sql(alias: str) -> tuple[str, tuple]:
    """The badge's three counts as one statement, built by the ORM once per process.

    Building three querysets on every page cost a moderator about 3 ms (the SQL runs in 0.3 ms).
    The database's clock (Now()) keeps the statement the same from one request to the next.
    """
    counts, params = badge_counts_sql(alias)
    return "SELECT " + ", ".join(counts), params


@functools.cache
def badge_counts_sql(alias: str) -> tuple[tuple[str, ...], tuple]:
    """The badge's three counts, each a scalar subquery that stops past BADGE_LIMIT, and their
    parameters (the ORM's constants)."""
    parts = badge_count_parts(alias)
    return tuple(sql for sql, _ in parts), tuple(p for _, params in parts for p in params)


@functools.cache
def badge_count_parts(
    alias: str, *, flagged_up_to: int = BADGE_LIMIT
) -> tuple[tuple[str, tuple], ...]:
    """(SQL, parameters) of the badge's three counts (stories, edits, flagged stories), each a
    scalar subquery that stops past BADGE_LIMIT (the flagged stories past `flagged_up_to`):
    moderation.standing reads them with the permissions."""
    counted = [
        (_stories_waiting(now=Now()), BADGE_LIMIT + 1),
        (_edits_waiting(now=Now()), BADGE_LIMIT + 1),
        (_flagged_stories(), flagged_up_to + 1),
    ]
    parts = []
    for index, (queryset, over) in enumerate(counted):
        sql, params = queryset.order_by().values("pk")[:over].query.get_compiler(alias).as_sql()
        parts.append((f"(SELECT COUNT(*) FROM ({sql}) badge_{index})", tuple(params)))
    return tuple(parts)


def load_items(rows) -> list[QueueItem]:
    """Turn a page of rows into items in four queries, whatever the page size."""
    story_ids = [pk for kind, pk, _ in rows if kind == "story"]
    edit_ids = [pk for kind, pk, _ in rows if kind == "edit"]
    # The queue shows titles and names only: leave the long texts in the database.
    stories = Story.objects.select_related("author").defer("body").in_bulk(story_ids)
    edits = (
        StoryRevision.objects.select_related("story__author")
        .defer("body", "story__body")
        .in_bulk(edit_ids)
    )
    claims = live_claims(story_ids=story_ids, edit_ids=edit_ids)
    items = []
    for kind, pk, since in rows:
        claim = claims.get((kind, pk))
        if kind == "story" and pk in stories:
            items.append(QueueItem("story", stories[pk], None, since, claim))
        elif kind == "edit" and pk in edits:
            items.append(QueueItem("edit", edits[pk].story, edits[pk], since, claim))
    return items


def next_item_url(*, after_kind: str, after_pk: int) -> str:
    for kind, pk, _ in waiting()[:2]:
        if (kind, pk) != (after_kind, after_pk):
            return load_items([(kind, pk, None)])[0].review_url
    return reverse("moderation:queue")


def _flagged_stories():
    # From the stories' primary key into the small set of open flags: joining the other way
    # round let SQLite walk every published story (12 ms at 100,000 stories, on every page a
    # moderator opened, for the badge).
    return Story.objects.live().filter(pk__in=Flag.objects.open().values("story_id")).order_by()


def flagged_count() -> int:
    return _flagged_stories().count()
