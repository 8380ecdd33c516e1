from django.db import migrations


class Migration(migrations.Migration):
    """Once created the full-text search index from live code; 0008_database_machinery does now.

    Left in place, empty, so databases that applied it keep a consistent history.
    """

    dependencies = [("stories", "0001_initial")]

    operations = []
