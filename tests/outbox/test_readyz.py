"""/readyz reports the email queue: how many wait, and for how long."""

import json
from datetime import timedelta

import pytest
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outbox.delivery import queue_email
from outbox.models import Email

pytestmark = pytest.mark.django_db


def tasks_check(client) -> tuple[int, dict]:
    response = client.get("/readyz")
    return response.status_code, json.loads(response.content)["checks"]["tasks"]


def test_readyz_counts_the_emails_waiting(client, durable_queue):
    queue_email(EmailMessage("Hello", "Body.", to=["member@example.com"]))

    status, tasks = tasks_check(client)

    assert status == 200
    assert tasks["ok"] is True
    assert tasks["emails_waiting"] == 1
    assert tasks["tasks_due"] == 1


def test_readyz_fails_when_no_worker_has_run_for_too_long(client, durable_queue, settings):
    settings.READYZ_TASK_MAX_AGE = 60
    queue_email(EmailMessage("Hello", "Body.", to=["member@example.com"]))
    long_ago = timezone.now() - timedelta(hours=1)
    Email.objects.update(created_at=long_ago)
    DBTaskResult.objects.update(enqueued_at=long_ago)

    status, tasks = tasks_check(client)

    assert status == 503
    assert tasks["ok"] is False
    assert tasks["oldest_task_wait_seconds"] >= 3600
