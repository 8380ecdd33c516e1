"""A list's cards are read as plain values (stories.cards), and look as a story's would."""

import re

import pytest
from django.template.loader import get_template
from django.urls import reverse

from stories.cards import CARD_TEMPLATE, cards_for
from stories.models import Practice, Story
from tests.factories import StoryFactory, StoryPhotoFactory, UserFactory, image_upload
from tests.pages import parse

pytestmark = pytest.mark.django_db


CHIPS = re.compile(r'<ul class="chips".*?</ul>', re.DOTALL)


def card_from_story(story: Story) -> str:
    html = get_template(CARD_TEMPLATE).render({"story": Story.objects.get(pk=story.pk)})
    return CHIPS.sub("", html)


def card_from_values(story: Story) -> str:
    (card,) = cards_for([story.pk])
    return CHIPS.sub("", get_template(CARD_TEMPLATE).render({"story": card}))


def chips(story: Story) -> list[str]:
    (card,) = cards_for([story.pk])
    html = get_template(CARD_TEMPLATE).render({"story": card})
    return [chip.text for chip in parse(html).find_all("a", cls="chip")]


def test_it_renders_a_card_with_a_photo_and_practices_as_the_story_would(author):
    photo = StoryPhotoFactory(owner=author, upload=image_upload(size=(64, 48)))
    story = StoryFactory(
        author=author, title="Grace at the gate: 10% kinder", photo=photo, photo_alt="A gate"
    )
    story.practices.set(list(Practice.objects.order_by("-position")[:3]))
    Story.objects.filter(pk=story.pk).update(thanks_count=1)

    assert card_from_values(story) == card_from_story(story)
    assert photo.thumbnail_url() in card_from_values(story)
    assert chips(story) == [practice.name for practice in Practice.objects.filter(stories=story)]


def test_it_renders_an_anonymous_card_as_the_story_would(author):
    story = StoryFactory(author=author, is_anonymous=True, perspective="witness")

    assert card_from_values(story) == card_from_story(story)
    assert "Anonymous" in card_from_values(story) and "Alice" not in card_from_values(story)


def test_it_names_a_member_without_a_display_name_as_the_story_would():
    story = StoryFactory(author=UserFactory(display_name=""), setting="public_office")

    assert card_from_values(story) == card_from_story(story)


def test_it_leaves_out_stories_that_are_not_published(author):
    shown = StoryFactory(author=author)
    waiting = StoryFactory(author=author, status=Story.Status.SUBMITTED, published_at=None)

    assert [card.pk for card in cards_for([waiting.pk, shown.pk])] == [shown.pk]


def test_the_home_page_shows_a_featured_story_that_is_also_the_latest(visitor, author):
    story = StoryFactory(author=author, title="Featured and newest")
    Story.objects.filter(pk=story.pk).update(featured_at=story.published_at)

    page = parse(visitor.get(reverse("home")))
    titles = [article.find("h3").text.strip() for article in page.find_all("article")]

    assert titles == ["Featured and newest", "Featured and newest"]
