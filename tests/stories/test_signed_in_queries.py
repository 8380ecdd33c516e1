"""What a signed-in member's pages cost in queries: pinned, so a new one per request shows up here.

Every signed-in page pays one for the session and its member (kindness.signed_in). A member who
is not a moderator pays nothing for the moderation link, and the story page nothing that grows
with the site.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation.queue import BADGE_LIMIT
from stories.models import Story
from stories.thanks import toggle_thanks
from tests.factories import FlagFactory, StoryFactory, UserFactory

pytestmark = pytest.mark.django_db

# The session with its member and the content version (kindness.signed_in), and one for the
# story_actions hole (the story's thanks count, the member's own thanks and whether they may flag:
# moderation.holes).
# The rest (the story, its practices and tags, the related titles) comes from the page shared by
# every reader (stories.caching), rendered in 4 more queries once per version.
STORY_PAGE = 2
# The session with its member, and one statement for the stories, their edits and their total
# (stories.my_rows).
MY_STORIES = 2


def queries_of(client, url: str) -> tuple[int, str]:
    client.get(url)  # per-process caches (the essays in the footer) fill on the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.fixture
def shelf(author):
    """Stories sharing a practice, so the story page has related stories to show."""
    return [
        StoryFactory(author=author, title=f"Counter story {index}", practices=["be-patient"])
        for index in range(6)
    ]


def test_a_story_page_costs_a_member_the_same_queries_however_many_stories_there_are(
    other_client, other_member, author, shelf
):
    story = shelf[0]
    toggle_thanks(story=story, member=other_member)

    few, page = queries_of(other_client, story.get_absolute_url())
    StoryFactory.create_batch(10, author=author, practices=["be-patient"], tags=["late-order"])
    many, _ = queries_of(other_client, story.get_absolute_url())

    assert few == many == STORY_PAGE
    assert "Thanked ✓ (take back)" in page
    assert "More stories like this" in page
    assert shelf[5].title in page


def test_a_story_page_still_shows_its_author_a_story_waiting_for_review(author_client, author):
    waiting = StoryFactory(author=author, status=Story.Status.SUBMITTED, title="Still waiting")

    response = author_client.get(waiting.get_absolute_url())

    assert response.status_code == 200
    assert "Still waiting" in response.content.decode()


def test_my_stories_costs_the_same_queries_however_many_stories_there_are(
    author_client, author, shelf
):
    few, _ = queries_of(author_client, reverse("stories:mine"))
    StoryFactory.create_batch(10, author=author)
    many, page = queries_of(author_client, reverse("stories:mine"))

    assert few == many == MY_STORIES
    assert shelf[0].title in page
    # Not a moderator: no link, and no query to find that out.
    assert f'href="{reverse("moderation:queue")}"' not in page


def test_the_moderators_badge_stops_counting_past_its_limit(moderator_client):
    StoryFactory.create_batch(BADGE_LIMIT - 1, status=Story.Status.SUBMITTED)
    FlagFactory(story=StoryFactory(author=UserFactory()))

    page = moderator_client.get(reverse("stories:mine")).content.decode()
    assert f'<span class="badge">{BADGE_LIMIT}</span>' in page

    StoryFactory(status=Story.Status.SUBMITTED)
    page = moderator_client.get(reverse("stories:mine")).content.decode()
    assert f'<span class="badge">{BADGE_LIMIT}+</span>' in page
