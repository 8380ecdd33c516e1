"""The numbers a readiness check needs about the task queue and the outbox."""

from datetime import datetime

from django.db.models import Count, Min, Q
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from outbox.models import Email


def queue_status(*, now: datetime | None = None) -> dict[str, int | float]:
    """How much work waits, and for how long.

    - tasks_due: tasks ready to run now (a retry scheduled for later is not counted);
    - oldest_task_wait_seconds: how long the longest of them has been due (0 when none): grows
      when no worker is running or the workers cannot keep up;
    - emails_waiting: emails not delivered yet, retries included;
    - oldest_email_age_seconds: age of the oldest of them (0 when none): grows while the mail
      server refuses them.
    """
    now = now or timezone.now()
    no_date = get_date_max()
    due = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        Q(run_after=no_date) | Q(run_after__lte=now)
    )
    tasks = due.aggregate(
        due=Count("id"),
        oldest_plain=Min("enqueued_at", filter=Q(run_after=no_date)),
        oldest_deferred=Min("run_after", filter=~Q(run_after=no_date)),
    )
    emails = Email.objects.waiting().aggregate(waiting=Count("id"), oldest=Min("created_at"))
    oldest_due = min(
        (t for t in (tasks["oldest_plain"], tasks["oldest_deferred"]) if t), default=None
    )
    return {
        "tasks_due": tasks["due"],
        "oldest_task_wait_seconds": _seconds_since(oldest_due, now),
        "emails_waiting": emails["waiting"],
        "oldest_email_age_seconds": _seconds_since(emails["oldest"], now),
    }


def _seconds_since(moment: datetime | None, now: datetime) -> float:
    return max(0.0, (now - moment).total_seconds()) if moment else 0.0
