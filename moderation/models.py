from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# The takedown queue's models live in their own module; importing them here registers them.
from moderation.takedown_models import (  # noqa: F401
    TakedownAsk,
    TakedownKind,
    TakedownOutcome,
    TakedownRequest,
)
from stories.choices import Reason, RevisionStatus, StoryStatus
from stories.models import Story, StoryRevision


class ImmutableRecord(Exception):
    """Moderation history is append-only."""


class AppendOnlyQuerySet(models.QuerySet):
    """History rows are written once: no bulk update or delete."""

    def update(self, **kwargs):
        raise ImmutableRecord("Moderation history cannot be changed.")

    def delete(self):
        raise ImmutableRecord("Moderation history cannot be deleted.")


class AppendOnlyRecord(models.Model):
    """A history row: saved once, never changed or deleted, one by one or in bulk."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ImmutableRecord("Moderation history cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord("Moderation history cannot be deleted.")


class DecisionQuerySet(AppendOnlyQuerySet):
    def declines(self) -> "DecisionQuerySet":
        return self.filter(action__in=[Decision.Action.REJECT, Decision.Action.UNPUBLISH])


class Action(models.TextChoices):
    APPROVE = "approve", "Approved"
    REQUEST_CHANGES = "request_changes", "Asked for changes"
    REJECT = "reject", "Rejected"
    APPROVE_EDIT = "approve_edit", "Approved an edit"
    REQUEST_EDIT_CHANGES = "request_edit_changes", "Asked for changes to an edit"
    REJECT_EDIT = "reject_edit", "Rejected an edit"
    HIDE = "hide", "Hidden after community flags"
    KEEP = "keep", "Kept published after flags"
    UNPUBLISH = "unpublish", "Unpublished after flags"
    REDACT = "redact", "Redacted at the request of someone in the story"
    FEATURE = "feature", "Featured on the home page"
    UNFEATURE = "unfeature", "Taken off the home page's featured stories"


def _edit(status: RevisionStatus) -> tuple[str, str]:
    return f"edit_{status.value}", f"Edit: {status.label.lower()}"


# What a decision moved from and to: a story's status, or an edit's state (prefixed "edit_").
DecisionStatus = models.TextChoices(
    "DecisionStatus",
    [
        *((status.name, (status.value, status.label)) for status in StoryStatus),
        *((f"EDIT_{status.name}", _edit(status)) for status in RevisionStatus),
    ],
)


def edit_state(status: str) -> str:
    """The decision status for an edit in this RevisionStatus."""
    return DecisionStatus(f"edit_{status}")


class Decision(AppendOnlyRecord):
    """One moderation event, kept forever: who, when, which story, from what status to what, why.

    Written only by moderation.decisions, in the same transaction as the change it records.
    """

    story = models.ForeignKey(Story, null=True, on_delete=models.SET_NULL, related_name="decisions")
    # Kept so the history still reads sensibly after an author deletes the story.
    story_title = models.CharField(max_length=120)
    revision = models.ForeignKey(
        StoryRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_decisions",
        help_text="Empty when the community's flags hid the story automatically.",
    )
    action = models.CharField(max_length=24, choices=Action.choices)
    from_status = models.CharField(max_length=32, choices=DecisionStatus.choices)
    to_status = models.CharField(max_length=32, choices=DecisionStatus.choices)
    reason = models.CharField(max_length=24, choices=Reason.choices, blank=True)
    note = models.TextField(blank=True)
    correction = models.TextField(
        blank=True, help_text="What the moderator corrected before approving, as a diff."
    )
    waited = models.DurationField(
        null=True, blank=True, help_text="Time from submission to this decision."
    )
    created_at = models.DateTimeField(default=timezone.now)

    Action = Action
    Reason = Reason

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The review page's history of one story, newest first.
            models.Index(fields=["story", "-created_at"], name="decision_story_created"),
            # /moderation/stats/: decisions of the last 30 days.
            models.Index(fields=["created_at", "action"], name="decision_created_action"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.story_title}"


class FlagReason(models.TextChoices):
    NOT_SERVICE = "not_service", "It is not a service story"
    EXPOSES_IDENTITY = "exposes_identity", "It exposes someone's identity"
    UNKIND = "unkind", "It is unkind"
    SPAM = "spam", "It is spam"
    OTHER = "other", "Something else (tell us in the note)"


class FlagOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld: the story was unpublished"
    DISMISSED = "dismissed", "Dismissed: the story was kept"


class FlagQuerySet(models.QuerySet):
    def open(self) -> "FlagQuerySet":
        return self.filter(resolved_at__isnull=True)


class Flag(models.Model):
    """A member's report that a published story breaks the guidelines."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="flags")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags_raised"
    )
    reason = models.CharField(max_length=20, choices=FlagReason.choices)
    note = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="flags_resolved",
    )
    # Set by resolve_flags; NULL while open (and for old flags no decision could be matched to).
    outcome = models.CharField(  # noqa: DJ001
        max_length=10, choices=FlagOutcome.choices, null=True, blank=True
    )

    Reason = FlagReason
    Outcome = FlagOutcome

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["story", "member"], name="moderation_flag_once"),
            models.CheckConstraint(
                condition=~Q(reason="other") | ~Q(note=""),
                name="moderation_flag_other_has_note",
            ),
        ]
        indexes = [
            # The flagged queue and the count of open flags on one story.
            models.Index(
                fields=["story"], condition=Q(resolved_at__isnull=True), name="flag_open_story"
            ),
            # flag_story: a member's flags of the last day, and their latest resolved ones.
            models.Index(fields=["member", "created_at"], name="flag_member_created"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on {self.story_id}"


class SuspensionQuerySet(models.QuerySet):
    def active(self, *, now=None) -> "SuspensionQuerySet":
        """Suspensions in force now: not lifted, and either for good or not yet run out.

        `now` may be the database's clock (Now()), for a query whose SQL is built only once.
        """
        return self.filter(ended_at__isnull=True).filter(
            Q(until__isnull=True) | Q(until__gt=timezone.now() if now is None else now)
        )

    def active_for(self, user) -> "Suspension | None":
        if not user.is_authenticated:
            return None
        return self.active().filter(member=user).first()


class Suspension(models.Model):
    """A member who may read but not share, edit, flag or thank, for a period or for good.

    Written only by moderation.suspensions; the history of each change is a MemberDecision.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions"
    )
    starts_at = models.DateTimeField(default=timezone.now)
    until = models.DateTimeField(null=True, blank=True, help_text="Empty: suspended for good.")
    # Set when a moderator lifts it, or when a new suspension replaces one that had run out.
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            # One open suspension per member (its unique index also serves the queue's exclusion).
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(ended_at__isnull=True),
                name="moderation_suspension_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} suspended {self.period}"

    @property
    def period(self) -> str:
        if self.until is None:
            return "for good"
        return f"until {timezone.localtime(self.until).strftime('%-d %b %Y at %H:%M')}"


class MemberAction(models.TextChoices):
    SUSPEND = "suspend", "Suspended"
    LIFT = "lift", "Suspension lifted"


class MemberDecision(AppendOnlyRecord):
    """One moderation event about a member, kept forever: a suspension or its lifting, and why."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="member_decisions",
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="member_decisions_made",
    )
    action = models.CharField(max_length=12, choices=MemberAction.choices)
    until = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    Action = MemberAction

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The member page's history, newest first.
            models.Index(fields=["member", "-created_at"], name="memberdecision_member"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.member}"


# How long opening an item keeps it marked as being reviewed.
CLAIM_MINUTES = 15
# Reopening one's own claim renews it only once it is this old: a moderator reading, reloading
# and paging back costs no write, and the claim still runs within a minute of the whole span.
CLAIM_RENEWED_AFTER = timedelta(minutes=1)


class ClaimQuerySet(models.QuerySet):
    def live(self) -> "ClaimQuerySet":
        return self.filter(claimed_at__gt=timezone.now() - timedelta(minutes=CLAIM_MINUTES))

    def of_story(self, story_id: int) -> "ClaimQuerySet":
        return self.filter(kind=ReviewClaim.Kind.STORY, story_id=story_id)

    def of_edit(self, revision_id: int) -> "ClaimQuerySet":
        return self.filter(kind=ReviewClaim.Kind.EDIT, revision_id=revision_id)


class ReviewClaim(models.Model):
    """A moderator has this item open: the queue and the review page tell the others.

    A claim is advice, not a lock: another moderator may still open and decide the item (the
    decision's conditional update settles who was first). One row per item; a claim older than
    CLAIM_MINUTES has lapsed and the next moderator to open the item takes the row over.
    """

    class Kind(models.TextChoices):
        STORY = "story", "New story"
        EDIT = "edit", "Edit of a published story"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="review_claims")
    # The edit under review; empty for a new story.
    revision = models.ForeignKey(
        StoryRevision,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_claims",
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_claims"
    )
    claimed_at = models.DateTimeField(default=timezone.now)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        constraints = [
            # Unique on the item: these also serve the queue's and the review page's look-ups.
            models.UniqueConstraint(
                fields=["story"],
                condition=Q(kind="story"),
                name="moderation_reviewclaim_one_per_story",
            ),
            models.UniqueConstraint(
                fields=["revision"],
                condition=Q(kind="edit"),
                name="moderation_reviewclaim_one_per_edit",
            ),
            models.CheckConstraint(
                condition=Q(kind="story", revision__isnull=True)
                | Q(kind="edit", revision__isnull=False),
                name="moderation_reviewclaim_edit_has_revision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.moderator} reviewing {self.kind} {self.revision_id or self.story_id}"

    @property
    def age(self) -> str:
        """How long ago it was opened, short: "1 min", "14 min"."""
        minutes = int((timezone.now() - self.claimed_at).total_seconds() // 60)
        return f"{max(minutes, 1)} min"


# Defined in their own module; imported here so they are models of this app.
from moderation.reply_models import AuthorReply  # noqa: E402, F401


class QueueVersion(models.Model):
    """One row, moved on by triggers whenever a count moderators see can change: each process
    keeps the badge's counts while it stands (moderation.queue_version, moderation.standing)."""

    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Queue version {self.version}"
