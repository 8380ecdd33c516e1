"""Full-text search over story titles and bodies, ranked, on SQLite (FTS5) and PostgreSQL.

Both indexes live beside the story table, are created by migrations (stories.database) and kept
current by the database itself. Both stem English words (FTS5's porter tokenizer, PostgreSQL's
'english' configuration), so "thanked" finds "thanks" on either database.

A common word costs about what a rare one does, because a search never ranks or counts every
match (the trades, in order):

- It ranks a bounded set of candidates: the CANDIDATES newest published stories matching
  anywhere (newest by id, the order both indexes can walk without reading every match) and the
  CANDIDATES newest whose title matches among the stories within TITLE_WINDOW ids of the newest
  published one, through a title-only index. Older matches are not shown; the page says "more
  than CANDIDATES" rather than counting them. An older title match is ranked as one only while
  it is among the newest matches anywhere: reading every title match cost what the title index
  holds of the words, and for a pair of words each in many titles that grew with the stories
  (11 to 60 ms at a million).
- Ranking over that set: title matches first, then relevance, then the newest published. Relevance
  counts the query's words as typed in the title (ten times) and the body: a per-story count, so it
  needs no statistics over all matches, as bm25's inverse document frequency does (bm25 read every
  match of a common word: 250 ms at 100,000 stories). A stemmed match ("kind" for "kindness")
  is found but counts nothing.
- The last word matches as a prefix only when the whole word finds CANDIDATES stories or fewer.
  A prefix costs every match of it on SQLite (FTS5 merges the words that share it); PostgreSQL
  looks among the newest PREFIX_WINDOW stories first, for a whole word too, in a statement
  planned once (stories.search_postgresql). A whole word costs only the newest matches on
  SQLite.
- Each ranking is kept per process and query, with the change-log position it was made at
  (stories.search_kept, stories.search_log). The next search reads the log after it and re-ranks
  only the stories named there, in one statement, with the result a fresh search would give; a
  full candidate set that loses a member, more than MOST_CHANGES changed stories or more than
  MOST_LOG_ROWS changes, search afresh.

The indexes themselves: stories.search_index.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL

from kindness.statements import prepared_cursor
from stories import search_kept, search_log, search_postgresql
from stories.models import Story

# The index's SQL, and the bench seeder's reload of it, live beside (stories.search_index).
from stories.search_index import install  # noqa: F401

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8
# The most stories a search ranks in each of its two candidate sets (anywhere, and in the title):
# up to 200 stories, ten pages, for a common word. At 200 a set, a first search for a common word
# cost 17 to 20 ms on PostgreSQL at 100,000 stories, half of it reading and ranking 400 stories;
# at 100, 13 ms. The price: a common word's older matches drop out sooner.
CANDIDATES = 100
# On PostgreSQL a prefix is first looked for among this many newest stories
# (stories.search_postgresql).
PREFIX_WINDOW = 10 * CANDIDATES
# A whole word none of this many newest stories holds is read from the GIN index
# (stories.search_postgresql).
WORD_WINDOW = CANDIDATES
# The title set holds title matches among the stories whose ids are this close to the newest
# published one's (this many stories, fewer where drafts and waiting stories hold ids between):
# a walk down them costs about 0.7 microseconds a story at any size of the table, and stops at
# the CANDIDATES + 1st. A window by id costs no read to place; one of exactly 2,000 published
# stories cost a walk of the id index to its end on every fresh search (0.25 ms).
TITLE_WINDOW = 2_000
# Relevance counts a word in the title this many times one in the body.
TITLE_WEIGHT = 10
# Where PostgreSQL's walks down the newest ids start. Stories waiting for review and drafts
# hold the newest ids, and a walk from the top read each of them: at a million stories, 10,000
# waiting cost 1,800 buffers a walk, and a search makes up to four. The newest published id is
# read with the change log's position: on SQLite by _Log, before the search; on PostgreSQL by
# the ranking statement itself, whose plan is made for no value (stories.search_postgresql). A
# statement planned for its values takes it as a value: as a subquery the planner guessed it kept
# a third of the ids, and for a pair of words read a bitmap of every id (100,000 at 100,000
# stories, 11 ms) to AND with the title index's matches. Every published story's id is at most
# the newest; one published since the position was read is in the log, and the next search
# re-ranks it (stories.search_kept).
NEWEST_PUBLISHED = "SELECT MAX(id) FROM stories_story WHERE status = %s"


def title_floor(newest: int | None) -> int:
    """The lowest id a title set's member may have, `newest` the newest published id."""
    return (newest or 0) - TITLE_WINDOW + 1


def title_floor_sql() -> str:
    """title_floor() of the newest published story now, in SQL."""
    newest = f"SELECT MAX(id) FROM stories_story WHERE status = '{Story.Status.PUBLISHED}'"
    return f"(COALESCE(({newest}), 0) - {int(TITLE_WINDOW) - 1})"


def search_terms(query: str) -> list[str]:
    return WORD.findall(query.lower())[:MAX_TERMS]


@dataclass(frozen=True)
class Found:
    """Ids of the matching stories, best first, and whether more matched than were ranked."""

    ids: list[int]
    more: bool = False


def find(query: str, *, practice=None, setting: str = "", perspective: str = "") -> Found:
    """Published stories matching every word of the query, best first; none for an empty query.

    The last word also matches as a prefix, so a half-typed word still finds something: only
    when the whole word finds fewer than CANDIDATES stories, since a prefix costs every match.
    The list's filters (a practice, a setting, a point of view) narrow the ranked candidates
    with one query by id when a search is made afresh, and are kept with the ranking. Each
    ranking is kept and brought up to date from the change log (stories.search_kept), so after
    a publish a search re-ranks the stories that changed, not every candidate.
    """
    terms = search_terms(query)
    if not terms:
        return Found(ids=[])
    chosen = {}
    if practice:
        chosen["practices"] = practice
    if setting:
        chosen["setting"] = setting
    if perspective:
        chosen["perspective"] = perspective
    log = _Log()
    found = _kept(terms, prefix=False, chosen=chosen, log=log)
    if not found.more:
        found = _kept(terms, prefix=True, chosen=chosen, log=log)
    return found


class _Log:
    """On SQLite, the change log's position and, read with it, the newest published story's id
    (NEWEST_PUBLISHED), where a fresh search made at that position starts: read before the
    search, once for a word and its prefix made afresh in the same request. PostgreSQL's ranking
    statement reads both itself (stories.search_postgresql)."""

    def __init__(self) -> None:
        self._read: tuple[int, int] | None = None

    def read(self) -> tuple[int, int]:
        """(the position, the newest published id)."""
        if self._read is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT ({search_log.POSITION}), ({NEWEST_PUBLISHED})",
                    [Story.Status.PUBLISHED],
                )
                position, newest = cursor.fetchone()
                self._read = (position or 0, newest or 0)
        return self._read


def _kept(terms: list[str], *, prefix: bool, chosen: dict, log: _Log) -> Found:
    shown = sorted((name, getattr(value, "pk", value)) for name, value in chosen.items())
    candidates = search_kept.kept(
        search_kept.key(terms, prefix, shown, CANDIDATES),
        limit=CANDIDATES + 1,
        fresh=lambda: _fresh(terms, prefix=prefix, chosen=chosen, log=log),
        recheck=lambda after: _rechecked(terms, after, prefix=prefix, chosen=chosen),
    )
    more = search_kept.matched_anywhere(candidates) > CANDIDATES
    return Found(ids=search_kept.ranked(candidates), more=more)


def _fresh(terms: list[str], *, prefix: bool, chosen: dict, log: _Log) -> search_kept.Entry:
    """A search made afresh, as it is kept: the change log's position it is of (read before its
    candidates, or with them, so a change racing it is re-ranked next time), its candidates
    ranked, and the title window's floor."""
    if connection.vendor == "postgresql":
        position, newest, rows = _postgresql_rows(terms, prefix=prefix)
    else:
        position, newest = log.read()
        rows = _sqlite_rows(terms, prefix=prefix, floor=title_floor(newest))
    return position, _ranked(terms, rows, chosen=chosen), title_floor(newest)


def _meeting(chosen: dict, ids) -> set[int] | None:
    """Which of `ids` meet the filters, in one query by id; None without filters."""
    if not chosen:
        return None
    if not ids:
        return set()
    stories = Story.objects.published().filter(pk__in=list(ids), **chosen).order_by()
    return set(stories.values_list("pk", flat=True))


def _ranked(terms: list[str], rows: list[tuple], *, chosen: dict) -> search_kept.Candidates:
    """The candidates ranked, from rows (id, set, title, body, published, ...): 1 for the title
    set, 0 for the set anywhere."""
    found = {}
    for pk, in_title, title, body, published_at, *_ in rows:
        sets = found.setdefault(pk, [False, False, (title, body, published_at)])
        sets[0 if in_title else 1] = True
    meeting = _meeting(chosen, found)
    candidates = [
        (
            in_title,
            _relevance(terms, title, body),
            search_kept.moment(published_at),
            pk,
            in_any,
            meeting is None or pk in meeting,
        )
        for pk, (in_title, in_any, (title, body, published_at)) in found.items()
    ]
    return sorted(candidates, reverse=True)


def _rechecked(
    terms: list[str], after: int, *, prefix: bool, chosen: dict
) -> tuple[list[tuple[int, int]], search_kept.Rechecked, int | None]:
    """The change log after `after`, which stories it names are published and match now, and
    the title window's floor now (None with no row), in one statement
    (stories.search_kept.kept)."""
    changes, params = search_log.changes_sql(after, most=search_kept.MOST_LOG_ROWS)
    meeting, meeting_params = "1 = 1", []
    if chosen:
        # The filters as the fresh search applies them (_meeting), bounded by the changed ids.
        named = RawSQL("SELECT story_id FROM changes", ())
        stories = Story.objects.filter(pk__in=named, **chosen).order_by().values("pk")
        subquery, meeting_params = stories.query.sql_with_params()
        meeting = f"story.id IN ({subquery})"
    if connection.vendor == "postgresql":
        raw = search_postgresql.query(terms, prefix=prefix)
        # Parsed once, in a subquery. Written in place, a plan made for the word parsed it while
        # planning and the generic plan once a row (to_tsquery costs 100 operators): the generic
        # plan's estimate stayed the higher, and PostgreSQL planned this statement afresh on
        # every run, about 0.7 ms of a 0.2 ms statement at a million stories.
        query = "(SELECT to_tsquery('english'::regconfig, %s))"
        in_title = f"story.title_vector @@ {query}"
        anywhere = f"story.search_vector @@ {query}"
        # As the fresh search reads it, so a kept ranking's dates compare as its own do.
        published = search_postgresql.PUBLISHED_MOMENT
    else:
        raw = _sqlite_query(terms, prefix=prefix)
        # A MATCH with `rowid =` seeks each story; with `rowid IN` FTS5 reads every match.
        in_title = (
            "EXISTS (SELECT 1 FROM stories_story_title_fts WHERE "
            "stories_story_title_fts MATCH %s AND rowid = story.id)"
        )
        anywhere = (
            "EXISTS (SELECT 1 FROM stories_story_fts WHERE "
            "stories_story_fts MATCH %s AND rowid = story.id)"
        )
        published = "story.published_at"
    # Each story is read once, on its last row, whatever the number of its rows; and no more
    # stories than a recheck may re-rank, since past that the search is made afresh anyway. The
    # join is by id alone, the match tested on the joined story: a match in the join let
    # PostgreSQL, guessing hundreds of changes, read every match of the word to hash-join them.
    sql = (
        "WITH changes AS MATERIALIZED (SELECT id, story_id, "
        "MAX(id) OVER (PARTITION BY story_id) AS last_id, "
        f"DENSE_RANK() OVER (ORDER BY story_id) AS nth FROM ({changes}) AS logged) "
        # CASE: with no story joined, FTS5 would read every match of the word for `rowid = NULL`.
        f"SELECT changes.id, changes.story_id, story.id, "
        f"CASE WHEN story.id IS NULL THEN NULL ELSE {in_title} END, story.title, story.body, "
        f"{published}, {meeting}, CASE WHEN story.id IS NULL THEN NULL ELSE {anywhere} END, "
        # Read once, and only when the log holds a row.
        f"{title_floor_sql()} "
        "FROM changes LEFT JOIN stories_story AS story "
        "ON story.id = changes.story_id AND changes.id > %s AND changes.id = changes.last_id "
        "AND changes.nth <= %s AND story.status = %s"
    )
    most = search_kept.MOST_CHANGES + 1
    # Prepared: its plan follows neither the word nor the log's position (the join is by id), and
    # planning it cost PostgreSQL more than running it, on the first search after each publish.
    with prepared_cursor(connection) as cursor:
        cursor.execute(
            sql, [*params, raw, *meeting_params, raw, after, most, Story.Status.PUBLISHED]
        )
        rows = cursor.fetchall()
    now = {
        pk: (
            bool(in_title),
            _relevance(terms, title, body),
            search_kept.moment(published_at),
            bool(meets),
        )
        for _, _, pk, in_title, title, body, published_at, meets, matches, _ in rows
        if pk is not None and matches
    }
    floor = rows[0][-1] if rows else None
    return [(position, story_id) for position, story_id, *_ in rows], now, floor


def _relevance(terms: list[str], title: str, body: str) -> int:
    """How often the words appear as typed, a title word counting TITLE_WEIGHT body words.

    Counted in Python over the candidates only (a few hundred stories at most): four times faster
    than the same count in SQL on SQLite, and the same on both databases.
    """
    title, body = title.lower(), body.lower()
    # A loop, not sum() over a generator: half the time, over the four hundred candidates of a
    # common word.
    score = 0
    for term in terms:
        score += TITLE_WEIGHT * title.count(term) + body.count(term)
    return score


# What the second column of a prepared ranking statement's status row may hold.
STATUS = (search_postgresql.READ, search_postgresql.REPLAN)


def _postgresql_rows(terms: list[str], *, prefix: bool) -> tuple[int, int, list[tuple]]:
    """(the change log's position, the newest published id, the candidates' rows), read by the
    prepared statement (stories.search_postgresql); for a word only the planner can place, the
    rows read again by a statement planned for it."""
    sizes = {
        "candidates": CANDIDATES,
        "word_window": WORD_WINDOW,
        "prefix_window": PREFIX_WINDOW,
        "title_window": TITLE_WINDOW,
    }
    sql, params = search_postgresql.candidates_sql(terms, prefix=prefix, **sizes)
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    [(_, status, *_, position, newest)] = [row for row in rows if row[1] in STATUS]
    if status == search_postgresql.REPLAN:
        sql, params = search_postgresql.candidates_sql(
            terms, prefix=prefix, planned_at=(newest, title_floor(newest)), **sizes
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    candidates = [row for row in rows if row[1] not in STATUS]
    return position or 0, newest, candidates


def _sqlite_rows(terms: list[str], *, prefix: bool, floor: int) -> list[tuple]:
    title, anywhere, params = _sqlite_candidates(terms, prefix=prefix, floor=floor)
    # Each set read with what ranks it, one after the other: a story in both comes twice (a few
    # of a common word's, whose title matches span far more stories than its matches anywhere).
    # Both candidate sets take one more than CANDIDATES, so "more than CANDIDATES" is never a guess.
    shown = "story.title, story.body, story.published_at"
    sql = (
        f"SELECT title_hits.id, 1, {shown} FROM ({title}) AS title_hits "
        "JOIN stories_story AS story ON story.id = title_hits.id UNION ALL "
        f"SELECT any_hits.id, 0, {shown} FROM ({anywhere}) AS any_hits "
        "JOIN stories_story AS story ON story.id = any_hits.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _sqlite_query(terms: list[str], *, prefix: bool) -> str:
    """Each term is quoted so FTS5 reads it as a word, never as query syntax."""
    last = f'"{terms[-1]}"*' if prefix else f'"{terms[-1]}"'
    return " ".join([*(f'"{term}"' for term in terms[:-1]), last])


def _sqlite_candidates(terms: list[str], *, prefix: bool, floor: int) -> tuple[str, str, list]:
    """FTS5 walks its matches from the highest rowid (the story id) and stops at the limit; the
    title set's walk also stops at the title window's floor."""
    fts_query = _sqlite_query(terms, prefix=prefix)

    def newest(table: str, *, above: str = "") -> str:
        return (
            f"SELECT {table}.rowid AS id FROM {table} "
            f"JOIN stories_story AS candidate ON candidate.id = {table}.rowid "
            f"WHERE {table} MATCH %s AND candidate.status = %s {above}"
            f"ORDER BY {table}.rowid DESC LIMIT %s"
        )

    params = [fts_query, Story.Status.PUBLISHED, CANDIDATES + 1]
    title = newest("stories_story_title_fts", above="AND stories_story_title_fts.rowid >= %s ")
    title_params = [fts_query, Story.Status.PUBLISHED, floor, CANDIDATES + 1]
    return title, newest("stories_story_fts"), [*title_params, *params]
