"""What the PostgreSQL seeder drops for the load and builds back, read from the catalog: the
definitions migrations made, so an index or key another branch adds is built back too."""

from django.db import connection

BIG_TABLES = ("stories_story", "stories_practicedin", "stories_taggedstory")
# Referenced by no foreign key: their own keys can go while loading.
LINK_TABLES = ("stories_practicedin", "stories_taggedstory")


def secondary_indexes(cursor) -> list[tuple[str, str]]:
    """The indexes to drop for the load and build back from their definitions. The unique ones
    stay: they are rules, nearly empty here (partial), and one built back from its definition
    read differently from the migration's (its ARRAY cast), so the schema no longer matched."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i "
        "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
        "AND i.indexdef NOT LIKE 'CREATE UNIQUE %%' AND NOT EXISTS ("
        "  SELECT 1 FROM pg_constraint c "
        "  WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))"
        "::regclass)",
        [list(BIG_TABLES)],
    )
    return cursor.fetchall()


def foreign_keys(cursor) -> list[tuple[str, str, str]]:
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
        [list(BIG_TABLES)],
    )
    return cursor.fetchall()


def link_keys(cursor) -> list[tuple[str, str, str]]:
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype IN ('p', 'u') AND conrelid::regclass::text = ANY(%s)",
        [list(LINK_TABLES)],
    )
    return cursor.fetchall()


def table_of(definition: str) -> str:
    """The table an index definition (CREATE INDEX name ON schema.table ...) is on."""
    return definition.split(" ON ", 1)[1].split()[0].rsplit(".", 1)[-1].removeprefix("ONLY ")


def add_constraint(table: str, name: str, definition: str) -> str:
    return f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"


def build_order(definition: str) -> tuple[bool, bool]:
    return ("USING gin" not in definition, "search_vector" not in definition)
