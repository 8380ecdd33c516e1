"""Kept counts of published stories, so no reader page counts every story on every request.

One row per list with a kept count (stories.models.StoryTally): every published story, each
practice, each setting, each point of view, and each combination of those (`list_key`); and one
per day and one per month of publication (UTC), which place an old numbered page of every story
(`?page=N`) without counting the stories above it (`day_of_rank`). Database triggers keep them
in the same transaction as the change, like the content version (stories.freshness), so every
path that publishes, hides, withdraws, deletes, re-dates or re-files a story (decisions, the
admin, takedowns, account deletion, an applied edit, a shell) keeps them right. A publish writes
about a dozen rows (the story's own lists, and four per practice). A tag's list has no kept
count: it counts a bounded number of rows of its kept list instead (stories.tag_lists,
stories.paging).

The triggers are created by stories.database.CreateTriggers(tallies=True); `rebuild` counts
afresh (the migration that adds the table, and the bench seeder after a bulk load).
"""

from dataclasses import dataclass
from datetime import date

from django.db.backends.base.base import BaseDatabaseWrapper

from kindness.statements import prepared_cursor
from stories.triggers import create_row_triggers, drop_row_triggers

TABLE = "stories_storytally"
PUBLISHED = "'published'"
ALL = "all"


PRACTICE_PREFIX = "practice:"


def practice_key(practice_id: int) -> str:
    return f"{PRACTICE_PREFIX}{practice_id}"


def setting_key(setting: str) -> str:
    return f"setting:{setting}"


def perspective_key(perspective: str) -> str:
    return f"perspective:{perspective}"


def list_key(*, practice_id=None, setting=None, perspective=None) -> str | None:
    """The kept count of the list these filters choose (None for none: that list is ALL).
    One filter keeps its own name; several read "p:7,s:grocery,v:customer"."""
    chosen = [
        (letter, value, single)
        for letter, value, single in (
            ("p", practice_id, practice_key),
            ("s", setting, setting_key),
            ("v", perspective, perspective_key),
        )
        if value
    ]
    if not chosen:
        return ALL
    if len(chosen) == 1:
        _, value, single = chosen[0]
        return single(value)
    return ",".join(f"{letter}:{value}" for letter, value, _ in chosen)


def day_key(day: date) -> str:
    return f"day:{day.isoformat()}"


def month_key(day: date) -> str:
    return f"month:{day:%Y-%m}"


def _day(row: str, vendor: str, *, month: bool = False) -> str:
    """The UTC day (or month) a story was published in, as day_key (month_key) writes it."""
    if vendor == "postgresql":
        shape = "YYYY-MM" if month else "YYYY-MM-DD"
        return f"to_char({row}.published_at AT TIME ZONE 'UTC', '{shape}')"
    shape = "%Y-%m" if month else "%Y-%m-%d"
    return f"strftime('{shape}', {row}.published_at)"


def _story_keys(row: str, vendor: str) -> list[str]:
    """SQL for the names of the story's own lists, as list_key and day_key write them."""
    return [
        f"'{ALL}'",
        f"'setting:' || {row}.setting",
        f"'perspective:' || {row}.perspective",
        f"'s:' || {row}.setting || ',v:' || {row}.perspective",
        f"'day:' || {_day(row, vendor)}",
        f"'month:' || {_day(row, vendor, month=True)}",
    ]


def _practice_keys(practice: str, story: str) -> list[str]:
    """SQL for the names of the lists of one practice of the story: the practice alone first,
    then with the story's setting, its point of view, and both (list_key)."""
    return [
        f"'practice:' || {practice}",
        f"'p:' || {practice} || ',s:' || {story}.setting",
        f"'p:' || {practice} || ',v:' || {story}.perspective",
        f"'p:' || {practice} || ',s:' || {story}.setting || ',v:' || {story}.perspective",
    ]


def _add(select: str) -> str:
    """Add each (key, delta) row the SELECT yields (it always carries a WHERE: SQLite's upsert
    needs one to parse)."""
    return (
        f"INSERT INTO {TABLE} (name, total) {select} "
        f"ON CONFLICT (name) DO UPDATE SET total = {TABLE}.total + excluded.total"
    )


def _story_rows(row: str, sign: str, when: str, vendor: str) -> list[str]:
    """The story's own lists: every story, its setting, its point of view, both, its day."""
    return [_add(f"SELECT {key}, {sign} WHERE {when}") for key in _story_keys(row, vendor)]


def _practice_rows(row: str, sign: str, when: str, keys: slice = slice(None)) -> list[str]:
    """The lists of the story's practices, as linked at this moment (`keys` of _practice_keys)."""
    return [
        _add(
            f"SELECT {key}, {sign} FROM stories_practicedin "
            f"WHERE content_object_id = {row}.id AND {when}"
        )
        for key in _practice_keys("tag_id", row)[keys]
    ]


def _link_rows(row: str, sign: str) -> list[str]:
    """One practice link's lists, counted while its story is published."""
    return [
        _add(
            f"SELECT {key}, {sign} FROM stories_story story "
            f"WHERE id = {row}.content_object_id AND status = {PUBLISHED}"
        )
        for key in _practice_keys(f"{row}.tag_id", "story")
    ]


def triggers(vendor: str = "sqlite") -> list[tuple[str, str, str, str, list[str]]]:
    """(name, event, table, condition, statements) for every change to a kept count."""
    old, new = f"OLD.status = {PUBLISHED}", f"NEW.status = {PUBLISHED}"
    moved = (
        f"({old}) <> ({new}) OR ({old} AND (OLD.setting <> NEW.setting "
        f"OR OLD.perspective <> NEW.perspective OR OLD.published_at <> NEW.published_at))"
    )
    alone, combined = slice(0, 1), slice(1, None)
    return [
        (
            "stories_story_tally_insert",
            "INSERT",
            "stories_story",
            new,
            _story_rows("NEW", "1", "1 = 1", vendor) + _practice_rows("NEW", "1", "1 = 1"),
        ),
        (
            "stories_story_tally_delete",
            "DELETE",
            "stories_story",
            old,
            _story_rows("OLD", "-1", "1 = 1", vendor) + _practice_rows("OLD", "-1", "1 = 1"),
        ),
        (
            # A practice alone moves only when the story comes or goes; with a setting or a
            # point of view, also when those change.
            "stories_story_tally_update",
            "UPDATE OF status, setting, perspective, published_at",
            "stories_story",
            f"{moved}",
            _story_rows("OLD", "-1", old, vendor)
            + _story_rows("NEW", "1", new, vendor)
            + _practice_rows("OLD", "-1", f"{old} AND NOT {new}", alone)
            + _practice_rows("NEW", "1", f"{new} AND NOT {old}", alone)
            + _practice_rows("OLD", "-1", old, combined)
            + _practice_rows("NEW", "1", new, combined),
        ),
        (
            "stories_practicedin_tally_insert",
            "INSERT",
            "stories_practicedin",
            "1 = 1",
            _link_rows("NEW", "1"),
        ),
        (
            "stories_practicedin_tally_delete",
            "DELETE",
            "stories_practicedin",
            "1 = 1",
            _link_rows("OLD", "-1"),
        ),
        (
            "stories_practicedin_tally_update",
            "UPDATE OF tag_id, content_object_id",
            "stories_practicedin",
            "1 = 1",
            _link_rows("OLD", "-1") + _link_rows("NEW", "1"),
        ),
    ]


def trigger_names() -> set[str]:
    return {name for name, *_ in triggers()}


def create_sql(vendor: str) -> list[str]:
    return create_row_triggers(triggers(vendor), vendor)


def drop_sql(vendor: str) -> list[str]:
    return drop_row_triggers(triggers(vendor), vendor)


def rebuild_sql(vendor: str) -> list[str]:
    """Count every kept list afresh, grouped by the same names the triggers write."""
    published = f"FROM stories_story story WHERE status = {PUBLISHED}"
    linked = (
        "FROM stories_practicedin link JOIN stories_story story "
        f"ON story.id = link.content_object_id WHERE story.status = {PUBLISHED}"
    )
    statements = [f"DELETE FROM {TABLE}"]
    for key in _story_keys("story", vendor):
        statements.append(
            f"INSERT INTO {TABLE} (name, total) SELECT {key}, COUNT(*) {published} GROUP BY 1"
        )
    for key in _practice_keys("link.tag_id", "story"):
        statements.append(
            f"INSERT INTO {TABLE} (name, total) SELECT {key}, COUNT(*) {linked} GROUP BY 1"
        )
    return statements


def rebuild(conn: BaseDatabaseWrapper) -> None:
    """Count every kept list afresh (after a bulk load that ran with the triggers off)."""
    with conn.cursor() as cursor:
        for statement in rebuild_sql(conn.vendor):
            cursor.execute(statement)


@dataclass(frozen=True)
class DayPlace:
    """Where the story `skip` stories below the newest was published: on `day`, after which
    `newer` stories were published."""

    skip: int
    day: date
    newer: int


def _running(names: tuple[str, str]) -> str:
    """The rows named from names[0] up to names[1], newest first, each with the stories of it
    and every newer one: `through`."""
    return (
        f"SELECT name, total, SUM(total) OVER (ORDER BY name DESC) AS through FROM {TABLE} "
        f"WHERE name >= {names[0]} AND name < {names[1]}"
    )


# The month of the story `skip` stories below the newest, and how many stories are newer than
# that month: a walk of the months' rows, then of that month's days alone. A walk of every day
# cost 2 ms at a million stories over nineteen years (7,000 days), and grew with them.
_MONTH_OF_RANK = (
    f"WITH month AS (SELECT name, through - total AS newer FROM "
    f"({_running(("'month:'", "'month;'"))}) AS months "
    f"WHERE through > %s ORDER BY name DESC LIMIT 1) "
)
# 'month:2026-01' holds the days from 'day:2026-01-' up to 'day:2026-01.' ("." follows "-").
_DAY_IN_MONTH = (
    "SELECT name, (SELECT newer FROM month) + through - total FROM ("
    + _running(
        (
            "(SELECT 'day:' || substr(name, 7) || '-' FROM month)",
            "(SELECT 'day:' || substr(name, 7) || '.' FROM month)",
        )
    )
    + ") AS days WHERE (SELECT newer FROM month) + through > %s ORDER BY name DESC LIMIT 1"
)
_DAY_OF_RANK = _MONTH_OF_RANK + _DAY_IN_MONTH


def _place(skip: int, name: str | None, newer: int | None) -> DayPlace | None:
    if name is None:
        return None
    return DayPlace(skip=skip, day=date.fromisoformat(name.removeprefix("day:")), newer=newer)


def day_of_rank(conn: BaseDatabaseWrapper, skip: int) -> DayPlace | None:
    """The day of the published story `skip` stories below the newest; None when the kept days
    hold fewer stories. One read of the day rows' index, however deep the story."""
    with prepared_cursor(conn) as cursor:
        cursor.execute(_DAY_OF_RANK, [skip, skip])
        row = cursor.fetchone()
    return _place(skip, *row) if row else None


def total_and_place(conn: BaseDatabaseWrapper, skip: int) -> tuple[int, DayPlace | None]:
    """Every published story's count and day_of_rank(skip), in one round trip."""
    # Prepared, as its plan follows no value of `skip` (kindness.statements).
    with prepared_cursor(conn) as cursor:
        cursor.execute(
            f"{_MONTH_OF_RANK}SELECT (SELECT total FROM {TABLE} WHERE name = '{ALL}'), days.* "
            f"FROM (SELECT 1 AS one) AS one LEFT JOIN ({_DAY_IN_MONTH}) AS days ON 1 = 1",
            [skip, skip],
        )
        total, name, newer = cursor.fetchone()
    return total or 0, _place(skip, name, newer)
