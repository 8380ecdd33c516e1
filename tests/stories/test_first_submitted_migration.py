"""The migration adding Story.first_submitted_at: in place on SQLite, and filled for old stories."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from stories.models import Story
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def migration_name() -> str:
    """Found by its suffix, so renumbering the migration does not break the test."""
    names = MigrationLoader(connection, ignore_no_migrations=True).disk_migrations
    return next(
        name for app, name in names if app == "stories" and name.endswith("_first_submitted_at")
    )


def test_it_fills_the_first_submission_of_stories_already_sent(author):
    sent = StoryFactory(author=author, status=Story.Status.SUBMITTED)
    draft = StoryFactory(author=author, status=Story.Status.DRAFT, submitted_at=None)
    assert sent.first_submitted_at is None

    module = importlib.import_module(f"stories.migrations.{migration_name()}")
    module.backfill(apps, None)

    sent.refresh_from_db()
    draft.refresh_from_db()
    assert sent.first_submitted_at == sent.submitted_at
    assert draft.first_submitted_at is None


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite rebuilds tables")
@pytest.mark.django_db(transaction=True)  # SQLite's schema editor refuses to run in a transaction
def test_it_adds_the_column_without_rebuilding_the_table_and_its_triggers(capsys):
    call_command("sqlmigrate", "stories", migration_name())

    sql = capsys.readouterr().out
    assert 'ALTER TABLE "stories_story" ADD COLUMN "first_submitted_at"' in sql
    assert "CREATE TABLE" not in sql
