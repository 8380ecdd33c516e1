"""My pledges names the story written from each pledge, linked only once readers can see it."""

import pytest

from stories.models import Story
from tests.factories import StoryFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db

MY_PLEDGES = "/accounts/pledges/"


def pledge_item(client):
    [item] = parse(client.get(MY_PLEDGES)).find("ul", cls="pledge-list").find_all("li")
    return item


def test_a_published_story_from_a_pledge_links_to_its_page(author_client, author, pledge_of):
    story = StoryFactory(author=author, pledge=pledge_of(author), title="She smiled back")

    item = pledge_item(author_client)

    assert item.find("a", href=story.get_absolute_url()).text == "She smiled back"
    assert item.find("a", href=f"/practices/{story.pledge.practice.slug}/") is not None


def test_a_story_not_yet_published_shows_its_status_and_my_stories(
    author_client, author, pledge_of
):
    StoryFactory(
        author=author, pledge=pledge_of(author), title="Not yet", status=Story.Status.SUBMITTED
    )

    item = pledge_item(author_client)

    assert "“Not yet” (waiting for review, in My stories)" in item.text
    assert item.find("a", href="/my-stories/") is not None
