"""Story cards rendered once per version of what the card shows, whichever list shows them.

A card's key is a digest of everything templates/includes/_story_card.html shows: title, body
(the excerpt), point of view, setting, photo and its description, byline (anonymous or the
author's display name), publication date, thanks count, practices, and the card template itself.
Any change to one of them is a new key, so no trigger or signal has to remember to forget a card:
a renamed member, a replaced photo or one more thanks simply render a new card. A story being
published therefore re-renders its own card only, never the other nineteen on the page.

The cache holds markup only. Which stories a reader sees is decided by the list's query, every
time; a card whose story left the site is never looked up again and expires.
"""

import hashlib
from functools import cache

from django.core.cache import caches
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from stories.models import Story

CARD_TEMPLATE = "includes/_story_card.html"
CARD_CACHE = "cards"
CARD_SECONDS = 24 * 60 * 60


@cache
def _template_digest() -> str:
    """A new deploy with a changed card template must not serve cards in the old one."""
    source = get_template(CARD_TEMPLATE).template.source
    return hashlib.sha256(source.encode()).hexdigest()[:12]


def card_key(story: Story) -> str:
    photo = story.photo.key if story.photo_id and story.photo else ""
    shown = (
        story.pk,
        story.title,
        story.body,
        story.perspective,
        story.setting,
        photo,
        story.photo_alt,
        story.byline,
        story.status,
        story.published_at.isoformat() if story.published_at else "",
        story.thanks_count,
        tuple((practice.slug, practice.name) for practice in story.practices.all()),
    )
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:40]
    return f"card:{_template_digest()}:{digest}"


def render_cards(stories: list[Story]) -> SafeString:
    """The cards of `stories`, in order: cached ones as they are, the others rendered and kept."""
    keys = [card_key(story) for story in stories]
    found = caches[CARD_CACHE].get_many(keys)
    template = get_template(CARD_TEMPLATE)
    rendered = {}
    for story, key in zip(stories, keys, strict=True):
        if key not in found:
            rendered[key] = template.render({"story": story})
    if rendered:
        caches[CARD_CACHE].set_many(rendered, CARD_SECONDS)
    return mark_safe("".join(found.get(key) or rendered[key] for key in keys))
