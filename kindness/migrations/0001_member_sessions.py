import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

BATCH = 1000


def copy_live_sessions(apps, schema_editor):
    """Move the live sessions over from django_session, so nobody is signed out by the change."""
    from django.contrib.sessions.backends.db import SessionStore

    database = schema_editor.connection.alias
    old = apps.get_model("sessions", "Session").objects.using(database)
    new = apps.get_model("kindness", "MemberSession")
    # Django's stores sign with their class's name (SessionStore): ours decodes what its parent
    # wrote, and reads the member's id out of it.
    decoder = SessionStore()
    rows = []
    for session in old.filter(expire_date__gt=timezone.now()).iterator(chunk_size=BATCH):
        member_id = decoder.decode(session.session_data).get("_auth_user_id")
        rows.append(
            new(
                session_key=session.session_key,
                session_data=session.session_data,
                expire_date=session.expire_date,
                member_id=int(member_id) if str(member_id).isdigit() else None,
            )
        )
        if len(rows) == BATCH:
            new.objects.using(database).bulk_create(rows)
            rows = []
    new.objects.using(database).bulk_create(rows)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="MemberSession",
            fields=[
                (
                    "session_key",
                    models.CharField(
                        max_length=40, primary_key=True, serialize=False, verbose_name="session key"
                    ),
                ),
                ("session_data", models.TextField(verbose_name="session data")),
                ("expire_date", models.DateTimeField(db_index=True, verbose_name="expire date")),
                (
                    "member",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "session",
                "verbose_name_plural": "sessions",
                "abstract": False,
            },
        ),
        migrations.RunPython(copy_live_sessions, migrations.RunPython.noop, elidable=True),
    ]
