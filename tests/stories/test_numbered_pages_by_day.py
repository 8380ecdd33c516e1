"""Old numbered links to the list of every story (`?page=N`) are placed by the kept count of each
day's stories (stories.tallies): every page shows exactly the stories the same page counted from
the top would, across days, ties and midnight, and after a publish, a withdrawal or a re-dating."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.lifecycle import withdraw_story
from stories.models import Story
from tests.factories import StoryFactory
from tests.stories.helpers import card_titles

pytestmark = pytest.mark.django_db

LIST = "/stories/"
PER_PAGE = 3


@pytest.fixture(autouse=True)
def three_a_page(settings):
    settings.STORIES_PER_PAGE = PER_PAGE


@pytest.fixture
def days(author):
    """Stories over four UTC days, uneven per day, some at the same moment, some at midnight."""
    midnight = datetime(2026, 3, 10, tzinfo=UTC)
    moments = [
        midnight - timedelta(days=2, hours=5),
        midnight - timedelta(days=1, microseconds=1),
        midnight - timedelta(days=1),
        midnight - timedelta(hours=20),
        midnight - timedelta(hours=20),
        midnight - timedelta(hours=20),
        midnight - timedelta(microseconds=1),
        midnight,
        midnight,
        midnight + timedelta(hours=3),
        midnight + timedelta(days=1, hours=1),
    ]
    for index, moment in enumerate(moments):
        StoryFactory(author=author, title=f"Story {index:02}", published_at=moment)


@pytest.fixture
def months(author):
    """Stories over four UTC months, one of them empty, some either side of a month's midnight."""
    first_of_march = datetime(2026, 3, 1, tzinfo=UTC)
    moments = [
        datetime(2025, 12, 31, 23, tzinfo=UTC),
        datetime(2026, 1, 2, tzinfo=UTC),
        datetime(2026, 1, 31, 12, tzinfo=UTC),
        first_of_march - timedelta(microseconds=1),
        first_of_march - timedelta(microseconds=1),
        first_of_march,
        first_of_march,
        first_of_march + timedelta(days=30),
        datetime(2026, 4, 1, 1, tzinfo=UTC),
        datetime(2026, 4, 1, 1, tzinfo=UTC),
    ]
    for index, moment in enumerate(moments):
        StoryFactory(author=author, title=f"Story {index:02}", published_at=moment)


def newest_first() -> list[str]:
    return list(
        Story.objects.published().order_by("-published_at", "-id").values_list("title", flat=True)
    )


def numbered_pages(client) -> list[list[str]]:
    pages = []
    for number in range(1, -(-len(newest_first()) // PER_PAGE) + 1):
        response = client.get(f"{LIST}?page={number}")
        assert response.status_code == 200
        pages.append(card_titles(response))
    return pages


def pages_of(titles: list[str]) -> list[list[str]]:
    return [titles[start : start + PER_PAGE] for start in range(0, len(titles), PER_PAGE)]


def test_every_numbered_page_shows_the_stories_counted_from_the_top(client, days):
    assert numbered_pages(client) == pages_of(newest_first())


def test_a_deep_numbered_page_skips_only_its_own_days_stories(client, days):
    with CaptureQueriesContext(connection) as queries:
        client.get(f"{LIST}?page=3")

    offsets = [query["sql"] for query in queries if "OFFSET" in query["sql"]]
    assert offsets and all("published_at" in sql and "<" in sql for sql in offsets)


@pytest.mark.parametrize("change", ["published", "withdrawn", "re-dated"])
def test_numbered_pages_follow_the_change(client, author, days, change):
    numbered_pages(client)  # cached for this content version
    story = Story.objects.get(title="Story 04")
    if change == "published":
        StoryFactory(author=author, title="Late", published_at=datetime(2026, 3, 8, tzinfo=UTC))
    elif change == "withdrawn":
        withdraw_story(story=story)
    else:
        Story.objects.filter(pk=story.pk).update(published_at=datetime(2026, 3, 11, tzinfo=UTC))

    assert numbered_pages(client) == pages_of(newest_first())


def test_a_page_past_the_end_shows_the_last_page(client, days):
    assert card_titles(client.get(f"{LIST}?page=99")) == pages_of(newest_first())[-1]


def test_numbered_pages_across_months_show_the_stories_counted_from_the_top(client, months):
    assert numbered_pages(client) == pages_of(newest_first())


@pytest.mark.parametrize("moved_to", [datetime(2026, 2, 14, tzinfo=UTC), datetime(2027, 1, 1)])
def test_numbered_pages_follow_a_story_moved_to_another_month(client, months, moved_to):
    numbered_pages(client)  # cached for this content version
    moved = Story.objects.get(title="Story 01")
    Story.objects.filter(pk=moved.pk).update(published_at=moved_to.replace(tzinfo=UTC))

    assert numbered_pages(client) == pages_of(newest_first())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite compares bytes already")
def test_the_kept_tally_names_compare_byte_by_byte_whatever_the_database_collation():
    # Under an English collation ';' sorts before ':' (ICU) or is ignored (glibc), and the day and
    # month rows, read as ranges of names ('month:' up to 'month;'), would never be found.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = 'stories_storytally' AND column_name = 'name'"
        )
        assert cursor.fetchone()[0] == "C"
