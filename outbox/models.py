from django.db import models
from django.db.models import Q
from django.utils import timezone


class EmailQuerySet(models.QuerySet):
    def waiting(self) -> "EmailQuerySet":
        """Emails neither delivered nor given up on."""
        return self.filter(sent_at__isnull=True, gave_up_at__isnull=True)


class Email(models.Model):
    """One email, rendered when the change it reports was made, until a worker delivers it.

    The row is written in the same transaction as that change, so a rollback leaves no email and
    a commit leaves one that survives any outage of the mail server or of the workers.
    """

    created_at = models.DateTimeField(default=timezone.now)
    # The rendered message (subject, bodies, addresses, headers), as outbox.messages writes it.
    message = models.JSONField()
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    # The task that will deliver it next; the sweep enqueues another when that task died.
    task_id = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    gave_up_at = models.DateTimeField(null=True, blank=True)

    objects = EmailQuerySet.as_manager()

    class Meta:
        indexes = [
            # outbox.queue.queue_status (the oldest waiting email) and the sweep of stalled ones.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(sent_at__isnull=True, gave_up_at__isnull=True),
                name="outbox_email_waiting_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.message.get('subject', '')} to {', '.join(self.message.get('to', []))}"
