"""`migrate` makes the database cache's table (Django's test setup would also make it, so the
migration's own operation is run here against a database without it)."""

import importlib

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection

cache_migration = importlib.import_module("accounts.migrations.0002_cache_table")
pytestmark = pytest.mark.skipif(
    bool(settings.REDIS_URL), reason="REDIS_URL is set: the shared cache is Redis, not the table"
)


# SQLite's schema editor needs foreign-key checks off, which it cannot do inside a transaction.
@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_the_table_the_shared_cache_uses():
    assert settings.CACHES["default"]["LOCATION"] == cache_migration.TABLE
    with connection.schema_editor() as editor:
        cache_migration.drop_cache_table(None, editor)
    assert cache_migration.TABLE not in connection.introspection.table_names()

    with connection.schema_editor() as editor:
        cache_migration.create_cache_table(None, editor)

    assert cache_migration.TABLE in connection.introspection.table_names()
    caches["default"].set("counter", [1, 2], 60)
    assert caches["default"].get("counter") == [1, 2]


@pytest.mark.django_db(transaction=True)
def test_the_migration_leaves_an_existing_table_alone():
    caches["default"].set("counter", [1], 60)

    with connection.schema_editor() as editor:
        cache_migration.create_cache_table(None, editor)

    assert caches["default"].get("counter") == [1]
