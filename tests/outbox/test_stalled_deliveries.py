"""A worker killed while delivering leaves its task running forever: the sweep gives a new one."""

from datetime import timedelta

from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outbox.delivery import queue_email, requeue_stalled
from tests.mail import run_queued_tasks


def queue_hello():
    return queue_email(EmailMessage(subject="Hello", body="Hi", to=["neo@mail.test"]))


def test_it_requeues_an_email_whose_worker_died_and_delivers_it_once(durable_queue, mail_server):
    email = queue_hello()
    # What a worker killed mid-delivery leaves: its task claimed, the email not sent.
    DBTaskResult.objects.get().claim("killed-worker")
    mail_server.start()
    later = timezone.now() + timedelta(minutes=5)

    assert requeue_stalled(now=later) == 1
    assert requeue_stalled(now=later) == 0, "its new task is waiting: nothing to add"
    run_queued_tasks()

    assert len(mail_server.received) == 1
    email.refresh_from_db()
    assert email.sent_at is not None


def test_it_leaves_an_email_alone_while_its_task_waits_its_turn(durable_queue):
    queue_hello()

    assert requeue_stalled(now=timezone.now() + timedelta(hours=1)) == 0
    assert DBTaskResult.objects.count() == 1


def test_it_leaves_a_recent_email_to_its_own_task(durable_queue):
    queue_hello()
    DBTaskResult.objects.get().claim("busy-worker")

    assert requeue_stalled() == 0


def test_it_leaves_sent_emails_alone(durable_queue):
    queue_hello()
    run_queued_tasks()

    assert requeue_stalled(now=timezone.now() + timedelta(hours=1)) == 0
