"""Every email the site sends: queued with the change it reports, delivered by the task workers.

`queue_email(message)` writes the rendered message to the outbox and enqueues `deliver_email`
(django-tasks-db keeps the task in the same database), both inside the caller's transaction: a
rollback leaves neither, a commit leaves both, and no request ever waits on the mail server.

Retries are ours: django-tasks-db runs a task once. A failed attempt records itself and enqueues
the next one with `run_after` (backoff doubling from EMAIL_RETRY_BASE_SECONDS up to
EMAIL_RETRY_MAX_SECONDS), in one transaction, until EMAIL_MAX_ATTEMPTS.

Exactly once: the task locks the outbox row (select_for_update(skip_locked)) for the whole SMTP
conversation and marks it sent in that transaction, so a second task for the same email (a
duplicate from the sweep, a worker run twice) skips it or finds it sent. SMTP is not
transactional, so one window remains: a worker dying after the mail server accepted the message
(its final 250 reply) and before the commit a few milliseconds later. The email is then sent
again on the next attempt, with the same Message-ID, which mail clients use to show it once.
SQLite has no row locks: there the transaction holds the database's write lock while the mail
server answers (at most DJANGO_EMAIL_TIMEOUT), so other writers wait rather than fail; SQLite
is for development, where the console backend answers at once.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outbox.messages import from_json, to_json
from outbox.models import Email

logger = logging.getLogger(__name__)


def queue_email(message: EmailMessage) -> Email:
    """Keep `message` for delivery once the current transaction commits (now, outside one)."""
    if not transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            return queue_email(message)
    email = Email.objects.create(message=to_json(message))
    email.task_id = _enqueue(email.pk)
    email.save(update_fields=["task_id"])
    return email


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt: doubling, up to a ceiling."""
    base = settings.EMAIL_RETRY_BASE_SECONDS
    return timedelta(seconds=min(base * 2 ** (attempts - 1), settings.EMAIL_RETRY_MAX_SECONDS))


@task()
def deliver_email(email_id: int) -> str:
    with transaction.atomic():
        email = (
            Email.objects.waiting().select_for_update(skip_locked=True).filter(pk=email_id).first()
        )
        if email is None:
            return "already sent, given up, or being sent by another worker"
        try:
            from_json(email.message).send()
        except Exception as error:  # any failure of the mail server or the network
            _record_failure(email, error)
            return "failed, retry scheduled" if email.gave_up_at is None else "gave up"
        email.sent_at = timezone.now()
        email.attempts += 1
        email.save(update_fields=["sent_at", "attempts"])
    return "sent"


def _record_failure(email: Email, error: Exception) -> None:
    now = timezone.now()
    email.attempts += 1
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
        email.gave_up_at = now
        logger.error("Gave up on email %s after %s attempts: %s", email.pk, email.attempts, error)
    else:
        email.next_attempt_at = now + retry_delay(email.attempts)
        email.task_id = _enqueue(email.pk, run_after=email.next_attempt_at)
        logger.warning(
            "Email %s failed (attempt %s), next at %s: %s",
            email.pk,
            email.attempts,
            email.next_attempt_at.isoformat(),
            error,
        )
    email.save(update_fields=["attempts", "last_error", "gave_up_at", "next_attempt_at", "task_id"])


def requeue_stalled(*, now: datetime | None = None) -> int:
    """Give a new delivery task to each waiting email whose task is gone.

    A worker killed in the middle of `deliver_email` leaves its task marked running forever
    (django-tasks-db does not take it back); the email's row, unlocked again, is then due with
    no task to send it. Rows being sent right now are locked and skipped; an extra task is
    harmless, since the row lock and `sent_at` let only one of them send. The worker runs this
    every EMAIL_SWEEP_SECONDS (outbox/management/commands/db_worker.py).
    """
    now = now or timezone.now()
    requeued = 0
    with transaction.atomic():
        stalled = list(
            Email.objects.waiting()
            .filter(next_attempt_at__lte=now - timedelta(seconds=settings.EMAIL_SWEEP_SECONDS))
            .select_for_update(skip_locked=True)
            .order_by("next_attempt_at")[:500]
        )
        queued = {
            str(task_id)
            for task_id in DBTaskResult.objects.filter(
                id__in=[email.task_id for email in stalled if email.task_id],
                status=TaskResultStatus.READY,
            ).values_list("id", flat=True)
        }
        for email in stalled:
            if email.task_id in queued:
                continue  # still waiting its turn in a busy queue
            email.task_id = _enqueue(email.pk)
            email.save(update_fields=["task_id"])
            requeued += 1
    if requeued:
        logger.warning("Requeued %s emails whose delivery task had stopped.", requeued)
    return requeued


def _enqueue(email_id: int, *, run_after: datetime | None = None) -> str:
    job = deliver_email.using(run_after=run_after) if run_after else deliver_email
    return str(job.enqueue(email_id).id)
