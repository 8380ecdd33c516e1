"""Kept counts of published stories, so no reader page counts every story on every request.

One row per list with a kept count (stories.models.StoryTally): every published story, each
practice, each setting, each point of view; and one per day of publication (UTC), which place an
old numbered page of every story (`?page=N`) without counting the stories above it
(`day_of_rank`). Database triggers keep them in the same transaction
as the change, like the content version (stories.freshness), so every path that publishes, hides,
withdraws, deletes or re-files a story (decisions, the admin, takedowns, account deletion, an
applied edit, a shell) keeps them right. Tags and combined filters have no kept count: their
lists count a bounded number of rows instead (stories.paging).

The triggers are created by stories.database.CreateTriggers(tallies=True); `rebuild` counts
afresh (the migration that adds the table, and the bench seeder after a bulk load).
"""

from datetime import date

from django.db.backends.base.base import BaseDatabaseWrapper

from stories.triggers import create_row_triggers, drop_row_triggers

TABLE = "stories_storytally"
PUBLISHED = "'published'"
ALL = "all"


def practice_key(practice_id: int) -> str:
    return f"practice:{practice_id}"


def setting_key(setting: str) -> str:
    return f"setting:{setting}"


def perspective_key(perspective: str) -> str:
    return f"perspective:{perspective}"


def day_key(day: date) -> str:
    return f"day:{day.isoformat()}"


def _day(row: str, vendor: str) -> str:
    """The UTC day a story was published on, as day_key writes it."""
    if vendor == "postgresql":
        return f"to_char({row}.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
    return f"strftime('%Y-%m-%d', {row}.published_at)"


def _add(select: str) -> str:
    """Add each (key, delta) row the SELECT yields (it always carries a WHERE: SQLite's upsert
    needs one to parse)."""
    return (
        f"INSERT INTO {TABLE} (name, total) {select} "
        f"ON CONFLICT (name) DO UPDATE SET total = {TABLE}.total + excluded.total"
    )


def _story_rows(row: str, sign: str, when: str, vendor: str) -> list[str]:
    """The story's own lists: every story, its setting, its point of view, its day."""
    return [
        _add(f"SELECT '{ALL}', {sign} WHERE {when}"),
        _add(f"SELECT 'setting:' || {row}.setting, {sign} WHERE {when}"),
        _add(f"SELECT 'perspective:' || {row}.perspective, {sign} WHERE {when}"),
        _add(f"SELECT 'day:' || {_day(row, vendor)}, {sign} WHERE {when}"),
    ]


def _practice_rows(row: str, sign: str, when: str) -> list[str]:
    """The story's practices, as linked at this moment."""
    return [
        _add(
            f"SELECT 'practice:' || tag_id, {sign} FROM stories_practicedin "
            f"WHERE content_object_id = {row}.id AND {when}"
        )
    ]


def _link_rows(row: str, sign: str) -> list[str]:
    """One practice link, counted while its story is published."""
    return [
        _add(
            f"SELECT 'practice:' || {row}.tag_id, {sign} FROM stories_story "
            f"WHERE id = {row}.content_object_id AND status = {PUBLISHED}"
        )
    ]


def triggers(vendor: str = "sqlite") -> list[tuple[str, str, str, str, list[str]]]:
    """(name, event, table, condition, statements) for every change to a kept count."""
    old, new = f"OLD.status = {PUBLISHED}", f"NEW.status = {PUBLISHED}"
    moved = (
        f"({old}) <> ({new}) OR ({old} AND (OLD.setting <> NEW.setting "
        f"OR OLD.perspective <> NEW.perspective OR OLD.published_at <> NEW.published_at))"
    )
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
            "stories_story_tally_update",
            "UPDATE OF status, setting, perspective, published_at",
            "stories_story",
            f"{moved}",
            _story_rows("OLD", "-1", old, vendor)
            + _story_rows("NEW", "1", new, vendor)
            + _practice_rows("OLD", "-1", f"{old} AND NOT {new}")
            + _practice_rows("NEW", "1", f"{new} AND NOT {old}"),
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
    return [
        *_REBUILD_SQL,
        f"INSERT INTO {TABLE} (name, total) SELECT 'day:' || {_day('story', vendor)}, COUNT(*) "
        f"FROM stories_story story WHERE status = {PUBLISHED} GROUP BY 1",
    ]


_REBUILD_SQL = [
    f"DELETE FROM {TABLE}",
    f"INSERT INTO {TABLE} (name, total) SELECT '{ALL}', COUNT(*) FROM stories_story "
    f"WHERE status = {PUBLISHED}",
    f"INSERT INTO {TABLE} (name, total) SELECT 'setting:' || setting, COUNT(*) "
    f"FROM stories_story WHERE status = {PUBLISHED} GROUP BY setting",
    f"INSERT INTO {TABLE} (name, total) SELECT 'perspective:' || perspective, COUNT(*) "
    f"FROM stories_story WHERE status = {PUBLISHED} GROUP BY perspective",
    f"INSERT INTO {TABLE} (name, total) SELECT 'practice:' || link.tag_id, COUNT(*) "
    f"FROM stories_practicedin link JOIN stories_story story ON story.id = "
    f"link.content_object_id WHERE story.status = {PUBLISHED} GROUP BY link.tag_id",
]


def rebuild(conn: BaseDatabaseWrapper) -> None:
    """Count every kept list afresh (after a bulk load that ran with the triggers off)."""
    with conn.cursor() as cursor:
        for statement in rebuild_sql(conn.vendor):
            cursor.execute(statement)


def day_of_rank(conn: BaseDatabaseWrapper, skip: int) -> tuple[date, int] | None:
    """The day of the published story `skip` stories below the newest, and how many stories
    were published after that day; None when the kept days hold fewer stories (never, unless
    they are being rebuilt). One read of the day rows' index, however deep the story."""
    with conn.cursor() as cursor:
        cursor.execute(
            f"SELECT name, through - total FROM (SELECT name, total, SUM(total) OVER "
            f"(ORDER BY name DESC) AS through FROM {TABLE} WHERE name >= 'day:' "
            f"AND name < 'day;') AS days WHERE through > %s ORDER BY name DESC LIMIT 1",
            [skip],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return date.fromisoformat(row[0].removeprefix("day:")), row[1]
