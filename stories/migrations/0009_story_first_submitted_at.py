from django.db import migrations, models
from django.db.models import F


def backfill(apps, schema_editor):
    """Stories already sent keep their place: the best first submission known is the last one."""
    Story = apps.get_model("stories", "Story")
    Story.objects.filter(submitted_at__isnull=False).update(first_submitted_at=F("submitted_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0008_database_machinery"),
    ]

    operations = [
        # Nullable without a default: SQLite adds the column in place instead of rebuilding the
        # table, which would drop the content-version triggers on it.
        migrations.AddField(
            model_name="story",
            name="first_submitted_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
