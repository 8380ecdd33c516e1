"""An email is queued in the transaction of the change it reports: both commit, or neither."""

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from moderation.decisions import decide_story
from moderation.models import Action, Decision
from outbox.models import Email
from stories.models import Story
from tests.mail import run_queued_tasks


class Interrupted(Exception):
    pass


def approve(story: Story, moderator) -> None:
    decide_story(story=story, moderator=moderator, action=Action.APPROVE)


def test_it_enqueues_nothing_when_the_decision_rolls_back(waiting_story, moderator, durable_queue):
    with pytest.raises(Interrupted), transaction.atomic():
        approve(waiting_story, moderator)
        assert Email.objects.count() == 1
        raise Interrupted

    assert Email.objects.count() == 0
    assert DBTaskResult.objects.count() == 0
    assert Decision.objects.count() == 0
    run_queued_tasks(including_later=True)
    assert mail.outbox == []


def test_it_queues_one_email_and_one_task_with_the_decision(
    waiting_story, moderator, author, durable_queue
):
    approve(waiting_story, moderator)

    email = Email.objects.get()
    task = DBTaskResult.objects.get()
    assert email.message["to"] == [author.email]
    assert email.task_id == str(task.id)
    assert task.task_path == "outbox.delivery.deliver_email"
    assert task.args_kwargs == {"args": [email.pk], "kwargs": {}}
    assert mail.outbox == []

    run_queued_tasks()

    [sent] = mail.outbox
    assert sent.subject == "[Flip the Counter] Your story is published"
    assert sent.extra_headers["Message-ID"] == email.message["headers"]["Message-ID"]
