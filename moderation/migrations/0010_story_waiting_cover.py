"""An index that covers what the moderation queue reads of every waiting story.

moderation.listing sorts and counts every submitted story for the queue page (the author for the
suspension check, and the two dates it waits since): through story_status_id alone each of them
read its row from the table, body and all. This index holds those columns for submitted stories
only. Partial, so it is small and no other query can pick it: as (status, ...) over every story,
SQLite chose it for the reader lists on a database analysed before it existed (no statistics
for it look selective), and cold pages took ten times as long. Raw SQL in a moderation
migration, where the queue's needs live; a rebuild of stories_story on SQLite would drop it,
which tests/moderation/test_queue_index.py catches.
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
            " (author_id, first_submitted_at, submitted_at) WHERE status = 'submitted'",
            f"DROP INDEX {INDEX}",
        ),
    ]
