"""A redaction closes the author's open edit: it was written from the text that was redacted."""

import pytest
from django.urls import reverse

from moderation import takedowns
from moderation.decisions import decide_revision
from moderation.models import Action, Decision
from stories.models import StoryRevision
from tests.moderation.helpers import story_form

pytestmark = pytest.mark.django_db

REDACTED_BODY = "Dana gave me the last loaf.\n\nShe works mornings."


@pytest.fixture
def named_story(published_story):
    published_story.body = "Dana Whitfield gave me the last loaf.\n\nShe works mornings."
    published_story.save()
    return published_story


@pytest.fixture
def takedown(named_story):
    return takedowns.request_takedown(
        story=named_story,
        identifies="I am Dana.",
        asks="remove_details",
        details="My surname.",
        email="dana@example.com",
    )


def send_edit(author_client, story, **changes) -> StoryRevision:
    author_client.post(
        reverse("stories:edit", kwargs={"pk": story.pk}), story_form(story, **changes)
    )
    return story.revisions.get()


def redact(moderator_client, takedown):
    return moderator_client.post(
        reverse("moderation:takedown_decide", args=[takedown.pk]),
        {"action": "redact", "title": takedown.story.title, "body": REDACTED_BODY},
    )


def test_a_pending_edit_is_closed_and_its_author_told_why(
    author,
    author_client,
    moderator_client,
    named_story,
    takedown,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    edit = send_edit(author_client, named_story, title="Thank you again, Dana")
    assert edit.status == StoryRevision.Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        assert redact(moderator_client, takedown).status_code == 302

    edit.refresh_from_db()
    assert edit.status == StoryRevision.Status.REJECTED
    closed = Decision.objects.get(revision=edit)
    assert (closed.action, closed.reason) == (Action.REJECT_EDIT, "identifies_person")
    [to_author] = [email for email in mailoutbox if email.to == [author.email]]
    assert to_author.subject == "[Flip the Counter] Your edit was not accepted"
    assert "after you wrote this edit" in to_author.body
    # Editing again starts from the redacted text, not from the closed edit.
    page = author_client.get(reverse("stories:edit", kwargs={"pk": named_story.pk}))
    assert "Whitfield" not in page.content.decode()
    my_stories = author_client.get(reverse("stories:mine")).content.decode()
    assert "after you wrote this edit" in my_stories


def test_an_edit_sent_back_for_changes_is_closed_too(
    moderator, author_client, moderator_client, named_story, takedown
):
    edit = send_edit(author_client, named_story, title="Thank you again, Dana")
    decide_revision(
        revision=edit, moderator=moderator, action="request_edit_changes", note="First names."
    )

    redact(moderator_client, takedown)

    edit.refresh_from_db()
    assert edit.status == StoryRevision.Status.REJECTED
    assert Decision.objects.filter(revision=edit, action=Action.REJECT_EDIT).count() == 1
    # Approving the old edit now would bring the surname back: nothing is left to approve.
    assert not StoryRevision.objects.pending().exists()
    assert named_story.revision_to_resume() is None
