from django.db import migrations, models


def install_triggers(apps, schema_editor):
    from stories import freshness

    freshness.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("stories", "0004_story_hidden_status_and_fingerprint"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
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
        migrations.RunPython(install_triggers, migrations.RunPython.noop),
    ]
