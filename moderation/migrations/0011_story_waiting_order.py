"""An index in the moderation queue's order, for paging it by position (moderation.queue_positions).

The queue waits on COALESCE(first_submitted_at, submitted_at) (a resubmitted story keeps its
place), then the id. With this index a page of the queue reads 26 entries from a position instead
of sorting every waiting story; the author's id is in it for the suspension check. Partial, like
story_waiting_cover (0010), so no reader query can pick it. A rebuild of stories_story on SQLite
would drop it: tests/moderation/test_queue_by_position.py checks it is there.
"""

from django.db import migrations

INDEX = "story_waiting_order"


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0010_story_waiting_cover"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON stories_story"
            " (COALESCE(first_submitted_at, submitted_at), id, author_id)"
            " WHERE status = 'submitted'",
            f"DROP INDEX {INDEX}",
        ),
    ]
