"""Moderators suspend a member for a while or for good; a suspended member reads, nothing more."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation import decisions, queue
from moderation.flags import NotYetTrusted
from moderation.models import ImmutableRecord, MemberDecision, Suspension
from moderation.suspensions import SuspensionRefused, lift_suspension, suspend_member
from stories import lifecycle
from stories.errors import MemberSuspended
from stories.models import Story
from stories.thanks import toggle_thanks
from tests.factories import StoryFactory, StoryRevisionFactory
from tests.moderation.helpers import messages_shown, review_url, story_form, text


def suspend_url(member) -> str:
    return reverse("moderation:suspend", kwargs={"pk": member.pk})


def lift_url(member) -> str:
    return reverse("moderation:lift", kwargs={"pk": member.pk})


@pytest.fixture
def suspended(author, moderator):
    """Alice, suspended for 7 days by Mo."""
    suspend_member(member=author, moderator=moderator, days=7, reason="Posted an address.")
    return author


class TestSuspending:
    def test_the_review_page_offers_to_suspend_the_storyteller(
        self, waiting_story, moderator_client
    ):
        page = moderator_client.get(review_url(waiting_story))

        assert "Suspend this member" in text(page)
        assert f'action="{suspend_url(waiting_story.author)}"' in text(page)

    def test_a_moderator_suspends_a_member_for_a_week(self, author, moderator, moderator_client):
        response = moderator_client.post(
            suspend_url(author), {"duration": "7", "reason": "Posted an address."}, follow=True
        )

        suspension = Suspension.objects.active_for(author)
        assert suspension.until - timezone.now() > timedelta(days=6, hours=23)
        [shown] = messages_shown(response)
        assert shown.startswith("Alice is suspended until ")
        decision = MemberDecision.objects.get()
        assert (decision.member, decision.moderator, decision.action, decision.reason) == (
            author,
            moderator,
            "suspend",
            "Posted an address.",
        )
        assert "Posted an address." in text(response)

    def test_for_good_has_no_end(self, author, moderator_client):
        moderator_client.post(suspend_url(author), {"duration": "forever", "reason": "Spam."})

        assert Suspension.objects.active_for(author).until is None
        assert Suspension.objects.active_for(author).period == "for good"

    def test_a_suspension_needs_a_reason(self, author, moderator_client):
        response = moderator_client.post(suspend_url(author), {"duration": "30", "reason": " "})

        assert response.status_code == 400
        assert response.context["suspend_form"].errors == {
            "reason": ["Write the reason for the suspension."]
        }
        assert not Suspension.objects.exists()

    def test_a_second_suspension_is_refused_while_one_is_in_force(self, suspended, moderator):
        with pytest.raises(SuspensionRefused, match="already suspended until"):
            suspend_member(member=suspended, moderator=moderator, days=None, reason="Again.")

        assert MemberDecision.objects.count() == 1

    def test_a_suspension_that_ran_out_makes_room_for_a_new_one(self, suspended, moderator):
        Suspension.objects.update(until=timezone.now() - timedelta(minutes=1))
        assert Suspension.objects.active_for(suspended) is None

        suspend_member(member=suspended, moderator=moderator, days=30, reason="Again.")

        assert Suspension.objects.active_for(suspended) is not None
        assert Suspension.objects.count() == 2

    def test_a_moderator_cannot_be_suspended(self, second_moderator, moderator):
        with pytest.raises(SuspensionRefused, match="remove them from the moderators first"):
            suspend_member(member=second_moderator, moderator=moderator, days=7, reason="No.")

    @pytest.mark.parametrize("client_name", ["other_client", "author_client"])
    def test_only_moderators_suspend(self, author, other_member, client_name, request):
        client = request.getfixturevalue(client_name)

        response = client.post(suspend_url(other_member), {"duration": "7", "reason": "x"})

        assert response.status_code == 403
        assert not Suspension.objects.exists()

    def test_suspending_is_a_post(self, author, moderator_client):
        assert moderator_client.get(suspend_url(author)).status_code == 405

    def test_the_member_page_is_for_moderators_only(self, author, other_client, visitor):
        url = reverse("moderation:member", kwargs={"pk": author.pk})

        assert other_client.get(url).status_code == 403
        assert visitor.get(url).status_code == 302


class TestLifting:
    def test_a_moderator_lifts_it_and_it_is_recorded(
        self, suspended, second_moderator, second_moderator_client
    ):
        response = second_moderator_client.post(
            lift_url(suspended), {"reason": "Explained by email."}, follow=True
        )

        assert messages_shown(response) == [
            "Alice's suspension is lifted; their waiting stories are back."
        ]
        assert Suspension.objects.active_for(suspended) is None
        lifted = MemberDecision.objects.first()
        assert (lifted.action, lifted.moderator, lifted.reason) == (
            "lift",
            second_moderator,
            "Explained by email.",
        )
        assert [d.action for d in MemberDecision.objects.all()] == ["lift", "suspend"]

    def test_lifting_twice_says_there_is_nothing_to_lift(self, suspended, moderator):
        lift_suspension(member=suspended, moderator=moderator)

        with pytest.raises(SuspensionRefused, match="not suspended any more"):
            lift_suspension(member=suspended, moderator=moderator)

    def test_the_history_cannot_be_changed(self, suspended):
        with pytest.raises(ImmutableRecord):
            MemberDecision.objects.update(reason="Nothing happened.")
        with pytest.raises(ImmutableRecord):
            MemberDecision.objects.get().delete()


class TestWhatASuspendedMemberCannotDo:
    def test_they_can_still_read(self, suspended, login, published_story):
        other_story = StoryFactory(title="Someone else's story")

        assert login(suspended).get(other_story.get_absolute_url()).status_code == 200

    def test_they_cannot_share(self, suspended):
        content = lifecycle.StoryContent(title="New", body="Text", perspective="customer")

        with pytest.raises(MemberSuspended, match="suspended until .* not share, edit"):
            lifecycle.save_draft(author=suspended, content=content)

        assert not Story.objects.filter(title="New").exists()

    def test_the_share_page_sends_them_back_with_the_reason(self, suspended, author_client):
        response = author_client.get(reverse("stories:share"), follow=True)

        assert response.redirect_chain == [(reverse("stories:mine"), 302)]
        [shown] = messages_shown(response)
        assert shown.startswith("Your account is suspended until ")

    def test_they_cannot_edit(self, suspended, published_story, author_client):
        response = author_client.post(
            reverse("stories:edit", kwargs={"pk": published_story.pk}),
            story_form(published_story, title="Changed while suspended"),
            follow=True,
        )

        assert response.redirect_chain == [(reverse("stories:mine"), 302)]
        assert not published_story.revisions.exists()

    def test_they_cannot_thank(self, suspended, login):
        story = StoryFactory()

        with pytest.raises(MemberSuspended):
            toggle_thanks(story=story, member=suspended)

        response = login(suspended).post(
            reverse("stories:thank", kwargs={"pk": story.pk}), follow=True
        )
        [shown] = messages_shown(response)
        assert "suspended" in shown
        story.refresh_from_db()
        assert story.thanks_count == 0

    def test_they_cannot_flag(self, suspended, login):
        story = StoryFactory()

        with pytest.raises(NotYetTrusted, match="suspended"):
            decisions.flag_story(story=story, member=suspended, reason="spam")

        page = text(login(suspended).get(story.get_absolute_url()))
        assert "Report this story" not in page
        assert "so you cannot report stories" in page

    def test_after_it_ends_they_share_again(self, suspended):
        Suspension.objects.update(until=timezone.now() - timedelta(seconds=1))
        content = lifecycle.StoryContent(title="Back", body="Text")

        outcome = lifecycle.save_draft(author=suspended, content=content)

        assert outcome.story.status == Story.Status.DRAFT


class TestTheQueue:
    def test_their_waiting_stories_leave_the_queue_and_come_back(
        self, author, moderator, moderator_client, waiting_story, published_story
    ):
        edit = StoryRevisionFactory(story=published_story)
        other = StoryFactory(status=Story.Status.SUBMITTED, title="Bob's story")
        suspend_member(member=author, moderator=moderator, days=7, reason="Spam.")

        rows = {(kind, pk) for kind, pk, _ in queue.waiting()}
        assert rows == {("story", other.pk)}
        assert "The night nurse who stayed" not in text(
            moderator_client.get(reverse("moderation:queue"))
        )
        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.SUBMITTED

        lift_suspension(member=author, moderator=moderator)

        rows = {(kind, pk) for kind, pk, _ in queue.waiting()}
        assert rows == {("story", other.pk), ("story", waiting_story.pk), ("edit", edit.pk)}
