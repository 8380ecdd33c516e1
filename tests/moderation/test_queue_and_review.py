"""What a moderator works from: the queue, the item opened after each decision, the review page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from stories.models import Story
from tests.factories import FlagFactory, StoryFactory, StoryRevisionFactory, UserFactory
from tests.moderation.helpers import review_and_decide, review_url, story_form, text
from tests.pages import definitions, parse

QUEUE = reverse("moderation:queue")


class TestTheNextItem:
    @pytest.fixture
    def three_waiting(self, submitted_story, published_story):
        now = timezone.now()
        oldest = submitted_story(title="Oldest story", submitted_at=now - timedelta(hours=3))
        edit = StoryRevisionFactory(
            story=published_story,
            title="An edit from two hours ago",
            created_at=now - timedelta(hours=2),
        )
        newest = submitted_story(title="Newest story", submitted_at=now - timedelta(hours=1))
        return oldest, edit, newest

    def test_it_opens_the_oldest_item_after_a_decision(self, moderator_client, three_waiting):
        oldest, edit, newest = three_waiting

        first = review_and_decide(moderator_client, newest, action="approve")
        second = review_and_decide(moderator_client, oldest, action="approve")

        assert first["Location"] == review_url(oldest)
        assert second["Location"] == reverse("moderation:review_edit", kwargs={"pk": edit.pk})

    def test_it_returns_to_the_empty_queue_after_the_last_decision(
        self, moderator_client, waiting_story
    ):
        response = review_and_decide(moderator_client, waiting_story, action="approve")

        assert response["Location"] == QUEUE
        assert "Nothing is waiting" in text(moderator_client.get(QUEUE))


class TestQueue:
    def test_it_lists_stories_and_edits_waiting_oldest_first(
        self, moderator_client, submitted_story, published_story
    ):
        now = timezone.now()
        submitted_story(title="Sent yesterday", submitted_at=now - timedelta(days=1))
        submitted_story(title="Sent this morning", submitted_at=now - timedelta(hours=3))
        StoryRevisionFactory(
            story=published_story, title="Edited at noon", created_at=now - timedelta(hours=5)
        )
        StoryFactory(title="A draft nobody sent", status=Story.Status.DRAFT)
        StoryFactory(title="A story sent back", status=Story.Status.CHANGES_REQUESTED)

        response = moderator_client.get(QUEUE)

        page = text(response)
        assert "Waiting for review (3)" in page
        rows = parse(response).find("table", cls="queue").find("tbody").find_all("tr")
        titles = [tuple(cell.text for cell in row.find_all("td")[:2]) for row in rows]
        assert titles == [
            ("Sent yesterday", "New story"),
            ("Edited at noon", "Edit of a published story"),
            ("Sent this morning", "New story"),
        ]
        assert "A draft nobody sent" not in page
        assert "Thank you, Dana" not in page

    def test_it_points_to_the_flagged_stories(self, moderator_client, published_story):
        FlagFactory(story=published_story, reason="spam")

        page = text(moderator_client.get(QUEUE))

        assert "1 story has open flags." in page
        assert reverse("moderation:flagged") in page


class TestReviewPage:
    def test_it_shows_the_storyteller_at_a_glance(self, moderator_client, author, waiting_story):
        StoryFactory.create_batch(2, author=author)
        StoryFactory(author=author, status=Story.Status.REJECTED)

        response = moderator_client.get(review_url(waiting_story))

        storyteller = definitions(response)
        assert storyteller["Display name"] == "Alice"
        assert storyteller["Email verified"] == "Yes"
        assert storyteller["Stories published"] == "2"
        assert storyteller["Stories rejected"] == "1"
        assert storyteller["Stories in all"] == "4"
        page = text(response)
        assert "She stayed after her shift" in page
        assert "Record the decision" in page

    def test_it_warns_when_the_storyteller_has_not_verified_their_email(
        self, moderator_client, submitted_story
    ):
        story = submitted_story(author=UserFactory(verified=False))

        response = moderator_client.get(review_url(story))

        assertContains(response, "<dt>Email verified</dt><dd><strong>No</strong></dd>", html=True)

    def test_it_shows_the_decision_history(self, moderator_client, author_client, waiting_story):
        review_and_decide(
            moderator_client, waiting_story, action="request_changes", note="First names only."
        )
        author_client.post(
            reverse("stories:edit", kwargs={"pk": waiting_story.pk}),
            story_form(waiting_story, body="Jane stayed after her shift."),
        )

        page = text(moderator_client.get(review_url(waiting_story)))

        history = page[page.index('<h2 id="history-heading">') :]
        assert "<strong>Asked for changes</strong> by Mo" in history
        assert "(Waiting for review → Changes requested)" in history
        assert "Note: First names only." in history
        assert "Record the decision" in page

    def test_it_shows_the_open_flags(self, moderator_client, published_story):
        FlagFactory(
            story=published_story,
            reason="exposes_identity",
            note="Her badge number is in the photo.",
        )
        FlagFactory(
            story=published_story,
            reason="spam",
            resolved_at=timezone.now(),
        )

        page = text(moderator_client.get(review_url(published_story)))

        assert "Open flags (1)" in page
        assert "It exposes someone's identity</strong>: Her badge number is in the photo." in page
        assert "It is spam" not in page
        assert "This story is not waiting for a decision." in page
