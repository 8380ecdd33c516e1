"""`manage.py db_worker`, as make run and the deployment start it, delivers what is queued."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command

from outbox.delivery import queue_email
from outbox.models import Email


# The worker commits and checks its connections between tasks, as it does in production.
@pytest.mark.django_db(transaction=True)
def test_it_delivers_the_queued_emails_and_stops_in_batch_mode(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    queue_email(EmailMessage(subject="Hello", body="Hi", to=["neo@mail.test"]))
    queue_email(EmailMessage(subject="Again", body="Hi", to=["trinity@mail.test"]))
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    assert sorted(message.subject for message in mail.outbox) == ["Again", "Hello"]
    assert Email.objects.waiting().count() == 0
