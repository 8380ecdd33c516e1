"""Each task worker runs the periodic jobs (the weekly thanks digests) beside its email sweep."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from outbox.management.commands.db_worker import run_periodic_jobs
from stories.models import Thanks
from tests.factories import StoryFactory, UserFactory

CALLS: list[str] = []


def remember_the_call() -> None:
    CALLS.append("ran")


def failing_job() -> None:
    raise RuntimeError("the mail template is broken")


@pytest.fixture(autouse=True)
def _no_calls_yet():
    CALLS.clear()


JOB = "tests.outbox.test_periodic_jobs.remember_the_call"


def test_a_job_runs_at_the_worker_start_then_once_each_interval(settings):
    settings.WORKER_PERIODIC_JOBS = {JOB: 3600}
    last_runs: dict[str, float] = {}

    assert run_periodic_jobs(last_runs, now=1000.0) == [JOB]
    assert run_periodic_jobs(last_runs, now=1060.0) == []
    assert run_periodic_jobs(last_runs, now=4599.0) == []
    assert run_periodic_jobs(last_runs, now=4600.0) == [JOB]
    assert CALLS == ["ran", "ran"]


def test_a_failing_job_does_not_stop_the_others(settings, caplog):
    settings.WORKER_PERIODIC_JOBS = {"tests.outbox.test_periodic_jobs.failing_job": 60, JOB: 60}

    run_periodic_jobs({}, now=0.0)

    assert CALLS == ["ran"]
    assert "failing_job failed" in caplog.text


def test_the_workers_send_the_thanks_digests_out_of_the_box(
    settings, author, django_capture_on_commit_callbacks
):
    story = StoryFactory(author=author)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Thanks.objects.create(story=story, member=UserFactory(), created_at=an_hour_ago)

    with django_capture_on_commit_callbacks(execute=True):
        run_periodic_jobs({}, now=0.0)

    assert [message.to for message in mail.outbox] == [[author.email]]
