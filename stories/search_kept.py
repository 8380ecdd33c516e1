"""Each search's ranked candidates kept between requests, and brought up to date from the log.

A publish moves the content version on, so every cached page misses, and a search made afresh
ranks hundreds of matches (40 ms on PostgreSQL at 100,000 stories, 75 at a million). But a
publish changes one story. So each process keeps, per query and filters, the candidates it
ranked and the change-log position it ranked them at (stories.search_log). The next request
reads the log after that position and re-ranks only the stories named there: the new match
joins, a withdrawn, taken down or deleted story leaves, an edited one moves.

The result is the one a fresh search would give, because what is kept is exactly what a fresh
search keeps: the CANDIDATES + 1 newest matches (by id) anywhere and in the title. A change can
only shrink a full set by a member, and the match that would then step in is one the kept set
never saw: that search is made afresh, as it is when more than MOST_CHANGES stories changed, or
the log restarted.

Which stories a reader sees is decided here; what their cards show is read afresh on every
request (stories.cards), only for published stories.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime

from django.core.cache import caches
from django.db import connection

from stories import search_log

KEPT_CACHE = "search"
KEPT_SECONDS = 24 * 60 * 60
# More changed stories than this since a kept search, and it is made afresh: their re-ranking
# would cost about what a fresh search does.
MOST_CHANGES = 100

# A candidate as kept: story id -> (in the title set, in the anywhere set, relevance, moment
# published, meets the filters). Plain tuples: the cache pickles them on every request.
Candidates = dict[int, tuple[bool, bool, int, float, bool]]
# A changed story that is published and matches now: id -> (matches in the title, relevance,
# moment published, meets the filters).
Rechecked = dict[int, tuple[bool, int, float, bool]]


def moment(value: datetime | str | None) -> float:
    """A publication date as a number (SQLite's cursor gives text, PostgreSQL's a datetime)."""
    if value is None:
        return 0.0
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.timestamp()


def key(*parts) -> str:
    return "search:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


class Log:
    """The change log as one search reads it: a word and its prefix, kept in the same requests,
    share one read."""

    def __init__(self) -> None:
        self._position: int | None = None
        self._since: dict[int, tuple[int, set[int]] | None] = {}

    def position(self) -> int:
        if self._position is None:
            self._position = search_log.position(connection)
        return self._position

    def changes_since(self, after: int) -> tuple[int, set[int]] | None:
        if after not in self._since:
            self._since[after] = search_log.changes_since(connection, after, most=MOST_CHANGES)
        return self._since[after]


def kept(
    name: str,
    *,
    log: Log,
    limit: int,
    fresh: Callable[[], Candidates],
    recheck: Callable[[set[int]], Rechecked],
) -> Candidates:
    """The candidates of search `name` as of now: the kept ones brought up to date, or `fresh()`.

    `limit` is the size of a full candidate set; `recheck(ids)` answers which of those stories
    are published and match now.
    """
    cache = caches[KEPT_CACHE]
    entry = cache.get(name)
    if entry is not None:
        position, candidates = entry
        changes = log.changes_since(position)
        if changes is not None:
            newest, changed = changes
            if not changed:
                return candidates
            merged = merge(candidates, changed, recheck(changed), limit=limit)
            if merged is not None:
                cache.set(name, (newest, merged), KEPT_SECONDS)
                return merged
    # Read before the search: a change committed in between is re-ranked next time.
    position = log.position()
    candidates = fresh()
    cache.set(name, (position, candidates), KEPT_SECONDS)
    return candidates


def merge(kept: Candidates, changed: set[int], now: Rechecked, *, limit: int) -> Candidates | None:
    """`kept` with the `changed` stories as they are `now`; None when it must be made afresh."""
    merged = {pk: candidate for pk, candidate in kept.items() if pk not in changed}
    for pk, (in_title, relevance, published, passes) in now.items():
        merged[pk] = (in_title, True, relevance, published, passes)
    for place in (0, 1):  # the title set, then the anywhere set
        before = [pk for pk, candidate in kept.items() if candidate[place]]
        after = sorted((pk for pk, candidate in merged.items() if candidate[place]), reverse=True)
        if len(before) >= limit and any(pk in changed and pk not in set(after) for pk in before):
            # A full set lost a member: the older match that steps in was never kept.
            return None
        for pk in after[limit:]:
            candidate = list(merged[pk])
            candidate[place] = False
            merged[pk] = tuple(candidate)
    return {pk: candidate for pk, candidate in merged.items() if candidate[0] or candidate[1]}


def ranked(candidates: Candidates) -> list[int]:
    """The ids that meet the filters: title matches first, then relevance, then the newest."""
    order = sorted(
        candidates.items(),
        key=lambda item: (item[1][0], item[1][2], item[1][3], item[0]),
        reverse=True,
    )
    return [pk for pk, candidate in order if candidate[4]]


def matched_anywhere(candidates: Candidates) -> int:
    return sum(1 for candidate in candidates.values() if candidate[1])
