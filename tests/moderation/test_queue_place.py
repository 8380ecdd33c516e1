"""A story its author withdrew and sent again keeps its place in the queue by first submission."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stories.models import Story
from tests.stories.helpers import story_data

pytestmark = pytest.mark.django_db


def test_a_resubmitted_story_sits_ahead_of_one_sent_in_between(
    author, author_client, other_client, moderator_client
):
    author_client.post(reverse("stories:share"), story_data(title="Sent first"))
    first = Story.objects.get(title="Sent first")
    # Sent an hour ago, so the story sent in between is clearly later.
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Story.objects.filter(pk=first.pk).update(
        submitted_at=an_hour_ago, first_submitted_at=an_hour_ago
    )
    author_client.post(reverse("stories:withdraw", kwargs={"pk": first.pk}))
    other_client.post(reverse("stories:share"), story_data(title="Sent in between"))

    author_client.post(
        reverse("stories:edit", kwargs={"pk": first.pk}),
        story_data(title="Sent first", body="Now with the part about the receipt."),
    )

    first.refresh_from_db()
    assert first.status == Story.Status.SUBMITTED
    assert first.submitted_at > Story.objects.get(title="Sent in between").submitted_at
    queue = moderator_client.get(reverse("moderation:queue"))
    assert [item.title for item in queue.context["items"]] == [
        "Sent first",
        "Sent in between",
    ]
