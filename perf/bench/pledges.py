"""Pledges for the benchmark: about one published story in ten written back from a pledge.

The same SQL on SQLite and PostgreSQL, run while the triggers are off; pledges.tallies then
counts afresh. Each published story whose id ends in 0 gives its author a pledge on the story's
first practice (one per member and practice); every second of those pledges is linked to its
story, so the practice page has people who tried and people who wrote back.
"""

from datetime import datetime, timedelta

from django.db import connection

from pledges.models import Pledge
from stories.models import Practice

PLEDGE_EVERY = 10
SEED_TABLE = "bench_pledge_seed"


def seed(now: datetime) -> int:
    # Statements without parameters take a plain %: only a parameterised one is formatted.
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {SEED_TABLE}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {SEED_TABLE} AS "
            "SELECT s.author_id AS member_id, first.practice_id AS practice_id, "
            "MIN(s.id) AS story_id FROM stories_story s JOIN ("
            "  SELECT content_object_id, MIN(tag_id) AS practice_id FROM stories_practicedin "
            "  GROUP BY content_object_id"
            ") first ON first.content_object_id = s.id "
            f"WHERE s.status = 'published' AND s.id % {PLEDGE_EVERY} = 0 "
            "GROUP BY s.author_id, first.practice_id"
        )
        cursor.execute(
            "INSERT INTO pledges_pledge "
            "(member_id, practice_id, created_at, remind_at, reminded_at, cancelled_at) "
            f"SELECT member_id, practice_id, %s, %s, %s, NULL FROM {SEED_TABLE} ORDER BY story_id",
            [now - timedelta(days=10), now - timedelta(days=3), now - timedelta(days=3)],
        )
        created = cursor.rowcount
        # Both tables were just filled: without statistics the planner may loop over one of
        # them for each row of the other (at a million stories the update ran for minutes).
        cursor.execute(f"ANALYZE {SEED_TABLE}")
        cursor.execute("ANALYZE pledges_pledge")
        # One join, not a subquery per story: that read the whole seed table for each of the
        # 50,000 stories linked at a million, and ran for many minutes.
        cursor.execute(
            "UPDATE stories_story SET pledge_id = p.id "
            f"FROM pledges_pledge p JOIN {SEED_TABLE} b "
            "ON b.member_id = p.member_id AND b.practice_id = p.practice_id "
            "WHERE b.story_id = stories_story.id AND b.story_id % 20 = 0"
        )
        cursor.execute(f"DROP TABLE {SEED_TABLE}")
    return created


def give_member_pledges(person, *, now: datetime, practices: int = 3) -> None:
    """The signed-in member's My pledges has rows to show (triggers on: the counts follow)."""
    for practice in Practice.objects.order_by("position", "pk")[:practices]:
        if not Pledge.objects.active().filter(member=person, practice=practice).exists():
            Pledge.objects.create(
                member=person, practice=practice, created_at=now, remind_at=now + timedelta(7)
            )
