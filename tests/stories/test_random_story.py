""" "Read a story at random": a plain link to a redirect, one query, never a hidden story."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stories.at_random import random_story
from stories.models import Story
from tests.factories import StoryFactory
from tests.stories.helpers import hrefs, page_text

pytestmark = pytest.mark.django_db

RANDOM = reverse("stories:random")


def test_the_link_takes_a_visitor_to_a_published_story(visitor, published_story):
    response = visitor.get(RANDOM)

    assert response.status_code == 302
    assert response["Location"] == published_story.get_absolute_url()
    assert "Thank you, Dana" in page_text(visitor.get(RANDOM, follow=True))


def test_the_redirect_is_never_cached(visitor, published_story):
    first = visitor.get(RANDOM)

    assert "no-store" in first["Cache-Control"]
    assert "max-age=0" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        visitor.get(RANDOM)
    assert any("stories_story" in query["sql"] for query in queries), "picked again, not cached"


@pytest.mark.parametrize("point", [0.0, 0.3, 0.5, 0.99, 1.0])
def test_it_never_picks_a_story_readers_cannot_see(author, point):
    statuses = [
        Story.Status.HIDDEN,
        Story.Status.PUBLISHED,
        Story.Status.SUBMITTED,
        Story.Status.WITHDRAWN,
        Story.Status.PUBLISHED,
        Story.Status.REJECTED,
    ]
    for index, status in enumerate(statuses):
        StoryFactory(author=author, title=f"Story {index}", status=status)

    picked = random_story(point=point)

    assert picked is not None
    assert Story.objects.get(pk=picked.pk).status == Story.Status.PUBLISHED


def test_it_lands_on_the_first_published_story_at_or_after_the_point_and_wraps_around(author):
    stories = [StoryFactory(author=author) for _ in range(5)]
    Story.objects.filter(pk=stories[4].pk).update(status=Story.Status.HIDDEN)
    low, high = stories[0].pk, stories[3].pk

    assert random_story(point=0.0).pk == low
    assert random_story(point=1.0).pk == high
    # Past the last published id there is nothing: it wraps around to the first.
    Story.objects.filter(pk=stories[3].pk).update(status=Story.Status.HIDDEN)
    assert random_story(point=1.0).pk == stories[2].pk
    picked = {random_story().pk for _ in range(40)}
    assert picked <= {stories[0].pk, stories[1].pk, stories[2].pk}


def test_it_picks_in_one_query(visitor, author):
    for _ in range(5):
        StoryFactory(author=author)

    with CaptureQueriesContext(connection) as queries:
        random_story()

    assert len(queries) == 1
    assert "RANDOM" not in queries[0]["sql"].upper()


def test_it_reads_no_table_in_full(author):
    for _ in range(5):
        StoryFactory(author=author)
    with CaptureQueriesContext(connection) as queries:
        random_story(point=0.4)

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {queries[0]['sql']}")
            plan = [row[-1] for row in cursor.fetchall()]
            assert not any(step.startswith("SCAN") for step in plan), plan
            assert any("story_status_id (status=? AND id>?)" in step for step in plan), plan
        else:
            # A table this small is cheaper to read whole, or through any index and a sort; what
            # matters is that an index can serve the seek, the id compared as an integer (which
            # index depends on statistics).
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {queries[0]['sql']}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "Seq Scan" not in plan, plan
            assert re.search(r"Index Cond: .*\bid >= ", plan), plan


def test_with_nothing_published_it_goes_to_the_list(visitor):
    response = visitor.get(RANDOM)

    assert response.status_code == 302
    assert response["Location"] == reverse("stories:list")


@pytest.mark.parametrize("url", ["/", "/stories/"])
def test_the_home_and_list_pages_link_to_it(visitor, published_story, url):
    assert RANDOM in hrefs(visitor.get(url))
