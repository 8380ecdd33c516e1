"""The one "How did it go?" email, PLEDGE_REMINDER_DAYS after a member pledged.

`schedule` enqueues `send_reminder` for the pledge's remind_at, in the transaction that made the
pledge (django-tasks-db keeps the task in the same database, so a rollback leaves none). The task
sends at most one email per pledge: it locks the pledge, records reminded_at with a conditional
update and queues the email in that same transaction, so a task run twice (or a duplicate) finds
it already reminded. Nothing goes to a member who undid the pledge, turned reminders off,
is suspended or deleted the account (the pledge is gone with it), nor to one who already
started a story from the pledge.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from outbox.delivery import queue_email
from pledges.models import Pledge

SUBJECT = "[Flip the Counter] How did it go?"


def schedule(pledge: Pledge) -> str:
    return str(send_reminder.using(run_after=pledge.remind_at).enqueue(pledge.pk).id)


def why_not_remind(pledge: Pledge) -> str:
    """Why this pledge gets no reminder, in words; empty when it should get one."""
    member = pledge.member
    if pledge.reminded_at is not None:
        return "already reminded"
    if pledge.cancelled_at is not None:
        return "pledge cancelled"
    if not member.is_active:
        return "account closed"
    if not member.pledge_reminders:
        return "reminders turned off"
    if member.suspensions.active().exists():
        return "member suspended"
    if pledge.stories.exists():
        return "already wrote a story from it"
    return ""


@task()
def send_reminder(pledge_id: int) -> str:
    with transaction.atomic():
        pledge = (
            Pledge.objects.select_for_update(of=("self",))
            .select_related("member", "practice")
            .filter(pk=pledge_id)
            .first()
        )
        if pledge is None:
            return "pledge deleted"
        if reason := why_not_remind(pledge):
            return reason
        # Conditional: with the row lock, the second of two runs finds it reminded.
        if not Pledge.objects.filter(pk=pledge.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        ):
            return "already reminded"
        queue_email(reminder_email(pledge))
    return "sent"


def reminder_email(pledge: Pledge) -> EmailMultiAlternatives:
    share_url = f"{reverse('stories:share')}?pledge={pledge.pk}"
    context = {
        "pledge": pledge,
        "member": pledge.member,
        "practice": pledge.practice,
        "site_url": settings.SITE_URL,
        "share_url": f"{settings.SITE_URL}{share_url}",
        "practice_url": f"{settings.SITE_URL}{pledge.practice.get_absolute_url()}",
        "settings_url": f"{settings.SITE_URL}{reverse('accounts:profile')}",
        "pledges_url": f"{settings.SITE_URL}{reverse('pledges:mine')}",
    }
    message = EmailMultiAlternatives(
        subject=SUBJECT,
        body=render_to_string("pledges/email/reminder.txt", context),
        to=[pledge.member.email],
    )
    message.attach_alternative(
        render_to_string("pledges/email/reminder.html", context), "text/html"
    )
    return message
