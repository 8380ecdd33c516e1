"""The content version: a counter the database itself bumps whenever reader-visible data changes.

Triggers rather than Python calls, so no code path (a decision, the admin, a shell, a bulk update)
can change a published story without invalidating cached pages. Changes readers cannot see (a
draft saved, a story submitted, a thanks counted) leave the version alone, so the cache survives a
busy day of submissions; cached pages expire within a minute anyway, which bounds stale counts.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

# The columns of stories_story whose change alters what a reader sees (thanks_count excluded).
STORY_COLUMNS = (
    "title, body, perspective, setting, photo_id, photo_alt, is_anonymous, author_id, "
    "status, published_at"
)
BUMP = "UPDATE stories_contentversion SET version = version + 1 WHERE id = 1"
PUBLISHED = "'published'"


def _story_is_published(row: str) -> str:
    return f"{row}.status = {PUBLISHED}"


def _parent_is_published(row: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM stories_story WHERE id = {row}.content_object_id "
        f"AND status = {PUBLISHED})"
    )


def _triggers() -> list[tuple[str, str, str, str]]:
    """(name, event, table, condition) for every change that reaches a reader page."""
    triggers = [
        ("stories_story_bump_insert", "INSERT", "stories_story", _story_is_published("NEW")),
        ("stories_story_bump_delete", "DELETE", "stories_story", _story_is_published("OLD")),
        (
            "stories_story_bump_update",
            f"UPDATE OF {STORY_COLUMNS}",
            "stories_story",
            f"{_story_is_published('OLD')} OR {_story_is_published('NEW')}",
        ),
        ("stories_practice_bump_change", "INSERT OR UPDATE OR DELETE", "stories_practice", "1 = 1"),
        (
            "accounts_user_bump_update",
            "UPDATE OF display_name, is_active",
            "accounts_user",
            "1 = 1",
        ),
    ]
    for table in ("stories_practicedin", "stories_taggedstory"):
        triggers.append((f"{table}_bump_insert", "INSERT", table, _parent_is_published("NEW")))
        triggers.append((f"{table}_bump_delete", "DELETE", table, _parent_is_published("OLD")))
    return triggers


def install(conn: BaseDatabaseWrapper) -> None:
    """Create the version row and its triggers if missing. Safe to run any number of times."""
    with conn.cursor() as cursor:
        cursor.execute(
            "INSERT INTO stories_contentversion (id, version) "
            "SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM stories_contentversion WHERE id = 1)"
        )
        if conn.vendor == "sqlite":
            _install_sqlite(cursor)
        elif conn.vendor == "postgresql":
            _install_postgresql(cursor)


def _install_sqlite(cursor) -> None:
    # SQLite rebuilds a table to alter it, dropping its triggers: IF NOT EXISTS restores them.
    for name, event, table, condition in _triggers():
        for single_event in event.split(" OR "):
            suffix = "" if " OR " not in event else "_" + single_event.split()[0].lower()
            cursor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name}{suffix} AFTER {single_event} ON {table} "
                f"WHEN {condition} BEGIN {BUMP}; END"
            )


def _install_postgresql(cursor) -> None:
    # PostgreSQL forbids subqueries in a trigger's WHEN, so each condition runs in its function.
    for name, event, table, condition in _triggers():
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN IF {condition} THEN {BUMP}; END IF; RETURN NULL; END $$"
        )
        cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        cursor.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"
        )


def current(conn: BaseDatabaseWrapper) -> int:
    with conn.cursor() as cursor:
        cursor.execute("SELECT version FROM stories_contentversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0
