"""Kept lists of published stories by free tag, so a tag's page is one index seek.

A tag is rare (a few stories in a hundred carry one), so "newest first under this tag" over the
story table and taggit's links walks the newest stories probing each for the tag, about a
thousand rows a page. stories_taglisting holds one row per published story and tag, with its
publication moment (stories.kept_models.TagListing), and its index answers the page directly.

Database triggers keep it in the same transaction as the change, like the kept counts
(stories.tallies), so every path that publishes, hides, withdraws, deletes, re-dates or re-tags
a story (decisions, the admin, takedowns, account deletion, an applied edit, a shell) keeps it
right. Renaming a tag changes nothing here: lists look the tag up by slug, then by id.

The migration that adds the table creates the triggers and fills it; later CreateTriggers and
DropTriggers (stories.database) recreate or drop them once it exists, as a rebuilt SQLite table
loses them; `rebuild` fills it afresh after a bulk load (the bench seeder).

A tag's page reads its rows and its bounded count by `page_rows` and `bounded_count`: prepared
statements written here, as tag_id is a 32-bit column that kindness.statements' stand-ins do
not fit. Built as querysets, the two cost the first render of a tag's page after every publish
about a millisecond more than the database took to answer them (1.44 ms against 0.51 at a
million stories on PostgreSQL).
"""

from datetime import datetime

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

from kindness.statements import as_datetime, prepared_cursor
from stories.triggers import create_row_triggers, drop_row_triggers

TABLE = "stories_taglisting"
PUBLISHED = "'published'"
# Newest first down the tag's index (taglisting_newest); `upwards`, oldest first from a position.
_ROWS = f"SELECT story_id, published_at FROM {TABLE} WHERE tag_id = %s"
_BEYOND = {
    False: " AND (published_at, story_id) < (%s, %s) ORDER BY published_at DESC, story_id DESC",
    True: " AND (published_at, story_id) > (%s, %s) ORDER BY published_at, story_id",
}
_NEWEST_FIRST = " ORDER BY published_at DESC, story_id DESC"
_BOUNDED_COUNT = (
    f"SELECT COUNT(*) FROM (SELECT 1 FROM {TABLE} WHERE tag_id = %s LIMIT %s) AS listed"
)


def page_rows(
    tag_id: int,
    *,
    limit: int,
    offset: int = 0,
    beyond: tuple[datetime, int] | None = None,
    upwards: bool = False,
) -> list[tuple[int, datetime]]:
    """(story id, moment published) of up to `limit` stories of the tag's list, newest first:
    from the `offset`th, or after the position `beyond` ((moment, story id); `upwards`: before
    it, oldest first)."""
    sql, params = _ROWS, [tag_id]
    if beyond is None:
        sql += _NEWEST_FIRST
    else:
        moment, story_id = beyond
        sql += _BEYOND[upwards]
        params += [connection.ops.adapt_datetimefield_value(moment), story_id]
    with prepared_cursor(connection) as cursor:
        cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset])
        return [(story_id, as_datetime(moment)) for story_id, moment in cursor.fetchall()]


def bounded_count(tag_id: int, most: int) -> int:
    """How many stories the tag's list holds, counted no further than `most`."""
    with prepared_cursor(connection) as cursor:
        cursor.execute(_BOUNDED_COUNT, [tag_id, most])
        return cursor.fetchone()[0]


def _story_tags(row: str, when: str) -> str:
    """Add the story's tags as linked at this moment (the WHERE lets SQLite parse the upsert)."""
    return (
        f"INSERT INTO {TABLE} (tag_id, story_id, published_at) "
        f"SELECT tag_id, {row}.id, {row}.published_at FROM stories_taggedstory "
        f"WHERE content_object_id = {row}.id AND {when} ON CONFLICT DO NOTHING"
    )


def _link(row: str) -> str:
    """Add one tag link while its story is published."""
    return (
        f"INSERT INTO {TABLE} (tag_id, story_id, published_at) "
        f"SELECT {row}.tag_id, id, published_at FROM stories_story "
        f"WHERE id = {row}.content_object_id AND status = {PUBLISHED} ON CONFLICT DO NOTHING"
    )


def _unlink(row: str) -> str:
    return f"DELETE FROM {TABLE} WHERE story_id = {row}.content_object_id AND tag_id = {row}.tag_id"


def triggers() -> list[tuple[str, str, str, str, list[str]]]:
    """(name, event, table, condition, statements) for every change to a kept tag list."""
    old, new = f"OLD.status = {PUBLISHED}", f"NEW.status = {PUBLISHED}"
    return [
        (
            "stories_story_taglist_insert",
            "INSERT",
            "stories_story",
            new,
            [_story_tags("NEW", "1 = 1")],
        ),
        (
            "stories_story_taglist_delete",
            "DELETE",
            "stories_story",
            old,
            [f"DELETE FROM {TABLE} WHERE story_id = OLD.id"],
        ),
        (
            # Taken off the lists and put back with its (perhaps new) date while still published.
            "stories_story_taglist_update",
            "UPDATE OF status, published_at",
            "stories_story",
            f"{old} OR {new}",
            [f"DELETE FROM {TABLE} WHERE story_id = OLD.id", _story_tags("NEW", new)],
        ),
        (
            "stories_taggedstory_taglist_insert",
            "INSERT",
            "stories_taggedstory",
            "1 = 1",
            [_link("NEW")],
        ),
        (
            "stories_taggedstory_taglist_delete",
            "DELETE",
            "stories_taggedstory",
            "1 = 1",
            [_unlink("OLD")],
        ),
        (
            "stories_taggedstory_taglist_update",
            "UPDATE OF tag_id, content_object_id",
            "stories_taggedstory",
            "1 = 1",
            [_unlink("OLD"), _link("NEW")],
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
    f"INSERT INTO {TABLE} (tag_id, story_id, published_at) "
    f"SELECT link.tag_id, story.id, story.published_at FROM stories_taggedstory link "
    f"JOIN stories_story story ON story.id = link.content_object_id "
    f"WHERE story.status = {PUBLISHED}",
]


def installed(conn: BaseDatabaseWrapper) -> bool:
    """Whether this database has the table yet (migrations before it recreate triggers too)."""
    return TABLE in conn.introspection.table_names()


def install(conn: BaseDatabaseWrapper) -> None:
    """Create or replace the triggers and fill the lists afresh (after a bulk load)."""
    with conn.cursor() as cursor:
        for statement in create_sql(conn.vendor) + REBUILD_SQL:
            cursor.execute(statement)
