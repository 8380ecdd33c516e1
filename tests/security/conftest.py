"""How a member's story reaches readers in the hostile-input suite: shared, then approved.

The personas (author, moderator and their clients) come from tests/conftest.py.
"""

import pytest
from django.urls import reverse

from moderation import decisions
from moderation.models import Action
from stories.models import Story
from tests.pages import field_errors
from tests.security.helpers import SEARCH_WORD
from tests.stories.helpers import story_data


@pytest.fixture
def share(author, author_client):
    """share(**fields) sends the share form as Alice and returns the stored story."""

    def _share(**fields) -> Story:
        fields.setdefault("body", f"We met at the {SEARCH_WORD} market stall at closing time.")
        response = author_client.post(reverse("stories:share"), story_data(**fields))
        assert response.status_code == 302, field_errors(response, "title")
        return Story.objects.filter(author=author).latest("id")

    return _share


@pytest.fixture
def share_and_publish(share, moderator):
    """A story sent through the share form, then approved by a moderator."""

    def _publish(**fields) -> Story:
        story = share(**fields)
        decisions.decide_story(story=story, moderator=moderator, action=Action.APPROVE)
        story.refresh_from_db()
        assert story.is_published
        return story

    return _publish
