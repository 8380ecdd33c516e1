"""Search ranks a bounded set of candidates: title matches, then relevance, then the newest.

The sets are small here (search.CANDIDATES patched down), so the bounds show with a few stories.
Candidates are the most recently created matches (the highest ids, which both indexes walk
without reading every match), so stories are created oldest first, as the site creates them.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from stories import search
from stories.models import Story
from tests.factories import StoryFactory
from tests.stories.helpers import card_titles, page_text

PLAIN_BODY = "We waited in line for a while and then went home."


def search_page(client, query: str, **params):
    return client.get("/search/", {"q": query, **params})


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def few_candidates(monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)


def six_evenings(author) -> None:
    """Six stories saying "lantern" in the body only, "Evening 5" (oldest) to "Evening 0"."""
    for days in reversed(range(6)):
        StoryFactory(
            author=author,
            title=f"Evening {days}",
            body="The lantern was lit.",
            published_at=days_ago(days),
        )


@pytest.mark.django_db
def test_a_title_match_ranks_above_a_newer_body_match_that_says_it_more_often(other_client, author):
    StoryFactory(author=author, title="The lantern", body=PLAIN_BODY, published_at=days_ago(30))
    StoryFactory(
        author=author,
        title="A night walk",
        body="A lantern, then another lantern, then a lantern by the gate.",
        published_at=days_ago(1),
    )

    assert card_titles(search_page(other_client, "lantern")) == ["The lantern", "A night walk"]


@pytest.mark.django_db
def test_among_equal_matches_the_newest_comes_first(other_client, author):
    for days, title in [(3, "Lantern three"), (1, "Lantern one"), (2, "Lantern two")]:
        StoryFactory(author=author, title=title, body=PLAIN_BODY, published_at=days_ago(days))

    assert card_titles(search_page(other_client, "lantern")) == [
        "Lantern one",
        "Lantern two",
        "Lantern three",
    ]


@pytest.mark.django_db
def test_a_body_that_says_the_word_more_often_ranks_higher_among_body_matches(other_client, author):
    StoryFactory(
        author=author,
        title="Once",
        body="The lantern was lit.",
        published_at=days_ago(1),
    )
    StoryFactory(
        author=author,
        title="Thrice",
        body="A lantern, a second lantern, a third lantern.",
        published_at=days_ago(2),
    )

    assert card_titles(search_page(other_client, "lantern")) == ["Thrice", "Once"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [Story.Status.HIDDEN, Story.Status.WITHDRAWN, Story.Status.SUBMITTED]
)
def test_a_story_readers_may_not_see_never_appears_not_even_to_its_author(
    author_client, other_client, author, status
):
    StoryFactory(author=author, title="The lantern", status=status)
    StoryFactory(author=author, title="Another lantern", body=PLAIN_BODY)

    for client in (author_client, other_client):
        response = search_page(client, "lantern")
        assert card_titles(response) == ["Another lantern"]
        assert "1 story found" in page_text(response)


@pytest.mark.django_db
def test_a_story_hidden_after_publication_leaves_the_results(other_client, author):
    story = StoryFactory(author=author, title="The lantern", body=PLAIN_BODY)
    assert card_titles(search_page(other_client, "lantern")) == ["The lantern"]

    Story.objects.filter(pk=story.pk).update(status=Story.Status.HIDDEN)

    assert card_titles(search_page(other_client, "lantern")) == []


@pytest.mark.django_db
def test_more_matches_than_candidates_show_a_bounded_count(other_client, author, few_candidates):
    six_evenings(author)

    response = search_page(other_client, "lantern")

    assert "More than 3 stories found for “lantern”." in page_text(response)
    assert card_titles(response) == ["Evening 0", "Evening 1", "Evening 2", "Evening 3"]


@pytest.mark.django_db
def test_as_many_matches_as_candidates_show_an_exact_count(other_client, author, few_candidates):
    for days in range(3):
        StoryFactory(author=author, title=f"Evening {days}", body="The lantern was lit.")

    response = search_page(other_client, "lantern")

    assert "3 stories found for “lantern”." in page_text(response)
    assert "More than" not in page_text(response)


@pytest.mark.django_db
def test_an_old_title_match_still_ranks_first_when_newer_body_matches_fill_the_candidates(
    other_client, author, few_candidates
):
    StoryFactory(author=author, title="The lantern", body=PLAIN_BODY, published_at=days_ago(60))
    six_evenings(author)

    assert card_titles(search_page(other_client, "lantern"))[:2] == ["The lantern", "Evening 0"]


@pytest.mark.django_db
def test_a_title_match_older_than_the_title_window_ranks_only_among_the_newest_matches(
    other_client, author, few_candidates, monkeypatch
):
    monkeypatch.setattr(search, "TITLE_WINDOW", 4)
    StoryFactory(author=author, title="The lantern", body=PLAIN_BODY, published_at=days_ago(60))
    six_evenings(author)

    titles = card_titles(search_page(other_client, "lantern"))

    assert "The lantern" not in titles
    assert titles == ["Evening 0", "Evening 1", "Evening 2", "Evening 3"]


@pytest.mark.django_db
def test_a_half_typed_word_finds_longer_words_when_the_whole_word_finds_few(
    other_client, author, few_candidates
):
    StoryFactory(author=author, title="Lanterns at dusk", body=PLAIN_BODY)

    assert card_titles(search_page(other_client, "lant")) == ["Lanterns at dusk"]


@pytest.mark.django_db
def test_the_bounded_results_paginate(other_client, author, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 25)
    for days in range(30):
        StoryFactory(author=author, title=f"Evening {days}", body="The lantern was lit.")

    first = search_page(other_client, "lantern")
    second = search_page(other_client, "lantern", page=2)

    assert "More than 25 stories found" in page_text(first)
    assert len(card_titles(first)) == 20
    assert len(card_titles(second)) == 6
    assert 'href="?q=lantern&amp;page=2"' in page_text(first)


@pytest.mark.django_db
@pytest.mark.parametrize(("stories", "queries"), [(5, 5), (60, 4)], ids=["rare", "common"])
def test_a_signed_in_search_runs_a_fixed_number_of_queries(
    other_client, author, monkeypatch, django_assert_num_queries, stories, queries
):
    """Beside the session with its member and the content version (one query): one reads the
    change log's position (the search is then kept, stories.search_kept), one finds and ranks
    the candidates (on PostgreSQL, reading the position too: stories.search_postgresql), one
    loads the page's stories; a word that does not fill the candidates costs one more, for the
    prefix. The practices (for the cards and the filter menu alike) were read
    by the search before, at the same content version (stories.practice_choices). No query
    counts every match."""
    monkeypatch.setattr(search, "CANDIDATES", 50)
    for index in range(stories):
        StoryFactory(
            author=author,
            title=f"Evening {index}",
            body="The lantern was lit.",
            practices=["smile-first", "give-grace"],
        )
    other_client.get("/search/?q=warm")  # per-process caches such as the current Site

    with django_assert_num_queries(queries - (connection.vendor == "postgresql")):
        response = search_page(other_client, "lantern")

    assert len(card_titles(response)) == min(stories, 20)
