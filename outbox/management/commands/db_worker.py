"""django-tasks-db's worker, plus a sweep for emails whose delivery task died with a worker,
and the periodic jobs of settings.WORKER_PERIODIC_JOBS (the weekly thanks digests).

The periodic jobs ride on the sweep's thread rather than on a timer of their own: every
deployment runs workers already (`make run` too), so digests need no extra service, and the jobs
are safe to run on every worker at once (each guards itself in the database).

Same command, same options (`manage.py db_worker --help`); the outbox app comes before
django_tasks_db in INSTALLED_APPS so this one is found first.
"""

import logging
import os
import threading
import time

from django.conf import settings
from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.module_loading import import_string
from django_tasks_db.management.commands import db_worker

from outbox.delivery import requeue_stalled

logger = logging.getLogger(__name__)


def run_periodic_jobs(last_runs: dict[str, float], *, now: float) -> list[str]:
    """Run each of settings.WORKER_PERIODIC_JOBS whose interval has passed; returns those run."""
    ran = []
    for path, every in settings.WORKER_PERIODIC_JOBS.items():
        if path in last_runs and now - last_runs[path] < every:
            continue
        last_runs[path] = now
        ran.append(path)
        try:
            import_string(path)()
        except Exception:
            logger.exception("The periodic job %s failed; it runs again at its next turn.", path)
    return ran


def sweep_forever() -> None:
    last_runs: dict[str, float] = {}
    while True:
        try:
            requeue_stalled()
        except Exception:
            logger.exception("The sweep for stalled emails failed; it runs again shortly.")
        try:
            run_periodic_jobs(last_runs, now=time.monotonic())
        finally:
            connections.close_all()
        time.sleep(settings.EMAIL_SWEEP_SECONDS)


class Command(db_worker.Command):
    help = (
        "Run a task worker: deliver queued emails (and any other task), and every "
        "EMAIL_SWEEP_SECONDS give a new task to emails whose worker died mid-delivery (with "
        "--batch: once, before the run); run the periodic jobs (weekly thanks digests)."
    )

    def handle(self, *args, reload: bool, batch: bool, **options) -> None:
        if batch:
            # A one-off run (--batch): sweep once, then run what is due and stop.
            requeue_stalled()
        elif not reload or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # With the autoreloader, the parent process only watches files; its child works.
            threading.Thread(target=sweep_forever, name="email-sweep", daemon=True).start()
        super().handle(*args, reload=reload, batch=batch, **options)
