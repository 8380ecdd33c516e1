"""The queue version: a counter the database moves on whenever a count moderators see can change.

Every moderator page shows the badge (stories and edits waiting, stories flagged): the same for
every moderator, and counting it cost each page 0.2 to 0.3 ms of about 3 (SQLite and PostgreSQL,
1,000 waiting). So each process keeps the counts it read with the version, and counts again only
once the version has moved on (moderation.standing); the flagged queue's order is kept the same
way (moderation.listing). Triggers move it in the same transaction as
every change that can move a count, whatever made it (a decision, the admin, an account
deletion, a shell): a story sent, decided, withdrawn, deleted or given another author; an edit
sent, decided or deleted; a flag raised, resolved or deleted; a suspension begun, changed,
lifted or deleted. Drafts move nothing.

One change moves a count with no write at all: a suspension running out puts its member's
stories back in the queue. The soonest end of a suspension in force is read with the counts, and
they are kept only until then.

On PostgreSQL the triggers are deferred to the commit (constraint triggers): the one row they
update is locked from then to the end of the commit, after every other lock the transaction
took. Locked in the middle of a transaction it could deadlock two: a flag raised (the row
locked) and then its story hidden (the story's row wanted) against a decision on that story (its
row locked, then this one wanted). SQLite has one writer at a time.
"""

import secrets

from django.db.backends.base.base import BaseDatabaseWrapper

from stories.triggers import create_row_triggers, drop_row_triggers

TABLE = "moderation_queueversion"
BUMP = f"UPDATE {TABLE} SET version = version + 1 WHERE id = 1"
# The row the triggers move: put back where it is missing (an emptied database), or they move
# nothing, and the counts kept would never be counted again.
ENSURE_ROW = f"INSERT INTO {TABLE} (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING"
_PUT_BACK = f"INSERT INTO {TABLE} (id, version) VALUES (1, %s) ON CONFLICT (id) DO NOTHING"
_POSTGRESQL_BUMP = "moderation_queue_version_bump"
DRAFT = "'draft'"

# The columns each table's counts depend on, beside its rows coming and going.
_WATCHED = {
    "stories_story": ("status", "author_id", "submitted_at", "first_submitted_at"),
    "stories_storyrevision": ("status", "story_id", "created_at"),
    "moderation_flag": ("resolved_at", "story_id"),
    "moderation_suspension": ("member_id", "ended_at", "until"),
}


def put_back(cursor) -> None:
    """The row put back where it went missing, from a random version rather than 0: processes
    may still keep what they read under the versions the emptied row went through (the badge's
    counts, the flagged queue's order), and a version counted again from 0 would match them."""
    cursor.execute(_PUT_BACK, [secrets.randbelow(2**62)])


def triggers(vendor: str) -> list[tuple[str, str, str, str, list[str]]]:
    """(name, event, table, condition, statements) for every change that can move a count."""
    differs = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    found = []
    for table, columns in _WATCHED.items():
        changed = " OR ".join(f"OLD.{column} {differs} NEW.{column}" for column in columns)
        inserted = deleted = "1 = 1"
        if table == "stories_story":
            inserted, deleted = f"NEW.status <> {DRAFT}", f"OLD.status <> {DRAFT}"
            changed = f"(OLD.status <> {DRAFT} OR NEW.status <> {DRAFT}) AND ({changed})"
        found += [
            (f"{table}_queue_insert", "INSERT", table, inserted, [BUMP]),
            (f"{table}_queue_delete", "DELETE", table, deleted, [BUMP]),
            (f"{table}_queue_update", f"UPDATE OF {', '.join(columns)}", table, changed, [BUMP]),
        ]
    return found


def trigger_names() -> set[str]:
    return {name for name, *_ in triggers("sqlite")}


def create_sql(vendor: str) -> list[str]:
    if vendor != "postgresql":
        return create_row_triggers(triggers(vendor), vendor)
    statements = [
        f"CREATE OR REPLACE FUNCTION {_POSTGRESQL_BUMP}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {BUMP}; RETURN NULL; END $$"
    ]
    for name, event, table, condition, _ in triggers(vendor):
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE CONSTRAINT TRIGGER {name} AFTER {event} ON {table}"
            f" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ({condition})"
            f" EXECUTE FUNCTION {_POSTGRESQL_BUMP}()",
        ]
    return statements


def drop_sql(vendor: str) -> list[str]:
    if vendor != "postgresql":
        return drop_row_triggers(triggers(vendor), vendor)
    statements = [
        f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, _, table, *_ in triggers(vendor)
    ]
    return [*statements, f"DROP FUNCTION IF EXISTS {_POSTGRESQL_BUMP}()"]


def installed(conn: BaseDatabaseWrapper) -> bool:
    """Whether this database has the version's table yet (older migrations recreate triggers)."""
    return TABLE in conn.introspection.table_names()


def install(conn: BaseDatabaseWrapper) -> None:
    """Create or replace the triggers and the row (the bench seeder's reload, after a load
    without them)."""
    with conn.cursor() as cursor:
        for statement in [*create_sql(conn.vendor), ENSURE_ROW]:
            cursor.execute(statement)
