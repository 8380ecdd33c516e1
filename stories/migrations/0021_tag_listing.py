import django.db.models.deletion
from django.db import migrations, models

from stories.database import CreateTagLists


class Migration(migrations.Migration):
    """Kept lists of published stories by free tag (stories.tag_lists): a tag page is one seek."""

    dependencies = [
        ("stories", "0020_search_change_log"),
    ]

    operations = [
        migrations.CreateModel(
            name="TagListing",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "story",
                        "tag_id",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("tag_id", models.IntegerField()),
                ("published_at", models.DateTimeField()),
                (
                    "story",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="stories.story",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["tag_id", "-published_at", "-story"], name="taglisting_newest"
                    )
                ],
            },
        ),
        CreateTagLists(),
    ]
