from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stories.models import Story, StoryRevision
from tests.factories import StoryFactory, UserFactory
from tests.moderation.helpers import story_form


@pytest.fixture
def submitted_story(author):
    """submitted_story(**fields): a story by Alice waiting for review, sent an hour ago."""

    def _make(**fields) -> Story:
        fields.setdefault("author", author)
        fields.setdefault("submitted_at", timezone.now() - timedelta(hours=1))
        return StoryFactory(status=Story.Status.SUBMITTED, **fields)

    return _make


@pytest.fixture
def waiting_story(submitted_story) -> Story:
    return submitted_story(
        title="The night nurse who stayed",
        body="She stayed after her shift to explain the results twice.",
    )


@pytest.fixture
def second_moderator(db):
    """Maya: another member of the Moderators group."""
    user = UserFactory(display_name="Maya", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def second_moderator_client(second_moderator, login) -> Client:
    return login(second_moderator)


@pytest.fixture
def pending_edit(author_client, published_story):
    """Alice sends an edit of her published story "Thank you, Dana" through the edit form."""
    author_client.post(
        reverse("stories:edit", kwargs={"pk": published_story.pk}),
        story_form(published_story, title="Thank you again, Dana"),
    )
    return StoryRevision.objects.pending().get(story=published_story)
