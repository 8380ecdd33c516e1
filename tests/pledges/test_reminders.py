"""One "How did it go?" email, PLEDGE_REMINDER_DAYS after pledging; none when it must not go."""

from datetime import timedelta

import pytest
from django.core import mail
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.deletion import delete_account
from moderation.suspensions import lift_suspension, suspend_member
from pledges.models import Pledge
from pledges.reminders import send_reminder
from pledges.services import cancel_pledge, set_pledge
from stories.models import Story
from tests.factories import StoryFactory
from tests.mail import run_queued_tasks
from tests.pledges.helpers import reminders_sent, run_due_reminders

pytestmark = pytest.mark.django_db


def reminder_tasks():
    return DBTaskResult.objects.filter(
        task_path="pledges.reminders.send_reminder", status=TaskResultStatus.READY
    )


def test_pledging_schedules_the_reminder_a_week_later(author, pledge_of):
    before = timezone.now()

    pledge = pledge_of(author)

    task = reminder_tasks().get()
    assert task.args_kwargs["args"] == [pledge.pk]
    assert before + timedelta(days=7) <= task.run_after <= timezone.now() + timedelta(days=7)
    assert pledge.remind_at == task.run_after


def test_the_delay_is_a_setting(settings, author, pledge_of):
    settings.PLEDGE_REMINDER_DAYS = 3

    pledge = pledge_of(author)

    assert pledge.remind_at - pledge.created_at == timedelta(days=3)


def test_nothing_is_sent_before_the_day(author, pledge_of):
    pledge_of(author)

    run_queued_tasks()

    assert reminders_sent() == []
    assert Pledge.objects.get().reminded_at is None


def test_the_member_gets_one_email_asking_how_it_went(settings, author, pledge_of):
    settings.SITE_URL = "https://flip.example"
    pledge = pledge_of(author)

    run_due_reminders()

    [message] = reminders_sent()
    assert message.to == [author.email]
    assert message.subject == "[Flip the Counter] How did it go?"
    assert f"https://flip.example/share/?pledge={pledge.pk}" in message.body
    assert "Smile first" in message.body
    assert "Flip the Counter" in message.body
    assert "https://flip.example/accounts/profile/" in message.body
    html = message.alternatives[0].content
    assert f'href="https://flip.example/share/?pledge={pledge.pk}"' in html
    pledge.refresh_from_db()
    assert pledge.reminded_at is not None


def test_the_task_run_twice_sends_one_email(author, pledge_of):
    pledge = pledge_of(author)
    run_due_reminders()

    outcome = send_reminder.call(pledge.pk)

    assert outcome == "already reminded"
    assert len(reminders_sent()) == 1


def test_two_tasks_for_one_pledge_send_one_email(author, pledge_of):
    pledge = pledge_of(author)
    send_reminder.using(run_after=pledge.remind_at).enqueue(pledge.pk)

    run_due_reminders()

    assert len(reminders_sent()) == 1


def test_no_email_after_the_member_undid_the_pledge(author, practice, pledge_of):
    pledge_of(author)
    set_pledge(member=author, practice=practice, trying=False)

    run_due_reminders()

    assert reminders_sent() == []


def test_no_email_after_the_member_cancelled_it_from_my_pledges(author, pledge_of):
    pledge = pledge_of(author)
    cancel_pledge(member=author, pledge_id=pledge.pk)

    run_due_reminders()

    assert reminders_sent() == []


def test_only_the_new_pledge_is_reminded_after_undo_and_pledge_again(author, practice, pledge_of):
    pledge_of(author)
    set_pledge(member=author, practice=practice, trying=False)
    again = pledge_of(author)

    run_due_reminders()

    assert len(reminders_sent()) == 1
    assert f"?pledge={again.pk}" in reminders_sent()[0].body


def test_no_email_to_a_member_who_turned_reminders_off(author_client, author, pledge_of):
    pledge_of(author)
    author_client.post("/accounts/profile/", {"display_name": "Alice"})  # box left unticked

    run_due_reminders()

    author.refresh_from_db()
    assert author.pledge_reminders is False
    assert reminders_sent() == []
    assert Pledge.objects.get().reminded_at is None


def test_no_email_to_a_suspended_member(author, moderator, pledge_of):
    pledge_of(author)
    suspend_member(member=author, moderator=moderator, days=30, reason="Abuse")
    mail.outbox.clear()

    run_due_reminders()

    assert reminders_sent() == []


def test_a_lifted_suspension_lets_the_reminder_go(author, moderator, pledge_of):
    pledge_of(author)
    suspend_member(member=author, moderator=moderator, days=30, reason="Abuse")
    lift_suspension(member=author, moderator=moderator)

    run_due_reminders()

    assert len(reminders_sent()) == 1


def test_no_email_after_the_account_is_deleted(author, pledge_of):
    pledge = pledge_of(author)
    delete_account(user=author, keep_stories=False)

    run_due_reminders()

    assert reminders_sent() == []
    assert send_reminder.call(pledge.pk) == "pledge deleted"


def test_no_email_to_a_deactivated_account(author, pledge_of):
    pledge_of(author)
    author.is_active = False
    author.save(update_fields=["is_active"])

    run_due_reminders()

    assert reminders_sent() == []


def test_no_email_when_the_member_already_wrote_from_the_pledge(author, pledge_of):
    pledge = pledge_of(author)
    StoryFactory(author=author, pledge=pledge, status=Story.Status.DRAFT)

    run_due_reminders()

    assert reminders_sent() == []
