"""A kept search re-ranks each changed story once, however often it changed (stories.search_kept).

The change log has a row per change; a story published, taken back and published again many
times is still one story to re-rank, so the kept search is brought up to date, not made afresh,
and shows the story as its last change left it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories import search_kept
from stories.models import Story
from tests.factories import StoryFactory
from tests.stories.helpers import card_titles

pytestmark = pytest.mark.django_db

BODY = "The lantern was lit."


def search_page(client, query: str):
    return client.get("/search/", {"q": query})


def flip(story: Story, times: int, *, ends_published: bool) -> None:
    for _ in range(times):
        Story.objects.filter(pk=story.pk).update(status=Story.Status.SUBMITTED)
        Story.objects.filter(pk=story.pk).update(status=Story.Status.PUBLISHED)
    if not ends_published:
        Story.objects.filter(pk=story.pk).update(status=Story.Status.SUBMITTED)


def made_afresh(queries) -> bool:
    return any("title_hits" in query["sql"] for query in queries)


@pytest.fixture
def flipped(visitor, author) -> Story:
    """The older of two stories a search for 'lantern' finds, once that search is kept. Not the
    newest: the newest published story leaving lowers the search's title window
    (stories.search.TITLE_WINDOW), which makes a kept search afresh."""
    story = StoryFactory(author=author, title="Evening 1", body=BODY)
    StoryFactory(author=author, title="Evening 0", body=BODY)
    search_page(visitor, "lantern")
    return story


@pytest.mark.parametrize("ends_published", [True, False])
def test_a_story_changed_more_times_than_it_re_ranks_is_re_ranked_once(
    visitor, flipped, monkeypatch, ends_published
):
    monkeypatch.setattr(search_kept, "MOST_CHANGES", 2)

    flip(flipped, 5, ends_published=ends_published)
    with CaptureQueriesContext(connection) as queries:
        response = search_page(visitor, "lantern")

    expected = ["Evening 0", "Evening 1"] if ends_published else ["Evening 0"]
    assert card_titles(response) == expected
    assert not made_afresh(queries)


def test_more_log_rows_than_it_reads_make_the_search_afresh(visitor, flipped, monkeypatch):
    monkeypatch.setattr(search_kept, "MOST_LOG_ROWS", 4)

    flip(flipped, 3, ends_published=False)
    with CaptureQueriesContext(connection) as queries:
        response = search_page(visitor, "lantern")

    assert card_titles(response) == ["Evening 0"]
    assert made_afresh(queries)
