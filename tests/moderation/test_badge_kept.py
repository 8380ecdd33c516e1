"""The badge's counts are kept per process while the queue version stands (moderation.standing,
moderation.queue_version), and every change that can move them moves the version on.

These tests commit as the site does (transactional): counts are kept only outside a transaction,
and on PostgreSQL the version moves at commit.
"""

import time
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from moderation import queue_version, views
from moderation.decisions import decide_story, flag_story, resolve_flags
from moderation.models import Action, QueueVersion, Suspension
from moderation.queue import waiting_count
from stories.choices import RevisionStatus
from stories.models import Story, StoryRevision
from tests.factories import StoryFactory, StoryRevisionFactory, UserFactory
from tests.moderation.test_badge_count import badge

QUEUE = reverse("moderation:queue")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def statements_of_a_page(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        badge(client)
    return [query["sql"] for query in queries]


def counted(statements: list[str]) -> bool:
    return any("COUNT(*)" in sql and "~counts" in sql for sql in statements)


@pytest.fixture
def waiting_story():
    return StoryFactory(author=UserFactory(), status=Story.Status.SUBMITTED)


def test_the_badge_is_counted_then_kept_while_nothing_changes(moderator_client, waiting_story):
    assert badge(moderator_client) == "1"
    assert badge(moderator_client) == "1"

    assert not counted(statements_of_a_page(moderator_client))


def send_a_story(story, moderator):
    StoryFactory(author=UserFactory(), status=Story.Status.SUBMITTED)


def publish_it(story, moderator):
    decide_story(story=story, moderator=moderator, action=Action.APPROVE)


def withdraw_it(story, moderator):
    Story.objects.filter(pk=story.pk).update(status=Story.Status.WITHDRAWN)


def delete_it(story, moderator):
    story.delete()


def send_an_edit(story, moderator):
    StoryRevisionFactory(story=StoryFactory(author=UserFactory()))


def suspend_its_author(story, moderator):
    Suspension.objects.create(member=story.author)


def flag_a_published_story(story, moderator):
    flag_story(story=StoryFactory(author=UserFactory()), member=UserFactory(), reason="spam")


@pytest.mark.parametrize(
    "change",
    [
        send_a_story,
        publish_it,
        withdraw_it,
        delete_it,
        send_an_edit,
        suspend_its_author,
        flag_a_published_story,
    ],
)
def test_every_change_to_the_queue_shows_on_the_next_page(
    moderator_client, moderator, waiting_story, change
):
    before = badge(moderator_client)

    change(waiting_story, moderator)

    after = waiting_count()
    assert badge(moderator_client) == (str(after) if after else "") != before


def test_flags_resolved_and_suspensions_lifted_show_on_the_next_page(
    moderator_client, moderator, waiting_story
):
    flagged = StoryFactory(author=UserFactory())
    flag_story(story=flagged, member=UserFactory(), reason="spam")
    suspension = Suspension.objects.create(member=waiting_story.author)
    assert badge(moderator_client) == "1"  # the flagged story; the waiting one is held back

    resolve_flags(story=flagged, moderator=moderator, keep=True)
    assert badge(moderator_client) == ""

    Suspension.objects.filter(pk=suspension.pk).update(ended_at=timezone.now())
    assert badge(moderator_client) == "1"


def test_an_edit_decided_shows_on_the_next_page(moderator_client, moderator):
    edit = StoryRevisionFactory(story=StoryFactory(author=UserFactory()))
    assert badge(moderator_client) == "1"

    StoryRevision.objects.filter(pk=edit.pk).update(status=RevisionStatus.REJECTED)

    assert badge(moderator_client) == ""


def test_a_suspension_running_out_puts_its_stories_back_without_any_write(
    moderator_client, moderator, waiting_story
):
    ends = timezone.now() + timedelta(seconds=2)
    Suspension.objects.create(member=waiting_story.author, until=ends)
    assert badge(moderator_client) == ""
    version = QueueVersion.objects.get().version

    time.sleep(max(0, (ends - timezone.now()).total_seconds()) + 0.1)

    assert badge(moderator_client) == "1"
    assert QueueVersion.objects.get().version == version


def test_a_story_saved_as_a_draft_keeps_the_counts(moderator_client, waiting_story):
    badge(moderator_client)
    badge(moderator_client)
    version = QueueVersion.objects.get().version

    draft = StoryFactory(author=UserFactory(), status=Story.Status.DRAFT)
    draft.title = "Still a draft"
    draft.save()

    assert QueueVersion.objects.get().version == version
    assert not counted(statements_of_a_page(moderator_client))


class RolledBack(Exception):
    pass


def test_counts_read_inside_a_transaction_that_rolls_back_are_not_kept(moderator_client):
    assert badge(moderator_client) == ""

    with pytest.raises(RolledBack), transaction.atomic():
        StoryFactory(author=UserFactory(), status=Story.Status.SUBMITTED)
        assert badge(moderator_client) == "1"
        raise RolledBack

    assert badge(moderator_client) == ""


def test_an_emptied_version_row_is_put_back_and_counts_are_read_afresh(
    moderator_client, waiting_story
):
    assert badge(moderator_client) == "1"
    QueueVersion.objects.all().delete()

    StoryFactory(author=UserFactory(), status=Story.Status.SUBMITTED)

    assert badge(moderator_client) == "2"
    assert QueueVersion.objects.exists()
    StoryFactory(author=UserFactory(), status=Story.Status.SUBMITTED)
    assert badge(moderator_client) == "3"


def test_the_triggers_exist_on_every_table_they_watch():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        found = {name for (name,) in cursor.fetchall()}

    assert queue_version.trigger_names() <= found


def test_a_later_queue_page_keeps_its_count_until_the_queue_changes(moderator_client, monkeypatch):
    monkeypatch.setattr(views, "QUEUE_PAGE_SIZE", 2)
    for _ in range(5):
        StoryFactory(author=UserFactory(), status=Story.Status.SUBMITTED)
    badge(moderator_client)
    second = moderator_client.get(QUEUE).context["page"].newer.token

    def page_two() -> tuple[str, list[str]]:
        with CaptureQueriesContext(connection) as queries:
            page = moderator_client.get(QUEUE, {"after": second}).content.decode()
        heading = page[page.index("Waiting for review") :].split("</h1>")[0]
        return heading, [query["sql"] for query in queries if "AS waiting" in query["sql"]]

    assert page_two()[0] == "Waiting for review (5)"
    heading, statements = page_two()
    assert heading == "Waiting for review (5)"
    assert "COUNT(*)" not in statements[0]

    StoryFactory(author=UserFactory(), status=Story.Status.SUBMITTED)

    assert page_two()[0] == "Waiting for review (6)"
