from django.db import migrations

from stories.database import CreateTriggers, FillTallies

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
    """Kept counts (stories.tallies) of each month's published stories too: an old numbered
    page finds its month first, then its day among that month's, not among every day's."""

    dependencies = [
        ("stories", "0022_day_and_filter_tallies"),
    ]

    operations = [
        CreateTriggers(story_columns=STORY_COLUMNS, tallies=True),
        FillTallies(),
    ]
