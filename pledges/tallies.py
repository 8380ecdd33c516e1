"""The practice page's "38 people tried this; 12 wrote back", kept by database triggers.

Like stories.tallies: triggers change the counts in the same transaction as the change, so every
path keeps them right (a pledge made or undone, an account deleted, a story written from a pledge
published, withdrawn, hidden by flags, unpublished or deleted, from the site, the admin or a
shell), and the page reads one row instead of counting.

`pledged` counts active pledges (one per member and practice, so people); `wrote_back` those of
them with a published story written from the pledge (one story per pledge, a constraint).

The triggers on stories_story are created by this app's migration and, because SQLite drops a
table's triggers when a migration rebuilds it, again by every stories.database.CreateTriggers once
the pledge tables exist (stories.database drops and recreates them with its own).
"""

from django.db.backends.base.base import BaseDatabaseWrapper

from stories.triggers import create_row_triggers, drop_row_triggers

TABLE = "pledges_pledgetally"
PUBLISHED = "'published'"


def _add(select: str) -> str:
    """Add each (practice, pledged, wrote_back) row the SELECT yields; it always has a WHERE
    (SQLite's upsert needs one to parse)."""
    return (
        f"INSERT INTO {TABLE} (practice_id, pledged, wrote_back) {select} "
        f"ON CONFLICT (practice_id) DO UPDATE SET "
        f"pledged = {TABLE}.pledged + excluded.pledged, "
        f"wrote_back = {TABLE}.wrote_back + excluded.wrote_back"
    )


def _pledge_rows(row: str, sign: str) -> list[str]:
    """An active pledge, and its published story if it has one."""
    active = f"{row}.cancelled_at IS NULL"
    return [
        _add(f"SELECT {row}.practice_id, {sign}, 0 WHERE {active}"),
        _add(
            f"SELECT {row}.practice_id, 0, {sign} FROM stories_story "
            f"WHERE pledge_id = {row}.id AND status = {PUBLISHED} AND {active}"
        ),
    ]


def _story_rows(row: str, sign: str) -> list[str]:
    """A published story written from a pledge still active."""
    return [
        _add(
            f"SELECT practice_id, 0, {sign} FROM pledges_pledge WHERE id = {row}.pledge_id "
            f"AND cancelled_at IS NULL AND {row}.status = {PUBLISHED}"
        )
    ]


def triggers() -> list[tuple[str, str, str, str, list[str]]]:
    """(name, event, table, condition, statements) for every change to a kept pledge count."""
    pledge_moved = (
        "(OLD.cancelled_at IS NULL) <> (NEW.cancelled_at IS NULL) "
        "OR OLD.practice_id <> NEW.practice_id"
    )
    story_moved = (
        f"(OLD.status = {PUBLISHED} OR NEW.status = {PUBLISHED}) "
        "AND (OLD.pledge_id IS NOT NULL OR NEW.pledge_id IS NOT NULL) "
        "AND (OLD.status <> NEW.status "
        "OR COALESCE(OLD.pledge_id, 0) <> COALESCE(NEW.pledge_id, 0))"
    )
    return [
        (
            "pledges_pledge_tally_insert",
            "INSERT",
            "pledges_pledge",
            "NEW.cancelled_at IS NULL",
            _pledge_rows("NEW", "1"),
        ),
        (
            "pledges_pledge_tally_delete",
            "DELETE",
            "pledges_pledge",
            "OLD.cancelled_at IS NULL",
            _pledge_rows("OLD", "-1"),
        ),
        (
            "pledges_pledge_tally_update",
            "UPDATE OF cancelled_at, practice_id",
            "pledges_pledge",
            pledge_moved,
            _pledge_rows("OLD", "-1") + _pledge_rows("NEW", "1"),
        ),
        (
            "stories_story_pledge_tally_insert",
            "INSERT",
            "stories_story",
            f"NEW.pledge_id IS NOT NULL AND NEW.status = {PUBLISHED}",
            _story_rows("NEW", "1"),
        ),
        (
            "stories_story_pledge_tally_delete",
            "DELETE",
            "stories_story",
            f"OLD.pledge_id IS NOT NULL AND OLD.status = {PUBLISHED}",
            _story_rows("OLD", "-1"),
        ),
        (
            "stories_story_pledge_tally_update",
            "UPDATE OF status, pledge_id",
            "stories_story",
            story_moved,
            _story_rows("OLD", "-1") + _story_rows("NEW", "1"),
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
    f"INSERT INTO {TABLE} (practice_id, pledged, wrote_back) "
    "SELECT practice_id, COUNT(*), 0 FROM pledges_pledge WHERE cancelled_at IS NULL "
    "GROUP BY practice_id",
    f"UPDATE {TABLE} SET wrote_back = (SELECT COUNT(*) FROM pledges_pledge pledge "
    "JOIN stories_story story ON story.pledge_id = pledge.id "
    f"WHERE pledge.practice_id = {TABLE}.practice_id AND pledge.cancelled_at IS NULL "
    f"AND story.status = {PUBLISHED})",
]


def installed(conn: BaseDatabaseWrapper) -> bool:
    """Whether this database has the pledge tables and the story's link yet (a stories migration
    may run before ours)."""
    if TABLE not in conn.introspection.table_names():
        return False
    with conn.cursor() as cursor:
        columns = conn.introspection.get_table_description(cursor, "stories_story")
    return any(column.name == "pledge_id" for column in columns)


def rebuild(conn: BaseDatabaseWrapper) -> None:
    """Count afresh (after a bulk load that ran with the triggers off)."""
    with conn.cursor() as cursor:
        for statement in REBUILD_SQL:
            cursor.execute(statement)


def install(conn: BaseDatabaseWrapper) -> None:
    """Create or replace the triggers and count afresh (the bench seeder's reload)."""
    with conn.cursor() as cursor:
        for statement in create_sql(conn.vendor):
            cursor.execute(statement)
    rebuild(conn)
