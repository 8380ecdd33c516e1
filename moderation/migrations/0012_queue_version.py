"""The moderation queue's version and the triggers that move it on (moderation.queue_version)."""

from django.db import migrations, models

from moderation import queue_version


def create_triggers(apps, schema_editor):
    queue_version.install(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in queue_version.drop_sql(schema_editor.connection.vendor):
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0011_story_waiting_order"),
        ("stories", "0022_day_and_filter_tallies"),
    ]

    operations = [
        migrations.CreateModel(
            name="QueueVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
