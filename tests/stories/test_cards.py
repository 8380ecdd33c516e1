"""Story cards are rendered once per version of what they show (stories.cards)."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from accounts.models import User
from stories.models import Story
from tests.factories import StoryFactory, StoryPhotoFactory, image_upload
from tests.pages import parse
from tests.stories.helpers import reads_local_memory_caches

pytestmark = pytest.mark.django_db


def card_keys() -> set[str]:
    # The same cache holds the filters' markup (stories.filter_markup).
    return {key for key in caches["cards"]._cache if ":card:" in key}


def card_texts(response) -> list[str]:
    return [" ".join(card.text.split()) for card in parse(response).find_all("article")]


@reads_local_memory_caches
def test_a_publish_renders_the_new_storys_card_only(visitor, author):
    StoryFactory.create_batch(3, author=author)
    visitor.get(reverse("stories:list"))
    before = card_keys()

    StoryFactory(author=author, title="The newest one")
    response = visitor.get(reverse("stories:list"))

    assert "The newest one" in response.content.decode()
    assert len(before) == 3
    assert before < card_keys() and len(card_keys() - before) == 1


def test_a_renamed_member_is_renamed_on_every_card(visitor, author):
    StoryFactory(author=author, title="Counter manners")
    assert "Alice" in card_texts(visitor.get(reverse("stories:list")))[0]

    User.objects.filter(pk=author.pk).update(display_name="Alicia")

    assert "Alicia" in card_texts(visitor.get(reverse("stories:list")))[0]


def test_a_card_shows_its_new_thanks_count_once_the_page_is_rendered_again(visitor, author):
    story = StoryFactory(author=author, title="Thanked at the till")
    visitor.get(reverse("stories:list"))

    Story.objects.filter(pk=story.pk).update(thanks_count=4)
    caches["pages"].clear()  # the page's own minute (stories.caching.PAGE_SECONDS) has passed

    assert "4 thanks" in card_texts(visitor.get(reverse("stories:list")))[0]


def test_a_replaced_photo_shows_on_the_card(visitor, author):
    first = StoryPhotoFactory(owner=author, upload=image_upload(size=(64, 48)))
    story = StoryFactory(author=author, photo=first, photo_alt="A till")
    visitor.get(reverse("stories:list"))

    second = StoryPhotoFactory(owner=author, upload=image_upload(size=(64, 48)))
    Story.objects.filter(pk=story.pk).update(photo=second, photo_alt="A new till")
    page = visitor.get(reverse("stories:list")).content.decode()

    assert second.thumbnail_url() in page and "A new till" in page
    assert first.thumbnail_url() not in page


def test_an_anonymous_story_keeps_its_byline_anonymous(visitor, author):
    story = StoryFactory(author=author, title="Quietly kind")
    visitor.get(reverse("stories:list"))

    Story.objects.filter(pk=story.pk).update(is_anonymous=True)
    text = card_texts(visitor.get(reverse("stories:list")))[0]

    assert "Anonymous" in text and "Alice" not in text
