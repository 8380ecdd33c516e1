"""Running the email queue in tests.

Every email goes to the outbox and a django-tasks-db task (outbox.delivery). Tests do not start
a worker: `run_queued_tasks()` does what `manage.py db_worker --batch` does, in the test's own
transaction. The autouse fixture `_emails_delivered_on_commit` (tests/conftest.py) installs
`DeliverOnCommitBackend`, which runs it as soon as the transaction that queued the email commits,
as a worker with nothing else to do would: a test reads `mail.outbox` after the view, or after
`django_capture_on_commit_callbacks(execute=True)` when the change runs in a transaction.
Tests of the queue itself use `durable_queue` (tests/outbox/conftest.py) to turn that off.
"""

from functools import partial

from django.db import transaction
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max


def run_queued_tasks(*, including_later: bool = False) -> int:
    """Run each task that is due (with `including_later`, also those waiting for a retry time)."""
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    if including_later:
        # Only those here now: a retry enqueued by one of them waits for the next call.
        ready = ready.filter(pk__in=list(ready.values_list("pk", flat=True)))
    else:
        ready = ready.filter(Q(run_after=get_date_max()) | Q(run_after__lte=timezone.now()))
    return _run(ready)


def _run(ready) -> int:
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        with transaction.atomic():
            result = ready.get_locked()
            if result is None:
                return ran
            result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1


def _when_committed(run) -> None:
    connection = transaction.get_connection()
    if all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks):
        # Only the test's own wrapping transaction is open: for the site, this is committed.
        run()
    else:
        transaction.on_commit(run)


class DeliverOnCommitBackend(DatabaseBackend):
    """The real database backend, plus a worker run of the task once its enqueuing commits.

    Only that task: one queued in a transaction whose on_commit callbacks the test dropped (a
    fixture's, outside django_capture_on_commit_callbacks) stays queued, so each test sees the
    emails of the commits it ran, as before the queue.
    """

    def enqueue(self, task, args, kwargs):
        result = super().enqueue(task, args, kwargs)
        if task.run_after is None:
            this_task = DBTaskResult.objects.filter(pk=result.id, status=TaskResultStatus.READY)
            _when_committed(partial(_run, this_task))
        return result
