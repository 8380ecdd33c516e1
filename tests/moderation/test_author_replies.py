"""An author replies to a request for changes; the moderator reads it on the review page."""

import pytest
from django.urls import reverse

from moderation import decisions
from moderation.models import Action, AuthorReply, ImmutableRecord
from moderation.replies import REPLIES_PER_REQUEST, CannotReply, reply_to_request
from stories.models import Story, StoryRevision
from tests.moderation.helpers import text

pytestmark = pytest.mark.django_db

NOTE = "Please leave out the nurse's surname."


@pytest.fixture
def asked(waiting_story, moderator) -> Story:
    """Alice's story, on which Mo asked for changes."""
    decisions.decide_story(
        story=waiting_story, moderator=moderator, action=Action.REQUEST_CHANGES, note=NOTE
    )
    return Story.objects.get(pk=waiting_story.pk)


def reply_url(story: Story) -> str:
    return reverse("replies:reply", kwargs={"pk": story.pk})


def test_my_stories_has_a_reply_box_beside_the_request(author_client, asked):
    page = text(author_client.get(reverse("stories:mine")))

    assert NOTE in page
    assert f'action="{reply_url(asked)}"' in page
    assert "Reply to the moderator" in page


def test_the_reply_reaches_the_review_page_and_nobodys_inbox(
    author_client, moderator_client, asked, mailoutbox
):
    mailoutbox.clear()

    response = author_client.post(reply_url(asked), {"body": "  Done: she is just Sam now.  "})

    assert response.status_code == 302
    assert response["Location"] == reverse("stories:mine")
    assert mailoutbox == []
    [reply] = AuthorReply.objects.filter(story=asked)
    assert reply.body == "Done: she is just Sam now."
    assert reply.decision.action == Action.REQUEST_CHANGES
    review = text(moderator_client.get(reverse("moderation:review", kwargs={"pk": asked.pk})))
    assert "The author's replies" in review
    assert "Done: she is just Sam now." in review


def test_the_reply_page_shows_the_request_and_what_was_written(author_client, asked):
    author_client.post(reply_url(asked), {"body": "First thought."})

    page = author_client.get(reply_url(asked))

    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert NOTE in text(page)
    assert "First thought." in text(page)


def test_an_empty_reply_is_explained_and_not_stored(author_client, asked):
    response = author_client.post(reply_url(asked), {"body": "   "})

    assert response.status_code == 400
    assert "Write your reply before sending it." in text(response)
    assert not AuthorReply.objects.exists()


@pytest.mark.parametrize("who", ["other_client", "moderator_client"])
def test_only_the_author_can_reply(request, asked, who):
    client = request.getfixturevalue(who)

    assert client.get(reply_url(asked)).status_code == 404
    assert client.post(reply_url(asked), {"body": "Not mine to say."}).status_code == 404
    assert not AuthorReply.objects.exists()


def test_the_service_refuses_someone_elses_story(asked, other_member):
    with pytest.raises(CannotReply, match="Only the author"):
        reply_to_request(story=asked, author=other_member, body="Hello")


def test_there_is_nothing_to_reply_to_without_a_request(author, author_client, published_story):
    response = author_client.post(reply_url(published_story), {"body": "Hello?"})

    assert response.status_code == 400
    assert "There is no request for changes to reply to" in text(response)
    with pytest.raises(CannotReply):
        reply_to_request(story=published_story, author=author, body="Hello?")


def test_a_reply_is_refused_once_a_moderator_decided_again(author, asked, moderator):
    Story.objects.filter(pk=asked.pk).update(status=Story.Status.SUBMITTED)
    decisions.decide_story(story=asked, moderator=moderator, action=Action.APPROVE)

    with pytest.raises(CannotReply, match="decided since"):
        reply_to_request(story=asked, author=author, body="Too late?")


def test_replies_to_one_request_are_limited(author, asked):
    for number in range(REPLIES_PER_REQUEST):
        reply_to_request(story=asked, author=author, body=f"Reply {number}")

    with pytest.raises(CannotReply, match="which is the limit"):
        reply_to_request(story=asked, author=author, body="One more")


def test_replies_are_append_only(author, asked):
    reply = reply_to_request(story=asked, author=author, body="Kept forever.")

    with pytest.raises(ImmutableRecord):
        reply.delete()
    with pytest.raises(ImmutableRecord):
        AuthorReply.objects.update(body="Rewritten")


def test_an_author_can_reply_to_a_request_for_changes_to_an_edit(
    author, author_client, published_story, moderator
):
    edit = StoryRevision.objects.create(
        story=published_story,
        title="Longer",
        body="More.",
        perspective="customer",
        setting="grocery",
    )
    decisions.decide_revision(
        revision=edit, moderator=moderator, action=Action.REQUEST_EDIT_CHANGES, note="Shorter."
    )

    assert f'action="{reply_url(published_story)}"' in text(
        author_client.get(reverse("stories:mine"))
    )
    response = author_client.post(reply_url(published_story), {"body": "Shorter it is."})

    assert response.status_code == 302
    assert AuthorReply.objects.get().decision.action == Action.REQUEST_EDIT_CHANGES
