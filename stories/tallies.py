"""Kept counts of published stories, so no reader page counts every story on every request.

One row per list with a kept count (stories.models.StoryTally): every published story, each
practice, each setting, each point of view. Database triggers keep them in the same transaction
as the change, like the content version (stories.freshness), so every path that publishes, hides,
withdraws, deletes or re-files a story (decisions, the admin, takedowns, account deletion, an
applied edit, a shell) keeps them right. Tags and combined filters have no kept count: their
lists count a bounded number of rows instead (stories.paging).

The triggers are created by stories.database.CreateTriggers(tallies=True); `rebuild` counts
afresh (the migration that adds the table, and the bench seeder after a bulk load).
"""

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


def _add(select: str) -> str:
    """Add each (key, delta) row the SELECT yields (it always carries a WHERE: SQLite's upsert
    needs one to parse)."""
    return (
        f"INSERT INTO {TABLE} (name, total) {select} "
        f"ON CONFLICT (name) DO UPDATE SET total = {TABLE}.total + excluded.total"
    )


def _story_rows(row: str, sign: str, when: str) -> list[str]:
    """The story's own lists: every story, its setting, its point of view."""
    return [
        _add(f"SELECT '{ALL}', {sign} WHERE {when}"),
        _add(f"SELECT 'setting:' || {row}.setting, {sign} WHERE {when}"),
        _add(f"SELECT 'perspective:' || {row}.perspective, {sign} WHERE {when}"),
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


def triggers() -> list[tuple[str, str, str, str, list[str]]]:
    """(name, event, table, condition, statements) for every change to a kept count."""
    old, new = f"OLD.status = {PUBLISHED}", f"NEW.status = {PUBLISHED}"
    moved = (
        f"({old}) <> ({new}) OR ({old} AND (OLD.setting <> NEW.setting "
        f"OR OLD.perspective <> NEW.perspective))"
    )
    return [
        (
            "stories_story_tally_insert",
            "INSERT",
            "stories_story",
            new,
            _story_rows("NEW", "1", "1 = 1") + _practice_rows("NEW", "1", "1 = 1"),
        ),
        (
            "stories_story_tally_delete",
            "DELETE",
            "stories_story",
            old,
            _story_rows("OLD", "-1", "1 = 1") + _practice_rows("OLD", "-1", "1 = 1"),
        ),
        (
            "stories_story_tally_update",
            "UPDATE OF status, setting, perspective",
            "stories_story",
            f"{moved}",
            _story_rows("OLD", "-1", old)
            + _story_rows("NEW", "1", new)
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
    return create_row_triggers(triggers(), vendor)


def drop_sql(vendor: str) -> list[str]:
    return drop_row_triggers(triggers(), vendor)


REBUILD_SQL = [
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
        for statement in REBUILD_SQL:
            cursor.execute(statement)
