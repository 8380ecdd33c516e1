"""The benchmark's seeder leaves the database as the migrations made it: every index, key,
constraint and trigger it dropped or switched off for the load is back, with the same definition,
and the counts the triggers would have kept are right."""

import pytest
from django.db import connection
from django.db.models import Count, Q

from perf.bench import seed
from stories import tallies
from stories.choices import Perspective, Setting
from stories.models import Practice, Story, StoryTally

pytestmark = pytest.mark.django_db(transaction=True)

PUBLISHED = 200


def _schema() -> set[tuple]:
    """What a schema diff compares: each index, constraint (and whether it was checked),
    trigger (and whether it fires), table option and column, with its definition as the database
    prints it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # sqlite_stat1 is ANALYZE's own table, not the schema's.
            cursor.execute(
                "SELECT type, name, sql FROM sqlite_master "
                "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite%'"
            )
            return set(cursor.fetchall())
        cursor.execute(
            "SELECT 'index', tablename, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() "
            "UNION ALL SELECT 'constraint', conrelid::regclass::text || '.' || conname, "
            "pg_get_constraintdef(oid) || CASE WHEN convalidated THEN '' ELSE ' NOT VALID' END "
            "FROM pg_constraint WHERE connamespace = current_schema()::regnamespace "
            "UNION ALL SELECT 'trigger', tgrelid::regclass::text || '.' || tgname, "
            "tgenabled::text FROM pg_trigger WHERE NOT tgisinternal "
            "UNION ALL SELECT 'options', relname, array_to_string(reloptions, ',') FROM pg_class "
            "WHERE relnamespace = current_schema()::regnamespace AND reloptions IS NOT NULL "
            "UNION ALL SELECT 'column', table_name || '.' || column_name, "
            "coalesce(generation_expression, '') FROM information_schema.columns "
            "WHERE table_schema = current_schema()"
        )
        return set(cursor.fetchall())


@pytest.fixture
def migrated_then_seeded(reference_data):
    before = _schema()
    seed.seed(lambda line: None, published=PUBLISHED)
    return before


def test_it_leaves_every_index_constraint_and_trigger_as_migrated(migrated_then_seeded):
    after = _schema()

    assert after - migrated_then_seeded == set()
    assert migrated_then_seeded - after == set()


def test_its_kept_counts_equal_a_count_of_the_seeded_stories(migrated_then_seeded):
    published = Story.objects.published()
    expected = {tallies.ALL: published.count()}
    for setting in Setting.values:
        expected[tallies.setting_key(setting)] = published.filter(setting=setting).count()
    for perspective in Perspective.values:
        count = published.filter(perspective=perspective).count()
        expected[tallies.perspective_key(perspective)] = count
    practices = Practice.objects.annotate(
        published=Count(
            "tagged_stories", filter=Q(tagged_stories__content_object__status="published")
        )
    )
    for practice in practices:
        expected[tallies.practice_key(practice.pk)] = practice.published

    kept = {name: StoryTally.objects.total(name) for name in expected}

    assert kept == expected
    assert expected[tallies.ALL] == PUBLISHED
