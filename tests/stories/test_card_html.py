"""Cards are written in Python (stories.card_html) exactly as the card template renders them.

The template is the reference: every kind of card is rendered both ways and compared byte for
byte, so a change to one that the other lacks fails here, naming the card.
"""

import dataclasses
import zoneinfo

import pytest
from django.template.loader import get_template
from django.utils import timezone

from stories.card_html import CardAddresses, card_html
from stories.cards import CARD_TEMPLATE, cards_for, render_cards
from stories.models import Practice, Story
from tests.factories import StoryFactory, StoryPhotoFactory, image_upload

pytestmark = pytest.mark.django_db


def both_ways(story: Story, **changed) -> tuple[str, str]:
    (card,) = cards_for([story.pk])
    card = dataclasses.replace(card, **changed)
    return get_template(CARD_TEMPLATE).render({"story": card}), card_html(card, CardAddresses())


def test_a_plain_card_is_the_templates_card(author):
    template, python = both_ways(StoryFactory(author=author, title="Thanks at the till"))

    assert python == template


def test_a_card_with_a_photo_and_three_practices_is_the_templates_card(author):
    photo = StoryPhotoFactory(owner=author, upload=image_upload(size=(64, 48)))
    story = StoryFactory(author=author, photo=photo, photo_alt='The "big" cup & <saucer>')
    story.practices.set(list(Practice.objects.order_by("-position")[:3]))

    template, python = both_ways(story)

    assert python == template
    assert photo.thumbnail_url() in python


def test_markup_in_a_title_body_and_byline_is_escaped_as_the_template_escapes_it(author):
    author.display_name = "Ann <b>O'Neil</b> & co"
    author.save()
    story = StoryFactory(
        author=author,
        title='<script>alert("hi")</script> & the barista\'s grin',
        body="She said <i>thank you</i> & meant it. " * 20,
    )

    template, python = both_ways(story)

    assert python == template
    assert "<script>" not in python


@pytest.mark.parametrize("thanks", [0, 1, 2, 1234])
def test_the_thanks_count_and_its_plural_are_the_templates(author, thanks):
    template, python = both_ways(StoryFactory(author=author), thanks_count=thanks)

    assert python == template


def test_an_anonymous_card_with_no_practices_is_the_templates_card(author):
    story = StoryFactory(author=author, is_anonymous=True, perspective="witness", practices=[])

    template, python = both_ways(story)

    assert python == template


def test_a_card_without_a_publication_date_is_the_templates_card(author):
    template, python = both_ways(StoryFactory(author=author), published_at=None)

    assert python == template
    assert "<time" not in python


def test_the_date_is_shown_in_the_current_time_zone_as_the_template_shows_it(author):
    story = StoryFactory(author=author)
    Story.objects.filter(pk=story.pk).update(
        published_at=timezone.datetime(2026, 12, 1, 23, 30, tzinfo=timezone.UTC)
    )

    with timezone.override(zoneinfo.ZoneInfo("Pacific/Auckland")):
        template, python = both_ways(story)

    assert python == template
    assert "2 Dec 2026" in python


def test_a_list_of_cards_is_written_as_the_template_would_render_each(author):
    stories = [StoryFactory(author=author, title=f"Evening {n}") for n in range(3)]
    cards = cards_for([story.pk for story in stories])

    written = render_cards(cards)

    template = get_template(CARD_TEMPLATE)
    assert written == "".join(template.render({"story": card}) for card in cards)
