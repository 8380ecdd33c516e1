from django.core import mail

from pledges.models import PledgeTally
from pledges.reminders import SUBJECT
from tests.mail import run_queued_tasks
from tests.pages import parse


def counts_on_page(response) -> str:
    return parse(response).find("p", cls="pledge-count").text.strip()


def kept(practice) -> tuple[int, int]:
    tally = PledgeTally.objects.for_practice(practice.pk)
    return tally.pledged, tally.wrote_back


def reminders_sent() -> list:
    return [message for message in mail.outbox if message.subject == SUBJECT]


def run_due_reminders() -> None:
    """What a worker does once the reminder day has come: run the reminder tasks, then deliver
    the emails they queued (each queued inside the task's own transaction)."""
    run_queued_tasks(including_later=True)
    run_queued_tasks()
