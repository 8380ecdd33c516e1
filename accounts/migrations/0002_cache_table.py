"""The table of the database cache (settings.CACHES["default"]), where rate limits count.

What `manage.py createcachetable` would make, made by `migrate` instead so that no deployment can
forget it: without the table every login would fail on its rate-limit check.
"""

from django.db import migrations, models

TABLE = "kindness_cache"


def create_cache_table(apps, schema_editor):
    connection = schema_editor.connection
    if TABLE in connection.introspection.table_names():
        return
    quote = schema_editor.quote_name
    key = models.CharField(max_length=255).db_type(connection)
    value = models.TextField().db_type(connection)
    expires = models.DateTimeField().db_type(connection)
    schema_editor.execute(
        f"CREATE TABLE {quote(TABLE)} ("
        f"{quote('cache_key')} {key} NOT NULL PRIMARY KEY, "
        f"{quote('value')} {value} NOT NULL, "
        f"{quote('expires')} {expires} NOT NULL)"
    )
    # Django's database cache culls expired rows by this column.
    schema_editor.execute(
        f"CREATE INDEX {quote(TABLE + '_expires')} ON {quote(TABLE)} ({quote('expires')})"
    )


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
