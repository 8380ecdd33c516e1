"""The delete page tells a member how many of their stories are published, read fresh each time."""

import pytest
from django.utils import timezone

from stories.models import Story
from tests.factories import StoryFactory
from tests.stories.helpers import page_text

pytestmark = pytest.mark.django_db

DELETE = "/accounts/delete/"


def test_it_counts_only_the_members_own_published_stories(author_client, author, other_member):
    StoryFactory.create_batch(2, author=author)
    StoryFactory(author=author, status=Story.Status.SUBMITTED)
    StoryFactory(author=author, status=Story.Status.DRAFT)
    StoryFactory.create_batch(3, author=other_member)

    assert "(you have 2 published)" in page_text(author_client.get(DELETE))


def test_it_follows_a_story_published_or_hidden_since_the_last_visit(author_client, author):
    story = StoryFactory(author=author, status=Story.Status.SUBMITTED)
    assert "published)" not in page_text(author_client.get(DELETE))

    Story.objects.filter(pk=story.pk).update(
        status=Story.Status.PUBLISHED, published_at=timezone.now()
    )
    assert "(you have 1 published)" in page_text(author_client.get(DELETE))

    Story.objects.filter(pk=story.pk).update(status=Story.Status.HIDDEN)
    assert "published)" not in page_text(author_client.get(DELETE))
