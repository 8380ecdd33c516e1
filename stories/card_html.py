"""A story card's markup, written in Python: byte for byte what includes/_story_card.html renders.

Through the template a card took about 0.7 ms (seventeen variable lookups, three URL reversals),
and a search for a word no process had searched yet renders about seventeen new cards. The
template stays the reference: tests/stories/test_card_html.py renders every kind of card both
ways and compares them, so a change to the design is made in both or the test says where.
"""

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import pluralize
from django.utils.html import escape
from django.utils.timezone import template_localtime

from stories.templatetags.machine_time import iso_datetime
from stories.templatetags.story_text import excerpt

EXCERPT_WORDS = 32


def card_html(card, practice_urls: dict[str, str]) -> str:
    """`card` (stories.cards.Card) as the card template renders it; `practice_urls` keeps each
    practice's address for the other cards of the same request."""
    photo = ""
    if card.photo:
        photo = (
            f'<img class="story-card-photo" src="{escape(card.photo.thumbnail_url())}" '
            f'alt="{escape(card.photo_alt)}" width="240" height="160" loading="lazy">'
        )
    published = ""
    if card.published_at:
        shown = date_filter(template_localtime(card.published_at), "j M Y")
        published = (
            f'· <time datetime="{escape(iso_datetime(card.published_at))}">{escape(shown)}</time>'
        )
    chips = "".join(
        f'<li><a class="chip" href="{escape(_practice_url(practice, practice_urls))}">'
        f"{escape(practice.name)}</a></li>"
        for practice in card.practices
    )
    return (
        "\n"
        '<article class="story-card">\n'
        f"  {photo}\n"
        '  <div class="story-card-text">\n'
        f'    <h3><a href="{escape(card.get_absolute_url())}">{escape(card.title)}</a></h3>\n'
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


def _practice_url(practice, practice_urls: dict[str, str]) -> str:
    url = practice_urls.get(practice.slug)
    if url is None:
        url = practice_urls[practice.slug] = practice.get_absolute_url()
    return url
