"""Flags that can't be gamed: who may flag, how often, and whose flags hide a story."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation import decisions
from moderation.flags import DailyFlagLimit, NotYetTrusted
from moderation.models import Flag
from stories.models import Story
from tests.factories import FlagFactory, StoryFactory, UserFactory
from tests.moderation.helpers import messages_shown, text


def flag_url(story: Story) -> str:
    return reverse("flags:create", kwargs={"pk": story.pk})


def resolve(client, story: Story, outcome: str):
    data = {"outcome": outcome, "reason": "not_true" if outcome == "unpublish" else ""}
    return client.post(reverse("moderation:resolve", kwargs={"pk": story.pk}), data)


class TestWhoMayFlag:
    def test_an_unverified_member_cannot_flag(self, published_story, login):
        unverified = UserFactory(verified=False)

        response = login(unverified).post(
            flag_url(published_story), {"reason": "spam"}, follow=True
        )

        assert messages_shown(response) == [
            "The flag was not sent. Confirm your email address to report stories: "
            "we sent you a link when you joined."
        ]
        assert not Flag.objects.exists()

    def test_a_brand_new_account_cannot_flag(self, settings, published_story):
        settings.FLAG_MIN_ACCOUNT_DAYS = 3
        newcomer = UserFactory(date_joined=timezone.now() - timedelta(days=2))

        with pytest.raises(NotYetTrusted, match="once their account is 3 days old"):
            decisions.flag_story(story=published_story, member=newcomer, reason="spam")

        assert not Flag.objects.exists()

    def test_an_account_old_enough_can_flag(self, settings, published_story):
        settings.FLAG_MIN_ACCOUNT_DAYS = 3
        member = UserFactory(date_joined=timezone.now() - timedelta(days=3, minutes=1))

        flag, hidden = decisions.flag_story(story=published_story, member=member, reason="spam")

        assert flag.member == member
        assert not hidden

    def test_three_fresh_accounts_cannot_hide_a_story(self, settings, published_story):
        settings.FLAGS_TO_HIDE = 3
        for _ in range(3):
            with pytest.raises(NotYetTrusted):
                decisions.flag_story(
                    story=published_story,
                    member=UserFactory(date_joined=timezone.now()),
                    reason="spam",
                )

        published_story.refresh_from_db()
        assert published_story.status == Story.Status.PUBLISHED

    def test_the_story_page_says_why_instead_of_offering_the_form(self, published_story, login):
        newcomer = UserFactory(date_joined=timezone.now())

        page = text(login(newcomer).get(published_story.get_absolute_url()))

        assert "Report this story" not in page
        assert "Members can report stories once their account is 3 days old" in page

    def test_the_story_page_offers_the_form_to_a_trusted_member(
        self, published_story, other_client
    ):
        page = text(other_client.get(published_story.get_absolute_url()))

        assert "Report this story" in page
        assert "Members can report stories once" not in page


class TestDailyLimit:
    def test_a_member_flags_at_most_the_daily_limit(self, settings, other_member, other_client):
        settings.FLAGS_PER_DAY = 2
        stories = StoryFactory.create_batch(3)

        for story in stories[:2]:
            decisions.flag_story(story=story, member=other_member, reason="spam")
        response = other_client.post(flag_url(stories[2]), {"reason": "spam"}, follow=True)

        assert messages_shown(response) == [
            "The flag was not sent: you have reported 2 stories in the last 24 hours, "
            "which is the daily limit. Try again tomorrow."
        ]
        assert Flag.objects.filter(member=other_member).count() == 2

    def test_flags_older_than_a_day_do_not_count(self, settings, other_member):
        settings.FLAGS_PER_DAY = 1
        FlagFactory(member=other_member, created_at=timezone.now() - timedelta(hours=25))

        flag, _ = decisions.flag_story(story=StoryFactory(), member=other_member, reason="spam")

        assert flag.pk is not None

    def test_the_limit_is_checked_by_the_service(self, settings, other_member):
        settings.FLAGS_PER_DAY = 1
        decisions.flag_story(story=StoryFactory(), member=other_member, reason="spam")

        with pytest.raises(DailyFlagLimit):
            decisions.flag_story(story=StoryFactory(), member=other_member, reason="spam")


class TestDismissedFlags:
    @pytest.fixture
    def crier(self, moderator):
        """A member three of whose four resolved flags moderators dismissed."""
        member = UserFactory(display_name="Crier")
        outcomes = ["dismissed", "dismissed", "upheld", "dismissed"]
        for days, outcome in enumerate(outcomes, start=1):
            FlagFactory(
                member=member,
                resolved_at=timezone.now() - timedelta(days=days),
                resolved_by=moderator,
                outcome=outcome,
            )
        return member

    def test_their_flag_is_recorded_but_does_not_hide(self, settings, crier, published_story):
        settings.FLAGS_TO_HIDE = 1

        flag, hidden = decisions.flag_story(story=published_story, member=crier, reason="spam")

        assert not hidden
        assert Flag.objects.open().filter(story=published_story).get() == flag
        published_story.refresh_from_db()
        assert published_story.status == Story.Status.PUBLISHED

    def test_they_are_not_counted_among_the_flags_that_hide(self, settings, crier, published_story):
        settings.FLAGS_TO_HIDE = 2
        decisions.flag_story(story=published_story, member=crier, reason="spam")
        _, hidden = decisions.flag_story(story=published_story, member=UserFactory(), reason="spam")
        assert not hidden

        _, hidden = decisions.flag_story(story=published_story, member=UserFactory(), reason="spam")

        assert hidden

    def test_two_dismissals_are_not_enough_to_stop_counting(
        self, settings, moderator, published_story
    ):
        settings.FLAGS_TO_HIDE = 1
        member = UserFactory()
        for outcome in ["dismissed", "dismissed"]:
            FlagFactory(
                member=member, resolved_at=timezone.now(), resolved_by=moderator, outcome=outcome
            )

        _, hidden = decisions.flag_story(story=published_story, member=member, reason="spam")

        assert hidden

    @pytest.mark.parametrize(
        ("outcome", "recorded"), [("keep", "dismissed"), ("unpublish", "upheld")]
    )
    def test_resolving_records_the_outcome_on_each_flag(
        self, published_story, moderator_client, outcome, recorded
    ):
        FlagFactory.create_batch(2, story=published_story)

        resolve(moderator_client, published_story, outcome)

        assert [flag.outcome for flag in Flag.objects.all()] == [recorded, recorded]


class TestEmails:
    """Emails leave once the decision is committed (django_capture_on_commit_callbacks)."""

    @pytest.fixture
    def sent(self, django_capture_on_commit_callbacks, mailoutbox):
        """sent(action): the emails that action sends once its transaction commits."""

        def _sent(action) -> list:
            mailoutbox.clear()
            with django_capture_on_commit_callbacks(execute=True):
                action()
            return list(mailoutbox)

        return _sent

    @pytest.fixture
    def flaggers(self):
        return [UserFactory(display_name=name) for name in ("Fern", "Gus")]

    def flag_all(self, story, flaggers) -> None:
        for member in flaggers:
            decisions.flag_story(story=story, member=member, reason="spam")

    def test_the_author_is_told_when_flags_hide_their_story(
        self, settings, published_story, flaggers, author, sent
    ):
        settings.FLAGS_TO_HIDE = 2

        [email] = sent(lambda: self.flag_all(published_story, flaggers))

        published_story.refresh_from_db()
        assert published_story.status == Story.Status.HIDDEN
        assert email.to == [author.email]
        assert (
            email.subject == "[Flip the Counter] Your story is hidden while moderators look at it"
        )
        assert "Thank you, Dana" in email.body

    def test_a_flag_that_hides_nothing_sends_nothing(self, published_story, flaggers, sent):
        assert sent(lambda: self.flag_all(published_story, flaggers[:1])) == []

    def test_keeping_it_tells_the_author_and_every_flagger(
        self, published_story, flaggers, author, moderator_client, sent
    ):
        self.flag_all(published_story, flaggers)

        emails = sent(lambda: resolve(moderator_client, published_story, "keep"))

        by_address = {email.to[0]: email for email in emails}
        assert set(by_address) == {author.email, *(member.email for member in flaggers)}
        assert by_address[author.email].subject == "[Flip the Counter] Your story stays published"
        told = by_address[flaggers[0].email]
        assert told.subject == "[Flip the Counter] What happened to the story you reported"
        assert "Hello Fern" in told.body
        assert "it stays published" in told.body

    def test_unpublishing_tells_each_flagger(
        self, published_story, flaggers, moderator_client, sent
    ):
        self.flag_all(published_story, flaggers)

        emails = sent(lambda: resolve(moderator_client, published_story, "unpublish"))

        told = [email for email in emails if email.to == [flaggers[1].email]]
        assert len(told) == 1
        assert "it is no longer published" in told[0].body

    def test_nothing_is_sent_when_the_decision_is_refused(
        self, published_story, flaggers, moderator_client, second_moderator_client, sent
    ):
        self.flag_all(published_story, flaggers)
        resolve(moderator_client, published_story, "keep")

        assert sent(lambda: resolve(second_moderator_client, published_story, "unpublish")) == []
