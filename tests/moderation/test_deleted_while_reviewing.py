"""The author deletes a story while a moderator reads it: the moderator is told so, not a 404."""

from django.urls import reverse

from moderation.models import Decision
from stories.models import Story
from tests.moderation.helpers import messages_shown
from tests.pages import hidden_fields

DELETED = (
    "The author deleted this story while you were reading it, so there is nothing left to "
    "decide. Nothing was changed by your decision."
)


def withdraw_and_delete(client, story: Story) -> None:
    client.post(reverse("stories:withdraw", kwargs={"pk": story.pk}))
    client.post(reverse("stories:delete", kwargs={"pk": story.pk}))
    assert not Story.objects.filter(pk=story.pk).exists()


def test_a_story_deleted_during_review_says_the_author_deleted_it(
    moderator_client, author_client, waiting_story
):
    review_page = moderator_client.get(
        reverse("moderation:review", kwargs={"pk": waiting_story.pk})
    )
    withdraw_and_delete(author_client, waiting_story)

    response = moderator_client.post(
        reverse("moderation:decide", kwargs={"pk": waiting_story.pk}),
        {"action": "approve", "title": "A title", "body": "A body.", **hidden_fields(review_page)},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("moderation:queue"), 302)]
    assert messages_shown(response) == [DELETED]
    assert not Decision.objects.exists()


def test_an_edit_deleted_with_its_story_says_so(moderator_client, author_client, pending_edit):
    review_page = moderator_client.get(
        reverse("moderation:review_edit", kwargs={"pk": pending_edit.pk})
    )
    withdraw_and_delete(author_client, pending_edit.story)

    response = moderator_client.post(
        reverse("moderation:decide_edit", kwargs={"pk": pending_edit.pk}),
        {"action": "approve_edit", **hidden_fields(review_page)},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("moderation:queue"), 302)]
    assert messages_shown(response) == [DELETED]
    assert not Decision.objects.exists()
