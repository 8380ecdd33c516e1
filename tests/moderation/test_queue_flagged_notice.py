"""The queue's notice of flagged stories is read with the queue's rows (moderation.listing):
it counts what the flagged queue shows, on every request, with or without stories waiting."""

import pytest
from django.urls import reverse
from django.utils import timezone

from stories.models import Story
from tests.factories import FlagFactory, StoryFactory, UserFactory
from tests.pages import parse


def notice(client) -> str:
    found = parse(client.get(reverse("moderation:queue"))).find("p", cls="message-warning")
    return "" if found is None else " ".join(found.text.split())


@pytest.mark.parametrize("waiting", [0, 2])
def test_it_counts_the_flagged_stories_at_each_request(moderator_client, waiting, db):
    StoryFactory.create_batch(waiting, status=Story.Status.SUBMITTED)
    assert notice(moderator_client) == ""

    first = FlagFactory(story=StoryFactory(author=UserFactory()))
    assert notice(moderator_client).startswith("1 story has open flags.")

    FlagFactory(story=StoryFactory(author=UserFactory()))
    assert notice(moderator_client).startswith("2 stories have open flags.")

    first.resolved_at = timezone.now()
    first.save(update_fields=["resolved_at"])
    assert notice(moderator_client).startswith("1 story has open flags.")
