"""The mail server is down: pages answer as usual, and every email arrives once when it is back."""

from django.urls import reverse

from moderation.models import Decision
from outbox.delivery import deliver_email
from outbox.models import Email
from stories.models import Story
from tests.mail import run_queued_tasks
from tests.moderation.helpers import messages_shown, review_and_decide


def test_it_answers_a_decision_with_its_redirect_and_message_while_the_mail_server_is_down(
    moderator_client, waiting_story, mail_server, django_capture_on_commit_callbacks
):
    # Whatever would run once the decision commits runs here: an email sent then would fail.
    with django_capture_on_commit_callbacks(execute=True):
        response = review_and_decide(moderator_client, waiting_story, action="approve")

    assert response.status_code == 302
    page = moderator_client.get(response["Location"])
    assert "“The night nurse who stayed”: approved." in messages_shown(page)
    waiting_story.refresh_from_db()
    assert waiting_story.status == Story.Status.PUBLISHED
    assert Decision.objects.count() == 1


def test_it_keeps_the_email_through_failed_attempts_and_delivers_it_once_the_server_is_back(
    moderator_client, waiting_story, author, mail_server
):
    review_and_decide(moderator_client, waiting_story, action="approve")

    assert run_queued_tasks() == 1
    email = Email.objects.get()
    assert email.sent_at is None
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
    assert email.next_attempt_at > email.created_at

    mail_server.start()
    run_queued_tasks(including_later=True)

    assert mail_server.subjects() == ["[Flip the Counter] Your story is published"]
    [received] = mail_server.received
    assert received["To"] == author.email
    assert "The night nurse who stayed" in received.get_body(("plain",)).get_content()
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 2


def test_it_delivers_exactly_once_when_the_worker_runs_twice(
    moderator_client, waiting_story, mail_server
):
    mail_server.start()
    review_and_decide(moderator_client, waiting_story, action="approve")
    # A second task for the same email, as the sweep may give one whose worker seemed dead.
    deliver_email.enqueue(Email.objects.get().pk)

    assert run_queued_tasks() == 2
    assert run_queued_tasks(including_later=True) == 0

    assert len(mail_server.received) == 1


def test_it_answers_a_password_reset_while_the_mail_server_is_down_and_sends_it_later(
    client, author, mail_server
):
    response = client.post(reverse("account_reset_password"), {"email": author.email})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    run_queued_tasks()
    assert mail_server.received == []

    mail_server.start()
    run_queued_tasks(including_later=True)

    [received] = mail_server.received
    assert received["To"] == author.email
    assert "/accounts/password/reset/key/" in received.get_body(("plain",)).get_content()
