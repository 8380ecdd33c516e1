"""allauth's emails go through the queue like every other: nothing leaves during the request."""

from django.core import mail

from outbox.models import Email
from tests.accounts.test_signup import CONFIRM_LINK, sign_up
from tests.mail import run_queued_tasks


def test_it_queues_the_verification_email_and_the_worker_sends_it(client, durable_queue):
    response = sign_up(client, "neo@mail.test", display_name="Neo")

    assert response.status_code == 302
    assert mail.outbox == []
    [queued] = Email.objects.waiting()
    assert queued.message["to"] == ["neo@mail.test"]

    run_queued_tasks()

    [sent] = mail.outbox
    assert sent.to == ["neo@mail.test"]
    assert CONFIRM_LINK.search(sent.body)
    assert "Flip the Counter" in sent.subject
    assert Email.objects.waiting().count() == 0


def test_it_signs_up_while_the_mail_server_is_down_and_sends_the_link_when_it_is_back(
    client, mail_server
):
    response = sign_up(client, "neo@mail.test", display_name="Neo")

    assert response.status_code == 302
    run_queued_tasks()
    assert mail_server.received == []

    mail_server.start()
    run_queued_tasks(including_later=True)

    [received] = mail_server.received
    assert received["To"] == "neo@mail.test"
    assert CONFIRM_LINK.search(received.get_body(("plain",)).get_content())
