from django.db import migrations, models

from stories.database import CreateTriggers, FillTallies

# stories.freshness.story_columns() when this migration was written (unchanged since 0008).
STORY_COLUMNS = (
    "title",
    "body",
    "perspective",
    "setting",
    "photo_id",
    "photo_alt",
    "is_anonymous",
    "author_id",
    "status",
    "published_at",
)


class Migration(migrations.Migration):
    """Kept counts of published stories (stories.tallies), so reader pages never count them all."""

    dependencies = [
        ("stories", "0010_photo_attempt"),
    ]

    operations = [
        migrations.CreateModel(
            name="StoryTally",
            fields=[
                ("name", models.CharField(max_length=60, primary_key=True, serialize=False)),
                ("total", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name_plural": "story tallies",
            },
        ),
        CreateTriggers(story_columns=STORY_COLUMNS, tallies=True),
        FillTallies(),
    ]
