import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The pledge a story answers. A nullable column and a partial unique index: SQLite adds
    both in place, so the triggers on stories_story stay."""

    dependencies = [
        ("pledges", "0001_initial"),
        ("stories", "0015_story_rejected_for"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="story",
            name="pledge",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="stories",
                to="pledges.pledge",
            ),
        ),
        migrations.AddConstraint(
            model_name="story",
            constraint=models.UniqueConstraint(
                condition=models.Q(("pledge__isnull", False)),
                fields=("pledge",),
                name="stories_story_one_per_pledge",
            ),
        ),
    ]
