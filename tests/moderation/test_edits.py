"""An author edits a published story: the edit waits for a moderator while the old text stays up."""

import pytest
from django.urls import reverse

from moderation.models import Decision
from stories.models import Story, StoryRevision
from tests.moderation.helpers import messages_shown, review_and_decide_edit, story_form, text
from tests.pages import field_errors, hidden_fields

OLD_BODY = "Dana found my glove.\n\nShe ran after the bus to give it back."
NEW_BODY = "Dana found my glove.\n\nShe ran two streets after the bus to give it back."


@pytest.fixture
def live_story(published_story) -> Story:
    Story.objects.filter(pk=published_story.pk).update(body=OLD_BODY)
    published_story.refresh_from_db()
    return published_story


@pytest.fixture
def edit(author_client, live_story) -> StoryRevision:
    """Alice sends an edit of her published story through the edit form."""
    response = author_client.post(
        reverse("stories:edit", kwargs={"pk": live_story.pk}),
        story_form(live_story, intent="submit", title="Thank you again, Dana", body=NEW_BODY),
        follow=True,
    )
    assert "Your edit is waiting for a moderator." in " ".join(messages_shown(response))
    return StoryRevision.objects.get(story=live_story)


def edit_url(revision: StoryRevision) -> str:
    return reverse("moderation:review_edit", kwargs={"pk": revision.pk})


def test_an_edit_waits_while_the_published_version_stays_up(edit, live_story, visitor):
    assert edit.status == StoryRevision.Status.PENDING
    live_story.refresh_from_db()
    assert (live_story.title, live_story.body) == ("Thank you, Dana", OLD_BODY)
    public = text(visitor.get(live_story.get_absolute_url()))
    assert "She ran after the bus" in public
    assert "two streets" not in public


def test_the_queue_lists_the_edit_under_its_new_title(edit, moderator_client):
    page = text(moderator_client.get(reverse("moderation:queue")))

    assert "Waiting for review (1)" in page
    assert f'<a href="{edit_url(edit)}">Thank you again, Dana</a>' in page
    assert "Edit of a published story" in page


def test_the_review_page_shows_what_changed(edit, moderator_client):
    page = text(moderator_client.get(edit_url(edit)))

    changes = page[page.index('id="changes-heading"') : page.index('id="edit-preview-heading"')]
    assert (
        '<th scope="row">Title</th><td><del>Thank you, Dana</del></td>'
        "<td><ins>Thank you again, Dana</ins></td>"
    ) in changes
    assert "She ran<ins> two streets</ins> after the bus to give it back." in changes
    assert "<del>" not in changes.split('class="diff word-diff"')[1]
    assert "Record the decision" in page


def test_approving_the_edit_publishes_it_and_tells_the_author(
    edit,
    live_story,
    moderator_client,
    moderator,
    visitor,
    author,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = review_and_decide_edit(moderator_client, edit, action="approve_edit")

    assert response.status_code == 302
    live_story.refresh_from_db()
    edit.refresh_from_db()
    assert edit.status == StoryRevision.Status.APPROVED
    assert edit.decided_at is not None
    assert (live_story.title, live_story.body) == ("Thank you again, Dana", NEW_BODY)
    assert live_story.status == Story.Status.PUBLISHED
    public = text(visitor.get(live_story.get_absolute_url(), follow=True))
    assert "Thank you again, Dana" in public
    assert "She ran two streets after the bus" in public
    [email] = mailoutbox
    assert email.to == [author.email]
    assert email.subject == "[Flip the Counter] Your edit is published"
    assert "Thank you again, Dana" in email.body
    decision = Decision.objects.get()
    assert (decision.action, decision.moderator, decision.revision) == (
        "approve_edit",
        moderator,
        edit,
    )
    assert (decision.from_status, decision.to_status) == ("edit_pending", "edit_approved")


def test_rejecting_the_edit_keeps_the_published_version(
    edit,
    live_story,
    moderator_client,
    visitor,
    author_client,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        review_and_decide_edit(
            moderator_client, edit, action="reject_edit", reason="identifies_person"
        )

    edit.refresh_from_db()
    live_story.refresh_from_db()
    assert edit.status == StoryRevision.Status.REJECTED
    assert (live_story.title, live_story.body) == ("Thank you, Dana", OLD_BODY)
    assert live_story.status == Story.Status.PUBLISHED
    assert "She ran after the bus" in text(visitor.get(live_story.get_absolute_url()))
    [email] = mailoutbox
    assert email.subject == "[Flip the Counter] Your edit was not accepted"
    assert "Reason: Identifies a person without consent" in email.body
    assert "Identifies a person without consent." in text(
        author_client.get(reverse("stories:mine"))
    )


def test_rejecting_an_edit_needs_a_reason(edit, moderator_client):
    response = review_and_decide_edit(moderator_client, edit, action="reject_edit", reason="")

    assert response.status_code == 400
    assert field_errors(response, "reason") == ["Choose a reason for rejecting the edit."]
    edit.refresh_from_db()
    assert edit.status == StoryRevision.Status.PENDING


def test_asking_for_changes_to_an_edit_needs_a_note(edit, moderator_client, mailoutbox):
    response = review_and_decide_edit(
        moderator_client, edit, action="request_edit_changes", note=""
    )

    assert response.status_code == 400
    assert field_errors(response, "note") == ["Write a note telling the author what to change."]
    edit.refresh_from_db()
    assert edit.status == StoryRevision.Status.PENDING
    assert not Decision.objects.exists()
    assert mailoutbox == []


def test_asking_for_changes_to_an_edit_tells_the_author(
    edit,
    live_story,
    moderator_client,
    author_client,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        review_and_decide_edit(
            moderator_client, edit, action="request_edit_changes", note="Which bus was it?"
        )

    edit.refresh_from_db()
    live_story.refresh_from_db()
    assert edit.status == StoryRevision.Status.CHANGES_REQUESTED
    assert live_story.status == Story.Status.PUBLISHED
    assert live_story.body == OLD_BODY
    assert "Which bus was it?" in text(author_client.get(reverse("stories:mine")))
    [email] = mailoutbox
    assert "Which bus was it?" in email.body
    decision = Decision.objects.get()
    assert (decision.action, decision.note) == ("request_edit_changes", "Which bus was it?")
    assert decision.from_status == "edit_pending"


def test_the_author_resumes_an_edit_sent_back_for_changes(
    edit, live_story, moderator_client, author_client
):
    review_and_decide_edit(
        moderator_client, edit, action="request_edit_changes", note="Which bus was it?"
    )

    form = text(author_client.get(reverse("stories:edit", kwargs={"pk": live_story.pk})))

    # What the moderator commented on is what the author goes on editing, not the old text.
    assert 'value="Thank you again, Dana"' in form
    assert "She ran two streets after the bus" in form
    assert "Which bus was it?" in form


def test_a_decision_on_an_edit_changed_since_it_was_read_is_refused(
    edit, live_story, moderator_client, author_client
):
    page = moderator_client.get(edit_url(edit))
    author_client.post(
        reverse("stories:edit", kwargs={"pk": live_story.pk}),
        story_form(live_story, title="Thank you forever, Dana", body=NEW_BODY),
    )

    response = moderator_client.post(
        reverse("moderation:decide_edit", kwargs={"pk": edit.pk}),
        {"action": "approve_edit", **hidden_fields(page)},
        follow=True,
    )

    assert response.redirect_chain == [(edit_url(edit), 302)]
    assert "Nothing was changed by your decision." in " ".join(messages_shown(response))
    live_story.refresh_from_db()
    assert live_story.title == "Thank you, Dana"
    edit.refresh_from_db()
    assert (edit.status, edit.title) == (StoryRevision.Status.PENDING, "Thank you forever, Dana")
    assert not Decision.objects.exists()


def test_the_next_edit_is_opened_after_a_decision(edit, moderator_client):
    response = review_and_decide_edit(moderator_client, edit, action="approve_edit")

    assert response["Location"] == reverse("moderation:queue")
    page = text(moderator_client.get(edit_url(edit)))
    assert "This edit is no longer waiting (approved)." in page
