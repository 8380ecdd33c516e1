"""What the story page reads: the published story with what its page shows of its author, photo
and pledge; then its practices and tags with the newest published stories sharing a practice:
two statements built once per process (kindness.statements), two round trips.

The page is rendered afresh after every publish (its page cache follows the content version).
taggit's prefetch of the practices and tags built a queryset per relation and a model per row,
the story's select_related and the related stories' Exists subquery were built again each time:
together more Python than the rest of the page, for a few short rows. Every request still reads
the database, so no practice, tag, name or title shown is ever stale.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from accounts.models import User, public_name
from kindness.statements import Statement, as_datetime
from pledges.models import Pledge
from stories.addresses import StoryAddress
from stories.cards import CardPractice
from stories.models import Practice, PracticedIn, Story, StoryPhoto

RELATED_STORIES = 3
_PRACTICE, _TAG, _RELATED = 1, 2, 3


@dataclass(frozen=True)
class StoryTag:
    slug: str
    name: str


@dataclass(frozen=True)
class RelatedStory(StoryAddress):
    """A related story as the page's aside shows it: its title and byline."""

    pk: int
    title: str
    byline: str


_STORY_FIELDS = tuple(field.attname for field in Story._meta.concrete_fields)
# What the page shows of the related rows, as `values()` names them, by model field.
_AUTHOR = {"id": "author_id", "display_name": "author__display_name"}
_PHOTO = {"id": "photo_id", "key": "photo__key", "width": "photo__width", "height": "photo__height"}
_TRIED = {
    "id": "pledge__practice_id",
    "slug": "pledge__practice__slug",
    "name": "pledge__practice__name",
}
_STORY = Statement(
    lambda story_id: (
        Story.objects.published()
        .filter(pk=story_id)
        .values(
            *dict.fromkeys([*_STORY_FIELDS, *_AUTHOR.values(), *_PHOTO.values(), *_TRIED.values()])
        )
    ),
    story_id=int,
)


def _partly(model, row: dict, columns: dict):
    """A `model` instance with only the fields the page shows, as `.only()` would load it."""
    names = [field.attname for field in model._meta.concrete_fields if field.attname in columns]
    return model.from_db("default", names, [row[columns[name]] for name in names])


def published_story(story_id: int) -> Story | None:
    """The published story, with its author's name, its photo and the practice it was tried
    after: any other field of those is loaded only if asked for, by a query of its own."""
    row = _STORY.row(story_id=story_id)
    if row is None:
        return None
    story = Story.from_db("default", _STORY_FIELDS, [row[name] for name in _STORY_FIELDS])
    story.author = _partly(User, row, _AUTHOR)
    if row["photo_id"] is not None:
        story.photo = _partly(StoryPhoto, row, _PHOTO)
    if row["pledge_id"] is not None:
        pledge = Pledge.from_db("default", ["id"], [row["pledge_id"]])
        pledge.practice = _partly(Practice, row, _TRIED)
        story.pledge = pledge
    return story


def _related(story_id):
    # A correlated EXISTS rather than a join with DISTINCT: the database walks the newest-first
    # index and stops at three, however many stories share a practice.
    practices = PracticedIn.objects.filter(content_object_id=story_id).values("tag_id")
    sharing = PracticedIn.objects.filter(content_object_id=OuterRef("pk"), tag_id__in=practices)
    return (
        Story.objects.published()
        .filter(Exists(sharing))
        .exclude(pk=story_id)
        .order_by("-published_at", "-id")
        .values_list("pk", "title", "is_anonymous", "author__display_name", "published_at")[
            :RELATED_STORIES
        ]
    )


# The related stories, then the story's practices and tags, in one round trip: each row is
# (kind, a number, a name, whether anonymous, a slug or name, a moment) as its kind fills it.
_AROUND = Statement(
    _related,
    wrap=(
        f"SELECT {_RELATED}, related.* FROM ({{}}) related "
        f"UNION ALL SELECT {_PRACTICE}, practice.position, practice.name, FALSE, practice.slug, "
        "NULL FROM stories_practicedin link JOIN stories_practice practice "
        "ON practice.id = link.tag_id WHERE link.content_object_id = %s "
        f"UNION ALL SELECT {_TAG}, 0, tag.name, FALSE, tag.slug, NULL "
        "FROM stories_taggedstory link JOIN taggit_tag tag ON tag.id = link.tag_id "
        "WHERE link.content_object_id = %s"
    ),
    story_id=int,
)


@dataclass(frozen=True)
class AroundStory:
    """The story's practices (in the practices' own order), its tags (by name), and the newest
    published stories sharing a practice with it, itself left out."""

    practices: list[CardPractice]
    tags: list[StoryTag]
    related: list[RelatedStory]


def around_story(story_id: int) -> AroundStory:
    rows = _AROUND.rows(story_id=story_id, extra=(story_id, story_id))
    labels = sorted((row[:5] for row in rows if row[0] != _RELATED), key=lambda row: row[:3])
    related = sorted(
        (row for row in rows if row[0] == _RELATED),
        key=lambda row: (as_datetime(row[5]), row[1]),
        reverse=True,
    )
    return AroundStory(
        practices=[
            CardPractice(slug=slug, name=name)
            for kind, _, name, _, slug in labels
            if kind == _PRACTICE
        ],
        tags=[StoryTag(slug=slug, name=name) for kind, _, name, _, slug in labels if kind == _TAG],
        related=[
            RelatedStory(pk=pk, title=title, byline="Anonymous" if anonymous else public_name(name))
            for _, pk, title, anonymous, name, _ in related
        ],
    )
