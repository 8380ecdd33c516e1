from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from stories.choices import RevisionStatus, StoryStatus
from stories.models import Story, StoryRevision


class ImmutableRecord(Exception):
    """Moderation history is append-only."""


class DecisionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableRecord("Moderation history cannot be changed.")

    def delete(self):
        raise ImmutableRecord("Moderation history cannot be deleted.")

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


class Reason(models.TextChoices):
    NOT_SERVICE = "not_service", "Not a service encounter"
    IDENTIFIES_PERSON = "identifies_person", "Identifies a person without consent"
    UNKIND = "unkind", "Unkind or abusive"
    SPAM = "spam", "Spam or advertising"
    DUPLICATE = "duplicate", "A duplicate of another story"
    NOT_TRUE = "not_true", "Does not read as a true story"
    OTHER = "other", "Another reason (see the note)"


class Decision(models.Model):
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

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ImmutableRecord("Moderation history cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord("Moderation history cannot be deleted.")


class FlagReason(models.TextChoices):
    NOT_SERVICE = "not_service", "It is not a service story"
    EXPOSES_IDENTITY = "exposes_identity", "It exposes someone's identity"
    UNKIND = "unkind", "It is unkind"
    SPAM = "spam", "It is spam"
    OTHER = "other", "Something else (tell us in the note)"


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

    Reason = FlagReason

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
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on {self.story_id}"


class TakedownKind(models.TextChoices):
    TAKEDOWN = "takedown", "Someone in a story"
    CONTACT = "contact", "A message"


class TakedownAsk(models.TextChoices):
    REMOVE_STORY = "remove_story", "Remove the story"
    REMOVE_DETAILS = "remove_details", "Remove some details"
    MESSAGE = "message", "A message to the moderators"


class TakedownOutcome(models.TextChoices):
    REDACTED = "redacted", "Details removed from the story"
    UNPUBLISHED = "unpublished", "Story unpublished"
    DECLINED = "declined", "Request declined"
    REPLIED = "replied", "Replied"


class TakedownQuerySet(models.QuerySet):
    def open(self) -> "TakedownQuerySet":
        return self.filter(decided_at__isnull=True)

    def decided(self) -> "TakedownQuerySet":
        return self.filter(decided_at__isnull=False)


class TakedownRequest(models.Model):
    """A request from someone a story is about, or a message sent through the contact page.

    Written by moderation.takedowns only. The decision fields are set once, by a conditional
    update on an open request, and never changed after.
    """

    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="takedown_requests"
    )
    # Kept so the queue still reads sensibly after the story is deleted.
    story_title = models.CharField(max_length=120, blank=True)
    kind = models.CharField(max_length=10, choices=TakedownKind.choices)
    identifies = models.TextField(
        blank=True, max_length=2000, help_text="What shows the story is about them."
    )
    asks = models.CharField(max_length=16, choices=TakedownAsk.choices)
    details = models.TextField(blank=True, max_length=4000)
    email = models.EmailField()
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=TakedownOutcome.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="takedowns_decided",
    )
    note = models.TextField(blank=True, help_text="The moderator's words to the sender.")

    Kind = TakedownKind
    Ask = TakedownAsk
    Outcome = TakedownOutcome

    objects = TakedownQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # One open request per address and story: a second one adds nothing to the queue.
            models.UniqueConstraint(
                fields=["story", "email"],
                condition=Q(decided_at__isnull=True, story__isnull=False),
                name="moderation_takedown_one_open_per_story",
            ),
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True, outcome="")
                | Q(decided_at__isnull=False) & ~Q(outcome=""),
                name="moderation_takedown_decided_has_outcome",
            ),
        ]
        indexes = [
            # The takedown queue: open requests, oldest first.
            models.Index(
                fields=["created_at"], condition=Q(decided_at__isnull=True), name="takedown_open"
            ),
            # The per-address limit: requests from one address in the last day.
            models.Index(fields=["email", "created_at"], name="takedown_email_created"),
            # /moderation/stats/: requests decided in the last 30 days.
            models.Index(fields=["decided_at"], name="takedown_decided"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.email}"

    @property
    def is_open(self) -> bool:
        return self.decided_at is None
