"""The moderation queue's version and the triggers that move it on (moderation.queue_version)."""

from django.db import migrations, models

from stories.database import CreateQueueVersion


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0011_story_waiting_order"),
        ("stories", "0022_day_and_filter_tallies"),
    ]

    operations = [
        migrations.CreateModel(
            name="QueueVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        CreateQueueVersion(),
    ]
