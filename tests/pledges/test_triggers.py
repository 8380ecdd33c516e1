"""The pledge counts' triggers exist after migrate, and survive a migration that rebuilds
stories_story (stories.database's DropTriggers/CreateTriggers handle them too)."""

import pytest
from django.db import connection

from pledges import tallies
from stories.database import CreateTriggers, DropTriggers
from stories.freshness import story_columns
from tests.stories.test_database_machinery import triggers_in_database

pytestmark = pytest.mark.django_db


class StatementRunner:
    """The part of a schema editor the trigger operations use (SQLite's own cannot open inside
    the test's transaction)."""

    connection = connection

    def execute(self, sql, params=None):
        with connection.cursor() as cursor:
            cursor.execute(sql)


def run(operation) -> None:
    operation.database_forwards("stories", StatementRunner(), None, None)


def test_the_migrations_create_every_pledge_trigger():
    assert tallies.trigger_names() <= triggers_in_database()


def test_the_story_trigger_pair_drops_and_recreates_them():
    columns = story_columns()

    run(DropTriggers(story_columns=columns, tallies=True))
    assert not tallies.trigger_names() & triggers_in_database()

    run(CreateTriggers(story_columns=columns, tallies=True))
    assert tallies.trigger_names() <= triggers_in_database()
