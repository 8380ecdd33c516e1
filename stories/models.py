import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from stories.addresses import StoryAddress
from stories.choices import (
    EDITABLE_STATUSES,
    LIVE_STATUSES,
    RESUBMITTABLE_REASONS,
    WITHDRAWABLE_STATUSES,
    Perspective,
    Reason,
    RevisionStatus,
    Setting,
    StoryStatus,
)

# Importing the models kept in other modules registers them; new_photo_key and photo_path
# stay importable here: the migrations refer to them by this path.
from stories.digest_models import ThanksDigest  # noqa: F401
from stories.kept_models import ContentVersion, StoryTally, TagListing  # noqa: F401
from stories.photos import StoryPhoto, new_photo_key, photo_path  # noqa: F401
from stories.querysets import PracticeQuerySet, StoryQuerySet, StoryRevisionQuerySet
from stories.search_models import SearchChange  # noqa: F401


class SourceEssay(models.Model):
    """One of the public essays the practices are drawn from; credited on every practice page."""

    key = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=120, blank=True)
    site = models.CharField(max_length=120, blank=True)
    # Blank when no public copy could be confirmed: the essay is then credited without a link.
    url = models.URLField("public address", blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def credit(self) -> str:
        by = self.author or self.site
        return f"{self.title} ({by})" if by else self.title


class Practice(TagBase):
    """A way of serving the server, drawn from the essays.

    A taggit tag model of its own, kept apart from the free-form tags.
    """

    description = models.TextField(max_length=600)
    try_it = models.TextField("try it", max_length=400)
    sources = models.ManyToManyField(SourceEssay, related_name="practices")
    position = models.PositiveSmallIntegerField(default=0)
    # The printable card (stories.views.cards): kept with the practice, so a moderator edits the
    # wording in the admin rather than in a template.
    card_sentence = models.CharField("card: the practice in a sentence", max_length=160, blank=True)
    card_question = models.CharField("card: what to ask or say", max_length=160, blank=True)
    # Only "How did I do as your customer?" asks for a score: the essay's scale of one to five.
    card_scale_top = models.PositiveSmallIntegerField(
        "card: answers on a scale from 1 to", null=True, blank=True
    )

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def get_absolute_url(self) -> str:
        return reverse("stories:practice", kwargs={"slug": self.slug})

    @property
    def card_scale(self) -> range:
        return range(1, (self.card_scale_top or 0) + 1)


class PracticedIn(TaggedItemBase):
    """Links a story to its practices (a non-generic taggit through model, for plain joins)."""

    tag = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="tagged_stories")
    content_object = models.ForeignKey("Story", on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="stories_practicedin_once_per_story"
            ),
        ]


class TaggedStory(TaggedItemBase):
    """Links a story to taggit's standard free tags."""

    content_object = models.ForeignKey("Story", on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="stories_taggedstory_once_per_story"
            ),
        ]


def fingerprint(title: str, body: str) -> str:
    """Same words, same fingerprint: spotting a story submitted twice ignores case and spacing."""
    normal = " ".join(f"{title}\n{body}".lower().split())
    return hashlib.sha256(normal.encode()).hexdigest()


class Story(StoryAddress, models.Model):
    title = models.CharField(max_length=120)
    # Blank is allowed only in drafts; the "complete" constraint below holds every other status.
    body = models.TextField(max_length=10_000, blank=True)
    perspective = models.CharField(max_length=12, choices=Perspective.choices, blank=True)
    setting = models.CharField(max_length=16, choices=Setting.choices, blank=True)
    photo = models.ForeignKey(
        StoryPhoto, null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    photo_alt = models.CharField("photo description", max_length=250, blank=True)
    is_anonymous = models.BooleanField("publish anonymously", default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stories"
    )
    status = models.CharField(max_length=20, choices=StoryStatus.choices, default=StoryStatus.DRAFT)
    moderator_note = models.TextField(
        blank=True, help_text="The latest note from a moderator, shown to the author."
    )
    # Why it was last rejected or unpublished; NULL for older rejections and takedowns (final).
    rejected_for = models.CharField(  # noqa: DJ001 (nullable: SQLite adds it without a rebuild)
        max_length=24, choices=Reason.choices, null=True, blank=True
    )
    thanks_count = models.PositiveIntegerField(default=0)
    is_demo = models.BooleanField(default=False, help_text="Written by the team as demo content.")
    # Fingerprint of title and body: the same story submitted twice is caught by the database.
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # This submission; resubmitting moves it (moderation's stale-decision guard, daily limit).
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Set once, so a resubmitted story keeps its queue place. No default: SQLite adds the
    # column in place rather than rebuilding the table, which would drop its triggers.
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    featured_at = models.DateTimeField(null=True, blank=True)  # set by moderation.featuring
    # The pledge (pledges.Pledge) this story answers, written from its "How did it go?" link.
    # One story per pledge (constraint below), so the practice page counts people, not stories.
    pledge = models.ForeignKey(
        "pledges.Pledge",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        # The unique constraint's index serves the lookups.
        db_index=False,
    )

    practices = TaggableManager("practices", through=PracticedIn, related_name="stories")
    tags = TaggableManager("tags", through=TaggedStory, blank=True)

    Perspective = Perspective
    Setting = Setting
    Status = StoryStatus

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "stories"
        permissions = [("moderate_story", "Can review and decide on stories")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="stories_story_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (~Q(body="") & ~Q(perspective="") & ~Q(setting="")),
                name="stories_story_complete_unless_draft",
            ),
            models.UniqueConstraint(
                fields=["author", "content_hash"],
                condition=Q(status__in=["submitted", "published"]) & ~Q(content_hash=""),
                name="stories_story_no_duplicate_submission",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(photo__isnull=True) | ~Q(photo_alt=""),
                name="stories_story_photo_has_alt",
            ),
            # Partial: SQLite adds it as an index rather than rebuilding the table.
            models.UniqueConstraint(
                fields=["pledge"],
                condition=Q(pledge__isnull=False),
                name="stories_story_one_per_pledge",
            ),
        ]
        indexes = [
            # /stories/ newest first, the home page's latest stories, feeds and the sitemap.
            models.Index(fields=["status", "-published_at", "-id"], name="story_status_published"),
            # /stories/?sort=thanked
            models.Index(fields=["status", "-thanks_count", "-id"], name="story_status_thanked"),
            # /stories/?setting=..., newest first with id breaking ties (no sort step).
            models.Index(
                fields=["setting", "status", "-published_at", "-id"],
                name="story_setting_newest",
            ),
            # /stories/?perspective=..., likewise.
            models.Index(
                fields=["perspective", "status", "-published_at", "-id"],
                name="story_persp_newest",
            ),
            # /stories/?setting=...&perspective=...: combined filters, and their bounded count.
            models.Index(
                fields=["setting", "perspective", "status", "-published_at", "-id"],
                name="story_setting_persp_newest",
            ),
            # My stories and a member's public page.
            models.Index(fields=["author", "status", "-created_at"], name="story_author_status"),
            # The moderation queue, oldest first.
            models.Index(fields=["status", "submitted_at"], name="story_status_submitted"),
            # The home page's featured stories, newest feature first: only featured rows indexed.
            models.Index(
                fields=["-featured_at"],
                condition=Q(featured_at__isnull=False),
                name="story_featured",
            ),
            # "Read a story at random": the first published story at or after a random id.
            models.Index(fields=["status", "id"], name="story_status_id"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def byline(self) -> str:
        return "Anonymous" if self.is_anonymous else self.author.public_name

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def can_be_edited(self) -> bool:
        return self.status in EDITABLE_STATUSES or self.can_be_sent_again()

    def can_be_sent_again(self) -> bool:
        """Rejected for something an edit can fix: anything but spam or abuse."""
        return self.status == self.Status.REJECTED and self.rejected_for in RESUBMITTABLE_REASONS

    def can_be_withdrawn(self) -> bool:
        return self.status in WITHDRAWABLE_STATUSES

    def refresh_fingerprint(self) -> None:
        self.content_hash = fingerprint(self.title, self.body)

    def can_be_deleted(self) -> bool:
        """Anything but a live story: one readers see, or may see again, is withdrawn first."""
        return self.status not in LIVE_STATUSES

    def pending_revision(self) -> "StoryRevision | None":
        return self.revisions.pending().first()

    def revision_to_resume(self) -> "StoryRevision | None":
        """The author's latest edit still in play: waiting, or sent back with a note."""
        return self.revisions.filter(
            status__in=[StoryRevision.Status.PENDING, StoryRevision.Status.CHANGES_REQUESTED]
        ).first()


class StoryRevision(models.Model):
    """An edit of a published story, waiting for a moderator while the published text stays live.

    Holds a full copy of what the author wrote so nothing is ever lost, whatever the decision.
    """

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=120)
    body = models.TextField(max_length=10_000)
    perspective = models.CharField(max_length=12, choices=Story.Perspective.choices)
    setting = models.CharField(max_length=16, choices=Story.Setting.choices)
    practice_slugs = models.JSONField(default=list)
    tag_names = models.JSONField(default=list, blank=True)
    photo = models.ForeignKey(
        StoryPhoto, null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions"
    )
    photo_alt = models.CharField(max_length=250, blank=True)
    is_anonymous = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=RevisionStatus.choices, default=RevisionStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    Status = RevisionStatus

    objects = StoryRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # An author edits one pending version at a time; a new edit updates that one.
            models.UniqueConstraint(
                fields=["story"],
                condition=Q(status="pending"),
                name="stories_storyrevision_one_pending",
            ),
        ]
        indexes = [
            # The moderation queue's pending edits, oldest first.
            models.Index(fields=["status", "created_at"], name="revision_status_created"),
        ]

    def __str__(self) -> str:
        return f"Edit of {self.story_id}: {self.title}"


class Thanks(models.Model):
    """A member thanking a storyteller; once per story, toggled."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="thanks")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thanks_given"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "thanks"
        constraints = [
            models.UniqueConstraint(fields=["story", "member"], name="stories_thanks_once"),
        ]
        indexes = [
            # stories.digests: who received thanks since a moment (the weekly digest's search).
            models.Index(fields=["created_at"], name="thanks_created"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} thanked {self.story_id}"
