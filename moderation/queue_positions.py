"""The moderation queue paged by position: a page costs the same with 10,000 waiting as with 10.

The queue used to be paged by number: every page sorted and counted everything waiting, so its
cost grew with the queue (56 ms with 10,000 waiting on PostgreSQL). Here the page's links carry
the place of its first and last items in the queue's order (when each waits since, its kind, its
id): "Newer" reads the next items after its last, "Older" those before its first, each from the
index of waiting stories (moderation/migrations/0011) and of pending edits, so only a page's worth
of each is read. An item decided between two page loads leaves the queue without moving any other
item across a page's edge, so paging through shows every item that waited all along exactly once.

The token carries the page's number too, counted when the link was made, so the moderator still
sees "Page 3"; the total is counted only up to a few pages past the page shown, as the reader
lists do (stories.paging), so the heading says "more than 275" when more wait.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from kindness.statements import Statement
from moderation.queue import _edits_waiting, _stories_waiting
from stories.paging import base36

# How many pages past the one shown the heading's count looks.
LOOKAHEAD_PAGES = 10
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
LARGEST_ID = 2**63 - 1
# Up to the last day of year 9999, in microseconds.
LARGEST_KEY = 253_402_214_400 * 1_000_000
# Page number, then when it waits since (microseconds since 1970), its kind and id, in base 36.
TOKEN = re.compile(r"([1-9][0-9]{0,6})-(0|[1-9a-z][0-9a-z]{0,12})-([es])([1-9a-z][0-9a-z]{0,12})")
KINDS = {"e": "edit", "s": "story"}
# The queue's order is (since, kind, id): at the same moment, edits ("edit" < "story") first.
ORDER = ("since", "kind", "pk")


@dataclass(frozen=True)
class Position:
    """An item's place in the queue, where page `number` starts or ends."""

    number: int
    since: datetime
    kind: str
    pk: int

    @property
    def token(self) -> str:
        key = max(0, (self.since - EPOCH) // timedelta(microseconds=1))
        return f"{self.number}-{base36(key)}-{self.kind[0]}{base36(self.pk)}"


def position_of(token: str) -> Position:
    """The position a token names, or Http404 when it is not one the queue could have made."""
    matched = TOKEN.fullmatch(token)
    if matched is None:
        raise Http404("No such page of the queue.")
    number, key, pk = int(matched[1]), int(matched[2], 36), int(matched[4], 36)
    if key > LARGEST_KEY or pk > LARGEST_ID:
        raise Http404("No such page of the queue.")
    since = EPOCH + timedelta(microseconds=key)
    return Position(number=number, since=since, kind=KINDS[matched[3]], pk=pk)


# Before the first item: every item comes after it.
START = Position(number=0, since=EPOCH, kind="edit", pk=-1)


def _after(items, since, pk):
    # `since >=` lets the index seek; the OR, on that range's first moment only, skips the items
    # at or before the position.
    return items.filter(since__gte=since).filter(Q(since__gt=since) | Q(pk__gt=pk))


def _before(items, since, pk):
    return items.filter(since__lte=since).filter(Q(since__lt=since) | Q(pk__lt=pk))


def _stories(now):
    # Spelled as the index is (COALESCE(first_submitted_at, submitted_at), id): a resubmitted
    # story keeps its place, waiting since its first submission.
    return (
        _stories_waiting(now)
        .annotate(
            kind=Value("story", output_field=CharField()),
            since=Coalesce("first_submitted_at", "submitted_at"),
        )
        .values_list("kind", "pk", "since")
    )


def _edits(now):
    return (
        _edits_waiting(now)
        .annotate(kind=Value("edit", output_field=CharField()), since=F("created_at"))
        .values_list("kind", "pk", "since")
    )


def _branch(items, *, upwards: bool, size: int) -> Statement:
    """One kind's next `size` items from a position, in the queue's order (reversed
    `upwards`, for the page before it)."""
    seek = _after if not upwards else _before
    ordering = ("since", "pk") if not upwards else ("-since", "-pk")
    return Statement(
        lambda now, since, pk: seek(items(now), since, pk).order_by(*ordering)[:size],
        now=datetime,
        since=datetime,
        pk=int,
    )


class Branches:
    """The statements of one direction and page size, built once per process."""

    def __init__(self, *, upwards: bool, size: int):
        self.upwards = upwards
        self.stories = _branch(_stories, upwards=upwards, size=size)
        self.edits = _branch(_edits, upwards=upwards, size=size)

    def bound(self, *, now: datetime, position: Position) -> tuple[str, list]:
        """The items of both kinds from `position`, as one SQL text: at most `size` of each."""
        story_pk, edit_pk = self._pks(position)
        stories_sql, stories_params = self.stories.bound(now=now, since=position.since, pk=story_pk)
        edits_sql, edits_params = self.edits.bound(now=now, since=position.since, pk=edit_pk)
        # Each kind in a subquery of its own: a compound SELECT's members may not be limited.
        sql = f"SELECT * FROM ({stories_sql}) qs UNION ALL SELECT * FROM ({edits_sql}) qe"
        return sql, [*stories_params, *edits_params]

    def _pks(self, position: Position) -> tuple[int, int]:
        """The id each kind must pass at the position's moment: past its own id for its own
        kind; for the other kind, all of them or none, by which kind comes first."""
        every, none = (-1, LARGEST_ID) if not self.upwards else (LARGEST_ID, -1)
        if position.kind == "story":
            return position.pk, (none if not self.upwards else every)
        return (every if not self.upwards else none), position.pk


def sort_key(row) -> tuple:
    kind, pk, since = row[0], row[1], row[2]
    return (since, kind, pk)
