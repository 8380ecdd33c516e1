"""The numbers a readiness check reads: how much work waits, and for how long."""

from datetime import timedelta

from django.core.mail import EmailMessage
from django.utils import timezone

from outbox.delivery import queue_email
from outbox.status import queue_status
from tests.mail import run_queued_tasks


def queue_hello():
    return queue_email(EmailMessage(subject="Hello", body="Hi", to=["neo@mail.test"]))


def test_it_reports_an_empty_queue_as_zeros(durable_queue):
    assert queue_status() == {
        "tasks_due": 0,
        "oldest_task_wait_seconds": 0.0,
        "emails_waiting": 0,
        "oldest_email_age_seconds": 0.0,
    }


def test_it_counts_waiting_work_and_the_age_of_the_oldest(durable_queue):
    first = queue_hello()
    queue_hello()

    status = queue_status(now=first.created_at + timedelta(seconds=90))

    assert status["tasks_due"] == 2
    assert 89 <= status["oldest_task_wait_seconds"] <= 91
    assert status["emails_waiting"] == 2
    assert status["oldest_email_age_seconds"] == 90


def test_it_counts_an_email_waiting_for_a_retry_but_not_its_task_until_due(mail_server):
    email = queue_hello()
    run_queued_tasks()
    email.refresh_from_db()

    soon = queue_status(now=email.next_attempt_at - timedelta(seconds=1))
    overdue = queue_status(now=email.next_attempt_at + timedelta(seconds=30))

    assert (soon["tasks_due"], soon["emails_waiting"]) == (0, 1)
    assert soon["oldest_email_age_seconds"] > 0
    assert overdue["tasks_due"] == 1
    assert 29 <= overdue["oldest_task_wait_seconds"] <= 31


def test_it_forgets_delivered_emails(durable_queue):
    queue_hello()
    run_queued_tasks()

    status = queue_status(now=timezone.now())

    assert (status["tasks_due"], status["emails_waiting"]) == (0, 0)
