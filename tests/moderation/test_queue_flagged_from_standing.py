"""The queue's notice takes the number of flagged stories from the viewer's standing, read in the
same request (moderation.standing), and counts them itself only when called without one; either
count stops past FLAGGED_COUNTED, and the notice then says "more than"."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from moderation import queue_pages
from moderation.listing import flagged_total
from moderation.models import Flag
from moderation.queue import BADGE_LIMIT, FLAGGED_COUNTED
from moderation.standing import standing
from stories.models import Story
from tests.factories import FlagFactory, StoryFactory, UserFactory
from tests.pages import parse


def flagged_stories(count: int) -> list[Story]:
    return [FlagFactory(story=StoryFactory(author=UserFactory())).story for _ in range(count)]


def notice(client) -> str:
    found = parse(client.get(reverse("moderation:queue"))).find("p", cls="message-warning")
    return "" if found is None else " ".join(found.text.split())


def test_it_counts_only_live_stories_with_open_flags_as_the_flagged_queue_does(moderator):
    live, withdrawn, resolved = flagged_stories(3)
    FlagFactory(story=live)  # a second flag on the same story
    Story.objects.filter(pk=withdrawn.pk).update(status=Story.Status.WITHDRAWN)
    resolved.flags.update(resolved_at=timezone.now())

    fresh = User.objects.get(pk=moderator.pk)

    assert standing(fresh).flagged == flagged_total() == 1


def test_the_queue_reads_no_count_of_its_own_below_the_standings_bound(moderator_client):
    flagged_stories(2)

    with CaptureQueriesContext(connection) as queries:
        assert notice(moderator_client).startswith("2 stories have open flags.")

    page_statement = next(query["sql"] for query in queries if "AS waiting" in query["sql"])
    assert "moderation_flag" not in page_statement


def test_a_standing_past_the_bound_is_taken_as_it_is(db):
    flagged_stories(2)
    StoryFactory.create_batch(2, status=Story.Status.SUBMITTED)

    page = queue_pages.queue_page(size=25, flagged=FLAGGED_COUNTED + 1)

    assert page.flagged_is_bounded
    assert len(page.object_list) == 2
    assert queue_pages.queue_page(size=25).flagged == 2


def test_an_empty_queue_still_says_how_many_are_flagged(moderator_client):
    flagged_stories(1)

    assert notice(moderator_client).startswith("1 story has open flags.")
    assert queue_pages.queue_page(size=25, flagged=None).flagged == 1


def test_with_the_badge_full_the_standing_still_counts_them_for_the_notice(
    moderator, moderator_client
):
    StoryFactory.create_batch(BADGE_LIMIT + 1, status=Story.Status.SUBMITTED)
    flagged_stories(3)

    held = standing(User.objects.get(pk=moderator.pk))

    assert (held.waiting, held.flagged) == (BADGE_LIMIT + 1, 3)
    with CaptureQueriesContext(connection) as queries:
        assert notice(moderator_client).startswith("3 stories have open flags.")
    page_statement = next(query["sql"] for query in queries if "AS waiting" in query["sql"])
    assert "moderation_flag" not in page_statement
    assert f"{BADGE_LIMIT}+" in parse(moderator_client.get(reverse("moderation:queue"))).text


def test_one_short_of_a_full_badge_the_flagged_stories_fill_it(moderator, moderator_client):
    StoryFactory.create_batch(BADGE_LIMIT - 1, status=Story.Status.SUBMITTED)
    flagged_stories(1)

    held = standing(User.objects.get(pk=moderator.pk))

    assert (held.waiting, held.flagged) == (BADGE_LIMIT, 1)
    assert notice(moderator_client).startswith("1 story has open flags.")


def test_past_the_bound_the_notice_says_more_than_and_the_full_count_counts_them_all(
    moderator_client,
):
    StoryFactory.create_batch(BADGE_LIMIT + 1, status=Story.Status.SUBMITTED)
    stories = StoryFactory.create_batch(FLAGGED_COUNTED + 2)
    reporter = UserFactory()
    Flag.objects.bulk_create(
        Flag(story=story, member=reporter, reason=Flag.Reason.SPAM) for story in stories
    )

    assert queue_pages.queue_page(size=25).flagged == FLAGGED_COUNTED + 1
    assert notice(moderator_client).startswith(
        f"More than {FLAGGED_COUNTED} stories have open flags."
    )
    assert flagged_total() == FLAGGED_COUNTED + 2
