"""The moderation queue's covering index (moderation/migrations/0010): there, partial, and read
by the queue."""

import pytest
from django.db import connection

from moderation.queue import waiting


def _plan(queryset, *, before: str) -> str:
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    explain = "EXPLAIN QUERY PLAN" if connection.vendor == "sqlite" else "EXPLAIN"
    with connection.cursor() as cursor:
        cursor.execute(before)
        cursor.execute(f"{explain} {sql}", params)
        return " ".join(str(row) for row in cursor.fetchall())


def test_the_waiting_stories_index_exists(db):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "stories_story")

    assert constraints["story_waiting_cover"]["columns"] == [
        "author_id",
        "first_submitted_at",
        "submitted_at",
    ]


def test_the_index_holds_only_waiting_stories(db):
    # Over every story, a planner without statistics for it took it for the reader lists.
    if connection.vendor == "sqlite":
        sql = "SELECT sql FROM sqlite_schema WHERE name = 'story_waiting_cover'"
    else:
        sql = "SELECT indexdef FROM pg_indexes WHERE indexname = 'story_waiting_cover'"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        (definition,) = cursor.fetchone()

    assert "WHERE" in definition and "submitted" in definition


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_the_queue_can_read_the_index_alone(db):
    plan = _plan(waiting(), before="SET enable_seqscan = off")

    # Either partial index over the waiting stories: 0011's (in the queue's order, with the
    # author) covers what this one does.
    assert "story_waiting_cover" in plan or "story_waiting_order" in plan
