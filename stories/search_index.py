"""The full-text indexes search reads (stories.search), as SQL for the migrations.

PostgreSQL: stored generated tsvector columns with GIN indexes, `search_vector` (title weighted A,
body B) and `title_vector`. They are not model fields because SQLite has no tsvector.
SQLite: two external-content FTS5 tables, `stories_story_fts` (title, body) and
`stories_story_title_fts` (title), kept in step by triggers.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

from stories import search_log

# Weights A and B put a title match above a body match in the vector that finds matches anywhere.
POSTGRESQL_VECTOR = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'B')"
)
POSTGRESQL_TITLE_CREATE = [
    "ALTER TABLE stories_story ADD COLUMN IF NOT EXISTS title_vector tsvector GENERATED ALWAYS "
    "AS (to_tsvector('english'::regconfig, COALESCE(title, ''))) STORED",
    # Serves /search/: the title matches ranked first.
    "CREATE INDEX IF NOT EXISTS stories_story_title_search_gin "
    "ON stories_story USING GIN (title_vector)",
]
POSTGRESQL_TITLE_DROP = [
    "DROP INDEX IF EXISTS stories_story_title_search_gin",
    "ALTER TABLE stories_story DROP COLUMN IF EXISTS title_vector",
]
POSTGRESQL_CREATE = [
    "ALTER TABLE stories_story ADD COLUMN IF NOT EXISTS search_vector tsvector "
    f"GENERATED ALWAYS AS ({POSTGRESQL_VECTOR}) STORED",
    # Serves /search/: the @@ match below.
    "CREATE INDEX IF NOT EXISTS stories_story_search_gin "
    "ON stories_story USING GIN (search_vector)",
    *POSTGRESQL_TITLE_CREATE,
]
POSTGRESQL_DROP = [
    *POSTGRESQL_TITLE_DROP,
    "DROP INDEX IF EXISTS stories_story_search_gin",
    "ALTER TABLE stories_story DROP COLUMN IF EXISTS search_vector",
]

TOKENIZE = "tokenize='porter unicode61 remove_diacritics 2'"
SQLITE_TITLE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS stories_story_title_fts USING fts5(title, "
    f"content='stories_story', content_rowid='id', {TOKENIZE})"
]
SQLITE_TITLE_DROP = ["DROP TABLE IF EXISTS stories_story_title_fts"]
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS stories_story_fts USING fts5(title, body, "
    f"content='stories_story', content_rowid='id', {TOKENIZE})",
    *SQLITE_TITLE_CREATE,
]
SQLITE_DROP = ["DROP TABLE IF EXISTS stories_story_fts", *SQLITE_TITLE_DROP]
# The triggers that keep the FTS5 indexes in step with stories_story (stories.database re-creates
# them after SQLite rebuilds the table).
SQLITE_TITLE_TRIGGERS = {
    "stories_story_title_fts_insert": """CREATE TRIGGER stories_story_title_fts_insert
    AFTER INSERT ON stories_story BEGIN
        INSERT INTO stories_story_title_fts(rowid, title) VALUES (new.id, new.title);
    END""",
    "stories_story_title_fts_delete": """CREATE TRIGGER stories_story_title_fts_delete
    AFTER DELETE ON stories_story BEGIN
        INSERT INTO stories_story_title_fts(stories_story_title_fts, rowid, title)
        VALUES ('delete', old.id, old.title);
    END""",
    "stories_story_title_fts_update": """CREATE TRIGGER stories_story_title_fts_update
    AFTER UPDATE OF title ON stories_story BEGIN
        INSERT INTO stories_story_title_fts(stories_story_title_fts, rowid, title)
        VALUES ('delete', old.id, old.title);
        INSERT INTO stories_story_title_fts(rowid, title) VALUES (new.id, new.title);
    END""",
}
SQLITE_TRIGGERS = {
    "stories_story_fts_insert": """CREATE TRIGGER stories_story_fts_insert AFTER INSERT
    ON stories_story BEGIN
        INSERT INTO stories_story_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    "stories_story_fts_delete": """CREATE TRIGGER stories_story_fts_delete AFTER DELETE
    ON stories_story BEGIN
        INSERT INTO stories_story_fts(stories_story_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    "stories_story_fts_update": """CREATE TRIGGER stories_story_fts_update
    AFTER UPDATE OF title, body ON stories_story BEGIN
        INSERT INTO stories_story_fts(stories_story_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO stories_story_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    **SQLITE_TITLE_TRIGGERS,
}
SQLITE_TITLE_REBUILD = (
    "INSERT INTO stories_story_title_fts(stories_story_title_fts) VALUES ('rebuild')"
)
SQLITE_REBUILD = [
    "INSERT INTO stories_story_fts(stories_story_fts) VALUES ('rebuild')",
    SQLITE_TITLE_REBUILD,
]


def _replace_triggers(triggers: dict[str, str]) -> list[str]:
    statements = []
    for name, create in triggers.items():
        statements += [f"DROP TRIGGER IF EXISTS {name}", create]
    return statements


def sqlite_trigger_sql() -> list[str]:
    """Create or replace the FTS5 triggers, then reindex the rows changed without them."""
    return [*_replace_triggers(SQLITE_TRIGGERS), *SQLITE_REBUILD]


def sqlite_title_index_sql() -> list[str]:
    """The title-only index on its own, for the migration that added it to existing databases."""
    return [
        *SQLITE_TITLE_CREATE,
        *_replace_triggers(SQLITE_TITLE_TRIGGERS),
        SQLITE_TITLE_REBUILD,
    ]


def install(conn: BaseDatabaseWrapper) -> None:
    """Re-create what a bulk load switched off: on SQLite the FTS5 triggers and the change log's
    (stories.search_log), and a full reindex.

    PostgreSQL computes the generated columns whatever the triggers, and its seeder only
    disables the log's triggers, so it needs nothing.
    """
    if conn.vendor == "sqlite":
        with conn.cursor() as cursor:
            for statement in sqlite_trigger_sql():
                cursor.execute(statement)
        if search_log.installed(conn):
            search_log.install(conn)
