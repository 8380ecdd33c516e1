from django.db import migrations, models

from stories.database import CreateTriggers, DropTriggers

# stories.freshness.story_columns() when this migration was written (featured_at since 0014).
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
    """The profile's pledge reminder choice (pledges.reminders). A NOT NULL column with a default
    makes SQLite rebuild accounts_user, which drops the triggers on it: hence the pair around it."""

    dependencies = [
        ("accounts", "0003_user_thanks_digest"),
    ]

    operations = [
        DropTriggers(story_columns=STORY_COLUMNS, tallies=True),
        migrations.AddField(
            model_name="user",
            name="pledge_reminders",
            field=models.BooleanField(
                default=True,
                help_text="One email a few days after you press “I'll try this” on a practice.",
                verbose_name="Email me to ask how a practice I pledged to try went",
            ),
        ),
        CreateTriggers(story_columns=STORY_COLUMNS, tallies=True),
    ]
