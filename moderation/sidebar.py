"""What a review page reads beside the story: the storyteller's card, the story's practices and
tags, its history, open flags and the author's replies, each in one statement built once per
process (kindness.statements).

The card was three querysets (the story counts, the verified address, an open suspension) and the
practices and tags went through taggit's prefetch, which builds a queryset per relation; together
they cost a review page several milliseconds of Python for a few short rows. Every request still
reads the database, so the card never shows a stale count or standing.
"""

from allauth.account.models import EmailAddress
from django.db.models import CharField, Count, Exists, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Now
from taggit.models import Tag

from accounts.models import User
from kindness.statements import Statement, as_datetime
from moderation.models import AuthorReply, Decision, Flag, Suspension
from stories.choices import StoryStatus
from stories.models import Practice, PracticedIn, Story, TaggedStory


def _card(author_id):
    def stories(**status):
        counted = Story.objects.filter(author=OuterRef("pk"), **status).order_by()
        return Subquery(counted.values("author").annotate(n=Count("pk")).values("n"))

    suspension = Suspension.objects.active(now=Now()).filter(member=OuterRef("pk")).order_by("pk")
    return (
        User.objects.filter(pk=author_id)
        .annotate(
            published=stories(status=StoryStatus.PUBLISHED),
            rejected=stories(status=StoryStatus.REJECTED),
            total=stories(),
            verified=Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
            suspension_id=Subquery(suspension.values("pk")[:1]),
            suspended_until=Subquery(suspension.values("until")[:1]),
        )
        .values_list(
            "published", "rejected", "total", "verified", "suspension_id", "suspended_until"
        )
    )


_CARD = Statement(_card, author_id=int)


def _practices_and_tags(story_id):
    # Practices in their own order, then tags by name: one round trip for both chip lists.
    practices = (
        PracticedIn.objects.filter(content_object_id=story_id)
        .values_list(
            Value("practice", output_field=CharField()),
            "tag__position",
            "tag_id",
            "tag__name",
            "tag__slug",
        )
        .order_by()
    )
    tags = (
        TaggedStory.objects.filter(content_object_id=story_id)
        .values_list(
            Value("tag", output_field=CharField()),
            Value(0, output_field=IntegerField()),
            "tag_id",
            "tag__name",
            "tag__slug",
        )
        .order_by()
    )
    return practices.union(tags, all=True).order_by()


_CHIPS = Statement(
    _practices_and_tags, wrap="SELECT * FROM ({}) chips ORDER BY 1, 2, 4", story_id=int
)


_HISTORY = Statement(
    lambda story_id: Decision.objects.filter(story_id=story_id).annotate(
        moderator_name=F("moderator__display_name")
    ),
    story_id=int,
)

_OPEN_FLAGS = Statement(
    lambda story_id: Flag.objects.open().filter(story_id=story_id), story_id=int
)

_REPLIES = Statement(lambda story_id: AuthorReply.objects.filter(story_id=story_id), story_id=int)


def history(story: Story) -> list[Decision]:
    """Every decision on the story, newest first; `moderator_name` for the moderator's name."""
    return _HISTORY.objects(Decision, story_id=story.pk)


def open_flags(story: Story) -> list[Flag]:
    return _OPEN_FLAGS.objects(Flag, story_id=story.pk)


def replies(story: Story) -> list[AuthorReply]:
    return _REPLIES.objects(AuthorReply, story_id=story.pk)


def submitter_card(author) -> dict:
    """The storyteller's counts, whether their address is verified, and their open suspension."""
    published, rejected, total, verified, suspension_id, until = _CARD.rows(author_id=author.pk)[0]
    suspension = None
    if suspension_id is not None:
        suspension = Suspension(pk=suspension_id, member=author, until=as_datetime(until))
    return {
        "person": author,
        "verified": bool(verified),
        "published": published or 0,
        "rejected": rejected or 0,
        "total": total or 0,
        "suspension": suspension,
    }


def practices_and_tags(story: Story) -> tuple[list[Practice], list[Tag]]:
    practices, tags = [], []
    for kind, _, pk, name, slug in _CHIPS.rows(story_id=story.pk):
        if kind == "practice":
            practices.append(Practice(pk=pk, name=name, slug=slug))
        else:
            tags.append(Tag(pk=pk, name=name, slug=slug))
    return practices, tags
