from django.db import migrations, models

from stories.database import CreateTriggers, DropTriggers

# stories.freshness.story_columns() when this migration was written (unchanged since 0017).
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
    "featured_at",
)


class Migration(migrations.Migration):
    """The practices version beside the content version, moved only by a change to a practice
    (stories.freshness), so the practices a page reads are kept across publishes. SQLite adds
    the column by rebuilding the version's table, which every content trigger names: they are
    dropped around it, and CreateTriggers adds the practices version's own once the column is
    there."""

    dependencies = [
        ("stories", "0024_tally_names_in_byte_order"),
    ]

    operations = [
        DropTriggers(story_columns=STORY_COLUMNS, tallies=True),
        migrations.AddField(
            model_name="contentversion",
            name="practices_version",
            field=models.BigIntegerField(db_default=0, default=0),
        ),
        CreateTriggers(story_columns=STORY_COLUMNS, tallies=True),
    ]
