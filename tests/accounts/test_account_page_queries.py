"""Pinned query counts of the account pages this issue added or changed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation import decisions
from moderation.models import Action, AuthorReply
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

# The session with its member first (one query), then what each page reads itself.
PINNED = {
    "accounts:data": 1,
    # The count of published stories the page mentions.
    "accounts:delete": 2,
    # The story, the request for changes, the replies.
    "replies:reply": 4,
}


def count_queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def busy_author(author, moderator, submitted_story):
    """Alice with stories, one of them sent back with a request she answered twice."""
    StoryFactory.create_batch(3, author=author)
    asked = submitted_story(title="Asked")
    decisions.decide_story(
        story=asked, moderator=moderator, action=Action.REQUEST_CHANGES, note="Shorter."
    )
    for text in ("Will do.", "Done."):
        AuthorReply.objects.create(story=asked, decision=asked.decisions.get(), body=text)
    return asked


@pytest.mark.parametrize("name", PINNED)
def test_an_account_page_costs_a_fixed_number_of_queries(author_client, busy_author, name):
    url = reverse(name, kwargs={"pk": busy_author.pk}) if name == "replies:reply" else reverse(name)

    assert count_queries(author_client, url) == PINNED[name]
