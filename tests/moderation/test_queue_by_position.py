"""The moderation queue pages by position (moderation.queue_positions): its links carry the place
of a page's first and last items, so a moderator paging through sees every item that waited all
along exactly once, oldest first, however many are decided meanwhile."""

from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from moderation import queue_positions, views
from moderation.queue import BADGE_LIMIT
from moderation.standing import standing
from stories.models import Story
from tests.factories import StoryFactory, StoryRevisionFactory
from tests.pages import parse

QUEUE = reverse("moderation:queue")


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "QUEUE_PAGE_SIZE", 3)


def titles(response) -> list[str]:
    table = parse(response).find("table", cls="queue")
    if table is None:
        return []
    return [" ".join(row.find("a").text.split()) for row in table.find("tbody").find_all("tr")]


def link(response, rel: str) -> dict | None:
    """The query of the pagination's rel="prev" or rel="next" link, or None."""
    found = parse(response).find("a", rel=rel)
    if found is None:
        return None
    return dict(parse_qsl(urlsplit(found.attrs["href"]).query))


def waiting_stories(submitted_story, count: int) -> list[Story]:
    now = timezone.now()
    return [
        submitted_story(
            title=f"Story {index:02}", submitted_at=now - timedelta(hours=count - index)
        )
        for index in range(count)
    ]


def test_paging_through_shows_every_waiting_story_once_oldest_first(
    moderator_client, submitted_story, small_pages
):
    stories = waiting_stories(submitted_story, 10)
    seen, query = [], {}

    while True:
        response = moderator_client.get(QUEUE, query)
        seen += titles(response)
        query = link(response, "next")
        if query is None:
            break

    assert seen == [story.title for story in stories]


def test_a_story_decided_between_two_pages_moves_no_other_across_a_page(
    moderator_client, submitted_story, small_pages
):
    stories = waiting_stories(submitted_story, 9)
    first = moderator_client.get(QUEUE)
    # Decided while the moderator reads page 1: one on it, one on the next page.
    Story.objects.filter(pk__in=[stories[1].pk, stories[4].pk]).update(
        status=Story.Status.PUBLISHED, published_at=timezone.now()
    )

    second = moderator_client.get(QUEUE, link(first, "next"))

    assert titles(first) == ["Story 00", "Story 01", "Story 02"]
    assert titles(second) == ["Story 03", "Story 05", "Story 06"]


def test_older_goes_back_to_the_page_before(moderator_client, submitted_story, small_pages):
    waiting_stories(submitted_story, 8)
    first = moderator_client.get(QUEUE)
    second = moderator_client.get(QUEUE, link(first, "next"))
    third = moderator_client.get(QUEUE, link(second, "next"))

    back = moderator_client.get(QUEUE, link(third, "prev"))

    assert titles(back) == titles(second) == ["Story 03", "Story 04", "Story 05"]
    assert "Page 2 of 3" in back.content.decode()
    assert titles(third) == ["Story 06", "Story 07"]
    assert link(third, "next") is None


def test_older_from_the_second_page_is_the_first_page(
    moderator_client, submitted_story, small_pages
):
    waiting_stories(submitted_story, 5)
    first = moderator_client.get(QUEUE)
    second = moderator_client.get(QUEUE, link(first, "next"))

    back = moderator_client.get(QUEUE, link(second, "prev"))

    assert titles(back) == ["Story 00", "Story 01", "Story 02"]
    assert link(back, "prev") is None
    assert "Page 1 of 2" in back.content.decode()


def test_an_edit_and_a_story_waiting_since_the_same_moment_each_show_once(
    moderator_client, submitted_story, small_pages
):
    moment = timezone.now() - timedelta(hours=3)
    stories = [submitted_story(title=f"Story {index}", submitted_at=moment) for index in range(3)]
    edits = []
    for index in range(3):
        edit = StoryRevisionFactory(story=StoryFactory(), title=f"Edit {index}")
        edit.created_at = moment
        edit.save()
        edits.append(edit)
    seen, query = [], {}

    while query is not None:
        response = moderator_client.get(QUEUE, query)
        seen += titles(response)
        query = link(response, "next")

    # At the same moment, edits come first, each kind by id.
    assert seen == [item.title for item in edits + stories]


def test_a_page_past_every_decided_story_starts_again_from_the_oldest(
    moderator_client, submitted_story, small_pages
):
    stories = waiting_stories(submitted_story, 4)
    first = moderator_client.get(QUEUE)
    Story.objects.filter(pk=stories[3].pk).update(
        status=Story.Status.PUBLISHED, published_at=timezone.now()
    )

    again = moderator_client.get(QUEUE, link(first, "next"))

    assert titles(again) == ["Story 00", "Story 01", "Story 02"]


@pytest.mark.parametrize(
    "query",
    [
        {"after": "nonsense"},
        {"before": "2-zz"},
        {"after": "0-1-s1"},
        {"after": "2-1-x1"},
        {"before": "2-zzzzzzzzzzzzz-s1"},
    ],
)
def test_a_token_the_queue_never_made_is_a_404(moderator_client, waiting_story, query):
    assert moderator_client.get(QUEUE, query).status_code == 404


def test_a_later_page_counts_only_a_few_pages_past_the_one_shown(
    moderator_client, submitted_story, small_pages, monkeypatch
):
    monkeypatch.setattr(queue_positions, "LOOKAHEAD_PAGES", 1)
    waiting_stories(submitted_story, 12)
    second = link(moderator_client.get(QUEUE), "next")

    page = moderator_client.get(QUEUE, second).content.decode()

    # Page 2 and one past it, three a page: nine counted, and one more says "more than".
    assert "Waiting for review (more than 9)" in page
    assert "Page 2 of more than 3" in page


def test_the_first_page_takes_its_count_from_the_badge_and_says_more_than_past_it(
    moderator_client, moderator, small_pages
):
    StoryFactory.create_batch(BADGE_LIMIT + 1, status=Story.Status.SUBMITTED)

    with CaptureQueriesContext(connection) as queries:
        page = moderator_client.get(QUEUE).content.decode()

    assert f"Waiting for review (more than {BADGE_LIMIT})" in page
    assert f"Page 1 of more than {BADGE_LIMIT // 3}" in page
    assert standing(moderator).items > BADGE_LIMIT
    # The page's own statement counted nothing: the standing's counts were taken.
    page_statement = next(query["sql"] for query in queries if "AS waiting" in query["sql"])
    assert "COUNT(*)" not in page_statement


def test_the_heading_counts_every_item_when_few_wait(
    moderator_client, submitted_story, small_pages
):
    waiting_stories(submitted_story, 5)

    page = moderator_client.get(QUEUE).content.decode()

    assert "Waiting for review (5)" in page
    assert "Page 1 of 2" in page


def test_old_numbered_links_still_work_and_link_by_position(
    moderator_client, submitted_story, small_pages
):
    waiting_stories(submitted_story, 7)

    second = moderator_client.get(QUEUE, {"page": 2})
    third = moderator_client.get(QUEUE, link(second, "next"))

    assert titles(second) == ["Story 03", "Story 04", "Story 05"]
    assert titles(third) == ["Story 06"]
    assert set(link(second, "next")) == {"after"}


def test_a_later_page_costs_what_the_first_does(
    moderator_client, submitted_story, small_pages, django_assert_num_queries
):
    waiting_stories(submitted_story, 7)
    first = moderator_client.get(QUEUE)

    # The session and member, the moderator's standing, the page.
    with django_assert_num_queries(3):
        moderator_client.get(QUEUE, link(first, "next"))


def test_the_queue_order_index_is_there_and_holds_only_waiting_stories(db):
    if connection.vendor == "sqlite":
        sql = "SELECT sql FROM sqlite_schema WHERE name = 'story_waiting_order'"
    else:
        sql = "SELECT indexdef FROM pg_indexes WHERE indexname = 'story_waiting_order'"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        (definition,) = cursor.fetchone()

    assert "COALESCE" in definition.upper()
    assert "WHERE" in definition.upper() and "submitted" in definition


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_a_page_of_the_queue_seeks_the_queue_order_index(db):
    branches = queue_positions.Branches(upwards=False, size=26)
    sql, params = branches.bound(now=timezone.now(), position=queue_positions.START)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())

    assert "story_waiting_order" in plan
