"""Migration operations for the database objects models cannot describe.

Two kinds, each with SQL per database vendor and reverse SQL, so `migrate` creates them and
`sqlmigrate stories <name>` prints them:

- `CreateSearchIndex()`: the full-text index (stories.search). FTS5 on SQLite; on PostgreSQL a
  generated tsvector column with a GIN index.
- `CreateTriggers(story_columns=...)`: the content-version triggers (stories.freshness) and, on
  SQLite, the triggers that keep the FTS5 index current. Creates or replaces every one of them.

When a migration alters one of TRIGGER_TABLES, append `CreateTriggers` to its operations. SQLite
alters a table by rebuilding it (copy, drop, rename), and dropping a table drops its triggers;
on PostgreSQL the operation only replaces the triggers with the same ones:

    operations = [
        migrations.AlterField(model_name="story", name="title", field=...),
        CreateTriggers(story_columns=(...)),  # the tuple of the latest migration, copied
    ]

`story_columns` is a frozen copy of stories.freshness.story_columns() at the time the migration
was written, so a later model change never rewrites an old migration. When a field is added to
freshness.BUMPING_STORY_FIELDS, its migration appends `CreateTriggers` with the new tuple.
tests/stories/test_database_machinery.py fails when either is forgotten: it compares the triggers
found after `migrate` with the declared ones, and their columns with the model.

PostgreSQL refuses to change the type of title or body while the generated search column reads
them: such a migration runs `CreateSearchIndex` backwards before the change and forwards after.
"""

from django.db import router
from django.db.migrations.operations.base import Operation, OperationCategory

from stories import freshness, search

TRIGGER_TABLES = (
    "stories_story",
    "stories_practice",
    "stories_practicedin",
    "stories_taggedstory",
    "accounts_user",
    "taggit_tag",
)


def trigger_names(vendor: str) -> set[str]:
    """Every trigger the migrations create on this database."""
    names = freshness.trigger_names(vendor)
    if vendor == "sqlite":
        names |= set(search.SQLITE_TRIGGERS)
    return names


class _VendorSQL(Operation):
    """Runs `forwards(vendor)` or `backwards(vendor)`: lists of statements, empty for no change."""

    category = OperationCategory.SQL
    reduces_to_sql = True
    reversible = True

    def state_forwards(self, app_label, state):
        pass

    def forwards(self, vendor: str) -> list[str]:
        raise NotImplementedError

    def backwards(self, vendor: str) -> list[str]:
        raise NotImplementedError

    def _run(self, app_label, schema_editor, statements: list[str]) -> None:
        if router.allow_migrate(schema_editor.connection.alias, app_label):
            for statement in statements:
                # No params: the SQL holds '%' literally and sqlmigrate prints it as it runs.
                schema_editor.execute(statement, params=None)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, self.forwards(schema_editor.connection.vendor))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, self.backwards(schema_editor.connection.vendor))


class CreateSearchIndex(_VendorSQL):
    def forwards(self, vendor: str) -> list[str]:
        created = {"sqlite": search.SQLITE_CREATE, "postgresql": search.POSTGRESQL_CREATE}
        return created.get(vendor, [])

    def backwards(self, vendor: str) -> list[str]:
        dropped = {"sqlite": search.SQLITE_DROP, "postgresql": search.POSTGRESQL_DROP}
        return dropped.get(vendor, [])

    def deconstruct(self):
        return (self.__class__.__name__, [], {})

    def describe(self) -> str:
        return "Create the full-text search index of stories"


class CreateTriggers(_VendorSQL):
    def __init__(self, *, story_columns: tuple[str, ...]):
        self.story_columns = tuple(story_columns)

    def forwards(self, vendor: str) -> list[str]:
        statements = freshness.create_sql(vendor, story_columns=self.story_columns)
        if vendor == "sqlite":
            statements += search.sqlite_trigger_sql()
        return statements

    def backwards(self, vendor: str) -> list[str]:
        statements = freshness.drop_sql(vendor)
        if vendor == "sqlite":
            statements += [f"DROP TRIGGER IF EXISTS {name}" for name in search.SQLITE_TRIGGERS]
        return statements

    def deconstruct(self):
        return (self.__class__.__name__, [], {"story_columns": self.story_columns})

    def describe(self) -> str:
        return "Create or replace the content-version and search triggers"
