"""The moderation queue's covering index (moderation/migrations/0010) is there, and the queue's
query reads it."""

import pytest
from django.db import connection

from moderation.queue import waiting


def test_the_waiting_stories_index_exists(db):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "stories_story")

    assert constraints["story_waiting_cover"]["columns"] == [
        "status",
        "author_id",
        "first_submitted_at",
        "submitted_at",
    ]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL's varies")
def test_the_queue_reads_the_index_alone(db):
    sql, params = waiting().query.get_compiler(connection=connection).as_sql()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())

    assert "COVERING INDEX story_waiting_cover" in plan
