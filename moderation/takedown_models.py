"""Requests from the people stories are about, and messages from the contact page.

Defined apart from moderation/models.py to keep each module readable; imported there, so they
are ordinary models of the moderation app.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from stories.models import Story


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
