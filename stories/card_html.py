"""A story card's markup, written in Python: byte for byte what includes/_story_card.html renders.

Through the template a card took about 0.7 ms (seventeen variable lookups, three URL reversals),
and a search for a word no process had searched yet renders about seventeen new cards. Each
address is filled into a pattern reversed once (kindness.kept_addresses), the date is written as
the `date` filter writes it, and values are escaped with html.escape, which Django's escape
wraps. The template stays the reference: tests/stories/test_card_html.py renders every kind of
card both ways and compares them, so a change to the design is made in both or the test says
where.
"""

import functools
from collections.abc import Callable
from functools import cached_property
from html import escape

from django.template.defaultfilters import pluralize
from django.utils import translation
from django.utils.dates import MONTHS_3
from django.utils.timezone import template_localtime
from django.utils.translation import get_language

from stories.addresses import PRACTICE_ADDRESS, STORY_ADDRESS, THUMBNAIL_ADDRESS
from stories.templatetags.machine_time import iso_datetime
from stories.templatetags.story_text import excerpt

EXCERPT_WORDS = 32


class CardAddresses:
    """The addresses one request's cards link to, each pattern looked up once and each
    practice's address written once."""

    def __init__(self) -> None:
        self._practices: dict[str, str] = {}

    @cached_property
    def _story(self) -> Callable[..., str]:
        return STORY_ADDRESS.writer()

    @cached_property
    def _thumbnail(self) -> Callable[..., str]:
        return THUMBNAIL_ADDRESS.writer()

    @cached_property
    def _practice(self) -> Callable[..., str]:
        return PRACTICE_ADDRESS.writer()

    def story(self, card) -> str:
        return self._story(pk=card.pk, slug=card.slug)

    def thumbnail(self, photo) -> str:
        return self._thumbnail(key=photo.key)

    def practice(self, practice) -> str:
        url = self._practices.get(practice.slug)
        if url is None:
            url = self._practices[practice.slug] = self._practice(slug=practice.slug)
        return url


def card_html(card, addresses: CardAddresses) -> str:
    """`card` (stories.cards.Card) as the card template renders it; `addresses` serves the
    other cards of the same request too."""
    photo = ""
    if card.photo:
        photo = (
            f'<img class="story-card-photo" src="{escape(addresses.thumbnail(card.photo))}" '
            f'alt="{escape(card.photo_alt)}" width="240" height="160" loading="lazy">'
        )
    published = ""
    if card.published_at:
        # One conversion to local time for both: iso_datetime() and the `date` filter each make
        # the same one, and each costs a look-up of the current time zone.
        local = template_localtime(card.published_at)
        machine = iso_datetime(local)
        published = f'· <time datetime="{escape(machine)}">{escape(_day(local))}</time>'
    chips = "".join(
        f'<li><a class="chip" href="{escape(addresses.practice(practice))}">'
        f"{escape(practice.name)}</a></li>"
        for practice in card.practices
    )
    return (
        "\n"
        '<article class="story-card">\n'
        f"  {photo}\n"
        '  <div class="story-card-text">\n'
        f'    <h3><a href="{escape(addresses.story(card))}">{escape(card.title)}</a></h3>\n'
        '    <p class="story-meta">\n'
        f"      {escape(card.byline)} · {escape(card.get_perspective_display())} · "
        f"{escape(card.get_setting_display())}\n"
        f"      {published}\n"
        "    </p>\n"
        f"    <p>{escape(excerpt(card.body, EXCERPT_WORDS))}</p>\n"
        '    <ul class="chips" aria-label="Practices">\n'
        f"      {chips}\n"
        "    </ul>\n"
        '    <p class="thanks-count"><span aria-hidden="true">♥</span> '
        f"{card.thanks_count} thank{pluralize(card.thanks_count)}</p>\n"
        "  </div>\n"
        "</article>\n"
    )


def _day(moment) -> str:
    """`moment|date:"j M Y"`, as django.utils.dateformat writes each of the three."""
    return f"{moment.day} {_months(get_language())[moment.month]} {moment.year:04d}"


@functools.cache
def _months(language: str) -> dict[int, str]:
    """MONTHS_3, translated into `language` (the active one) as the `date` filter shows them."""
    with translation.override(language):
        return {number: str(name).title() for number, name in MONTHS_3.items()}
