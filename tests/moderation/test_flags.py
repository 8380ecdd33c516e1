"""Members flag published stories; enough flags hide one until a moderator decides on it."""

import pytest
from django.urls import reverse

from moderation.models import Decision, Flag
from stories.models import Story
from tests.factories import StoryFactory, UserFactory
from tests.moderation.helpers import messages_shown, text
from tests.pages import field_errors

FLAGGED = reverse("moderation:flagged")


def flag_url(story: Story) -> str:
    return reverse("flags:create", kwargs={"pk": story.pk})


def resolve_url(story: Story) -> str:
    return reverse("moderation:resolve", kwargs={"pk": story.pk})


@pytest.fixture
def flag_as(login):
    """flag_as(member, story, reason, note): a member sends the "Report this story" form."""

    def _flag(member, story, reason="not_service", note=""):
        return login(member).post(flag_url(story), {"reason": reason, "note": note}, follow=True)

    return _flag


@pytest.fixture
def doubted_story(author) -> Story:
    return StoryFactory(
        author=author,
        title="The zebra at the checkout",
        body="A zebra scanned my groceries and wished me a good evening.",
    )


@pytest.fixture
def hidden_story(settings, doubted_story, flag_as) -> Story:
    """Three members flag the story, which is the threshold set here."""
    settings.FLAGS_TO_HIDE = 3
    for name in ["Flagger One", "Flagger Two", "Flagger Three"]:
        flag_as(UserFactory(display_name=name), doubted_story)
    doubted_story.refresh_from_db()
    return doubted_story


class TestFlagging:
    def test_a_member_flags_a_story_once(self, doubted_story, other_member, flag_as):
        first = flag_as(other_member, doubted_story, reason="unkind", note="It mocks the man.")
        second = flag_as(other_member, doubted_story, reason="spam")

        assert first.redirect_chain[-1][0] == doubted_story.get_absolute_url()
        assert messages_shown(first) == ["Thank you. A moderator will read the story again."]
        assert messages_shown(second) == [
            "You have already flagged this story. The moderators will look."
        ]
        flag = Flag.objects.get()
        assert (flag.member, flag.reason, flag.note) == (
            other_member,
            "unkind",
            "It mocks the man.",
        )
        doubted_story.refresh_from_db()
        assert doubted_story.status == Story.Status.PUBLISHED

    def test_the_author_cannot_flag_their_own_story(self, doubted_story, author, flag_as):
        response = flag_as(author, doubted_story)

        assert messages_shown(response) == [
            "You cannot flag your own story; you can withdraw it instead."
        ]
        assert not Flag.objects.exists()

    def test_the_report_form_is_offered_to_other_members_only(
        self, doubted_story, other_client, author_client, visitor
    ):
        url = doubted_story.get_absolute_url()

        assert "Report this story" in text(other_client.get(url))
        assert "Report this story" not in text(author_client.get(url))
        assert "Report this story" not in text(visitor.get(url))

    def test_a_flag_needs_a_reason(self, doubted_story, other_member, flag_as):
        response = flag_as(other_member, doubted_story, reason="")

        assert messages_shown(response) == ["The flag was not sent: This field is required."]
        assert not Flag.objects.exists()

    def test_something_else_needs_a_note(self, doubted_story, other_member, flag_as):
        refused = flag_as(other_member, doubted_story, reason="other", note="  ")
        accepted = flag_as(other_member, doubted_story, reason="other", note="It is an advert.")

        assert messages_shown(refused) == [
            "The flag was not sent: Tell the moderators what is wrong."
        ]
        assert messages_shown(accepted) == ["Thank you. A moderator will read the story again."]
        assert Flag.objects.get().note == "It is an advert."

    def test_a_visitor_is_asked_to_log_in(self, doubted_story, visitor):
        response = visitor.post(flag_url(doubted_story), {"reason": "spam"})

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert not Flag.objects.exists()

    def test_flagging_is_a_post(self, doubted_story, other_client):
        response = other_client.get(flag_url(doubted_story))

        assert response.status_code == 405
        assert not Flag.objects.exists()

    @pytest.mark.parametrize(
        "status", [Story.Status.SUBMITTED, Story.Status.DRAFT, Story.Status.HIDDEN]
    )
    def test_only_published_stories_can_be_flagged(self, other_client, status):
        story = StoryFactory(status=status, published_at=None)

        response = other_client.post(flag_url(story), {"reason": "spam"})

        assert response.status_code == 404
        assert not Flag.objects.exists()


class TestHiding:
    def test_fewer_flags_than_the_threshold_leave_the_story_up(
        self, settings, doubted_story, flag_as, visitor
    ):
        settings.FLAGS_TO_HIDE = 3
        flag_as(UserFactory(), doubted_story)
        flag_as(UserFactory(), doubted_story)

        doubted_story.refresh_from_db()
        assert doubted_story.status == Story.Status.PUBLISHED
        assert visitor.get(doubted_story.get_absolute_url()).status_code == 200
        assert not Decision.objects.exists()

    def test_enough_flags_hide_the_story_from_readers(self, doubted_story, visitor, request):
        title = "The zebra at the checkout"
        found_before = text(visitor.get(reverse("stories:search"), {"q": "zebra"}))
        hidden_story = request.getfixturevalue("hidden_story")

        assert hidden_story.status == Story.Status.HIDDEN
        assert visitor.get(hidden_story.get_absolute_url()).status_code == 404
        assert title not in text(visitor.get(reverse("stories:list")))
        assert title in found_before
        found_after = text(visitor.get(reverse("stories:search"), {"q": "zebra"}))
        assert title not in found_after
        assert "Nothing matches." in found_after
        assert title not in text(visitor.get(reverse("stories:feed")))

    def test_the_last_flagger_is_sent_back_to_the_stories(self, settings, doubted_story, flag_as):
        settings.FLAGS_TO_HIDE = 1

        response = flag_as(UserFactory(), doubted_story)

        assert response.redirect_chain == [(reverse("stories:list"), 302)]

    def test_hiding_is_recorded_as_the_community_s_decision(self, hidden_story):
        decision = Decision.objects.get()

        assert decision.action == Decision.Action.HIDE
        assert decision.moderator is None
        assert (decision.from_status, decision.to_status) == ("published", "hidden")
        assert decision.note == "3 open flags."

    def test_the_flagged_queue_lists_it_first(self, hidden_story, moderator_client, flag_as):
        once = StoryFactory(title="Flagged only once")
        flag_as(UserFactory(), once)

        page = text(moderator_client.get(FLAGGED))

        assert "Flagged stories (2)" in page
        assert page.index("The zebra at the checkout") < page.index("Flagged only once")
        assert "<td>3</td>\n      <td>Hidden while flags are reviewed</td>" in page


class TestResolving:
    def test_keeping_it_publishes_it_again_and_closes_the_flags(
        self, hidden_story, moderator_client, moderator, visitor, mailoutbox
    ):
        response = moderator_client.post(
            resolve_url(hidden_story), {"outcome": "keep", "note": "A costume party."}, follow=True
        )

        assert response.redirect_chain == [(FLAGGED, 302)]
        assert messages_shown(response) == [
            "“The zebra at the checkout”: kept published after flags."
        ]
        assert "No open flags." in text(response)
        hidden_story.refresh_from_db()
        assert hidden_story.status == Story.Status.PUBLISHED
        assert visitor.get(hidden_story.get_absolute_url()).status_code == 200
        assert Flag.objects.open().count() == 0
        for flag in Flag.objects.all():
            assert flag.resolved_at is not None
            assert flag.resolved_by == moderator
        decision = Decision.objects.filter(action="keep").get()
        assert (decision.moderator, decision.note) == (moderator, "A costume party.")
        assert (decision.from_status, decision.to_status) == ("hidden", "published")
        assert mailoutbox == []

    def test_unpublishing_needs_a_reason(self, hidden_story, moderator_client):
        response = moderator_client.post(resolve_url(hidden_story), {"outcome": "unpublish"})

        assert response.status_code == 400
        assert field_errors(response, "reason") == ["Choose a reason for unpublishing the story."]
        hidden_story.refresh_from_db()
        assert hidden_story.status == Story.Status.HIDDEN
        assert Flag.objects.open().count() == 3

    def test_unpublishing_takes_it_down_and_tells_the_author(
        self,
        hidden_story,
        moderator_client,
        moderator,
        author,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            moderator_client.post(
                resolve_url(hidden_story), {"outcome": "unpublish", "reason": "not_true"}
            )

        hidden_story.refresh_from_db()
        assert hidden_story.status == Story.Status.REJECTED
        assert Flag.objects.open().count() == 0
        [email] = [sent for sent in mailoutbox if sent.to == [author.email]]
        assert email.subject == "[Flip the Counter] Your story was unpublished"
        assert "Reason: Does not read as a true story" in email.body
        decision = Decision.objects.filter(action="unpublish").get()
        assert (decision.moderator, decision.reason) == (moderator, "not_true")
        assert (decision.from_status, decision.to_status) == ("hidden", "rejected")

    def test_resolving_twice_is_refused(
        self, hidden_story, moderator_client, second_moderator_client
    ):
        moderator_client.post(resolve_url(hidden_story), {"outcome": "keep"})

        response = second_moderator_client.post(
            resolve_url(hidden_story), {"outcome": "unpublish", "reason": "spam"}, follow=True
        )

        [message] = messages_shown(response)
        assert message.startswith("This was already decided: Mo ")
        assert message.endswith("Nothing was changed by your decision.")
        hidden_story.refresh_from_db()
        assert hidden_story.status == Story.Status.PUBLISHED
        assert Decision.objects.exclude(action="hide").count() == 1

    def test_a_flagged_story_its_author_withdrew_leaves_the_flagged_queue(
        self, hidden_story, author_client, moderator_client
    ):
        author_client.post(reverse("stories:withdraw", kwargs={"pk": hidden_story.pk}))

        moderator_client.post(resolve_url(hidden_story), {"outcome": "keep"})

        # Nothing is left to decide, so nothing should stay in the queue for ever.
        assert "No open flags." in text(moderator_client.get(FLAGGED))
