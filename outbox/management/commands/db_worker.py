"""django-tasks-db's worker, plus a sweep for emails whose delivery task died with a worker.

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
from django_tasks_db.management.commands import db_worker

from outbox.delivery import requeue_stalled

logger = logging.getLogger(__name__)


def sweep_forever() -> None:
    while True:
        try:
            requeue_stalled()
        except Exception:
            logger.exception("The sweep for stalled emails failed; it runs again shortly.")
        finally:
            connections.close_all()
        time.sleep(settings.EMAIL_SWEEP_SECONDS)


class Command(db_worker.Command):
    help = (
        "Run a task worker: deliver queued emails (and any other task), and every "
        "EMAIL_SWEEP_SECONDS give a new task to emails whose worker died mid-delivery (with "
        "--batch: once, before the run)."
    )

    def handle(self, *args, reload: bool, batch: bool, **options) -> None:
        if batch:
            # A one-off run (--batch): sweep once, then run what is due and stop.
            requeue_stalled()
        elif not reload or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # With the autoreloader, the parent process only watches files; its child works.
            threading.Thread(target=sweep_forever, name="email-sweep", daemon=True).start()
        super().handle(*args, reload=reload, batch=batch, **options)
