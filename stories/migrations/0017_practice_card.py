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
    """The printable card's wording, kept with each practice.

    Blank-by-default text columns make SQLite rebuild stories_practice, so the triggers are
    dropped first and created again last (stories.database).
    """

    dependencies = [("stories", "0016_story_pledge"), ("pledges", "0002_pledge_tally_triggers")]

    operations = [
        DropTriggers(story_columns=STORY_COLUMNS, tallies=True),
        migrations.AddField(
            model_name="practice",
            name="card_sentence",
            field=models.CharField(
                blank=True, max_length=160, verbose_name="card: the practice in a sentence"
            ),
        ),
        migrations.AddField(
            model_name="practice",
            name="card_question",
            field=models.CharField(
                blank=True, max_length=160, verbose_name="card: what to ask or say"
            ),
        ),
        migrations.AddField(
            model_name="practice",
            name="card_scale_top",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="card: answers on a scale from 1 to"
            ),
        ),
        CreateTriggers(story_columns=STORY_COLUMNS, tallies=True),
    ]
