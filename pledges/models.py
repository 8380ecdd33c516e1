"""A member's pledge to try a practice, and the kept counts the practice page shows."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class PledgeQuerySet(models.QuerySet):
    def active(self) -> "PledgeQuerySet":
        """Pledges not undone: the ones that count, get a reminder, and may carry a story."""
        return self.filter(cancelled_at__isnull=True)


class Pledge(models.Model):
    """ "I'll try this": a member means to try a practice, and is asked later how it went.

    Undoing keeps the row (cancelled_at), so a reminder already scheduled finds it cancelled;
    the member's account deletion removes every row (accounts.deletion).
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pledges"
    )
    practice = models.ForeignKey(
        "stories.Practice", on_delete=models.CASCADE, related_name="pledges"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # When the "How did it go?" email is due (created_at + PLEDGE_REMINDER_DAYS).
    remind_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "practice"],
                condition=Q(cancelled_at__isnull=True),
                name="pledges_pledge_one_active",
            ),
        ]
        indexes = [
            # My pledges, newest first.
            models.Index(fields=["member", "-created_at"], name="pledge_member_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} tries {self.practice_id}"

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None


class PledgeTallyQuerySet(models.QuerySet):
    def for_practice(self, practice_id: int) -> "PledgeTally":
        found = self.filter(practice_id=practice_id).first()
        return found or PledgeTally(practice_id=practice_id)


class PledgeTally(models.Model):
    """One practice's active pledges, and how many of them led to a published story.

    Kept by database triggers (pledges.tallies) in the same transaction as every change: a pledge
    made, undone or deleted, and a story written from one published, withdrawn, hidden or deleted
    by whichever path (decisions, the admin, takedowns, account deletion).
    """

    # A plain number rather than a foreign key: a practice deleted leaves a harmless row behind,
    # never a constraint failure in the middle of a trigger.
    practice_id = models.BigIntegerField(primary_key=True)
    pledged = models.BigIntegerField(default=0)
    wrote_back = models.BigIntegerField(default=0)

    objects = PledgeTallyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "pledge tallies"

    def __str__(self) -> str:
        return f"practice {self.practice_id}: {self.pledged} pledged, {self.wrote_back} wrote back"
