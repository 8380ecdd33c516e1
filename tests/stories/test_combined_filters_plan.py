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
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "story_setting_persp_newest" in plan, plan
