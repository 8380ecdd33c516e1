"""The rows of the moderation queue and the flagged queue: one statement a page, no model objects.

Each page used to count its rows, fetch a page of ids, then load the stories, edits and claims for
them, building four querysets and fifty model objects on every request; it took a moderator's
page 20 to 30 ms of Python for 25 rows of titles and names. Here the rows, their total and the
live claims on them come from one statement whose SQL the ORM builds once per process
(kindness.statements), from the same querysets as moderation.queue: what waits, and in which
order, is still decided in one place. The statements read the database on every request, so a
row never shows a stale title, status or claim.
"""

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Min
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from accounts.models import User, public_name
from kindness.statements import Statement, as_datetime, prepared_cursor
from moderation import queue_version
from moderation.models import CLAIM_MINUTES, Flag, ReviewClaim
from moderation.queue import FLAGGED_COUNTED, _flagged_stories, _short_wait, waiting
from stories.choices import LIVE_STATUSES, StoryStatus
from stories.models import Story, StoryRevision


@dataclass(frozen=True)
class QueueRow:
    kind: str  # "story" or "edit"
    pk: int  # the story's id, or the edit's
    title: str
    author_name: str
    waiting_since: datetime
    # A live claim: who has it open (moderator_id to say "you"), since when.
    claimed_by_id: int | None = None
    claimed_by: str = ""
    claimed_at: datetime | None = None

    @property
    def waited(self) -> str:
        return _short_wait(self.waiting_since)

    @property
    def claim_age(self) -> str:
        return self.claim_age_at(timezone.now())

    def claim_age_at(self, now: datetime) -> str:
        minutes = int((now - self.claimed_at).total_seconds() // 60)
        return f"{max(minutes, 1)} min"

    @property
    def review_url(self) -> str:
        name = "moderation:review_edit" if self.kind == "edit" else "moderation:review"
        return _url(name, self.pk)


@dataclass(frozen=True)
class FlaggedRow:
    pk: int
    title: str
    status: str
    open_flags: int
    first_flagged: datetime

    @property
    def status_label(self) -> str:
        return StoryStatus(self.status).label

    @property
    def flagged_for(self) -> str:
        return _short_wait(self.first_flagged)

    @property
    def review_url(self) -> str:
        return _url("moderation:review_flags", self.pk)


def _url(name: str, pk: int) -> str:
    # reverse() costs 20 to 40 µs, once a row; the pattern is fixed, so only the id is put in.
    return _url_pattern(name, get_script_prefix()).replace("1000000007", str(pk))


@functools.cache
def _url_pattern(name: str, prefix: str) -> str:
    return reverse(name, kwargs={"pk": 1_000_000_007})


# The page of queue.waiting() asked for, its total, then for those rows only: the title shown
# (the edit's own for an edit), the author's name, and the live claim with its moderator's name;
# and how many stories are flagged, for the page's notice.
_QUEUE_PAGE_SQL = (
    "SELECT p.kind, p.pk, p.since, COALESCE(r.title, s.title), a.display_name, p.total,"
    " c.moderator_id, c.claimed_at, m.display_name, fc.flagged"
    " FROM (SELECT u.*, COUNT(*) OVER () AS total FROM ({}) u"
    " ORDER BY u.since, u.kind, u.pk LIMIT %s OFFSET %s) p"
    f" LEFT JOIN {StoryRevision._meta.db_table} r ON p.kind = 'edit' AND r.id = p.pk"
    f" JOIN {Story._meta.db_table} s"
    " ON s.id = (CASE WHEN p.kind = 'edit' THEN r.story_id ELSE p.pk END)"
    f" JOIN {User._meta.db_table} a ON a.id = s.author_id"
    f" LEFT JOIN {ReviewClaim._meta.db_table} c ON c.kind = p.kind AND c.claimed_at > %s"
    " AND ((p.kind = 'story' AND c.story_id = p.pk)"
    " OR (p.kind = 'edit' AND c.revision_id = p.pk))"
    f" LEFT JOIN {User._meta.db_table} m ON m.id = c.moderator_id"
    " CROSS JOIN ({flagged}) fc"
    " ORDER BY p.since, p.kind, p.pk"
)


@functools.cache
def _queue_page() -> Statement:
    # Built at first use: the flagged count's SQL comes from the ORM, not ready at import.
    flagged_sql, _ = _FLAGGED_TOTAL.bound()
    return Statement(
        lambda now: waiting(now).order_by(),
        wrap=_QUEUE_PAGE_SQL.replace(
            "{flagged}", flagged_sql.replace("COUNT(*)", "COUNT(*) AS flagged", 1)
        ),
        now=datetime,
    )


_WAITING_TOTAL = Statement(
    lambda now: waiting(now).order_by(), wrap="SELECT COUNT(*) FROM ({}) u", now=datetime
)


def _open_flags_by_story():
    return (
        Flag.objects.open()
        .values("story_id")
        .annotate(open_flags=Count("pk"), first_flagged=Min("created_at"))
        .order_by()
    )


_LIVE = ", ".join(f"'{status}'" for status in LIVE_STATUSES)

# One pass over the open flags (few, and partially indexed), counted and dated per story, then
# each story read by its key: two subqueries a flagged story took 11 ms on PostgreSQL with 100
# flagged stories, and grouping the join instead made SQLite build a Bloom filter over every
# story (63 ms at 100,000). A story its author withdrew meanwhile has nothing left to decide.
# Most flagged first (so the hidden ones), then the longest flagged; the id keeps pages stable.
# The stories are read in that order until the page is full, and counted only up to a bound
# (flagged_page): reading and counting every flagged story cost the page 4.7 ms of its
# statement's 4.9 at 1,000,000 stories (1,000 flagged), and more with each one.
# The statuses are written in (constants): a prepared statement's plan then knows them.
_FLAGGED_PAGE_SQL = (
    "WITH f AS ({}),"
    " o AS (SELECT * FROM f ORDER BY open_flags DESC, first_flagged, story_id)"
    " SELECT o.story_id, s.title, s.status, o.open_flags, o.first_flagged, {counted}"
    f" FROM o JOIN {Story._meta.db_table} s ON s.id = o.story_id WHERE s.status IN ({_LIVE})"
    " ORDER BY o.open_flags DESC, o.first_flagged, o.story_id LIMIT %s OFFSET %s"
)
# Each story's status read by its key: as a join, SQLite walked every live story by its status
# to probe the flags (9 ms at 100,000 stories), or built a Bloom filter over every story (33 ms).
_COUNTED = (
    "(SELECT COUNT(*) FROM (SELECT 1 FROM f"
    f" WHERE (SELECT c.status FROM {Story._meta.db_table} c WHERE c.id = f.story_id)"
    f" IN ({_LIVE}) LIMIT %s) counted)"
)
_FLAGGED_PAGE = Statement(
    _open_flags_by_story, wrap=_FLAGGED_PAGE_SQL.replace("{counted}", _COUNTED)
)
# The same page when the viewer's standing counted the flagged stories in this request.
_FLAGGED_PAGE_ALONE = Statement(
    _open_flags_by_story, wrap=_FLAGGED_PAGE_SQL.replace("{counted}", "NULL")
)

_FLAGGED_TOTAL = Statement(_flagged_stories, wrap="SELECT COUNT(*) FROM ({}) f")

# Every live flagged story with its open flags and first flag, and in the same statement (one
# snapshot) the queue version they hold for: (version, None, None, None) and then (None, story
# id, open flags, first flagged) rows. Put in the queue's order in Python.
_FLAGGED_ORDER = Statement(
    _open_flags_by_story,
    wrap=(
        f"SELECT version, NULL, NULL, NULL FROM {queue_version.TABLE} WHERE id = 1 UNION ALL"
        " SELECT NULL, f.story_id, f.open_flags, f.first_flagged FROM ({}) f"
        f" WHERE (SELECT s.status FROM {Story._meta.db_table} s WHERE s.id = f.story_id)"
        f" IN ({_LIVE})"
    ),
)


@dataclass(frozen=True)
class _FlaggedOrder:
    version: int
    # (story id, open flags, first flagged), most flagged first, then the longest flagged.
    stories: tuple[tuple[int, int, datetime], ...]


# The flagged queue's order as this process last read it, outside a transaction.
_kept_order: _FlaggedOrder | None = None


def _flagged_order(version: int | None) -> tuple[tuple[int, int, datetime], ...] | None:
    """The live flagged stories in the flagged queue's order, kept per process under the queue
    version the viewer's standing read (moderation.queue_version): every flag raised, resolved
    or deleted and every change of a story's status moves it on, and the order is read again.

    Every page grouped and sorted every open flag to show 25 stories: 1.35 ms of a 4.5 ms page
    on PostgreSQL with 1,000 stories flagged, against 0.28 ms with 100. Titles and statuses are
    still read on every request, for the page's stories only. None inside a transaction (it
    could read its own writes and roll them back) or without a version: read as before then.
    """
    global _kept_order
    if version is None or connection.in_atomic_block:
        return None
    kept = _kept_order
    if kept is not None and kept.version == version:
        return kept.stories
    rows = _FLAGGED_ORDER.rows()
    read_at = next((row[0] for row in rows if row[0] is not None), None)
    stories = tuple(
        sorted(
            ((pk, count, as_datetime(first)) for at, pk, count, first in rows if at is None),
            key=lambda story: (-story[1], story[2], story[0]),
        )
    )
    if read_at is not None:
        _kept_order = _FlaggedOrder(read_at, stories)
    return stories


@functools.cache
def _titles_sql(count: int) -> str:
    # Written once for each number of stories a page shows: a queryset built on every request
    # cost more than the database took to answer it.
    return (
        f"SELECT id, title, status FROM {Story._meta.db_table}"
        f" WHERE id IN ({', '.join(['%s'] * count)}) AND status IN ({_LIVE})"
    )


def _flagged_rows(stories) -> list[tuple]:
    """(id, title, status, open flags, first flagged) for `stories`, in their order: titles and
    statuses as they are now, a story no longer live left out."""
    if not stories:
        return []
    with prepared_cursor(connection) as cursor:
        cursor.execute(_titles_sql(len(stories)), [pk for pk, _, _ in stories])
        shown = {pk: (title, status) for pk, title, status in cursor.fetchall()}
    return [(pk, *shown[pk], count, first) for pk, count, first in stories if pk in shown]


def _page(fetch, total_of, number, size: int, *, total_at: int = -1) -> tuple[Page, list[tuple]]:
    """Page `number` (a query-string value) and its rows, the total read with them.

    A number past the end gives the last page, as Paginator.get_page does; that costs a count.
    """
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    rows = fetch(size, (number - 1) * size)
    if rows:
        total = rows[0][total_at]
    else:
        total = total_of()
        if total and number > 1:
            number = (total - 1) // size + 1
            rows = fetch(size, (number - 1) * size)
        else:
            number = 1
    paginator = Paginator([], size)
    paginator.count = total
    return Page(rows, number, paginator), rows


def queue_page(number, *, size: int) -> tuple[Page, int]:
    """Page `number` of the moderation queue, for the old numbered addresses (`?page=N`):
    QueueRow items, oldest first, each with its live claim; and the number of flagged stories,
    read in the same statement. It sorts and counts everything waiting: the queue's own links
    page by position (moderation.queue_pages), which costs a page whatever waits."""
    now = timezone.now()
    lapsed = now - timedelta(minutes=CLAIM_MINUTES)
    _, flagged_params = _FLAGGED_TOTAL.bound()
    page, rows = _page(
        lambda limit, offset: _queue_page().rows(
            now=now, extra=(limit, offset, lapsed, *flagged_params)
        ),
        lambda: _WAITING_TOTAL.rows(now=now)[0][0],
        number,
        size,
        total_at=5,
    )
    page.object_list = queue_rows(
        (kind, pk, since, title, author, moderator_id, claimed_at, moderator)
        for kind, pk, since, title, author, _, moderator_id, claimed_at, moderator, _ in rows
    )
    # An empty queue has no row to carry the count.
    flagged = rows[0][9] if rows else flagged_total()
    return page, flagged


def queue_rows(rows) -> list[QueueRow]:
    """QueueRow items from (kind, id, since, title, author's name, claim's moderator id, claimed
    at, moderator's name) rows."""
    return [
        QueueRow(
            kind=kind,
            pk=pk,
            title=title,
            author_name=public_name(author),
            waiting_since=as_datetime(since),
            claimed_by_id=moderator_id,
            claimed_by=public_name(moderator) if moderator_id else "",
            claimed_at=as_datetime(claimed_at),
        )
        for kind, pk, since, title, author, moderator_id, claimed_at, moderator in rows
    ]


def flagged_page(
    number, *, size: int, flagged: int | None = None, version: int | None = None
) -> Page:
    """Page `number` of the flagged queue: its total counted up to FLAGGED_COUNTED, as the
    queue's notice counts them, or to the page after this one if that is further
    (`page.paginator.is_bounded` past it: "more than").

    `flagged` and `version` are what the viewer's standing read in this request
    (moderation.standing): the flagged stories counted up to FLAGGED_COUNTED + 1, and the queue
    version. Under a version, the order kept with it is paged (_flagged_order); else a page
    whose bound is FLAGGED_COUNTED takes `flagged` and counts no more."""
    try:
        asked = max(1, int(number))
    except (TypeError, ValueError):
        asked = 1
    bound = max(FLAGGED_COUNTED, (asked + 1) * size)
    order = _flagged_order(version)
    if order is not None:

        def fetch(limit, offset):
            return [(*row, len(order)) for row in _flagged_rows(order[offset : offset + limit])]

        def total():
            return len(order)
    elif flagged is not None and bound == FLAGGED_COUNTED:

        def fetch(limit, offset):
            rows = _FLAGGED_PAGE_ALONE.rows(extra=(limit, offset))
            return [(*row[:5], flagged) for row in rows]

        def total():
            return flagged
    else:

        def fetch(limit, offset):
            return _FLAGGED_PAGE.rows(extra=(bound + 1, limit, offset))

        def total():
            return _FLAGGED_TOTAL.rows()[0][0]

    page, rows = _page(fetch, total, number, size)
    page.paginator.is_bounded = page.paginator.count > bound
    page.paginator.count = min(page.paginator.count, bound)
    page.object_list = [
        FlaggedRow(pk, title, status, open_flags, as_datetime(first))
        for pk, title, status, open_flags, first, _ in rows
    ]
    return page


def flagged_total() -> int:
    return _FLAGGED_TOTAL.rows()[0][0]
