"""A search kept between requests shows what a fresh search would, after every kind of change.

Each process keeps a search's ranked candidates and brings them up to date from the change log
(stories.search_kept, stories.search_log). These tests search once, change the stories, and
search again, as readers do; the page cache misses each time, as any change bumps the version.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from moderation.takedowns import request_takedown, unpublish_for_takedown
from stories import search, search_kept, search_log
from stories.lifecycle import delete_story, withdraw_story
from stories.models import Practice, SearchChange, Story
from tests.factories import ModeratorFactory, StoryFactory
from tests.stories.helpers import card_titles, page_text

pytestmark = pytest.mark.django_db

BODY = "The lantern was lit."


def search_page(client, query: str, **params):
    return client.get("/search/", {"q": query, **params})


@pytest.fixture
def few_candidates(monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)


def evenings(author, count: int) -> list[Story]:
    """Matching stories created oldest first (Evening 0 is the oldest), as the site creates them."""
    return [
        StoryFactory(author=author, title=f"Evening {index}", body=BODY) for index in range(count)
    ]


def unpublish_on_request(story: Story) -> None:
    request = request_takedown(
        story=story, identifies="I am the barista", asks="remove_story", email="b@example.com"
    )
    unpublish_for_takedown(request=request, moderator=ModeratorFactory())


def delete_withdrawn(story: Story) -> None:
    withdraw_story(story=story)
    delete_story(story=Story.objects.get(pk=story.pk))


LEAVING = {
    "withdrawn": lambda story: withdraw_story(story=story),
    "taken down": unpublish_on_request,
    "hidden": lambda story: Story.objects.filter(pk=story.pk).update(status=Story.Status.HIDDEN),
    "deleted": delete_withdrawn,
}


def test_it_finds_a_story_published_after_the_search_was_kept(visitor, author):
    evenings(author, 2)
    assert card_titles(search_page(visitor, "lantern")) == ["Evening 1", "Evening 0"]

    StoryFactory(author=author, title="Evening 2", body=BODY)

    response = search_page(visitor, "lantern")
    assert card_titles(response) == ["Evening 2", "Evening 1", "Evening 0"]
    assert "3 stories found" in page_text(response)


@pytest.mark.parametrize("change", list(LEAVING))
def test_a_story_that_leaves_the_site_leaves_a_kept_search(visitor, author, change):
    first, second = evenings(author, 2)
    assert card_titles(search_page(visitor, "lantern")) == ["Evening 1", "Evening 0"]

    LEAVING[change](Story.objects.get(pk=second.pk))

    response = search_page(visitor, "lantern")
    assert card_titles(response) == ["Evening 0"]
    assert "1 story found" in page_text(response)


@pytest.mark.parametrize("change", list(LEAVING))
def test_a_full_kept_search_that_loses_a_story_shows_the_next_older_one(
    visitor, author, few_candidates, change
):
    shelf = evenings(author, 6)
    assert card_titles(search_page(visitor, "lantern")) == [
        "Evening 5",
        "Evening 4",
        "Evening 3",
        "Evening 2",
    ]

    LEAVING[change](Story.objects.get(pk=shelf[4].pk))

    response = search_page(visitor, "lantern")
    assert card_titles(response) == ["Evening 5", "Evening 3", "Evening 2", "Evening 1"]
    assert "More than 3 stories found" in page_text(response)


def test_a_new_story_pushes_the_oldest_out_of_a_full_kept_search(visitor, author, few_candidates):
    evenings(author, 5)
    search_page(visitor, "lantern")

    StoryFactory(author=author, title="Evening 5", body=BODY)

    assert card_titles(search_page(visitor, "lantern")) == [
        "Evening 5",
        "Evening 4",
        "Evening 3",
        "Evening 2",
    ]


def test_an_edited_title_moves_a_story_in_a_kept_search(visitor, author):
    older, newer = evenings(author, 2)
    assert card_titles(search_page(visitor, "lantern")) == ["Evening 1", "Evening 0"]

    Story.objects.filter(pk=older.pk).update(title="The lantern by the gate")

    assert card_titles(search_page(visitor, "lantern")) == ["The lantern by the gate", "Evening 1"]


def test_an_edit_that_drops_the_word_drops_the_story_from_a_kept_search(visitor, author):
    older, newer = evenings(author, 2)
    search_page(visitor, "lantern")

    Story.objects.filter(pk=newer.pk).update(body="The candle was lit.")

    assert card_titles(search_page(visitor, "lantern")) == ["Evening 0"]


def test_an_edit_that_adds_the_word_adds_an_old_story_to_a_kept_search(visitor, author):
    old = StoryFactory(author=author, title="A quiet night", body="The candle was lit.")
    evenings(author, 1)
    assert card_titles(search_page(visitor, "lantern")) == ["Evening 0"]

    Story.objects.filter(pk=old.pk).update(body=BODY)

    assert card_titles(search_page(visitor, "lantern")) == ["Evening 0", "A quiet night"]


def test_a_kept_filtered_search_follows_a_story_given_the_practice(visitor, author):
    practice = Practice.objects.get(slug="smile-first")
    plain, chosen = evenings(author, 2)
    chosen.practices.add(practice)
    assert card_titles(search_page(visitor, "lantern", practice="smile-first")) == ["Evening 1"]

    plain.practices.add(practice)
    assert card_titles(search_page(visitor, "lantern", practice="smile-first")) == [
        "Evening 1",
        "Evening 0",
    ]

    chosen.practices.remove(practice)
    assert card_titles(search_page(visitor, "lantern", practice="smile-first")) == ["Evening 0"]


def test_a_kept_filtered_search_follows_a_story_moved_to_another_setting(visitor, author):
    first, second = evenings(author, 2)
    Story.objects.filter(pk=first.pk).update(setting=Story.Setting.GROCERY)
    Story.objects.filter(pk=second.pk).update(setting=Story.Setting.RESTAURANT)
    assert card_titles(search_page(visitor, "lantern", setting="grocery")) == ["Evening 0"]

    Story.objects.filter(pk=second.pk).update(setting=Story.Setting.GROCERY)

    assert card_titles(search_page(visitor, "lantern", setting="grocery")) == [
        "Evening 1",
        "Evening 0",
    ]


def test_a_half_typed_word_kept_search_finds_a_new_longer_word(visitor, author):
    StoryFactory(author=author, title="Lanterns at dusk", body="We walked home.")
    assert card_titles(search_page(visitor, "lant")) == ["Lanterns at dusk"]

    StoryFactory(author=author, title="Lantana in bloom", body="We walked home.")

    assert card_titles(search_page(visitor, "lant")) == ["Lantana in bloom", "Lanterns at dusk"]


def test_after_a_publish_it_re_ranks_only_the_story_that_changed(visitor, author):
    evenings(author, 3)
    search_page(visitor, "lantern")
    StoryFactory(author=author, title="Evening 3", body=BODY)

    with CaptureQueriesContext(connection) as queries:
        response = search_page(visitor, "lantern")

    assert card_titles(response)[0] == "Evening 3"
    searched = [query["sql"] for query in queries if "title_hits" in query["sql"]]
    assert searched == [], "the kept search was made afresh"


def test_more_changes_than_it_re_ranks_make_the_search_afresh(visitor, author, monkeypatch):
    monkeypatch.setattr(search_kept, "MOST_CHANGES", 2)
    evenings(author, 1)
    search_page(visitor, "lantern")
    for index in range(1, 4):
        StoryFactory(author=author, title=f"Evening {index}", body=BODY)

    with CaptureQueriesContext(connection) as queries:
        response = search_page(visitor, "lantern")

    assert card_titles(response) == ["Evening 3", "Evening 2", "Evening 1", "Evening 0"]
    assert any("title_hits" in query["sql"] for query in queries)


def test_a_log_emptied_under_a_kept_search_makes_it_afresh(visitor, author):
    evenings(author, 1)
    StoryFactory(author=author, title="Evening 1", body=BODY)
    search_page(visitor, "lantern")

    SearchChange.objects.all().delete()
    Story.objects.filter(title="Evening 1").update(status=Story.Status.HIDDEN)

    assert card_titles(search_page(visitor, "lantern")) == ["Evening 0"]


def test_the_log_names_each_story_whose_search_place_changed(author):
    story = StoryFactory(author=author, title="Evening", body=BODY)
    start = search_log.position(connection)

    Story.objects.filter(pk=story.pk).update(thanks_count=5, moderator_note="fine")
    assert search_log.changes_since(connection, start, most=10) == (start, set())

    Story.objects.filter(pk=story.pk).update(title="Evening lantern")
    newest, changed = search_log.changes_since(connection, start, most=10)
    assert changed == {story.pk}
    assert newest > start


def test_the_log_keeps_its_newest_rows_only(author):
    story = StoryFactory(author=author, title="Evening", body=BODY)
    for index in range(search_log.KEEP + 5):
        Story.objects.filter(pk=story.pk).update(title=f"Evening {index}")

    assert SearchChange.objects.count() <= 2 * search_log.KEEP
    assert search_log.changes_since(connection, 0, most=search_log.KEEP) is None
