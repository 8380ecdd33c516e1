"""A list with a setting and a point of view walks the index of both at once."""

import pytest
from django.db import connection

from stories.models import Practice, Story

pytestmark = pytest.mark.django_db


def test_it_counts_combined_filters_on_the_index_of_both_without_reading_stories():
    practice = Practice.objects.get(slug="give-grace")
    stories = Story.objects.published().filter(
        practices=practice, setting="grocery", perspective="customer"
    )
    counted = stories.order_by().values("pk")[:221]
    sql, params = counted.query.sql_with_params()

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = [row[-1] for row in cursor.fetchall()]
            assert any(
                "COVERING INDEX story_setting_persp_newest (setting=? AND perspective=?" in step
                for step in plan
            ), plan
        else:
            # PostgreSQL plans on table statistics: a test database's few rows say nothing
            # about the plan at 100,000 stories (the bench measures that), so only the index.
            constraints = connection.introspection.get_constraints(cursor, "stories_story")
            index = constraints["story_setting_persp_newest"]
            assert index["columns"] == [
                "setting",
                "perspective",
                "status",
                "published_at",
                "id",
            ]
