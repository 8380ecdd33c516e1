from django.db import migrations

from stories.database import CreateSearchIndex, CreateTriggers

# stories.freshness.story_columns() when this migration was written, frozen so that a later change
# to the model never changes what this migration does.
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
    """The search index and the content-version triggers, formerly re-created after every migrate.

    Creates or replaces each object, so it runs on a fresh database and on one where the old
    post_migrate hook already made them (same names, same definitions).
    """

    dependencies = [
        ("accounts", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("stories", "0007_sourceessay_url"),
    ]

    operations = [
        CreateSearchIndex(),
        CreateTriggers(story_columns=STORY_COLUMNS),
    ]
