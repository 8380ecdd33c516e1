"""What the pages rendered afresh after a publish read through prebuilt statements and keep
under a digest of what they show (stories.home, stories.story_page, stories.cards, stories.text):
each follows the change it shows at the next render, never a stale count, name, tag or text."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from accounts.models import User
from stories.cards import cards_for
from stories.lifecycle import withdraw_story
from stories.models import Practice, Story
from tests.factories import StoryFactory
from tests.pages import parse
from tests.stories.helpers import reads_local_memory_caches

pytestmark = pytest.mark.django_db


def grid_cards(response) -> dict[str, str]:
    """The home page's practice cards: name to the card's text."""
    return {
        card.find("h3").text: card.text
        for card in parse(response).find_all("li", cls="practice-card")
    }


def grid_keys() -> set[str]:
    return {key for key in caches["cards"]._cache if ":practice-card:" in key}


def chips(response, label: str) -> list[str]:
    found = parse(response).find("ul", **{"aria-label": label})
    return [chip.text for chip in found.find_all("a")] if found else []


def related(response) -> str:
    return parse(response).find("ul", cls="related").text


def test_it_shows_each_practices_count_of_stories_on_the_home_page(visitor, author):
    StoryFactory.create_batch(2, author=author, practices=["smile-first"])

    cards = grid_cards(visitor.get(reverse("home")))

    smile_first = Practice.objects.get(slug="smile-first").name
    assert cards[smile_first].endswith("2 stories")
    assert len(cards) == Practice.objects.count()


def test_it_counts_a_new_story_and_forgets_a_withdrawn_one_on_the_home_page(visitor, author):
    name = Practice.objects.get(slug="smile-first").name
    first = StoryFactory(author=author, practices=["smile-first"])
    assert grid_cards(visitor.get(reverse("home")))[name].endswith("1 story")

    StoryFactory(author=author, practices=["smile-first"])
    assert grid_cards(visitor.get(reverse("home")))[name].endswith("2 stories")

    withdraw_story(story=Story.objects.get(pk=first.pk))
    assert grid_cards(visitor.get(reverse("home")))[name].endswith("1 story")


def test_it_shows_a_renamed_and_reworded_practice_on_the_home_page(visitor):
    visitor.get(reverse("home"))

    Practice.objects.filter(slug="smile-first").update(
        name="Smile before you order", description="A new first sentence for the card."
    )

    cards = grid_cards(visitor.get(reverse("home")))
    assert "A new first sentence for the card." in cards["Smile before you order"]


@reads_local_memory_caches
def test_a_publish_renders_again_only_the_practice_cards_whose_count_moved(visitor, author):
    StoryFactory(author=author, practices=["smile-first"])
    visitor.get(reverse("home"))
    before = grid_keys()

    StoryFactory(author=author, practices=["smile-first"])
    visitor.get(reverse("home"))

    assert len(before) == Practice.objects.count()
    assert len(grid_keys() - before) == 1


def test_the_story_page_lists_practices_in_their_order_and_tags_by_name(visitor, author):
    story = StoryFactory(
        author=author, practices=["smile-first", "ask-how-are-you"], tags=["zebra", "apron"]
    )

    response = visitor.get(story.get_absolute_url())

    ordered = Practice.objects.filter(slug__in=["smile-first", "ask-how-are-you"])
    assert chips(response, "Practices") == [practice.name for practice in ordered]
    assert chips(response, "Tags") == ["#apron", "#zebra"]


def test_the_story_page_shows_a_tag_added_and_a_practice_renamed_after_it_was_read(visitor, author):
    story = StoryFactory(author=author, practices=["smile-first"], tags=["till"])
    visitor.get(story.get_absolute_url())

    Story.objects.get(pk=story.pk).tags.add("night-shift")
    Practice.objects.filter(slug="smile-first").update(name="Smile before you order")

    response = visitor.get(story.get_absolute_url())
    assert chips(response, "Tags") == ["#night-shift", "#till"]
    assert chips(response, "Practices") == ["Smile before you order"]


def test_the_story_pages_related_stories_follow_a_new_title_and_name(visitor, author):
    story = StoryFactory(author=author, practices=["smile-first"])
    StoryFactory(author=author, practices=["smile-first"], title="The barista")
    assert "The barista" in related(visitor.get(story.get_absolute_url()))

    Story.objects.filter(title="The barista").update(title="The barista at dawn")
    User.objects.filter(pk=author.pk).update(display_name="Alicia")

    assert related(visitor.get(story.get_absolute_url())) == "The barista at dawn by Alicia"


def test_the_feed_shows_the_excerpt_of_an_edited_body(visitor, author):
    story = StoryFactory(author=author, body="The courier smiled at the door.")
    assert "The courier smiled" in visitor.get("/feed/").content.decode()

    Story.objects.filter(pk=story.pk).update(body="The cashier *laughed* at my joke.")

    feed = visitor.get("/feed/").content.decode()
    assert "The cashier laughed at my joke." in feed
    assert "The courier smiled" not in feed


def test_cards_for_more_stories_than_one_statement_takes_keep_their_order(author):
    stories = [
        StoryFactory(author=author, title=f"Story {index}", practices=["smile-first"])
        for index in range(25)
    ]
    waiting = StoryFactory(author=author, status=Story.Status.SUBMITTED, published_at=None)
    ids = [story.pk for story in reversed(stories)]

    cards = cards_for([*ids[:12], waiting.pk, *ids[12:]])

    assert [card.pk for card in cards] == ids
    assert all(card.published_at == Story.objects.get(pk=card.pk).published_at for card in cards)
    assert {practice.slug for card in cards for practice in card.practices} == {"smile-first"}


def test_the_story_page_shows_its_authors_new_name_and_hides_it_once_anonymous(visitor, author):
    story = StoryFactory(author=author, title="The bus driver")
    assert "By Alice" in parse(visitor.get(story.get_absolute_url())).find("article").text

    User.objects.filter(pk=author.pk).update(display_name="Alicia")
    assert "By Alicia" in parse(visitor.get(story.get_absolute_url())).find("article").text

    Story.objects.filter(pk=story.pk).update(is_anonymous=True)
    article = parse(visitor.get(story.get_absolute_url())).find("article").text
    assert "By Anonymous" in article and "Alicia" not in article
