"""An index that covers what the moderation queue reads of every waiting story.

moderation.listing sorts and counts every submitted story for the queue page (status, author for
the suspension check, and the two dates it waits since): through story_status_id alone each of
them read its row from the table, body and all. This index holds the four columns, so the queue
reads the index alone. Raw SQL in a moderation migration, where the queue's needs live; a rebuild
of stories_story on SQLite would drop it, which tests/moderation/test_queue_index.py catches.
"""

from django.db import migrations

INDEX = "story_waiting_cover"


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0009_feature_actions"),
        ("stories", "0019_story_setting_persp_newest"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON stories_story"
            " (status, author_id, first_submitted_at, submitted_at)",
            f"DROP INDEX {INDEX}",
        ),
    ]
