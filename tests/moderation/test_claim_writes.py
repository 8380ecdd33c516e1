"""Opening a review page takes or renews the claim with one prebuilt UPDATE (moderation.claims):
it takes one's own or a lapsed claim, and never touches another moderator's live one."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from moderation.models import CLAIM_MINUTES, CLAIM_RENEWED_AFTER, ReviewClaim
from tests.factories import StoryRevisionFactory


def claim_of(**item) -> ReviewClaim:
    return ReviewClaim.objects.get(**item)


def test_another_moderators_live_claim_is_left_as_it_was(
    moderator_client, second_moderator_client, moderator, waiting_story
):
    url = reverse("moderation:review", kwargs={"pk": waiting_story.pk})
    moderator_client.get(url)
    earlier = timezone.now() - timedelta(minutes=CLAIM_MINUTES - 1)
    ReviewClaim.objects.update(claimed_at=earlier)

    second_moderator_client.get(url)

    claim = claim_of(story=waiting_story)
    assert (claim.moderator, claim.claimed_at) == (moderator, earlier)


def test_an_edit_claim_renews_for_its_moderator_and_lapses_to_the_next(
    moderator_client, second_moderator_client, moderator, second_moderator, published_story
):
    revision = StoryRevisionFactory(story=published_story, title="A better title")
    url = reverse("moderation:review_edit", kwargs={"pk": revision.pk})
    moderator_client.get(url)
    ReviewClaim.objects.update(claimed_at=timezone.now() - timedelta(minutes=5))

    moderator_client.get(url)
    renewed = claim_of(revision=revision)
    assert renewed.moderator == moderator
    assert timezone.now() - renewed.claimed_at < timedelta(minutes=1)

    ReviewClaim.objects.update(claimed_at=timezone.now() - timedelta(minutes=CLAIM_MINUTES + 1))
    second_moderator_client.get(url)
    taken = claim_of(revision=revision)
    assert taken.moderator == second_moderator
    assert timezone.now() - taken.claimed_at < timedelta(minutes=1)
    assert ReviewClaim.objects.count() == 1


def test_reopening_ones_own_fresh_claim_writes_nothing_and_an_older_one_is_renewed(
    moderator_client, moderator, waiting_story
):
    url = reverse("moderation:review", kwargs={"pk": waiting_story.pk})
    moderator_client.get(url)
    just_now = timezone.now() - timedelta(seconds=30)
    ReviewClaim.objects.update(claimed_at=just_now)

    with CaptureQueriesContext(connection) as queries:
        response = moderator_client.get(url)

    assert response.status_code == 200
    assert not [query for query in queries if query["sql"].startswith("UPDATE")]
    assert claim_of(story=waiting_story).claimed_at == just_now
    assert "may be deciding it now" not in response.content.decode()

    earlier = timezone.now() - CLAIM_RENEWED_AFTER - timedelta(seconds=5)
    ReviewClaim.objects.update(claimed_at=earlier)
    moderator_client.get(url)
    renewed = claim_of(story=waiting_story)
    assert renewed.moderator == moderator
    assert timezone.now() - renewed.claimed_at < timedelta(seconds=30)
