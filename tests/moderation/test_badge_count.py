"""The moderators' badge counts what the queue and the flagged page show, on every request.

Its statement is built once per process (moderation.queue._badge_sql): these tests catch it
drifting from the querysets the pages use, and any count that outlives a change.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from moderation.models import Suspension
from moderation.queue import flagged_count, waiting, waiting_count
from stories.models import Story
from tests.factories import FlagFactory, StoryFactory, StoryRevisionFactory, UserFactory


def badge(client) -> str:
    page = client.get(reverse("stories:mine")).content.decode()
    start = page.find('<span class="badge">')
    if start == -1:
        return ""
    return page[start + len('<span class="badge">') : page.index("</span>", start)]


def test_it_counts_new_stories_edits_and_flagged_stories_like_the_pages(moderator_client, db):
    StoryFactory.create_batch(2, status=Story.Status.SUBMITTED)
    StoryRevisionFactory(story=StoryFactory(author=UserFactory()))
    FlagFactory(story=StoryFactory(author=UserFactory()))
    hidden = StoryFactory(author=UserFactory(), status=Story.Status.HIDDEN)
    FlagFactory(story=hidden)

    assert waiting_count() == waiting().count() + flagged_count() == 5
    assert badge(moderator_client) == "5"


def test_it_leaves_out_closed_flags_and_withdrawn_stories(moderator_client, db):
    FlagFactory(story=StoryFactory(author=UserFactory()), resolved_at=timezone.now())
    FlagFactory(story=StoryFactory(author=UserFactory(), status=Story.Status.WITHDRAWN))

    assert waiting_count() == 0
    assert badge(moderator_client) == ""


def test_a_decision_shows_in_the_next_request(moderator_client, db):
    story = StoryFactory(status=Story.Status.SUBMITTED)
    assert badge(moderator_client) == "1"

    Story.objects.filter(pk=story.pk).update(
        status=Story.Status.PUBLISHED, published_at=timezone.now()
    )

    assert badge(moderator_client) == ""


def test_a_suspension_takes_the_members_items_out_until_it_runs_out(moderator_client, db):
    member = UserFactory()
    StoryFactory(author=member, status=Story.Status.SUBMITTED)
    StoryRevisionFactory(story=StoryFactory(author=member))
    suspension = Suspension.objects.create(member=member, until=timezone.now() + timedelta(days=3))

    assert badge(moderator_client) == ""

    Suspension.objects.filter(pk=suspension.pk).update(until=timezone.now() - timedelta(minutes=1))

    assert waiting_count() == waiting().count() == 2
    assert badge(moderator_client) == "2"


def test_a_suspension_for_good_lasts_until_lifted(moderator_client, db):
    member = UserFactory()
    StoryFactory(author=member, status=Story.Status.SUBMITTED)
    suspension = Suspension.objects.create(member=member, until=None)

    assert waiting_count() == 0

    Suspension.objects.filter(pk=suspension.pk).update(ended_at=timezone.now())

    assert waiting_count() == 1
