from django.db import migrations


def install_search_index(apps, schema_editor):
    from stories import search

    search.install(schema_editor.connection)


class Migration(migrations.Migration):
    """Full-text search index: FTS5 on SQLite, a generated tsvector with GIN on PostgreSQL.

    Not a model field because the two databases need different structures; stories.search owns it.
    """

    dependencies = [("stories", "0001_initial")]

    operations = [migrations.RunPython(install_search_index, migrations.RunPython.noop)]
