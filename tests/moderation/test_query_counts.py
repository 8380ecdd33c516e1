"""Moderation pages run the same number of queries however long the queue is."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from moderation.models import Decision
from stories.models import Story, StoryRevision
from tests.factories import (
    DecisionFactory,
    FlagFactory,
    StoryFactory,
    StoryRevisionFactory,
    UserFactory,
)

# What the pages measured when these tests were written; a new query per row fails the equality
# checks, a slow creep past these ceilings fails here before production notices.
# Measured on SQLite and PostgreSQL: queue 12, review 16, review_edit 17, flagged 8,
# review_flags 15 (decide: 22). The review claims (moderation.claims) cost the queue one query for
# the whole page, a review page one to renew the claim, a decision one to release it; the
# storyteller card's suspension form costs a review page one more (the member's open suspension).
# The review pages read the author's replies to requests for changes too (one query each).
# The navigation badge is one statement (moderation.queue.waiting_count), where it was three.
# The queue and the flagged queue read their rows, total and claims in one statement
# (moderation.listing): queue 8, flagged 7. The storyteller card is one statement, where it was
# three, and the practices and tags two plain ones (moderation.sidebar): review 14, review_flags 13.
# The permissions, the second factor and the badge are one statement (moderation.standing), where
# they were four; the queue reads the flagged count with its rows, and a review page its practices
# and tags in one: queue 4, flagged 4, review 10, review_edit 13, review_flags 9.
CEILINGS = {"queue": 4, "review": 10, "review_edit": 13, "flagged": 4, "review_flags": 9}


class Queue:
    """New stories and pending edits by many members, flagged stories, and one growing history.

    Every new story has two practices, every other one two tags; each edit changes the text.
    """

    def __init__(self, moderator):
        self.moderator = moderator
        self.stories: list[Story] = []
        self.edits: list[StoryRevision] = []
        self.flagged: list[Story] = []

    def grow_to(self, size: int) -> None:
        while len(self.stories) + len(self.edits) < size:
            index = len(self.stories) + len(self.edits)
            since = timezone.now() - timedelta(hours=100 - index)
            author = UserFactory()
            if index % 3 == 2:
                story = StoryFactory(author=author, tags=["late-order"])
                self.edits.append(
                    StoryRevisionFactory(
                        story=story,
                        title=f"Edited {index}",
                        body=story.body + "\n\nAnd one more thing.",
                        practice_slugs=["say-thank-you", "be-patient"],
                        tag_names=["night-shift"],
                        created_at=since,
                    )
                )
            else:
                self.stories.append(
                    StoryFactory(
                        author=author,
                        status=Story.Status.SUBMITTED,
                        submitted_at=since,
                        practices=["say-thank-you", "be-patient"],
                        tags=["late-order", "night-shift"] if index % 2 else [],
                    )
                )
            flagged = StoryFactory(author=author)
            for _ in range(1 + index % 3):
                FlagFactory(story=flagged)
            self.flagged.append(flagged)
            # The first story's history and the first flagged story's flags grow with the queue.
            DecisionFactory(
                story=self.stories[0],
                moderator=self.moderator,
                action="request_changes",
                from_status="submitted",
                to_status="changes_requested",
                note=f"Round {index}.",
            )
            FlagFactory(story=self.flagged[0], reason="unkind")


@pytest.fixture
def queue(moderator) -> Queue:
    return Queue(moderator)


PAGES = {
    "queue": lambda q: reverse("moderation:queue"),
    "review": lambda q: reverse("moderation:review", kwargs={"pk": q.stories[0].pk}),
    "review_edit": lambda q: reverse("moderation:review_edit", kwargs={"pk": q.edits[0].pk}),
    "flagged": lambda q: reverse("moderation:flagged"),
    "review_flags": lambda q: reverse("moderation:review_flags", kwargs={"pk": q.flagged[0].pk}),
}


def count_queries(client, url: str) -> int:
    client.get(url)  # warm the session and the permission cache like a moderator already working
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)


@pytest.mark.parametrize("page", PAGES)
def test_a_moderation_page_costs_the_same_with_5_or_30_items(moderator_client, queue, page):
    queue.grow_to(5)
    small = count_queries(moderator_client, PAGES[page](queue))
    queue.grow_to(30)
    large = count_queries(moderator_client, PAGES[page](queue))

    print(f"{page}: {small} queries with 5 waiting, {large} with 30")
    assert small == large
    assert large <= CEILINGS[page]


def decide_queries(client, story: Story) -> int:
    data = {
        "action": "approve",
        "title": story.title,
        "body": story.body,
        "submitted_at": timezone.localtime(story.submitted_at).strftime("%Y-%m-%d %H:%M:%S.%f"),
    }
    with CaptureQueriesContext(connection) as context:
        response = client.post(reverse("moderation:decide", kwargs={"pk": story.pk}), data)
    assert response.status_code == 302, response.status_code
    return len(context.captured_queries)


def test_deciding_costs_the_same_with_5_or_30_items(moderator_client, queue):
    queue.grow_to(5)
    small = decide_queries(moderator_client, queue.stories[1])
    queue.grow_to(30)
    large = decide_queries(moderator_client, queue.stories[2])

    print(f"decide: {small} queries with 5 waiting, {large} with 30")
    assert small == large
    assert Decision.objects.filter(action="approve").count() == 2
