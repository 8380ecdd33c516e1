"""The reader lists: totals from the kept counts, "more than" where none is kept, and the same
number of queries however many stories there are."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kindness.context_processors import source_essays
from stories.models import Story
from tests.factories import StoryFactory
from tests.pages import parse
from tests.stories.helpers import card_titles

pytestmark = pytest.mark.django_db

# Signed in, the page rendered afresh: the session with its member and the content version (one
# query: kindness.signed_in), then the page's own queries (a member pays no permission query).
QUERIES = {
    "/": 5,  # the featured stories are one more
    # A list reads the practices once (stories.practice_choices), its cards in one statement.
    "/stories/": 5,
    "/stories/?page=2": 5,
    "/stories/?practice=give-grace": 5,
    "/stories/?setting=grocery": 5,
    "/stories/?perspective=customer": 5,
    "/stories/?sort=thanked": 5,
    "/stories/?tag=counter": 6,
    "/stories/?practice=give-grace&setting=grocery&perspective=customer": 5,
    "/practices/": 3,
    # The practice with its essays and its count in one query (stories.practice_page); the
    # pledge hole's counts and whether this member pledged, in one query (pledges.holes).
    "/practices/give-grace/": 6,
}


def shelve(count: int, author) -> None:
    for index in range(count):
        StoryFactory(
            author=author,
            practices=["give-grace", "smile-first"] if index % 2 else ["give-grace"],
            tags=["counter"],
            thanks_count=index,
        )


def queries_of(client, url: str) -> int:
    """The queries of rendering the page: the shared pages are emptied first (stories.caching)."""
    caches["pages"].clear()
    source_essays()  # the footer's essays, kept in the same cache for ten minutes
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", QUERIES)
def test_a_list_runs_the_same_queries_with_many_stories(author, other_client, url):
    shelve(3, author)
    other_client.get(url)
    assert queries_of(other_client, url) == QUERIES[url]

    shelve(40, author)

    assert queries_of(other_client, url) == QUERIES[url]


def test_the_member_page_runs_the_same_queries_with_many_stories(author, other_client):
    url = reverse("stories:member", kwargs={"pk": author.pk})
    shelve(3, author)
    other_client.get(url)
    assert queries_of(other_client, url) == 6

    shelve(40, author)

    assert queries_of(other_client, url) == 6


def test_the_member_page_shows_their_published_stories_they_signed_newest_first(
    author, other_member, other_client, settings
):
    settings.STORIES_PER_PAGE = 2
    now = timezone.now()
    for index in range(3):
        StoryFactory(author=author, title=f"Signed {index}", published_at=now - timedelta(index))
    StoryFactory(author=author, title="Anonymous", is_anonymous=True)
    StoryFactory(author=author, title="Waiting", status=Story.Status.SUBMITTED)
    StoryFactory(author=other_member, title="Someone else's")
    url = reverse("stories:member", kwargs={"pk": author.pk})

    first, second = other_client.get(url), other_client.get(f"{url}?page=2")

    assert card_titles(first) == ["Signed 0", "Signed 1"]
    assert card_titles(second) == ["Signed 2"]
    assert parse(second).find("nav", cls="pagination").find("span").text == "Page 2 of 2"
    assert card_titles(other_client.get(f"{url}?page=7")) == ["Signed 2"]


def status_and_pages(response) -> tuple[str, str]:
    page = parse(response)
    return page.find("p", role="status").text, page.find("nav", cls="pagination").find("span").text


def test_the_list_says_where_the_reader_is_from_the_kept_count(author, other_client, settings):
    settings.STORIES_PER_PAGE = 2
    shelve(5, author)

    response = other_client.get(reverse("stories:list") + "?page=2")

    assert status_and_pages(response) == ("5 stories", "Page 2 of 3")


def test_a_tag_list_counts_a_few_pages_ahead_only(author, other_client, settings, monkeypatch):
    monkeypatch.setattr("stories.paging.LOOKAHEAD_PAGES", 1)
    settings.STORIES_PER_PAGE = 2
    shelve(7, author)

    first = other_client.get(reverse("stories:list") + "?tag=counter")
    last = other_client.get(reverse("stories:list") + "?tag=counter&page=4")

    assert status_and_pages(first) == ("More than 4 stories", "Page 1 of more than 2")
    assert status_and_pages(last) == ("7 stories", "Page 4 of 4")
    assert len(parse(last).find_all("article")) == 1


def test_a_deep_page_shows_its_stories_in_order(author, other_client, settings):
    settings.STORIES_PER_PAGE = 2
    shelve(5, author)
    newest_first = list(Story.objects.published().newest_first().values_list("title", flat=True))

    response = other_client.get(reverse("stories:list") + "?page=2")

    titles = [a.text for a in parse(response).find_all("h3")]
    assert titles == newest_first[2:4]
