from django.db import migrations

TABLE = "stories_storytally"


def byte_order(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE {TABLE} ALTER COLUMN name TYPE varchar(60) COLLATE "C"')


def database_order(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN name TYPE varchar(60)")


class Migration(migrations.Migration):
    """The kept tallies' names compare byte by byte on PostgreSQL, whatever the database's
    collation. stories.tallies finds the day and month rows as ranges of names ('month:' up to
    'month;'); under an English collation (ICU's, or glibc's en_US) ';' sorts before ':' or is
    ignored, those ranges came back empty, and every old numbered page fell back to counting the
    stories above it. SQLite compares bytes already."""

    dependencies = [
        ("stories", "0023_month_tallies"),
    ]

    operations = [migrations.RunPython(byte_order, database_order, elidable=False)]
