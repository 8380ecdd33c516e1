from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from stories.models import Story
from tests.factories import StoryFactory, UserFactory


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
