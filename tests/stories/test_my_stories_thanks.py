"""My stories shows how many times each story was thanked, from the kept count."""

import pytest
from django.db import connection

from stories.models import Story
from tests.factories import StoryFactory
from tests.pages import parse
from tests.stories.helpers import count_queries

pytestmark = pytest.mark.django_db


def thanks_shown(response) -> dict[str, str]:
    shown = {}
    for item in parse(response).find_all("li", cls="my-story"):
        count = item.find("span", cls="thanks-count")
        shown[item.find("h2").text.strip()] = count.text.strip() if count else ""
    return shown


def test_each_published_story_shows_its_thanks(author, author_client):
    StoryFactory(author=author, title="Thanked a lot", thanks_count=12)
    StoryFactory(author=author, title="Thanked once", thanks_count=1)
    StoryFactory(author=author, title="Not yet thanked", thanks_count=0)
    StoryFactory(author=author, title="Still a draft", status=Story.Status.DRAFT)

    shown = thanks_shown(author_client.get("/my-stories/"))

    assert shown == {
        "Thanked a lot": "· thanked 12 times",
        "Thanked once": "· thanked 1 time",
        "Not yet thanked": "· thanked 0 times",
        "Still a draft": "",
    }


@pytest.mark.parametrize("size", [2, 10])
def test_the_counts_cost_no_query_per_story(author, author_client, size):
    for index in range(size):
        StoryFactory(author=author, thanks_count=index)

    # The same 3 for 2 stories as for 10: the count is a column of the story.
    assert count_queries(connection, lambda: author_client.get("/my-stories/")) == 3
