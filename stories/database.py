"""Migration operations for the database objects models cannot describe.

Each has SQL per database vendor and reverse SQL, so `migrate` creates the objects and
`sqlmigrate stories <name>` prints them:

- `CreateSearchIndex()`: the full-text indexes (stories.search_index). FTS5 on SQLite; on PostgreSQL
  generated tsvector columns with GIN indexes; one over title and body, one over titles alone.
- `CreateTitleSearchIndex()`: only the title index, for databases created before it existed.
- `CreateTriggers(story_columns=...)`: creates or replaces the content-version triggers
  (stories.freshness) and, on SQLite, the triggers that keep the FTS5 index current.
- `DropTriggers(story_columns=...)`: drops them all; backwards it creates them with those columns.
- `CreateSearchLog()`: the search change log's triggers (stories.search_log); either of the
  above also drops or recreates them once the log's table exists.
- `CreateQueueVersion()`: the moderation queue version's row and triggers
  (moderation.queue_version); either of the first two recreates or drops them too, below.
- `tallies=True` on either (every migration from 0011 on): the triggers keeping the kept story
  counts (stories.tallies) too; `FillTallies()` counts them afresh.
- Either also drops or recreates the pledge counts' triggers (pledges.tallies), some of which
  watch stories_story, once the database has the pledge tables, the kept tag lists'
  (stories.tag_lists, created with their table by `CreateTagLists()`) once it has that table,
  the moderation queue version's (moderation.queue_version) once it has that one, and the
  practices version's (stories.freshness) once the version row has its column: nothing to add
  to a migration.

A migration that alters one of TRIGGER_TABLES starts with `DropTriggers` and ends with
`CreateTriggers`. SQLite alters a table by rebuilding it (copy, drop, rename): the drop takes the
table's own triggers with it, and the rename fails while a trigger on another table still names
the dropped one ("error in trigger stories_practicedin_bump_insert: no such table"). On
PostgreSQL the pair only replaces the triggers with the same ones:

    operations = [
        DropTriggers(story_columns=(...), tallies=True),  # the latest migration's, copied
        migrations.AlterField(model_name="story", name="title", field=...),
        CreateTriggers(story_columns=(...), tallies=True),  # the same, or a new tuple (below)
    ]

`story_columns` is a frozen copy of stories.freshness.story_columns() when the migration was
written, so a later model change never rewrites an old migration. A field added to
freshness.BUMPING_STORY_FIELDS needs a migration ending with `CreateTriggers` and the new tuple.
tests/stories/test_database_machinery.py fails when either is forgotten: it compares the triggers
found after `migrate` with the declared ones, and their columns with the model. Adding a nullable
column without a default rebuilds nothing (SQLite adds it in place) and needs neither.

PostgreSQL refuses to change the type of title or body while the generated search column reads
them: such a migration starts with `DropSearchIndex()` and ends with `CreateSearchIndex()`.
"""

from django.db import router
from django.db.migrations.operations.base import Operation, OperationCategory

from moderation import queue_version
from pledges import tallies as pledge_tallies
from stories import freshness, search_index, search_log, tag_lists, tallies

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
    names = freshness.trigger_names(vendor) | tallies.trigger_names()
    names |= freshness.practices_trigger_names()
    names |= pledge_tallies.trigger_names() | search_log.trigger_names()
    names |= tag_lists.trigger_names() | queue_version.trigger_names()
    if vendor == "sqlite":
        names |= set(search_index.SQLITE_TRIGGERS)
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
        created = {
            "sqlite": search_index.SQLITE_CREATE,
            "postgresql": search_index.POSTGRESQL_CREATE,
        }
        return created.get(vendor, [])

    def backwards(self, vendor: str) -> list[str]:
        dropped = {"sqlite": search_index.SQLITE_DROP, "postgresql": search_index.POSTGRESQL_DROP}
        return dropped.get(vendor, [])

    def deconstruct(self):
        return (self.__class__.__name__, [], {})

    def describe(self) -> str:
        return "Create the full-text search index of stories"


class CreateTitleSearchIndex(_VendorSQL):
    """The title-only index (and on SQLite its triggers), which CreateSearchIndex now includes."""

    def forwards(self, vendor: str) -> list[str]:
        created = {
            "sqlite": search_index.sqlite_title_index_sql(),
            "postgresql": search_index.POSTGRESQL_TITLE_CREATE,
        }
        return created.get(vendor, [])

    def backwards(self, vendor: str) -> list[str]:
        dropped = {
            "sqlite": [
                *(f"DROP TRIGGER IF EXISTS {name}" for name in search_index.SQLITE_TITLE_TRIGGERS),
                *search_index.SQLITE_TITLE_DROP,
            ],
            "postgresql": search_index.POSTGRESQL_TITLE_DROP,
        }
        return dropped.get(vendor, [])

    def deconstruct(self):
        return (self.__class__.__name__, [], {})

    def describe(self) -> str:
        return "Create the full-text index of story titles"


class CreateTriggers(_VendorSQL):
    def __init__(self, *, story_columns: tuple[str, ...], tallies: bool = False):
        self.story_columns = tuple(story_columns)
        # False in the migrations written before stories_storytally existed.
        self.tallies = tallies

    def forwards(self, vendor: str) -> list[str]:
        statements = freshness.create_sql(vendor, story_columns=self.story_columns)
        if vendor == "sqlite":
            statements += search_index.sqlite_trigger_sql()
        if self.tallies:
            statements += tallies.create_sql(vendor)
        return statements

    def backwards(self, vendor: str) -> list[str]:
        statements = freshness.drop_sql(vendor)
        if vendor == "sqlite":
            statements += [
                f"DROP TRIGGER IF EXISTS {name}" for name in search_index.SQLITE_TRIGGERS
            ]
        return statements + tallies.drop_sql(vendor)

    def deconstruct(self):
        kwargs = {"story_columns": self.story_columns}
        if self.tallies:
            kwargs["tallies"] = True
        return (self.__class__.__name__, [], kwargs)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        super().database_forwards(app_label, schema_editor, from_state, to_state)
        self._pledge_triggers(app_label, schema_editor, create=True)
        self._search_log_triggers(app_label, schema_editor, create=True)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        super().database_backwards(app_label, schema_editor, from_state, to_state)
        self._pledge_triggers(app_label, schema_editor, create=False)
        self._search_log_triggers(app_label, schema_editor, create=False)

    def _pledge_triggers(self, app_label, schema_editor, *, create: bool) -> None:
        """Recreate (or drop) the pledge counts', the kept tag lists' and the queue version's
        triggers (moderation.queue_version), which a rebuilt stories_story loses on SQLite and
        some of which name it, and the practices version's (stories.freshness); only once their
        tables (and the story's link to a pledge, the version's practices column) exist."""
        connection = schema_editor.connection
        vendor = connection.vendor
        if freshness.practices_installed(connection):
            sql = freshness.practices_create_sql if create else freshness.practices_drop_sql
            self._run(app_label, schema_editor, sql(vendor))
        if pledge_tallies.installed(connection):
            sql = pledge_tallies.create_sql if create else pledge_tallies.drop_sql
            self._run(app_label, schema_editor, sql(vendor))
        if tag_lists.installed(connection):
            sql = tag_lists.create_sql if create else tag_lists.drop_sql
            self._run(app_label, schema_editor, sql(vendor))
        if queue_version.installed(connection):
            sql = queue_version.create_sql if create else queue_version.drop_sql
            self._run(app_label, schema_editor, sql(vendor))

    def _search_log_triggers(self, app_label, schema_editor, *, create: bool) -> None:
        """The search change log's triggers (stories.search_log), once its table exists."""
        connection = schema_editor.connection
        if search_log.installed(connection):
            sql = search_log.create_sql if create else search_log.drop_sql
            self._run(app_label, schema_editor, sql(connection.vendor))

    def describe(self) -> str:
        return "Create or replace the content-version and search triggers"


class DropTriggers(CreateTriggers):
    def forwards(self, vendor: str) -> list[str]:
        return super().backwards(vendor)

    def backwards(self, vendor: str) -> list[str]:
        return super().forwards(vendor)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        _VendorSQL.database_forwards(self, app_label, schema_editor, from_state, to_state)
        self._pledge_triggers(app_label, schema_editor, create=False)
        self._search_log_triggers(app_label, schema_editor, create=False)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        _VendorSQL.database_backwards(self, app_label, schema_editor, from_state, to_state)
        self._pledge_triggers(app_label, schema_editor, create=True)
        self._search_log_triggers(app_label, schema_editor, create=True)

    def describe(self) -> str:
        return "Drop the content-version and search triggers while tables are rebuilt"


class CreateSearchLog(_VendorSQL):
    """The search change log's triggers (stories.search_log), after its table."""

    def forwards(self, vendor: str) -> list[str]:
        return search_log.create_sql(vendor)

    def backwards(self, vendor: str) -> list[str]:
        return search_log.drop_sql(vendor)

    def deconstruct(self):
        return (self.__class__.__name__, [], {})

    def describe(self) -> str:
        return "Create the triggers that log changes for kept searches"


class CreateQueueVersion(_VendorSQL):
    """The moderation queue version's row and its triggers (moderation.queue_version), after
    its table."""

    def forwards(self, vendor: str) -> list[str]:
        return [*queue_version.create_sql(vendor), queue_version.ENSURE_ROW]

    def backwards(self, vendor: str) -> list[str]:
        return queue_version.drop_sql(vendor)

    def deconstruct(self):
        return (self.__class__.__name__, [], {})

    def describe(self) -> str:
        return "Create the triggers that move the moderation queue's version on"


class FillTallies(_VendorSQL):
    """Count the kept tallies afresh from the stories already there (stories.tallies)."""

    def forwards(self, vendor: str) -> list[str]:
        return tallies.rebuild_sql(vendor)

    def backwards(self, vendor: str) -> list[str]:
        return []

    def deconstruct(self):
        return (self.__class__.__name__, [], {})

    def describe(self) -> str:
        return "Count the published stories of every kept list"


class CreateTagLists(_VendorSQL):
    """The kept tag lists' triggers, and the lists filled from the stories already there
    (stories.tag_lists); later CreateTriggers recreate the triggers once the table exists."""

    def forwards(self, vendor: str) -> list[str]:
        return tag_lists.create_sql(vendor) + list(tag_lists.REBUILD_SQL)

    def backwards(self, vendor: str) -> list[str]:
        return tag_lists.drop_sql(vendor)

    def deconstruct(self):
        return (self.__class__.__name__, [], {})

    def describe(self) -> str:
        return "Create the kept tag lists' triggers and fill the lists"


class DropSearchIndex(CreateSearchIndex):
    """PostgreSQL only: FTS5 copies the text and never stops a column from changing."""

    def forwards(self, vendor: str) -> list[str]:
        return search_index.POSTGRESQL_DROP if vendor == "postgresql" else []

    def backwards(self, vendor: str) -> list[str]:
        return search_index.POSTGRESQL_CREATE if vendor == "postgresql" else []

    def describe(self) -> str:
        return "Drop the full-text search index of stories"
