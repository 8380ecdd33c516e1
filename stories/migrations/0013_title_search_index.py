from django.db import migrations

from stories.database import CreateTitleSearchIndex


class Migration(migrations.Migration):
    """A title-only full-text index: search ranks title matches first without reading every match.

    Adds a table (FTS5) or a column (PostgreSQL), so SQLite rebuilds nothing and the triggers on
    stories_story stay as they are; the new index's own triggers come with it.
    """

    dependencies = [("stories", "0012_list_filter_indexes")]

    operations = [CreateTitleSearchIndex()]
