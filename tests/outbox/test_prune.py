"""Old delivered emails leave the outbox; waiting ones never do."""

from datetime import timedelta
from io import StringIO

from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone

from outbox.delivery import queue_email
from outbox.models import Email
from tests.mail import run_queued_tasks


def test_it_deletes_emails_sent_long_ago_and_keeps_the_rest(durable_queue):
    old, recent = (
        queue_email(EmailMessage(subject=subject, body="Hi", to=["neo@mail.test"]))
        for subject in ("Old", "Recent")
    )
    run_queued_tasks()
    Email.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=31))
    waiting = queue_email(EmailMessage(subject="Waiting", body="Hi", to=["neo@mail.test"]))
    Email.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - timedelta(days=90))
    out = StringIO()

    call_command("prune_sent_emails", stdout=out)

    assert sorted(Email.objects.values_list("message__subject", flat=True)) == [
        "Recent",
        "Waiting",
    ]
    assert out.getvalue().strip() == "Removed 1 old email."
