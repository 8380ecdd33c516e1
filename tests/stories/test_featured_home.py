"""The home page shows the featured stories first, and only while readers may see them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from moderation import featuring
from stories import freshness
from stories.home import HOME_FEATURED
from stories.lifecycle import withdraw_story
from stories.models import Story
from tests.factories import StoryFactory
from tests.pages import parse
from tests.stories.helpers import fresh_page_queries

pytestmark = pytest.mark.django_db


def featured_titles(response) -> list[str]:
    """Titles of the cards in the home page's Featured section, top to bottom; [] without one."""
    heading = parse(response).find("h2", id="featured-heading")
    if heading is None:
        return []
    section = parse(response).find("section", **{"aria-labelledby": "featured-heading"})
    return [
        card.find("h3").find("a").text for card in section.find_all("article", cls="story-card")
    ]


def feature(story: Story, moderator, *, minutes_ago: int = 0) -> None:
    featuring.feature_story(story=story, moderator=moderator)
    when = timezone.now() - timedelta(minutes=minutes_ago)
    Story.objects.filter(pk=story.pk).update(featured_at=when)


def test_the_home_page_shows_featured_stories_first_newest_feature_first(visitor, moderator):
    older = StoryFactory(title="Featured last week")
    newer = StoryFactory(title="Featured today")
    StoryFactory(title="Not featured")
    feature(older, moderator, minutes_ago=60 * 24 * 7)
    feature(newer, moderator)

    response = visitor.get("/")

    assert featured_titles(response) == ["Featured today", "Featured last week"]
    page = response.content.decode()
    assert page.index("featured-heading") < page.index("latest-heading")


def test_it_shows_a_small_fixed_number_of_featured_stories(visitor, moderator):
    for minutes in range(HOME_FEATURED + 2):
        feature(
            StoryFactory(title=f"Featured {minutes} minutes ago"), moderator, minutes_ago=minutes
        )

    titles = featured_titles(visitor.get("/"))

    assert titles == [f"Featured {minutes} minutes ago" for minutes in range(HOME_FEATURED)]


def test_no_featured_section_without_featured_stories(visitor, published_story):
    response = visitor.get("/")

    assert featured_titles(response) == []
    assert "Thank you, Dana" in response.content.decode()


def test_featuring_refreshes_the_visitors_cached_home_page_at_once(visitor, moderator):
    story = StoryFactory(title="The mechanic who explained")
    visitor.get("/")
    before = freshness.current(connection)

    featuring.feature_story(story=story, moderator=moderator)

    assert freshness.current(connection) > before
    assert featured_titles(visitor.get("/")) == ["The mechanic who explained"]

    featuring.unfeature_story(story=story, moderator=moderator)
    assert featured_titles(visitor.get("/")) == []


def test_a_featured_story_that_stops_being_public_leaves_the_home_page_at_once(
    visitor, moderator, author
):
    story = StoryFactory(author=author, title="Withdrawn after featuring")
    featuring.feature_story(story=story, moderator=moderator)
    assert featured_titles(visitor.get("/")) == ["Withdrawn after featuring"]

    withdraw_story(story=story)

    response = visitor.get("/")
    assert featured_titles(response) == []
    assert "Withdrawn after featuring" not in response.content.decode()


@pytest.mark.parametrize("featured", [1, HOME_FEATURED])
def test_the_home_page_runs_a_fixed_number_of_queries(visitor, login, author, moderator, featured):
    for index in range(8):
        story = StoryFactory(practices=["smile-first", "say-thank-you"])
        if index < featured:
            featuring.feature_story(story=story, moderator=moderator)
    member = login(author)

    # The content version, the featured and the latest stories, their practices in one query,
    # and the practices with their counts (the footer's essays are cached per process).
    assert fresh_page_queries(visitor, "/") == 5
    # A member shares the page rendered for visitors: their session, with themselves and the
    # content version (kindness.signed_in), in place of the version's own query.
    assert fresh_page_queries(member, "/") == 5
