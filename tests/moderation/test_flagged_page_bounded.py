"""The flagged queue reads its stories in their order only until the page is full, and counts
them up to FLAGGED_COUNTED (or the page after the one asked for): past that it says "more than",
as the queue's notice does (moderation.listing.flagged_page)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation.models import Flag
from moderation.queue import FLAGGED_COUNTED
from stories.models import Story
from tests.factories import FlagFactory, StoryFactory, UserFactory
from tests.pages import parse

FLAGGED = reverse("moderation:flagged")


def flag_each(stories, *, times: int = 1) -> None:
    reporters = UserFactory.create_batch(times)
    Flag.objects.bulk_create(
        Flag(story=story, member=reporter, reason=Flag.Reason.SPAM)
        for story in stories
        for reporter in reporters
    )


def heading(client, query: str = "") -> str:
    return parse(client.get(f"{FLAGGED}{query}")).find("h1").text


def titles(client, query: str = "") -> list[str]:
    page = parse(client.get(f"{FLAGGED}{query}"))
    return [row.find("a").text for row in page.find("tbody").find_all("tr")]


def pages_line(client, query: str = "") -> str:
    return parse(client.get(f"{FLAGGED}{query}")).find("nav", cls="pagination").find("span").text


def test_up_to_the_bound_it_counts_each_live_flagged_story(moderator_client):
    flag_each(StoryFactory.create_batch(3))
    withdrawn = StoryFactory(status=Story.Status.WITHDRAWN)
    flag_each([withdrawn], times=3)

    assert heading(moderator_client) == "Flagged stories (3)"


def test_past_the_bound_it_says_more_than(moderator_client):
    flag_each(StoryFactory.create_batch(FLAGGED_COUNTED + 2))

    assert heading(moderator_client) == f"Flagged stories (more than {FLAGGED_COUNTED})"
    assert pages_line(moderator_client) == f"Page 1 of more than {FLAGGED_COUNTED // 25}"
    assert len(titles(moderator_client)) == 25


def test_a_deep_page_counts_to_the_page_after_it(moderator_client):
    flag_each(StoryFactory.create_batch(FLAGGED_COUNTED + 2))
    last = FLAGGED_COUNTED // 25 + 1

    assert heading(moderator_client, f"?page={last}") == (
        f"Flagged stories ({FLAGGED_COUNTED + 2})"
    )
    assert pages_line(moderator_client, f"?page={last}") == f"Page {last} of {last}"
    assert len(titles(moderator_client, f"?page={last}")) == 2


def test_the_page_skips_a_story_no_longer_live_however_flagged(moderator_client):
    most = StoryFactory(title="Most flagged, then withdrawn", author=UserFactory())
    flag_each([most], times=4)
    twice = StoryFactory(title="Flagged twice", author=UserFactory())
    flag_each([twice], times=2)
    once = FlagFactory(story=StoryFactory(title="Flagged once", author=UserFactory())).story
    Story.objects.filter(pk=most.pk).update(status=Story.Status.WITHDRAWN)

    assert titles(moderator_client) == [twice.title, once.title]
    assert heading(moderator_client) == "Flagged stories (2)"


def test_the_page_and_its_count_follow_each_change(moderator_client):
    stories = StoryFactory.create_batch(2, author=UserFactory())
    flag_each(stories)
    assert heading(moderator_client) == "Flagged stories (2)"

    Flag.objects.filter(story=stories[0]).update(resolved_at=stories[0].created_at)

    assert heading(moderator_client) == "Flagged stories (1)"
    assert titles(moderator_client) == [stories[1].title]


def test_the_first_pages_take_the_count_the_standing_read_and_count_none_themselves(
    moderator_client,
):
    flag_each(StoryFactory.create_batch(3))

    with CaptureQueriesContext(connection) as queries:
        assert heading(moderator_client) == "Flagged stories (3)"

    page_statement = next(query["sql"] for query in queries if "first_flagged" in query["sql"])
    assert "COUNT(*)" not in page_statement
