"""A moderator approves, sends back or rejects a submitted story: what everyone sees and gets."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from moderation.models import Decision
from stories.models import Story, fingerprint
from tests.moderation.helpers import (
    messages_shown,
    review_and_decide,
    review_url,
    story_form,
    text,
)
from tests.pages import field_errors, hidden_fields


class TestApproving:
    def test_it_publishes_the_story_for_everyone(
        self, moderator_client, visitor, waiting_story, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = review_and_decide(moderator_client, waiting_story, action="approve")

        assert response.status_code == 302
        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.PUBLISHED
        assert waiting_story.published_at is not None
        assert waiting_story.moderator_note == ""
        assert "The night nurse who stayed" in text(visitor.get(reverse("stories:list")))
        assert visitor.get(waiting_story.get_absolute_url()).status_code == 200

    def test_it_emails_the_author_once_in_plain_text_and_html(
        self,
        moderator_client,
        waiting_story,
        author,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            review_and_decide(moderator_client, waiting_story, action="approve")

        assert len(mailoutbox) == 1
        email = mailoutbox[0]
        assert email.to == [author.email]
        assert "published" in email.subject
        assert "The night nurse who stayed" in email.body
        assert waiting_story.get_absolute_url() in email.body
        [(html_body, mimetype)] = email.alternatives
        assert mimetype == "text/html"
        assert "The night nurse who stayed" in html_body
        assert "<a href=" in html_body

    def test_it_sends_no_email_before_the_decision_is_committed(
        self, moderator_client, waiting_story, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            review_and_decide(moderator_client, waiting_story, action="approve")

        assert mailoutbox == []
        assert len(callbacks) == 1

    def test_it_records_one_decision(self, moderator_client, moderator, waiting_story):
        review_and_decide(moderator_client, waiting_story, action="approve")

        decision = Decision.objects.get()
        assert decision.story == waiting_story
        assert decision.story_title == "The night nurse who stayed"
        assert decision.moderator == moderator
        assert decision.action == Decision.Action.APPROVE
        assert (decision.from_status, decision.to_status) == ("submitted", "published")
        # The story was sent an hour before the decision.
        assert timedelta(minutes=59) < decision.waited < timedelta(minutes=61)
        assert decision.correction == ""

    def test_it_tells_the_moderator_what_was_done(self, moderator_client, waiting_story):
        response = review_and_decide(moderator_client, waiting_story, action="approve")

        page = moderator_client.get(response["Location"])
        assert "“The night nurse who stayed”: approved." in messages_shown(page)

    def test_it_publishes_the_corrected_text_and_keeps_the_correction(
        self, moderator_client, visitor, submitted_story
    ):
        story = submitted_story(
            title="Nurse Jane Doe stayed late",
            body="Nurse Jane Doe stayed late.\n\nShe explained the results twice.",
        )

        review_and_decide(
            moderator_client,
            story,
            action="approve",
            title="The nurse who stayed late",
            body="Jane stayed late.\n\nShe explained the results twice.",
        )

        story.refresh_from_db()
        assert story.status == Story.Status.PUBLISHED
        assert story.title == "The nurse who stayed late"
        assert story.body == "Jane stayed late.\n\nShe explained the results twice."
        assert story.content_hash == fingerprint(story.title, story.body)
        public = text(visitor.get(story.get_absolute_url(), follow=True))
        assert "Jane stayed late." in public
        assert "Doe" not in public
        correction = Decision.objects.get().correction
        assert "-Nurse Jane Doe stayed late." in correction
        assert "+Jane stayed late." in correction
        assert "-Nurse Jane Doe stayed late\n" in correction
        assert "+The nurse who stayed late" in correction

    def test_it_refuses_to_approve_with_the_text_emptied(self, moderator_client, waiting_story):
        response = review_and_decide(moderator_client, waiting_story, action="approve", body=" ")

        assert response.status_code == 400
        assert field_errors(response, "body") == ["A published story needs its text."]
        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.SUBMITTED


class TestAskingForChanges:
    def test_it_requires_a_note(
        self, moderator_client, waiting_story, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = review_and_decide(
                moderator_client, waiting_story, action="request_changes", note="   "
            )

        assert response.status_code == 400
        assert field_errors(response, "note") == ["Write a note telling the author what to change."]
        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.SUBMITTED
        assert not Decision.objects.exists()
        assert mailoutbox == []

    def test_it_sends_the_story_back_with_the_note(
        self,
        moderator_client,
        author_client,
        waiting_story,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        note = "Please use only her first name."

        with django_capture_on_commit_callbacks(execute=True):
            response = review_and_decide(
                moderator_client, waiting_story, action="request_changes", note=note
            )

        assert response.status_code == 302
        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.CHANGES_REQUESTED
        mine = text(author_client.get(reverse("stories:mine")))
        assert "Note from the moderators:</strong> Please use only her first name." in mine
        assert "Changes requested" in mine
        [email] = mailoutbox
        assert "asked for changes" in email.subject
        assert note in email.body
        assert note in email.alternatives[0][0]
        decision = Decision.objects.get()
        assert (decision.action, decision.note) == ("request_changes", note)


class TestRejecting:
    def test_it_requires_a_reason(self, moderator_client, waiting_story):
        response = review_and_decide(moderator_client, waiting_story, action="reject", reason="")

        assert response.status_code == 400
        assert field_errors(response, "reason") == ["Choose a reason for rejecting the story."]
        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.SUBMITTED
        assert not Decision.objects.exists()

    def test_it_rejects_and_tells_the_author_why(
        self,
        moderator_client,
        author_client,
        visitor,
        waiting_story,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            review_and_decide(
                moderator_client,
                waiting_story,
                action="reject",
                reason="not_service",
                note="It happened at a friend's house.",
            )

        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.REJECTED
        assert visitor.get(waiting_story.get_absolute_url()).status_code == 404
        [email] = mailoutbox
        assert "not accepted" in email.subject
        assert "Reason: Not a service encounter" in email.body
        assert "It happened at a friend's house." in email.body
        mine = text(author_client.get(reverse("stories:mine")))
        assert "Not a service encounter.<br>It happened at a friend's house." in mine
        decision = Decision.objects.get()
        assert (decision.action, decision.reason) == ("reject", "not_service")
        assert (decision.from_status, decision.to_status) == ("submitted", "rejected")


class TestRefusedDecisions:
    def test_it_refuses_a_decision_on_a_submission_the_moderator_did_not_read(
        self, moderator_client, author_client, waiting_story
    ):
        page = moderator_client.get(review_url(waiting_story))
        read_at = hidden_fields(page)["submitted_at"]
        # Meanwhile the author withdraws the story and sends a different text.
        author_client.post(reverse("stories:withdraw", kwargs={"pk": waiting_story.pk}))
        author_client.post(
            reverse("stories:edit", kwargs={"pk": waiting_story.pk}),
            story_form(waiting_story, body="A new text the moderator has not read."),
        )
        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.SUBMITTED

        response = moderator_client.post(
            reverse("moderation:decide", kwargs={"pk": waiting_story.pk}),
            {
                "action": "approve",
                "title": waiting_story.title,
                "body": "She stayed after her shift to explain the results twice.",
                "submitted_at": read_at,
            },
            follow=True,
        )

        assert response.redirect_chain == [(review_url(waiting_story), 302)]
        [message] = messages_shown(response)
        assert "Nothing was changed by your decision." in message
        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.SUBMITTED
        assert waiting_story.body == "A new text the moderator has not read."
        assert not Decision.objects.exists()

    def test_it_names_who_decided_first(
        self, moderator_client, second_moderator_client, waiting_story, mailoutbox
    ):
        maya_page = second_moderator_client.get(review_url(waiting_story))
        review_and_decide(moderator_client, waiting_story, action="approve")

        response = second_moderator_client.post(
            reverse("moderation:decide", kwargs={"pk": waiting_story.pk}),
            {
                "action": "reject",
                "reason": "spam",
                "title": waiting_story.title,
                "body": waiting_story.body,
                **hidden_fields(maya_page),
            },
            follow=True,
        )

        [message] = messages_shown(response)
        decided_at = timezone.localtime(Decision.objects.get().created_at)
        assert message == (
            f"This was already decided: Mo approved it on {decided_at:%-d %b %Y at %H:%M}. "
            "Nothing was changed by your decision."
        )
        assert "This story is not waiting for a decision." in text(response)
        assert Decision.objects.count() == 1
        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.PUBLISHED
