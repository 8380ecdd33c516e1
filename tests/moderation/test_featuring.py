"""Moderators feature a published story on the home page, recorded in the history, reversibly."""

import pytest
from django.urls import reverse

from moderation import featuring
from moderation.decisions import AlreadyDecided
from moderation.models import Action, Decision
from stories.models import Story
from tests.factories import StoryFactory
from tests.moderation.helpers import text

pytestmark = pytest.mark.django_db


def feature_url(story: Story) -> str:
    return reverse("moderation:feature", kwargs={"pk": story.pk})


def unfeature_url(story: Story) -> str:
    return reverse("moderation:unfeature", kwargs={"pk": story.pk})


def review_url(story: Story) -> str:
    return reverse("moderation:review", kwargs={"pk": story.pk})


def test_a_moderator_features_a_story_from_its_review_page(moderator_client, published_story):
    page = text(moderator_client.get(review_url(published_story)))
    assert "Feature this story" in page

    response = moderator_client.post(feature_url(published_story), follow=True)

    assert response.redirect_chain == [(review_url(published_story), 302)]
    page = text(response)
    assert "“Thank you, Dana” is featured on the home page." in page
    assert "Stop featuring this story" in page
    assert "<strong>Featured on the home page</strong> by Mo" in page
    published_story.refresh_from_db()
    assert published_story.featured_at is not None
    decision = Decision.objects.get()
    assert decision.action == Action.FEATURE
    assert (decision.from_status, decision.to_status) == ("published", "published")


def test_featuring_is_reversible_and_both_steps_stay_in_the_history(
    moderator_client, second_moderator_client, published_story
):
    moderator_client.post(feature_url(published_story))

    response = second_moderator_client.post(unfeature_url(published_story), follow=True)

    assert "“Thank you, Dana” is no longer featured." in text(response)
    published_story.refresh_from_db()
    assert published_story.featured_at is None
    assert list(Decision.objects.values_list("action", "moderator__display_name")) == [
        (Action.UNFEATURE, "Maya"),
        (Action.FEATURE, "Mo"),
    ]


def test_a_second_moderator_featuring_the_same_story_is_told_who_did_it_first(
    moderator, second_moderator_client, published_story
):
    featuring.feature_story(story=published_story, moderator=moderator)

    response = second_moderator_client.post(feature_url(published_story), follow=True)

    assert "This was already decided: Mo featured it" in text(response)
    assert Decision.objects.count() == 1


def test_only_a_published_story_can_be_featured(moderator, moderator_client, waiting_story):
    assert "Feature this story" not in text(moderator_client.get(review_url(waiting_story)))

    response = moderator_client.post(feature_url(waiting_story), follow=True)

    assert "Only a published story can be featured." in text(response)
    waiting_story.refresh_from_db()
    assert waiting_story.featured_at is None
    with pytest.raises(AlreadyDecided):
        featuring.feature_story(story=waiting_story, moderator=moderator)
    assert not Decision.objects.exists()


def test_a_hidden_featured_story_can_still_be_taken_off(moderator, published_story):
    featuring.feature_story(story=published_story, moderator=moderator)
    Story.objects.filter(pk=published_story.pk).update(status=Story.Status.HIDDEN)

    decision = featuring.unfeature_story(story=published_story, moderator=moderator)

    assert (decision.from_status, decision.to_status) == ("hidden", "hidden")
    published_story.refresh_from_db()
    assert published_story.featured_at is None


def test_members_cannot_feature_a_story(other_client, visitor, published_story):
    assert other_client.post(feature_url(published_story)).status_code == 403
    assert other_client.post(unfeature_url(published_story)).status_code == 403
    response = visitor.post(feature_url(published_story))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    published_story.refresh_from_db()
    assert published_story.featured_at is None
    assert not Decision.objects.exists()


def test_featuring_takes_a_post(moderator_client, published_story):
    assert moderator_client.get(feature_url(published_story)).status_code == 405
    assert moderator_client.get(unfeature_url(published_story)).status_code == 405


def test_a_draft_cannot_be_featured_by_its_id(moderator_client, author):
    draft = StoryFactory(author=author, status=Story.Status.DRAFT)

    assert moderator_client.post(feature_url(draft)).status_code == 404
