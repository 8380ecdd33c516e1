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
    """Kept counts (stories.tallies) of each day's published stories, which place an old
    numbered page of every story (`?page=N`) without counting the stories above it, and of
    every list of combined filters (a practice, a setting, a point of view), never counted."""

    dependencies = [
        ("stories", "0021_tag_listing"),
    ]

    operations = [
        CreateTriggers(story_columns=STORY_COLUMNS, tallies=True),
        FillTallies(),
    ]
