"""A page of the moderation queue by position (moderation.queue_positions), in one statement.

The statement reads the page's items (a page's worth of each kind from the position, over their
indexes), then for those rows only the title shown, the author's name, the live claim and its
moderator's name, as moderation.listing did for numbered pages; beside them how many stories are
flagged (the page's notice, up to a bound) and how many items wait, counted up to a few pages
past this one; unless the viewer's standing counted them in this request (on the first page, the
items waiting up to the badge's bound).
Every value is read on every request: nothing here outlives it.
"""

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection
from django.utils import timezone

from accounts.models import User
from kindness.statements import Statement, prepared_cursor
from moderation import listing, queue_positions
from moderation.models import CLAIM_MINUTES, ReviewClaim
from moderation.queue import BADGE_LIMIT, FLAGGED_COUNTED, _flagged_stories
from moderation.queue_positions import (
    START,
    Branches,
    Position,
    _edits,
    _stories,
    position_of,
)
from stories.models import Story, StoryRevision


@dataclass
class QueuePage:
    """One page of the queue, oldest first, with the positions of its neighbours."""

    object_list: list
    number: int
    per_page: int
    # Items waiting, counted up to `bound`: past it the heading says "more than".
    count: int
    is_bounded: bool
    # Live stories with open flags, counted up to FLAGGED_COUNTED + 1: past it the notice says
    # "more than", as the flagged queue does.
    flagged: int
    older: Position | None = None
    newer: Position | None = None

    @property
    def flagged_is_bounded(self) -> bool:
        return self.flagged > FLAGGED_COUNTED

    @property
    def flagged_bound(self) -> int:
        return FLAGGED_COUNTED

    @property
    def num_pages(self) -> int:
        return max(self.number, -(-self.count // self.per_page))

    @property
    def has_other_pages(self) -> bool:
        return self.older is not None or self.newer is not None


_PAGE_SQL = (
    "SELECT p.kind, p.pk, p.since, COALESCE(r.title, s.title), a.display_name,"
    " c.moderator_id, c.claimed_at, m.display_name,"
    " ({flagged}) AS flagged, ({stories_count}) + ({edits_count}) AS waiting"
    " FROM (SELECT * FROM ({items}) u ORDER BY {inner} LIMIT %s) p"
    f" LEFT JOIN {StoryRevision._meta.db_table} r ON p.kind = 'edit' AND r.id = p.pk"
    f" JOIN {Story._meta.db_table} s"
    " ON s.id = (CASE WHEN p.kind = 'edit' THEN r.story_id ELSE p.pk END)"
    f" JOIN {User._meta.db_table} a ON a.id = s.author_id"
    f" LEFT JOIN {ReviewClaim._meta.db_table} c ON c.kind = p.kind AND c.claimed_at > %s"
    " AND ((p.kind = 'story' AND c.story_id = p.pk)"
    " OR (p.kind = 'edit' AND c.revision_id = p.pk))"
    f" LEFT JOIN {User._meta.db_table} m ON m.id = c.moderator_id"
    " ORDER BY {outer}"
)

# Each kind counted up to a bound: the count's cost stops there, however many wait.
_COUNT = "SELECT COUNT(*) FROM ({} LIMIT %s) w"
_STORIES_COUNT = Statement(lambda now: _stories(now).order_by(), wrap=_COUNT, now=datetime)
_EDITS_COUNT = Statement(lambda now: _edits(now).order_by(), wrap=_COUNT, now=datetime)
# The notice's count of flagged stories, when the standing did not read it, stops where the
# standing's does: an index probe each, 10 ms of the page at 1,000 flagged stories.
_FLAGGED_UP_TO = Statement(
    lambda: _flagged_stories().values("pk"),
    wrap=f"SELECT COUNT(*) FROM ({{}} LIMIT {FLAGGED_COUNTED + 1}) f",
)


# Later pages' counts of the items waiting (a few pages past each), kept per process like the
# badge's (moderation.standing): the queue version they were read under, and each by its bound.
_kept_waiting: tuple[int | None, dict[int, int]] = (None, {})


@functools.cache
def _branches(*, upwards: bool, size: int) -> Branches:
    return Branches(upwards=upwards, size=size)


def queue_page(
    *,
    size: int,
    after: str | None = None,
    before: str | None = None,
    flagged: int | None = None,
    items: int | None = None,
    queue_version: int | None = None,
) -> QueuePage:
    """The page after the position `after` names (newer items), before `before` (older ones),
    or the first page; Http404 for a token that names no position.

    `flagged` is the number of flagged stories as the viewer's standing read it in this request
    (moderation.standing), counted up to FLAGGED_COUNTED + 1: the page then counts them no more
    (an index probe each, a millisecond a hundred on PostgreSQL); None, and it counts them, up to
    the same bound. `items` is the items waiting as the standing counted them (exact up to
    BADGE_LIMIT): the first page's heading takes it, past BADGE_LIMIT as "more than", rather
    than count 11 pages' worth again (half of the page's statement); None, and it counts.
    `queue_version` is the version the standing's counts hold for: a later page's count is kept
    under it, and taken while it stands."""
    now = timezone.now()
    counted = {"flagged": flagged, "items": items, "queue_version": queue_version}
    if before:
        position = position_of(before)
        number = max(2, position.number)
        rows, counts = _rows(now, position, upwards=True, size=size, number=number, **counted)
        if len(rows) > size:
            return _page(
                rows[:size][::-1], counts, number=number, has_newer=True, size=size, flagged=flagged
            )
        # Nothing older than a page: that is the first page, served as such.
        position = START
    else:
        position = position_of(after) if after else START
    number = max(2, position.number) if position is not START else 1
    rows, counts = _rows(now, position, upwards=False, size=size, number=number, **counted)
    if not rows and position is not START:
        # Everything past it was decided meanwhile: back to the start.
        position, number = START, 1
        rows, counts = _rows(now, START, upwards=False, size=size, number=number, **counted)
    return _page(
        rows[:size],
        counts,
        number=number,
        has_newer=len(rows) > size,
        size=size,
        flagged=flagged,
    )


def _rows(
    now: datetime,
    position: Position,
    *,
    upwards: bool,
    size: int,
    number: int,
    flagged: int | None,
    items: int | None,
    queue_version: int | None,
):
    """Up to size + 1 rows from `position`, in the queue's order (reversed `upwards`): the extra
    one says more lie that way; and the counts read with them (flagged stories, unless
    `flagged` already says how many; waiting items, unless `items` does on the first page, and
    the bound they were counted to), None when there is no row to carry them."""
    items_sql, items_params = _branches(upwards=upwards, size=size + 1).bound(
        now=now, position=position
    )
    if flagged is None:
        flagged_sql, flagged_params = _FLAGGED_UP_TO.bound()
    else:
        flagged_sql, flagged_params = "SELECT NULL", ()
    global _kept_waiting
    bound = (number + queue_positions.LOOKAHEAD_PAGES) * size + 1
    kept_version, kept = _kept_waiting
    if items is not None and number == 1:
        bound = BADGE_LIMIT + 1
    elif queue_version is not None and kept_version == queue_version:
        items = kept.get(bound)
    else:
        items = None
    if items is not None:
        stories_sql, stories_params = edits_sql, edits_params = "SELECT 0", ()
    else:
        stories_sql, stories_params = _STORIES_COUNT.bound(now=now, extra=(bound,))
        edits_sql, edits_params = _EDITS_COUNT.bound(now=now, extra=(bound,))
    direction = "DESC" if upwards else "ASC"
    sql = (
        _PAGE_SQL.replace("{items}", items_sql)
        .replace("{flagged}", flagged_sql)
        .replace("{stories_count}", stories_sql)
        .replace("{edits_count}", edits_sql)
        .replace("{inner}", f"u.since {direction}, u.kind {direction}, u.pk {direction}")
        .replace("{outer}", f"p.since {direction}, p.kind {direction}, p.pk {direction}")
    )
    lapsed = connection.ops.adapt_datetimefield_value(now - timedelta(minutes=CLAIM_MINUTES))
    params = [
        *flagged_params,
        *stories_params,
        *edits_params,
        *items_params,
        size + 1,
        lapsed,
    ]
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return rows, None
    if items is None and queue_version is not None:
        if kept_version != queue_version:
            kept = {}
            _kept_waiting = (queue_version, kept)
        kept[bound] = rows[0][9]
    counts = (
        rows[0][8] if flagged is None else flagged,
        rows[0][9] if items is None else items,
        bound,
    )
    return rows, counts


def _page(
    rows: list, counts, *, number: int, has_newer: bool, size: int, flagged: int | None
) -> QueuePage:
    if counts is None:
        flagged, waiting, bound = (
            _FLAGGED_UP_TO.rows()[0][0] if flagged is None else flagged,
            0,
            1,
        )
    else:
        flagged, waiting, bound = counts
    is_bounded = waiting >= bound
    items = listing.queue_rows(row[:8] for row in rows)
    older = newer = None
    if rows and number > 1:
        first = items[0]
        older = Position(number - 1, first.waiting_since, first.kind, first.pk)
    if rows and has_newer:
        last = items[-1]
        newer = Position(number + 1, last.waiting_since, last.kind, last.pk)
    return QueuePage(
        object_list=items,
        number=number,
        per_page=size,
        count=bound - 1 if is_bounded else waiting,
        is_bounded=is_bounded,
        flagged=flagged,
        older=older,
        newer=newer,
    )


def numbered_page(number, *, size: int) -> QueuePage:
    """Page `number` (`?page=`, the links of old bookmarks), counted from the start: it sorts
    everything waiting, as the queue did before it paged by position. Its links are positions."""
    page, flagged = listing.queue_page(number, size=size)
    items = page.object_list
    older = newer = None
    if items and page.number > 1:
        older = Position(page.number - 1, items[0].waiting_since, items[0].kind, items[0].pk)
    if items and page.has_next():
        newer = Position(page.number + 1, items[-1].waiting_since, items[-1].kind, items[-1].pk)
    return QueuePage(
        object_list=items,
        number=page.number,
        per_page=size,
        count=page.paginator.count,
        is_bounded=False,
        flagged=flagged,
        older=older,
        newer=newer,
    )
