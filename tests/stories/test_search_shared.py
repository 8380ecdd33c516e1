"""A search kept by one process is found by the others through the shared cache (Redis in
production), and brought up to date from the change log there (stories.search_kept)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories import search_kept
from stories.models import Story
from tests.factories import StoryFactory
from tests.stories.helpers import card_titles

pytestmark = pytest.mark.django_db

BODY = "The lantern was lit."


@pytest.fixture
def shared_cache(monkeypatch):
    # The database cache stands in for Redis: one every process reads.
    monkeypatch.setattr(search_kept, "SHARED_CACHE", "default")


def a_new_process() -> None:
    caches[search_kept.KEPT_CACHE].clear()
    caches["pages"].clear()


def search_page(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "lantern"})
    made_afresh = any("title_hits" in query["sql"] for query in queries)
    return card_titles(response), made_afresh


def test_a_new_process_starts_from_the_shared_search_brought_up_to_date(
    visitor, author, shared_cache
):
    StoryFactory(author=author, title="Evening 0", body=BODY)
    leaving = StoryFactory(author=author, title="Evening 1", body=BODY)
    assert search_page(visitor) == (["Evening 1", "Evening 0"], True)

    a_new_process()
    StoryFactory(author=author, title="Evening 2", body=BODY)
    Story.objects.filter(pk=leaving.pk).update(status=Story.Status.HIDDEN)

    assert search_page(visitor) == (["Evening 2", "Evening 0"], False)


def test_without_a_shared_cache_a_new_process_searches_afresh(visitor, author):
    StoryFactory(author=author, title="Evening 0", body=BODY)
    search_page(visitor)

    a_new_process()

    assert search_page(visitor) == (["Evening 0"], True)
