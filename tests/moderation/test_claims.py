"""Opening an item tells the other moderators who is reading it, without stopping them."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from moderation.models import CLAIM_MINUTES, ReviewClaim
from stories.models import Story
from tests.factories import ModeratorFactory, StoryFactory, StoryRevisionFactory
from tests.moderation.helpers import (
    review_and_decide,
    review_and_decide_edit,
    review_url,
)
from tests.pages import parse

QUEUE = reverse("moderation:queue")


def claim_shown(response) -> str:
    """The claim line under the item in the queue ("" when nobody has it open)."""
    line = parse(response).find("span", cls="claim")
    return line.text if line else ""


def notice(response) -> str:
    """The claim notice at the top of a review page ("" when there is none)."""
    block = parse(response).find("p", cls="message-warning", role="status")
    return block.text if block else ""


def opened_minutes_ago(minutes: int) -> None:
    ReviewClaim.objects.update(claimed_at=timezone.now() - timedelta(minutes=minutes, seconds=5))


@pytest.fixture
def pending_revision(published_story):
    return StoryRevisionFactory(story=published_story, title="Thank you again, Dana")


def edit_url(revision) -> str:
    return reverse("moderation:review_edit", kwargs={"pk": revision.pk})


class TestOpeningAStory:
    def test_the_queue_says_who_is_reviewing_it_and_for_how_long(
        self, moderator_client, second_moderator_client, waiting_story
    ):
        moderator_client.get(review_url(waiting_story))
        opened_minutes_ago(4)

        assert claim_shown(second_moderator_client.get(QUEUE)) == "being reviewed by Mo, 4 min"

    def test_the_queue_tells_the_claimer_it_is_theirs(self, moderator_client, waiting_story):
        moderator_client.get(review_url(waiting_story))

        assert claim_shown(moderator_client.get(QUEUE)) == "being reviewed by you, 1 min"

    def test_another_moderator_can_open_it_and_sees_the_claim(
        self, moderator_client, second_moderator_client, waiting_story
    ):
        moderator_client.get(review_url(waiting_story))
        opened_minutes_ago(4)

        page = second_moderator_client.get(review_url(waiting_story))

        assert page.status_code == 200
        assert notice(page).startswith("Mo opened this 4 min ago")
        assert "Record the decision" in page.content.decode()
        claim = ReviewClaim.objects.get()
        assert claim.moderator.display_name == "Mo"

    def test_the_claimer_sees_no_notice_and_reopening_renews_the_claim(
        self, moderator_client, waiting_story
    ):
        moderator_client.get(review_url(waiting_story))
        opened_minutes_ago(10)

        page = moderator_client.get(review_url(waiting_story))

        assert notice(page) == ""
        claim = ReviewClaim.objects.get()
        assert timezone.now() - claim.claimed_at < timedelta(minutes=1)

    def test_a_claim_lapses_after_15_minutes_and_the_next_moderator_takes_it(
        self, moderator_client, second_moderator_client, second_moderator, waiting_story
    ):
        moderator_client.get(review_url(waiting_story))
        opened_minutes_ago(CLAIM_MINUTES)

        assert claim_shown(second_moderator_client.get(QUEUE)) == ""
        page = second_moderator_client.get(review_url(waiting_story))

        assert notice(page) == ""
        assert ReviewClaim.objects.get().moderator == second_moderator
        assert claim_shown(moderator_client.get(QUEUE)) == "being reviewed by Maya, 1 min"

    def test_the_other_moderator_can_still_decide_and_that_releases_the_claim(
        self, moderator_client, second_moderator_client, waiting_story
    ):
        moderator_client.get(review_url(waiting_story))

        response = review_and_decide(second_moderator_client, waiting_story, action="approve")

        assert response.status_code == 302
        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.PUBLISHED
        assert not ReviewClaim.objects.exists()

    def test_deciding_releases_the_claim(self, moderator_client, waiting_story, submitted_story):
        other = submitted_story(title="The porter in the rain")
        moderator_client.get(review_url(other))

        review_and_decide(moderator_client, waiting_story, action="approve")

        assert list(ReviewClaim.objects.values_list("story__title", flat=True)) == [
            "The porter in the rain"
        ]
        assert claim_shown(moderator_client.get(QUEUE)) == "being reviewed by you, 1 min"

    def test_opening_a_decided_story_claims_nothing(
        self, moderator_client, second_moderator_client, waiting_story
    ):
        review_and_decide(moderator_client, waiting_story, action="approve")

        page = second_moderator_client.get(review_url(waiting_story))
        assert notice(page) == ""
        assert not ReviewClaim.objects.exists()

    def test_a_story_not_waiting_is_not_claimed(self, moderator_client, published_story):
        moderator_client.get(review_url(published_story))

        assert not ReviewClaim.objects.exists()


class TestOpeningAnEdit:
    def test_the_queue_and_the_page_say_who_has_the_edit_open(
        self, moderator_client, second_moderator_client, pending_revision
    ):
        moderator_client.get(edit_url(pending_revision))
        opened_minutes_ago(4)

        assert claim_shown(second_moderator_client.get(QUEUE)) == "being reviewed by Mo, 4 min"
        page = second_moderator_client.get(edit_url(pending_revision))
        assert notice(page).startswith("Mo opened this 4 min ago")
        claim = ReviewClaim.objects.get()
        assert (claim.kind, claim.revision) == ("edit", pending_revision)

    def test_deciding_the_edit_releases_the_claim(
        self, moderator_client, second_moderator_client, pending_revision
    ):
        moderator_client.get(edit_url(pending_revision))

        response = review_and_decide_edit(
            second_moderator_client, pending_revision, action="approve_edit"
        )

        assert response.status_code == 302
        assert not ReviewClaim.objects.exists()

    def test_a_story_claim_and_an_edit_claim_of_the_same_story_are_separate(
        self, moderator_client, second_moderator_client, published_story, pending_revision
    ):
        # A story with a pending edit cannot be waiting itself; both kinds are keyed apart anyway.
        moderator_client.get(edit_url(pending_revision))
        ReviewClaim.objects.create(
            kind="story", story=published_story, moderator=ModeratorFactory()
        )

        assert ReviewClaim.objects.count() == 2


def test_the_database_keeps_one_claim_per_item(moderator, second_moderator, waiting_story):
    ReviewClaim.objects.create(kind="story", story=waiting_story, moderator=moderator)

    with pytest.raises(IntegrityError):
        ReviewClaim.objects.create(kind="story", story=waiting_story, moderator=second_moderator)


def test_the_queue_reads_every_claim_of_the_page_in_one_query(moderator_client, author):
    def queue_queries() -> int:
        moderator_client.get(QUEUE)
        with CaptureQueriesContext(connection) as context:
            moderator_client.get(QUEUE)
        return len(context.captured_queries)

    def add_claimed(count: int) -> None:
        for _ in range(count):
            story = StoryFactory(author=author, status=Story.Status.SUBMITTED)
            edit = StoryRevisionFactory()
            ReviewClaim.objects.create(kind="story", story=story, moderator=ModeratorFactory())
            ReviewClaim.objects.create(
                kind="edit", story=edit.story, revision=edit, moderator=ModeratorFactory()
            )

    add_claimed(1)
    few = queue_queries()
    add_claimed(8)
    many = queue_queries()

    assert few == many
    page = moderator_client.get(QUEUE)
    assert len(parse(page).find_all("span", cls="claim")) == 18
