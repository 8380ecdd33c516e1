"""The content version: a counter the database itself bumps whenever reader-visible data changes.

Triggers rather than Python calls, so no code path (a decision, the admin, a shell, a bulk update)
can change a published story without invalidating cached pages. Changes readers cannot see (a
draft saved, a story submitted, a thanks counted) leave the version alone, so the cache survives a
busy day of submissions; cached pages expire within a minute anyway, which bounds stale counts.

Every concrete field of Story is declared here as bumping or quiet (a test fails for a field in
neither). The triggers themselves are created by migrations (stories.database.CreateTriggers) from
a frozen copy of `story_columns()`, so changing the model never rewrites an old migration.
"""

import secrets
from typing import NamedTuple

from django.db.backends.base.base import BaseDatabaseWrapper

from kindness.statements import prepared_cursor
from stories import tag_lists, tallies
from stories.models import Story
from stories.triggers import create_row_triggers, drop_row_triggers, postgresql_trigger

# A change to one of these on a published story changes a reader page.
BUMPING_STORY_FIELDS = frozenset(
    {
        "title",
        "body",
        "perspective",
        "setting",
        "photo",
        "photo_alt",
        "is_anonymous",
        "author",
        "status",
        "published_at",
        "featured_at",
    }
)
# Never shown to readers, or (thanks_count) allowed to lag by the page cache's lifetime.
# pledge is set before a story is published; it changes on a published story only when the
# member's pledges are deleted, and "Tried after reading about" may then linger that long.
QUIET_STORY_FIELDS = frozenset(
    {
        "pledge",
        "id",
        "moderator_note",
        "rejected_for",
        "thanks_count",
        "is_demo",
        "content_hash",
        "created_at",
        "updated_at",
        "submitted_at",
        "first_submitted_at",
    }
)

BUMP = "UPDATE stories_contentversion SET version = version + 1 WHERE id = 1"
ENSURE_ROW = (
    "INSERT INTO stories_contentversion (id, version) "
    "SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM stories_contentversion WHERE id = 1)"
)
PUBLISHED = "'published'"
# The practices' own number on the same row, moved by their own triggers beside the content
# version's: apart from triggers(), as the migrations before its column create those.
PRACTICES_BUMP = (
    "UPDATE stories_contentversion SET practices_version = practices_version + 1 WHERE id = 1"
)
# (name, event, table, condition, statements), one event each as SQLite's triggers take them.
PRACTICES_TRIGGERS = [
    (
        f"stories_practice_practices_version_{event.lower()}",
        event,
        "stories_practice",
        "1 = 1",
        [PRACTICES_BUMP],
    )
    for event in ("INSERT", "UPDATE", "DELETE")
]
_VERSIONS = "SELECT version, practices_version FROM stories_contentversion WHERE id = 1"
# A row put back (an emptied table) starts its practices from a random number: processes may
# still keep practices read under the numbers the emptied row went through.
_PUT_BACK = (
    "INSERT INTO stories_contentversion (id, version, practices_version) "
    "SELECT 1, 0, %s WHERE NOT EXISTS (SELECT 1 FROM stories_contentversion WHERE id = 1)"
)


class Versions(NamedTuple):
    """The content version and the practices version, read together."""

    content: int
    practices: int


def story_columns() -> tuple[str, ...]:
    """The bumping columns of stories_story, in the model's order."""
    return tuple(f.column for f in Story._meta.concrete_fields if f.name in BUMPING_STORY_FIELDS)


def _story_is_published(row: str) -> str:
    return f"{row}.status = {PUBLISHED}"


def _parent_is_published(row: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM stories_story WHERE id = {row}.content_object_id "
        f"AND status = {PUBLISHED})"
    )


def triggers(story_columns: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
    """(name, event, table, condition) for every change that reaches a reader page."""
    found = [
        ("stories_story_bump_insert", "INSERT", "stories_story", _story_is_published("NEW")),
        ("stories_story_bump_delete", "DELETE", "stories_story", _story_is_published("OLD")),
        (
            "stories_story_bump_update",
            f"UPDATE OF {', '.join(story_columns)}",
            "stories_story",
            f"{_story_is_published('OLD')} OR {_story_is_published('NEW')}",
        ),
        ("stories_practice_bump_change", "INSERT OR UPDATE OR DELETE", "stories_practice", "1 = 1"),
        ("taggit_tag_bump_update", "UPDATE OF name, slug", "taggit_tag", "1 = 1"),
        (
            "accounts_user_bump_update",
            "UPDATE OF display_name, is_active",
            "accounts_user",
            "1 = 1",
        ),
    ]
    for table in ("stories_practicedin", "stories_taggedstory"):
        found.append((f"{table}_bump_insert", "INSERT", table, _parent_is_published("NEW")))
        found.append((f"{table}_bump_delete", "DELETE", table, _parent_is_published("OLD")))
    return found


def _sqlite_split(name: str, event: str) -> list[tuple[str, str]]:
    # SQLite triggers fire on one event each: INSERT OR UPDATE becomes name_insert and name_update.
    if " OR " not in event:
        return [(name, event)]
    return [(f"{name}_{single.split()[0].lower()}", single) for single in event.split(" OR ")]


def trigger_names(vendor: str) -> set[str]:
    """What the migrations create on this database (the columns do not change the names)."""
    declared = triggers(story_columns=("status",))
    if vendor == "sqlite":
        return {split for name, event, _, _ in declared for split, _ in _sqlite_split(name, event)}
    return {name for name, _, _, _ in declared}


def create_sql(vendor: str, *, story_columns: tuple[str, ...]) -> list[str]:
    """Statements that create the version row and create or replace every trigger."""
    statements = [ENSURE_ROW]
    for name, event, table, condition in triggers(story_columns):
        if vendor == "sqlite":
            # SQLite has no CREATE OR REPLACE TRIGGER.
            for split, single in _sqlite_split(name, event):
                statements += [
                    f"DROP TRIGGER IF EXISTS {split}",
                    f"CREATE TRIGGER {split} AFTER {single} ON {table} "
                    f"WHEN {condition} BEGIN {BUMP}; END",
                ]
        elif vendor == "postgresql":
            statements += postgresql_trigger(
                name, event=event, table=table, condition=condition, body=BUMP
            )
    return statements


def practices_create_sql(vendor: str) -> list[str]:
    """Create or replace the triggers that move the practices version."""
    return create_row_triggers(PRACTICES_TRIGGERS, vendor)


def practices_drop_sql(vendor: str) -> list[str]:
    return drop_row_triggers(PRACTICES_TRIGGERS, vendor)


def practices_trigger_names() -> set[str]:
    return {name for name, *_ in PRACTICES_TRIGGERS}


def practices_installed(conn: BaseDatabaseWrapper) -> bool:
    """Whether the version row has its practices column yet (older migrations recreate the
    triggers)."""
    with conn.cursor() as cursor:
        columns = conn.introspection.get_table_description(cursor, "stories_contentversion")
    return any(column.name == "practices_version" for column in columns)


def drop_sql(vendor: str) -> list[str]:
    statements = []
    for name, event, table, _ in triggers(story_columns=("status",)):
        if vendor == "sqlite":
            for split, _ in _sqlite_split(name, event):
                statements.append(f"DROP TRIGGER IF EXISTS {split}")
        elif vendor == "postgresql":
            statements += [
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"DROP FUNCTION IF EXISTS {name}()",
            ]
    return statements


def install(conn: BaseDatabaseWrapper) -> None:
    """Create or replace the triggers as the model declares them now (the bench seeder's reload).

    The kept story counts' and tag lists' triggers too, and both made afresh: a bulk load ran
    without them.
    """
    with conn.cursor() as cursor:
        for statement in create_sql(conn.vendor, story_columns=story_columns()):
            cursor.execute(statement)
        for statement in tallies.create_sql(conn.vendor):
            cursor.execute(statement)
        for statement in practices_create_sql(conn.vendor):
            cursor.execute(statement)
    tallies.rebuild(conn)
    if tag_lists.installed(conn):
        tag_lists.install(conn)


def current(conn: BaseDatabaseWrapper) -> int:
    """The content version (versions() tells why it is read so)."""
    return versions(conn).content


def versions(conn: BaseDatabaseWrapper) -> Versions:
    """The content and practices versions. The triggers only raise an existing row, so a missing
    one (emptied by `manage.py flush`, as between transactional tests) would freeze the versions
    and every cached page with them: it is put back on the first read. Prepared: a visitor's
    cached page reads nothing else, and planning it was a third of its time on PostgreSQL
    (0.18 ms against 0.13)."""
    with prepared_cursor(conn) as cursor:
        cursor.execute(_VERSIONS)
        row = cursor.fetchone()
        if row is None:
            cursor.execute(_PUT_BACK, [secrets.randbelow(2**62)])
            cursor.execute(_VERSIONS)
            row = cursor.fetchone()
    return Versions(*row)
