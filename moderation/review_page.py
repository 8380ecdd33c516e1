"""Everything a review page shows, read in one statement (kindness.statements).

The review and flag review pages read the story, its photo and storyteller, the storyteller's
card (counts, verified address, open suspension), the claim on the story, its practices and tags,
open flags, history and the author's replies. As separate queries that was seven round trips a
page, about 0.9 ms each on PostgreSQL before anything rendered. Here the story's row carries the
card's counts, the suspension and the claim each as one JSON object and each list as a JSON array,
from a correlated subquery each, so a page costs one round trip. (One subquery a value, fifteen in
all, was a third of the statement's time on SQLite.) Every request still reads the database: no
status, claim, flag or history is ever kept between requests.
"""

import functools
import json
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db.models import Aggregate, Count, Exists, F, OuterRef, Q, Subquery, TextField
from django.db.models.functions import JSONObject, Now
from django.urls import reverse

from accounts.models import User
from kindness.statements import Statement, as_datetime
from moderation.models import AuthorReply, Decision, Flag, ReviewClaim, Suspension
from stories.choices import LIVE_STATUSES, StoryStatus
from stories.models import PracticedIn, Story, TaggedStory
from stories.photos import StoryPhoto

_STORY_FIELDS = tuple(field.attname for field in Story._meta.concrete_fields)
_PHOTO_FIELDS = tuple(field.attname for field in StoryPhoto._meta.concrete_fields)
# In the model's field order, which Model.from_db expects when some fields are left out.
_AUTHOR_FIELDS = tuple(
    field.attname
    for field in User._meta.concrete_fields
    if field.attname in {"id", "display_name", "date_joined", "is_staff", "is_active"}
)
_ANNOTATIONS = (
    "counts_json",
    "verified",
    "suspension_json",
    "claim_json",
    "practices_json",
    "tags_json",
    "flags_json",
    "history_json",
    "replies_json",
)


class _JSONList(Aggregate):
    """The rows' JSON objects as one JSON array (text): SQLite's JSON_GROUP_ARRAY, PostgreSQL's
    JSONB_AGG. Unordered: SQLite before 3.44 cannot order an aggregate, so rows are sorted after."""

    function = "JSON_GROUP_ARRAY"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def _listed(queryset, *, on: str, **fields):
    """`queryset`'s rows for the outer story (`on` names its column) as one JSON array."""
    return Subquery(
        queryset.order_by()
        .values(on)
        .annotate(listed=_JSONList(JSONObject(**fields)))
        .values("listed")
    )


def _one(queryset, **fields):
    """`queryset`'s first row as one JSON object: a subquery each, not one a column."""
    return Subquery(queryset.values(one=JSONObject(**fields))[:1])


def _counts():
    """The storyteller's stories: all, published and rejected, as one JSON object."""
    stories = Story.objects.filter(author=OuterRef("author_id")).order_by().values("author")
    return Subquery(
        stories.annotate(
            counts=JSONObject(
                total=Count("pk"),
                published=Count("pk", filter=Q(status=StoryStatus.PUBLISHED)),
                rejected=Count("pk", filter=Q(status=StoryStatus.REJECTED)),
            )
        ).values("counts")
    )


def _page(story_id):
    suspension = (
        Suspension.objects.active(now=Now()).filter(member=OuterRef("author_id")).order_by("pk")
    )
    claim = ReviewClaim.objects.of_story(OuterRef("pk")).order_by()
    return (
        Story.objects.exclude(status=StoryStatus.DRAFT)
        .filter(pk=story_id)
        .annotate(
            counts_json=_counts(),
            verified=Exists(EmailAddress.objects.filter(user=OuterRef("author_id"), verified=True)),
            suspension_json=_one(suspension, id=F("pk"), until=F("until")),
            claim_json=_one(
                claim,
                id=F("pk"),
                moderator_id=F("moderator_id"),
                moderator_name=F("moderator__display_name"),
                claimed_at=F("claimed_at"),
            ),
            practices_json=_listed(
                PracticedIn.objects.filter(content_object_id=OuterRef("pk")),
                on="content_object_id",
                id=F("tag_id"),
                name=F("tag__name"),
                slug=F("tag__slug"),
                position=F("tag__position"),
            ),
            tags_json=_listed(
                TaggedStory.objects.filter(content_object_id=OuterRef("pk")),
                on="content_object_id",
                id=F("tag_id"),
                name=F("tag__name"),
                slug=F("tag__slug"),
            ),
            flags_json=_listed(
                Flag.objects.open().filter(story_id=OuterRef("pk")),
                on="story_id",
                id=F("id"),
                member_id=F("member_id"),
                reason=F("reason"),
                note=F("note"),
                created_at=F("created_at"),
            ),
            history_json=_listed(
                Decision.objects.filter(story_id=OuterRef("pk")),
                on="story_id",
                id=F("id"),
                moderator_id=F("moderator_id"),
                moderator_name=F("moderator__display_name"),
                action=F("action"),
                from_status=F("from_status"),
                to_status=F("to_status"),
                reason=F("reason"),
                note=F("note"),
                correction=F("correction"),
                created_at=F("created_at"),
            ),
            replies_json=_listed(
                AuthorReply.objects.filter(story_id=OuterRef("pk")),
                on="story_id",
                id=F("id"),
                decision_id=F("decision_id"),
                body=F("body"),
                created_at=F("created_at"),
            ),
        )
        .values(
            *_STORY_FIELDS,
            *(f"photo__{name}" for name in _PHOTO_FIELDS),
            *(f"author__{name}" for name in _AUTHOR_FIELDS),
            *_ANNOTATIONS,
        )
    )


_PAGE = Statement(_page, story_id=int)


@dataclass(frozen=True)
class Chip:
    """A practice or tag as its chip shows it: plainer than a model instance, built per chip."""

    pk: int
    name: str
    slug: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


@functools.lru_cache(maxsize=256)
def _practice_url(slug: str) -> str:
    return reverse("stories:practice", kwargs={"slug": slug})


@dataclass
class ReviewPage:
    story: Story
    practices: list["Chip"]
    tags: list["Chip"]
    submitter: dict
    flags: list[Flag]
    history: list[Decision]
    replies: list[AuthorReply]
    # The claim on the story, whoever holds it and live or not (moderation.claims decides).
    claim: ReviewClaim | None

    def context(self) -> dict:
        """What moderation.views._review_context gives the templates."""
        return {
            "story": self.story,
            "practices": self.practices,
            "tags": self.tags,
            "submitter": self.submitter,
            "flags": self.flags,
            "history": self.history,
            "replies": self.replies,
            # Flags on a story its author withdrew have nothing left to decide.
            "is_live": self.story.status in LIVE_STATUSES,
        }


def read(story_id: int) -> ReviewPage | None:
    """The review page of the story, or None when there is no such story or it is a draft."""
    found = _PAGE.row(story_id=story_id)
    if found is None:
        return None
    author = User.from_db(
        "default", list(_AUTHOR_FIELDS), [found[f"author__{name}"] for name in _AUTHOR_FIELDS]
    )
    story = Story.from_db("default", list(_STORY_FIELDS), [found[name] for name in _STORY_FIELDS])
    story.author = author
    photo = None
    if story.photo_id is not None:
        photo = StoryPhoto.from_db(
            "default", list(_PHOTO_FIELDS), [found[f"photo__{name}"] for name in _PHOTO_FIELDS]
        )
    story.photo = photo
    return ReviewPage(
        story=story,
        practices=[
            Chip(row["id"], row["name"], row["slug"], _practice_url(row["slug"]))
            for row in sorted(
                _rows(found["practices_json"]), key=lambda row: (row["position"], row["name"])
            )
        ],
        tags=[
            Chip(row["id"], row["name"], row["slug"], "")
            for row in sorted(_rows(found["tags_json"]), key=lambda row: row["name"])
        ],
        submitter=_submitter(author, found),
        flags=_objects(Flag, found["flags_json"], story_id=story.pk, newest_first=False),
        history=_objects(Decision, found["history_json"], story_id=story.pk),
        replies=_objects(AuthorReply, found["replies_json"], story_id=story.pk),
        claim=_claim(story, found),
    )


def _rows(listed) -> list[dict]:
    if listed is None:
        return []
    return json.loads(listed) if isinstance(listed, str | bytes) else listed


def _object(found) -> dict | None:
    return json.loads(found) if isinstance(found, str | bytes) else found


_FIELDS = {
    model: {field.attname for field in model._meta.concrete_fields}
    for model in (Flag, Decision, AuthorReply)
}


def _objects(model, listed, *, story_id: int, newest_first: bool = True) -> list:
    """Model instances from a JSON array, in the model's own order (created_at, then id)."""
    found = []
    for row in _rows(listed):
        row["created_at"] = as_datetime(row["created_at"])
        # Annotations (a moderator's name) are attributes, as raw() and annotate() give them.
        extra = {name: row.pop(name) for name in list(row) if name not in _FIELDS[model]}
        item = model(story_id=story_id, **row)
        item.__dict__.update(extra)
        found.append(item)
    found.sort(key=lambda item: (item.created_at, item.pk), reverse=newest_first)
    return found


def _submitter(author: User, found: dict) -> dict:
    suspension = None
    if (suspended := _object(found["suspension_json"])) is not None:
        suspension = Suspension(
            pk=suspended["id"], member=author, until=as_datetime(suspended["until"])
        )
    counts = _object(found["counts_json"]) or {}
    return {
        "person": author,
        "verified": bool(found["verified"]),
        "published": counts.get("published") or 0,
        "rejected": counts.get("rejected") or 0,
        "total": counts.get("total") or 0,
        "suspension": suspension,
    }


def _claim(story: Story, found: dict) -> ReviewClaim | None:
    if (claim := _object(found["claim_json"])) is None:
        return None
    moderator = User(pk=claim["moderator_id"], display_name=claim["moderator_name"])
    return ReviewClaim(
        pk=claim["id"],
        kind=ReviewClaim.Kind.STORY,
        story=story,
        moderator=moderator,
        claimed_at=as_datetime(claim["claimed_at"]),
    )
