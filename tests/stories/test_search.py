from datetime import timedelta

import pytest
from django.utils import timezone

from stories.lifecycle import apply_revision
from stories.models import Story, StoryRevision
from tests.factories import StoryFactory
from tests.stories.helpers import card_titles, page_text, story_data

PLAIN_BODY = "We waited in line for a while and then went home."


def search(client, query: str):
    return client.get("/search/", {"q": query})


@pytest.mark.django_db
def test_it_finds_a_published_story_by_a_word_in_its_title(visitor, author):
    StoryFactory(author=author, title="The pharmacist in the storm", body=PLAIN_BODY)
    StoryFactory(author=author, title="A quiet Tuesday", body=PLAIN_BODY)

    response = search(visitor, "pharmacist")

    assert response.status_code == 200
    assert card_titles(response) == ["The pharmacist in the storm"]
    assert "1 story found for “pharmacist”." in page_text(response)


@pytest.mark.django_db
def test_it_finds_a_published_story_by_a_word_in_its_body(visitor, author):
    StoryFactory(author=author, title="A quiet Tuesday", body="The courier looked exhausted.")
    StoryFactory(author=author, title="A loud Monday", body=PLAIN_BODY)

    assert card_titles(search(visitor, "courier")) == ["A quiet Tuesday"]


@pytest.mark.django_db
def test_it_needs_every_word_of_the_query(visitor, author):
    StoryFactory(author=author, title="Courier at the door", body=PLAIN_BODY)
    StoryFactory(author=author, title="Courier in the rain", body=PLAIN_BODY)

    assert card_titles(search(visitor, "courier rain")) == ["Courier in the rain"]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "stored"), [("smiles", "smiled"), ("thanking", "thanked")])
def test_it_matches_other_forms_of_a_word(visitor, author, query, stored):
    StoryFactory(author=author, title="At the bakery", body=f"She {stored} at everyone.")

    assert card_titles(search(visitor, query)) == ["At the bakery"]


@pytest.mark.django_db
def test_it_matches_a_half_typed_last_word(visitor, author):
    StoryFactory(author=author, title="The pharmacist in the storm", body=PLAIN_BODY)

    assert card_titles(search(visitor, "pharmac")) == ["The pharmacist in the storm"]


@pytest.mark.django_db
def test_a_title_match_ranks_above_a_body_only_match(visitor, author):
    now = timezone.now()
    # Same number of words and one use of the word each; the body-only match is the newer, so only
    # weighting the title can put the title match first.
    StoryFactory(
        author=author,
        title="Umbrella for the doorman",
        body="He had stood outside all afternoon in the cold.",
        published_at=now - timedelta(days=2),
    )
    StoryFactory(
        author=author,
        title="Rain at the door",
        body="He had stood outside all afternoon with an umbrella.",
        published_at=now - timedelta(days=1),
    )

    response = search(visitor, "umbrella")

    assert card_titles(response) == ["Umbrella for the doorman", "Rain at the door"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status",
    [
        Story.Status.DRAFT,
        Story.Status.SUBMITTED,
        Story.Status.CHANGES_REQUESTED,
        Story.Status.REJECTED,
        Story.Status.WITHDRAWN,
    ],
)
def test_it_never_finds_an_unpublished_story(visitor, author, status):
    StoryFactory(author=author, title="Zephyrine at the pharmacy", status=status)

    response = search(visitor, "zephyrine")

    assert response.status_code == 200
    assert card_titles(response) == []
    assert "Nothing matches." in page_text(response)


@pytest.mark.django_db
def test_the_author_does_not_find_their_own_unpublished_story_in_search(author_client, author):
    StoryFactory(author=author, title="Zephyrine at the pharmacy", status="submitted")

    assert card_titles(search(author_client, "zephyrine")) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unclosed phrase',
        "cashier AND",
        "AND OR NOT",
        "*",
        "cash*",
        "NEAR(cashier",
        "title:cashier",
        "-cashier",
        "cashier & | ! :*",
        "'; DROP TABLE stories_story; --",
        "😀 🙏",
        "x" * 500,
        "café naïve",
        "the",
        "_",
        "__init__ o'clock 3d",
        "a:b x&y (z) <w> \\",
        "one two three four five six seven eight nine ten eleven",
    ],
)
def test_odd_input_returns_a_page_not_an_error(visitor, published_story, query):
    response = search(visitor, query)

    assert response.status_code == 200
    assert "Search the stories" in page_text(response)


@pytest.mark.django_db
def test_an_empty_query_shows_only_the_form(visitor, published_story):
    for response in (visitor.get("/search/"), search(visitor, "   ")):
        assert response.status_code == 200
        text = page_text(response)
        assert 'role="search"' in text
        assert "found for" not in text
        assert card_titles(response) == []


@pytest.mark.django_db
def test_search_results_paginate_and_keep_the_query(visitor, author):
    StoryFactory.create_batch(21, author=author, body="The courier smiled.")

    response = search(visitor, "courier")

    assert len(card_titles(response)) == 20
    assert "21 stories found" in page_text(response)
    assert 'href="?q=courier&amp;page=2"' in page_text(response)
    assert len(card_titles(visitor.get("/search/?q=courier&page=2"))) == 1


@pytest.mark.django_db
def test_an_approved_edit_is_found_by_its_new_title_and_not_its_old_one(
    visitor, author_client, author
):
    story = StoryFactory(author=author, title="Gondolier at dawn", body=PLAIN_BODY)
    author_client.post(
        f"/my-stories/{story.pk}/edit/",
        story_data(title="Lamplighter at dusk", body=PLAIN_BODY),
    )
    assert card_titles(search(visitor, "lamplighter")) == []

    apply_revision(revision=StoryRevision.objects.get(story=story))

    assert card_titles(search(visitor, "lamplighter")) == ["Lamplighter at dusk"]
    assert card_titles(search(visitor, "gondolier")) == []


@pytest.mark.django_db
def test_a_deleted_story_is_no_longer_found(visitor, author):
    story = StoryFactory(author=author, title="Gondolier at dawn", body=PLAIN_BODY)
    assert card_titles(search(visitor, "gondolier")) == ["Gondolier at dawn"]

    story.delete()

    assert card_titles(search(visitor, "gondolier")) == []
