"""Story cards rendered once per version of what the card shows, whichever list shows them.

A card's key is a digest of everything templates/includes/_story_card.html shows: title, body
(the excerpt), point of view, setting, photo and its description, byline (anonymous or the
author's display name), publication date, thanks count, practices, and the card template itself.
Any change to one of them is a new key, so no trigger or signal has to remember to forget a card:
a renamed member, a replaced photo or one more thanks simply render a new card. A story being
published therefore re-renders its own card only, never the other nineteen on the page.

A list reads what its cards show as plain values (`cards_for`: one query, no model objects, each
row naming its practices' ids, whose slugs and names come from the request's practices,
stories.practice_choices):
the key needs every one of them anyway, and the first request after a publish (whose page cache
is cold) otherwise spent more time building stories, authors, photos and practices than
rendering the one new card. A `Card` answers the card template as a Story would; its markup is
written by stories.card_html, byte for byte what that template renders.

The cache holds markup only. Which stories a reader sees is decided by the list's query, every
time; a card whose story left the site is never looked up again and expires.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast
from django.utils.safestring import SafeString, mark_safe

from accounts.models import public_name
from kindness.statements import Statement, as_datetime
from stories import kept_markup
from stories.addresses import PRACTICE_ADDRESS, THUMBNAIL_ADDRESS, StoryAddress
from stories.card_html import CardAddresses, card_html
from stories.choices import Perspective, Setting
from stories.kept_markup import markup_of
from stories.markup_keys import markup_key
from stories.models import PracticedIn, Story, StoryQuerySet
from stories.practice_choices import Practices
from stories.practice_choices import read as read_practices

CARD_TEMPLATE = "includes/_story_card.html"
CARD_CACHE = kept_markup.CACHE
CARD_SECONDS = kept_markup.SECONDS
_PERSPECTIVES = dict(Perspective.choices)
_SETTINGS = dict(Setting.choices)
# What a card shows, as Story.objects...values() names them.
_SHOWN = (
    "id",
    "title",
    "body",
    "perspective",
    "setting",
    "photo__key",
    "photo_alt",
    "is_anonymous",
    "author__display_name",
    "status",
    "published_at",
    "thanks_count",
    "practice_ids",
)
# The ids of a story's practices, comma-separated, in the row: a second statement for the
# practice links cost a cold list page a round trip and its Python.
_PRACTICE_IDS = Subquery(
    PracticedIn.objects.filter(content_object_id=OuterRef("pk"))
    .order_by()
    .values("content_object_id")
    .annotate(ids=StringAgg(Cast("tag_id", CharField()), Value(",")))
    .values("ids")
)


@dataclass(frozen=True)
class CardPractice:
    slug: str
    name: str

    def get_absolute_url(self) -> str:
        return PRACTICE_ADDRESS(slug=self.slug)


@dataclass(frozen=True)
class CardPhoto:
    key: str

    def thumbnail_url(self) -> str:
        return THUMBNAIL_ADDRESS(key=self.key)


class CardPractices(tuple):
    """`story.practices.all` in the card template."""

    def all(self) -> "CardPractices":
        return self


@dataclass(frozen=True)
class Card(StoryAddress):
    """What one story card shows; the template reads it as it would read a Story."""

    pk: int
    title: str
    body: str
    perspective: str
    setting: str
    photo: CardPhoto | None
    photo_alt: str
    byline: str
    status: str
    published_at: datetime | None
    thanks_count: int
    practices: CardPractices

    def get_perspective_display(self) -> str:
        return _PERSPECTIVES.get(self.perspective, self.perspective)

    def get_setting_display(self) -> str:
        return _SETTINGS.get(self.setting, self.setting)


def card_values(stories: StoryQuerySet) -> StoryQuerySet:
    """`stories` as rows of what their cards show, for `cards_from`."""
    return stories.annotate(practice_ids=_PRACTICE_IDS).values_list(*_SHOWN)


def _among(ids: dict) -> list:
    return list(ids.values())


# Prebuilt (kindness.statements) for a page of ids: building it cost a cold list more than the
# database took to answer. A longer list goes in several runs; a shorter one fills the slots
# left with an id no story has.
_IDS_AT_ONCE = 20
_ID_SLOTS = {f"id{index}": int for index in range(_IDS_AT_ONCE)}
_NO_STORY = 0
_PUBLISHED_ROWS = Statement(
    lambda **ids: card_values(Story.objects.published().filter(pk__in=_among(ids)).order_by()),
    **_ID_SLOTS,
)


def _rows_among(statement: Statement, ids: list[int]) -> list[tuple]:
    rows = []
    for start in range(0, len(ids), _IDS_AT_ONCE):
        chunk = ids[start : start + _IDS_AT_ONCE]
        chunk += [_NO_STORY] * (_IDS_AT_ONCE - len(chunk))
        rows += statement.rows(**dict(zip(_ID_SLOTS, chunk, strict=True)))
    return rows


_PUBLISHED_AT = _SHOWN.index("published_at")


def _converted(row: tuple) -> tuple:
    """A raw row of `card_values` as the ORM gives it: the moment is the one column to convert."""
    return (*row[:_PUBLISHED_AT], as_datetime(row[_PUBLISHED_AT]), *row[_PUBLISHED_AT + 1 :])


def card_rows(statement: Statement, **values) -> list[tuple]:
    """The rows of a prebuilt statement (kindness.statements) of `card_values`, for `cards_from`."""
    return [_converted(row) for row in statement.rows(**values)]


def cards_from(rows: list[tuple], *, practices: Practices | None = None) -> list[Card]:
    """The cards of rows from `card_values`, in their order, their practices named from
    `practices` (read here, one query, unless the request has read them already)."""
    if practices is None:
        practices = read_practices()
    cards = []
    for row in rows:
        pk, title, body, perspective, setting, photo, alt, anonymous, author, *rest = row
        status, published_at, thanks_count, practice_ids = rest
        cards.append(
            Card(
                pk=pk,
                title=title,
                body=body,
                perspective=perspective,
                setting=setting,
                photo=CardPhoto(key=photo) if photo else None,
                photo_alt=alt,
                byline="Anonymous" if anonymous else public_name(author),
                status=status,
                published_at=published_at,
                thanks_count=thanks_count,
                practices=CardPractices(
                    CardPractice(slug=slug, name=name)
                    for slug, name in practices.named(practice_ids)
                ),
            )
        )
    return cards


def cards_for(
    ids: list[int], *, stories: StoryQuerySet | None = None, practices: Practices | None = None
) -> list[Card]:
    """The cards of the stories among `ids` that `stories` (the published ones unless given)
    holds, in the order of `ids`; `practices` when the request has read them."""
    if not ids:
        return []
    if stories is None:
        found = [_converted(row) for row in _rows_among(_PUBLISHED_ROWS, ids)]
    else:
        found = card_values(stories.filter(pk__in=ids).order_by())
    rows = {row[0]: row for row in found}
    return cards_from([rows[pk] for pk in ids if pk in rows], practices=practices)


def _shown(card: Card) -> tuple:
    """Everything the card template shows of `card`: its markup's name (stories.kept_markup)."""
    return (
        card.pk,
        card.title,
        card.body,
        card.perspective,
        card.setting,
        card.photo.key if card.photo else "",
        card.photo_alt,
        card.byline,
        card.status,
        card.published_at.isoformat() if card.published_at else "",
        card.thanks_count,
        tuple((practice.slug, practice.name) for practice in card.practices),
    )


def card_key(card: Card) -> str:
    return markup_key("card", CARD_TEMPLATE, _shown(card))


def render_cards(cards: list[Card]) -> SafeString:
    """The cards, in order: kept ones as they are, the others written (stories.card_html) and
    kept."""
    addresses = CardAddresses()
    markup = markup_of(
        "card",
        CARD_TEMPLATE,
        [_shown(card) for card in cards],
        lambda index: card_html(cards[index], addresses),
    )
    return mark_safe("".join(markup))
