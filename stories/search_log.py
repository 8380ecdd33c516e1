"""The search change log: which stories may have moved in or out of a search, and in what order.

Database triggers, like the content version's (stories.freshness), write one row per change to
what decides a search's result: a published story's title, body, status, publication date,
setting or point of view, a story published or deleted, a practice linked or unlinked. So every
path (a decision, the admin, a takedown, an account deletion, a shell) is logged. The kept
searches (stories.search_kept) read the rows after the position they were made at, and re-rank
only those stories.

Positions are committed in order, so a reader that has seen position P has seen every change
before it: SQLite has one writer at a time; on PostgreSQL each logging transaction first locks
the content-version row (which its own bump locks anyway), so a second writer takes its position
only once the first has committed. Without that lock a transaction holding position 10 could
commit after one holding 11, and a reader that saw 11 would never look at 10.

The log keeps about its last KEEP rows (pruned by a trigger every KEEP rows); a kept search that
far behind is made afresh (stories.search_kept.MOST_CHANGES is far below KEEP).
"""

from django.db.backends.base.base import BaseDatabaseWrapper

from stories.triggers import create_row_triggers, drop_row_triggers

TABLE = "stories_searchchange"
KEEP = 1000
PUBLISHED = "'published'"
# The story columns a search's result depends on (its cards are read afresh on every request).
STORY_COLUMNS = ("title", "body", "status", "published_at", "setting", "perspective")
_LOCK = "PERFORM 1 FROM stories_contentversion WHERE id = 1 FOR NO KEY UPDATE"


def _log(vendor: str, *story_ids: str) -> list[str]:
    statements = [_LOCK] if vendor == "postgresql" else []
    return statements + [f"INSERT INTO {TABLE} (story_id) VALUES ({pk})" for pk in story_ids]


def _parent_is_published(row: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM stories_story WHERE id = {row}.content_object_id "
        f"AND status = {PUBLISHED})"
    )


def triggers(vendor: str) -> list[tuple[str, str, str, str, list[str]]]:
    """(name, event, table, condition, statements) for every change a search must re-rank."""
    differs = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    changed = " OR ".join(f"OLD.{column} {differs} NEW.{column}" for column in STORY_COLUMNS)
    published = f"OLD.status = {PUBLISHED} OR NEW.status = {PUBLISHED}"
    return [
        (
            "stories_story_search_log_insert",
            "INSERT",
            "stories_story",
            f"NEW.status = {PUBLISHED}",
            _log(vendor, "NEW.id"),
        ),
        (
            "stories_story_search_log_delete",
            "DELETE",
            "stories_story",
            f"OLD.status = {PUBLISHED}",
            _log(vendor, "OLD.id"),
        ),
        (
            "stories_story_search_log_update",
            f"UPDATE OF {', '.join(STORY_COLUMNS)}",
            "stories_story",
            f"({published}) AND ({changed})",
            _log(vendor, "NEW.id"),
        ),
        (
            "stories_practicedin_search_log_insert",
            "INSERT",
            "stories_practicedin",
            _parent_is_published("NEW"),
            _log(vendor, "NEW.content_object_id"),
        ),
        (
            "stories_practicedin_search_log_delete",
            "DELETE",
            "stories_practicedin",
            _parent_is_published("OLD"),
            _log(vendor, "OLD.content_object_id"),
        ),
        (
            "stories_practicedin_search_log_update",
            "UPDATE OF tag_id, content_object_id",
            "stories_practicedin",
            "1 = 1",
            _log(vendor, "OLD.content_object_id", "NEW.content_object_id"),
        ),
        (
            "stories_searchchange_prune",
            "INSERT",
            TABLE,
            f"NEW.id % {KEEP} = 0",
            [f"DELETE FROM {TABLE} WHERE id <= NEW.id - {KEEP}"],
        ),
    ]


def trigger_names() -> set[str]:
    return {name for name, *_ in triggers("sqlite")}


def create_sql(vendor: str) -> list[str]:
    return create_row_triggers(triggers(vendor), vendor)


def drop_sql(vendor: str) -> list[str]:
    return drop_row_triggers(triggers(vendor), vendor)


def installed(conn: BaseDatabaseWrapper) -> bool:
    """Whether this database has the log table yet (older migrations recreate triggers too)."""
    return TABLE in conn.introspection.table_names()


def install(conn: BaseDatabaseWrapper) -> None:
    """Create or replace the triggers (the bench seeder's reload, after a load without them)."""
    with conn.cursor() as cursor:
        for statement in create_sql(conn.vendor):
            cursor.execute(statement)


# The newest position, as a statement (stories.search reads it with another value).
POSITION = f"SELECT MAX(id) FROM {TABLE}"


def position(conn: BaseDatabaseWrapper) -> int:
    """The newest position: read BEFORE a search, so a change racing it is re-ranked later."""
    with conn.cursor() as cursor:
        cursor.execute(POSITION)
        return cursor.fetchone()[0] or 0


def changes_sql(after: int, *, most: int) -> tuple[str, list]:
    """The rows from `after` on, oldest first, enough to tell more than `most` changes (or the
    newest row, if older): for `read_changes`, alone or joined to the stories they name."""
    # The limit written in, not bound: with a bound one SQLite guessed the rows many, and built
    # a Bloom filter over every story to join them (200 ms at 100,000 stories).
    # From the newest row instead when the log holds none as new as `after`: one range of ids.
    newest = f"(SELECT MAX(id) FROM {TABLE})"
    sql = (
        f"SELECT id, story_id FROM {TABLE} WHERE id >= CASE WHEN {newest} < %s "
        f"THEN {newest} ELSE %s END ORDER BY id LIMIT {int(most) + 2}"
    )
    return sql, [after, after]


def read_changes(
    rows, after: int, *, most: int, stories: int | None = None
) -> tuple[int, set[int]] | None:
    """(the newest position, the stories changed after `after`) from the rows of `changes_sql`;
    None when they cannot be told: more than `most` changes, or a log that restarted below
    `after` (a database emptied); or when more than `stories` stories changed."""
    changed = {story_id for pk, story_id in rows if pk > after}
    newest = max((pk for pk, _ in rows), default=0)
    if newest < after or len({pk for pk, _ in rows if pk > after}) > most:
        return None
    if stories is not None and len(changed) > stories:
        return None
    return newest, changed


def changes_since(
    conn: BaseDatabaseWrapper, after: int, *, most: int
) -> tuple[int, set[int]] | None:
    with conn.cursor() as cursor:
        cursor.execute(*changes_sql(after, most=most))
        return read_changes(cursor.fetchall(), after, most=most)
