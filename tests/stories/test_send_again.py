"""A story rejected for anything but spam or abuse can be edited and sent again."""

import pytest
from django.urls import reverse

from moderation import decisions, takedowns
from moderation.models import Action, Decision, TakedownRequest
from stories.choices import Reason
from stories.errors import NotEditable
from stories.lifecycle import StoryContent, submit_story
from stories.models import Practice, Story
from tests.moderation.helpers import text
from tests.stories.helpers import story_data

pytestmark = pytest.mark.django_db


def reject(story: Story, moderator, reason: str) -> Story:
    decisions.decide_story(
        story=story, moderator=moderator, action=Action.REJECT, reason=reason, note="Sorry."
    )
    return Story.objects.get(pk=story.pk)


@pytest.mark.parametrize(
    "reason", [Reason.NOT_SERVICE, Reason.IDENTIFIES_PERSON, Reason.NOT_TRUE, Reason.OTHER]
)
def test_the_author_sees_edit_and_send_again_after_a_fixable_rejection(
    author_client, waiting_story, moderator, reason
):
    story = reject(waiting_story, moderator, reason)

    mine = text(author_client.get(reverse("stories:mine")))
    detail = text(author_client.get(story.get_absolute_url()))

    edit_url = reverse("stories:edit", kwargs={"pk": story.pk})
    assert f'href="{edit_url}">Edit and send again' in mine
    assert f'href="{edit_url}">Edit and send again' in detail
    assert author_client.get(edit_url).status_code == 200


@pytest.mark.parametrize("reason", [Reason.SPAM, Reason.UNKIND])
def test_a_spam_or_abuse_rejection_is_final(
    author, author_client, waiting_story, moderator, reason
):
    story = reject(waiting_story, moderator, reason)

    assert "Edit and send again" not in text(author_client.get(reverse("stories:mine")))
    assert "Edit and send again" not in text(author_client.get(story.get_absolute_url()))
    edit_url = reverse("stories:edit", kwargs={"pk": story.pk})
    assert author_client.get(edit_url).status_code == 404
    assert author_client.post(edit_url, story_data()).status_code == 404
    content = StoryContent(
        title="Again",
        body="Text.",
        perspective="customer",
        setting="grocery",
        practices=list(Practice.objects.all()[:1]),
    )
    with pytest.raises(NotEditable):
        submit_story(author=author, story=story, content=content)
    assert Story.objects.get(pk=story.pk).status == Story.Status.REJECTED


def test_a_story_sent_again_goes_back_to_the_queue_as_a_resubmission(
    author_client, waiting_story, moderator, moderator_client
):
    story = reject(waiting_story, moderator, Reason.NOT_SERVICE)

    response = author_client.post(
        reverse("stories:edit", kwargs={"pk": story.pk}),
        story_data(title="The night nurse who stayed, at the pharmacy counter"),
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED
    assert story.rejected_for is None
    queue = text(moderator_client.get(reverse("moderation:queue")))
    assert "The night nurse who stayed, at the pharmacy counter" in queue
    review = text(moderator_client.get(reverse("moderation:review", kwargs={"pk": story.pk})))
    assert "sent again" in review
    assert "Not a service encounter" in review


def test_another_member_cannot_send_someone_elses_rejected_story(
    other_client, waiting_story, moderator
):
    story = reject(waiting_story, moderator, Reason.NOT_SERVICE)
    edit_url = reverse("stories:edit", kwargs={"pk": story.pk})

    assert other_client.get(edit_url).status_code == 404
    assert other_client.post(edit_url, story_data()).status_code == 404
    assert Story.objects.get(pk=story.pk).status == Story.Status.REJECTED


def test_the_rejection_email_says_whether_it_can_be_sent_again(
    waiting_story, submitted_story, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    other = submitted_story(title="A second story", body="Other words entirely.")
    with django_capture_on_commit_callbacks(execute=True):
        reject(waiting_story, moderator, Reason.NOT_TRUE)
    with django_capture_on_commit_callbacks(execute=True):
        reject(other, moderator, Reason.SPAM)

    fixable, final = mailoutbox
    edit_url = reverse("stories:edit", kwargs={"pk": waiting_story.pk})
    assert f"You can change it and send it again: http://127.0.0.1:8000{edit_url}" in fixable.body
    assert "send it again" not in final.body


def test_a_story_taken_down_at_someones_request_stays_down(
    author_client, published_story, moderator
):
    request = TakedownRequest.objects.create(
        story=published_story,
        story_title=published_story.title,
        kind=TakedownRequest.Kind.TAKEDOWN,
        asks=TakedownRequest.Ask.REMOVE_STORY,
        email="dana@example.org",
    )
    Story.objects.filter(pk=published_story.pk).update(rejected_for=Reason.NOT_SERVICE)

    takedowns.unpublish_for_takedown(request=request, moderator=moderator)

    story = Story.objects.get(pk=published_story.pk)
    assert story.status == Story.Status.REJECTED
    assert not story.can_be_sent_again()
    assert Decision.objects.filter(story=story, action=Action.UNPUBLISH).exists()
