"""Each search's ranked candidates kept between requests, and brought up to date from the log.

A publish moves the content version on, so every cached page misses, and a search made afresh
ranks hundreds of matches (40 ms on PostgreSQL at 100,000 stories, 75 at a million). But a
publish changes one story. So each process keeps, per query and filters, the candidates it
ranked and the change-log position it ranked them at (stories.search_log). The next request
reads the log after that position and re-ranks only the stories named there: the new match
joins, a withdrawn, taken down or deleted story leaves, an edited one moves.

The result is the one a fresh search would give, because what is kept is exactly what a fresh
search keeps: the CANDIDATES + 1 newest matches (by id) anywhere, and in the title among the
newest published stories above the title window's floor (stories.search.TITLE_WINDOW), which is
kept with them. A change can only shrink a full set by a member, or lower the floor, and the
match that would then step in is one the kept set never saw: that search is made afresh, as it
is when more than MOST_CHANGES stories changed (or more than MOST_LOG_ROWS changes were logged),
or the log restarted. A publish raises the floor: title matches below it leave the title set.

With a cache every process shares (Redis), a kept search is written there too, and a process
that has none of its own starts from it: the first search for a query in a new worker costs a
recheck, not a fresh search.

Which stories a reader sees is decided here; what their cards show is read afresh on every
request (stories.cards), only for published stories.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from stories import search_log

KEPT_CACHE = "search"
KEPT_SECONDS = 24 * 60 * 60
# Each kept search is also written where every process finds it (Redis with REDIS_URL), so the
# first search for a query in a process started since (a deploy, one more worker) or in another
# worker is brought up to date from the log, not made afresh. The search cache itself stays in
# each process's memory: it is read on every search.
SHARED_CACHE = "pages"
# Part of the shared key: a release that changes what an entry holds never reads an older one's.
SHARED_FORM = 2
# More changed stories than this since a kept search, and it is made afresh: their re-ranking
# would cost about what a fresh search does.
MOST_CHANGES = 100
# More log rows than this, and it is made afresh too. A story's rows are re-ranked once, on its
# last row, so a story changed again and again costs one story; but the rows are read and sent.
MOST_LOG_ROWS = 400

# A candidate as kept: (in the title set, relevance, moment published, story id, in the
# anywhere set, meets the filters). The first four are the ranking, so a list of them sorts
# best first as plain tuples; the cache pickles them on every request.
Candidate = tuple[bool, int, float, int, bool, bool]
Candidates = list[Candidate]
# A changed story that is published and matches now: id -> (matches in the title, relevance,
# moment published, meets the filters).
Rechecked = dict[int, tuple[bool, int, float, bool]]
# As kept: the change log's position the candidates are of, them, and the title window's floor.
Entry = tuple[int, Candidates, int]


def moment(value: datetime | str | float | None) -> float:
    """A publication date as a number: the seconds since 1970, as datetime.timestamp() gives
    them. SQLite's cursor gives text, PostgreSQL's a datetime, or the number itself where the
    statement reads it so (stories.search_postgresql.PUBLISHED_MOMENT)."""
    if value is None:
        return 0.0
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.timestamp()


def key(*parts) -> str:
    return "search:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


# What `recheck(after)` returns: the change log's rows after `after` (stories.search_log
# .changes_sql), which of the stories they name are published and match now, and the title
# window's floor now (None when the log holds no row after `after`).
Recheck = Callable[[int], tuple[list[tuple[int, int]], Rechecked, int | None]]


def kept(name: str, *, limit: int, fresh: Callable[[], Entry], recheck: Recheck) -> Candidates:
    """The candidates of search `name` as of now: the kept ones brought up to date, or those of
    `fresh()`, which makes the search afresh and returns it as it is kept: with the change log's
    position read before its candidates or with them, so a change racing it is re-ranked next
    time, and with the title window's floor.

    `limit` is the size of a full candidate set; `recheck(position)` reads the log after the
    kept position and the stories it names in one statement, so both are of one moment.
    """
    entry = caches[KEPT_CACHE].get(name)
    if entry is None:
        entry = _shared_entry(name)
    if entry is not None:
        position, candidates, floor = entry
        rows, now, floor_now = recheck(position)
        changes = search_log.read_changes(rows, position, most=MOST_LOG_ROWS, stories=MOST_CHANGES)
        if changes is not None:
            newest, changed = changes
            if not changed:
                return candidates
            merged = merge(candidates, changed, now, limit=limit, floor=(floor, floor_now))
            if merged is not None:
                _keep(name, (newest, merged, floor_now))
                return merged
    entry = fresh()
    _keep(name, entry)
    return entry[1]


def _shared_cache():
    """The cache every process shares (Redis with REDIS_URL), or None: in a process's own memory
    the search cache already keeps the search."""
    cache = caches[SHARED_CACHE]
    return None if isinstance(cache, LocMemCache) else cache


def _shared_key(name: str) -> str:
    return f"{name}:{SHARED_FORM}"


def _shared_entry(name: str) -> Entry | None:
    """A search another process kept, kept here too: it is brought up to date from the log as
    any kept search is, from the position it was made at."""
    shared = _shared_cache()
    entry = shared.get(_shared_key(name)) if shared is not None else None
    if entry is not None:
        caches[KEPT_CACHE].set(name, entry, KEPT_SECONDS)
    return entry


def _keep(name: str, entry: Entry) -> None:
    caches[KEPT_CACHE].set(name, entry, KEPT_SECONDS)
    shared = _shared_cache()
    if shared is not None:
        shared.set(_shared_key(name), entry, KEPT_SECONDS)


def merge(
    kept: Candidates, changed: set[int], now: Rechecked, *, limit: int, floor: tuple[int, int]
) -> Candidates | None:
    """`kept` with the `changed` stories as they are `now`, best first; None when it must be
    made afresh. `floor`: the title window's floor when kept, and now."""
    was_floor, floor_now = floor
    if floor_now < was_floor:
        # A story left the window: an older one entered it, whose title the kept set never read.
        return None
    now = {pk: (in_title and pk >= floor_now, *rest) for pk, (in_title, *rest) in now.items()}
    # A title match the floor has passed is one no longer (the oldest go first, so no older
    # match steps in for them).
    kept = [(c[0] and c[3] >= floor_now, *c[1:]) for c in kept]
    was = {candidate[3]: candidate for candidate in kept if candidate[3] in changed}
    for place, still in ((0, lambda pk: pk in now and now[pk][0]), (4, lambda pk: pk in now)):
        full = sum(1 for candidate in kept if candidate[place]) >= limit
        if full and any(candidate[place] and not still(pk) for pk, candidate in was.items()):
            # A full set lost a member: the older match that steps in was never kept.
            return None
    merged = [candidate for candidate in kept if candidate[3] not in changed]
    merged += [
        (in_title, relevance, published, pk, True, passes)
        for pk, (in_title, relevance, published, passes) in now.items()
    ]
    for place in (0, 4):  # the title set, then the anywhere set: the newest `limit` ids each
        members = sorted((candidate[3] for candidate in merged if candidate[place]), reverse=True)
        if len(members) > limit:
            dropped = set(members[limit:])
            merged = [_without(candidate, place, dropped) for candidate in merged]
    merged = [candidate for candidate in merged if candidate[0] or candidate[4]]
    merged.sort(reverse=True)
    return merged


def _without(candidate: Candidate, place: int, dropped: set[int]) -> Candidate:
    if candidate[3] not in dropped:
        return candidate
    return (*candidate[:place], False, *candidate[place + 1 :])


def ranked(candidates: Candidates) -> list[int]:
    """The ids that meet the filters: title matches first, then relevance, then the newest."""
    return [candidate[3] for candidate in candidates if candidate[5]]


def matched_anywhere(candidates: Candidates) -> int:
    return sum(1 for candidate in candidates if candidate[4])
