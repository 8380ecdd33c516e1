from django.db import migrations, models


class Migration(migrations.Migration):
    """The content version's table. Its triggers are created by 0008_database_machinery."""

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
    ]
