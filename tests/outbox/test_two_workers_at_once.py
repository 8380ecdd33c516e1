"""Two workers deliver one email at the same moment: the row lock lets one send (PostgreSQL)."""

import asyncio
import threading

import pytest
from django.core.mail import EmailMessage
from django.db import connection, connections

from outbox.delivery import deliver_email, queue_email
from outbox.models import Email

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks: its writers take turns for the whole database",
    ),
]


def test_it_sends_once_when_a_second_worker_comes_while_the_first_is_sending(mail_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    email = queue_email(EmailMessage(subject="Hello", body="Hi", to=["neo@mail.test"]))
    receiving = threading.Event()
    second_done = threading.Event()
    outcomes = {}

    async def hold_until_the_second_worker_is_done(server, session, envelope):
        receiving.set()
        await asyncio.get_running_loop().run_in_executor(None, second_done.wait, 10)
        return await type(mail_server).handle_DATA(mail_server, server, session, envelope)

    mail_server.handle_DATA = hold_until_the_second_worker_is_done
    mail_server.start()

    def work(name: str) -> None:
        try:
            outcomes[name] = deliver_email.call(email.pk)
        finally:
            connections.close_all()

    first = threading.Thread(target=work, args=("first",))
    first.start()
    assert receiving.wait(10), "the first worker never reached the mail server"
    work("second")
    second_done.set()
    first.join(10)

    assert outcomes == {
        "first": "sent",
        "second": "already sent, given up, or being sent by another worker",
    }
    assert len(mail_server.received) == 1
    assert Email.objects.get().sent_at is not None
