"""Failed attempts wait longer each time, up to a ceiling, and an email is given up in the end."""

from datetime import timedelta

import pytest
from django.core.mail import EmailMessage
from django.utils import timezone

from outbox.delivery import queue_email, retry_delay
from outbox.models import Email
from tests.mail import run_queued_tasks


def test_it_doubles_the_wait_after_each_failure_up_to_the_ceiling(settings):
    settings.EMAIL_RETRY_BASE_SECONDS = 10
    settings.EMAIL_RETRY_MAX_SECONDS = 3600

    waits = [retry_delay(attempts).total_seconds() for attempts in range(1, 11)]

    assert waits == [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600]


def test_it_schedules_each_retry_later_than_the_last(settings, mail_server):
    settings.EMAIL_RETRY_BASE_SECONDS = 10
    email = queue_email(EmailMessage(subject="Hello", body="Hi", to=["neo@mail.test"]))

    waits = []
    for _ in range(4):
        attempted = timezone.now()
        run_queued_tasks(including_later=True)
        email.refresh_from_db()
        waits.append(round((email.next_attempt_at - attempted).total_seconds()))

    assert waits == [10, 20, 40, 80]
    assert email.attempts == 4
    assert mail_server.received == []


def test_it_gives_up_after_the_last_attempt_and_logs_it(settings, mail_server, caplog):
    settings.EMAIL_MAX_ATTEMPTS = 3
    email = queue_email(EmailMessage(subject="Hello", body="Hi", to=["neo@mail.test"]))

    for _ in range(5):
        run_queued_tasks(including_later=True)

    email.refresh_from_db()
    assert email.attempts == 3
    assert email.gave_up_at is not None
    assert email.sent_at is None
    assert Email.objects.waiting().count() == 0
    assert "Gave up on email" in caplog.text


@pytest.mark.parametrize("attempts", [1, 2, 30])
def test_it_never_waits_longer_than_the_ceiling(settings, attempts):
    settings.EMAIL_RETRY_MAX_SECONDS = 60
    assert retry_delay(attempts) <= timedelta(seconds=60)
