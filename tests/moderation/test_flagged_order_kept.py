"""The flagged queue's order is kept per process while the queue version stands
(moderation.listing._flagged_order): every flag raised or resolved and every change of a flagged
story's status shows on the next page, and titles are read afresh on every request.

These tests commit as the site does (transactional): the order is kept only outside a
transaction, and on PostgreSQL the version moves at commit.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation import listing
from moderation.decisions import flag_story, resolve_flags
from moderation.models import Flag, QueueVersion
from stories.models import Story
from tests.factories import StoryFactory, UserFactory
from tests.pages import parse

FLAGGED = reverse("moderation:flagged")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def flag(story, *, times: int) -> None:
    Flag.objects.bulk_create(
        Flag(story=story, member=UserFactory(), reason=Flag.Reason.SPAM) for _ in range(times)
    )


def titles(client) -> list[str]:
    page = parse(client.get(FLAGGED))
    return [row.find("a").text for row in page.find("tbody").find_all("tr")]


def statements_of_the_page(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        client.get(FLAGGED)
    return [query["sql"] for query in queries]


@pytest.fixture
def flagged_stories():
    """Three published stories with one, three and two open flags."""
    once, thrice, twice = (StoryFactory(title=title) for title in ("Once", "Thrice", "Twice"))
    flag(once, times=1)
    flag(thrice, times=3)
    flag(twice, times=2)
    return once, thrice, twice


def test_the_order_is_read_once_then_kept_while_nothing_changes(moderator_client, flagged_stories):
    # After an earlier test emptied the database, the first page puts the version row back.
    moderator_client.get(FLAGGED)
    assert titles(moderator_client) == ["Thrice", "Twice", "Once"]

    statements = statements_of_the_page(moderator_client)

    assert not any("GROUP BY" in sql for sql in statements)
    assert titles(moderator_client) == ["Thrice", "Twice", "Once"]


def test_a_flag_raised_or_resolved_shows_on_the_next_page(
    moderator_client, moderator, flagged_stories
):
    once, thrice, _ = flagged_stories
    assert titles(moderator_client) == ["Thrice", "Twice", "Once"]

    flag_story(story=StoryFactory(title="Newly flagged"), member=UserFactory(), reason="spam")
    assert titles(moderator_client) == ["Thrice", "Twice", "Once", "Newly flagged"]

    flag(once, times=3)
    assert titles(moderator_client)[0] == "Once"

    resolve_flags(story=thrice, moderator=moderator, keep=True)
    assert "Thrice" not in titles(moderator_client)


def test_a_story_withdrawn_leaves_it_and_a_new_title_shows_at_once(
    moderator_client, flagged_stories
):
    _, thrice, twice = flagged_stories
    assert titles(moderator_client) == ["Thrice", "Twice", "Once"]
    version = QueueVersion.objects.get().version

    # A title is no part of the order: it moves no version, and is read on every request.
    Story.objects.filter(pk=twice.pk).update(title="Twice, retitled")
    assert QueueVersion.objects.get().version == version
    assert titles(moderator_client) == ["Thrice", "Twice, retitled", "Once"]

    Story.objects.filter(pk=thrice.pk).update(status=Story.Status.WITHDRAWN)
    assert titles(moderator_client) == ["Twice, retitled", "Once"]


def test_every_page_of_the_kept_order_is_the_page_read_without_it(moderator_client):
    for number in range(12):
        flag(StoryFactory(title=f"Story {number}"), times=number % 4 + 1)
    moderator_client.get(FLAGGED)
    version = QueueVersion.objects.get().version

    for number in (1, 2, 3, 4):
        kept = listing.flagged_page(number, size=5, version=version)
        read = listing.flagged_page(number, size=5)
        assert kept.object_list == read.object_list
        assert (kept.number, kept.paginator.count) == (read.number, read.paginator.count)
