"""An approval publishes the exact text the moderator was shown, or nothing."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from moderation import decisions
from moderation.models import Decision
from moderation.seen import text_fingerprint
from stories.models import Story
from tests.moderation.helpers import messages_shown, review_and_decide, text
from tests.moderation.test_admin_actions import CHANGELIST, admin_messages, confirm, run_action
from tests.pages import hidden_fields, parse


def change_text_behind_the_moderators_back(story: Story, **fields) -> None:
    """What no page allows today, but a bug or a future edit path might: new words, same sending."""
    Story.objects.filter(pk=story.pk).update(**fields)


class TestTheService:
    def test_it_approves_the_text_that_was_seen(self, moderator, waiting_story):
        seen = text_fingerprint(waiting_story.title, waiting_story.body)

        decisions.decide_story(
            story=waiting_story, moderator=moderator, action="approve", seen_fingerprint=seen
        )

        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.PUBLISHED

    @pytest.mark.parametrize(
        "change",
        [
            {"body": "She stayed after her shift to explain the results three times."},
            {"body": "she stayed after her shift to explain the results twice."},
            {"title": "The night nurse who stayed late"},
        ],
        ids=["a word", "only the case", "the title"],
    )
    def test_it_refuses_a_text_that_changed_since(self, moderator, waiting_story, change):
        seen = text_fingerprint(waiting_story.title, waiting_story.body)
        change_text_behind_the_moderators_back(waiting_story, **change)

        with pytest.raises(decisions.TextChanged, match="text changed after you opened"):
            decisions.decide_story(
                story=waiting_story, moderator=moderator, action="approve", seen_fingerprint=seen
            )

        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.SUBMITTED
        assert not Decision.objects.exists()

    def test_a_story_decided_meanwhile_is_still_told_as_decided(
        self, moderator, second_moderator, waiting_story
    ):
        seen = text_fingerprint(waiting_story.title, waiting_story.body)
        decisions.decide_story(story=waiting_story, moderator=second_moderator, action="approve")

        with pytest.raises(decisions.AlreadyDecided, match="Maya approved it"):
            decisions.decide_story(
                story=waiting_story, moderator=moderator, action="approve", seen_fingerprint=seen
            )


class TestTheReviewPage:
    def test_the_form_carries_the_fingerprint_of_the_text_shown(
        self, moderator_client, waiting_story
    ):
        page = moderator_client.get(reverse("moderation:review", kwargs={"pk": waiting_story.pk}))

        assert hidden_fields(page)["fingerprint"] == text_fingerprint(
            waiting_story.title, waiting_story.body
        )

    def test_an_approval_of_a_text_changed_since_is_refused(self, moderator_client, waiting_story):
        page = moderator_client.get(reverse("moderation:review", kwargs={"pk": waiting_story.pk}))
        change_text_behind_the_moderators_back(waiting_story, body="A text nobody has read.")

        response = moderator_client.post(
            reverse("moderation:decide", kwargs={"pk": waiting_story.pk}),
            {
                "action": "approve",
                "title": waiting_story.title,
                "body": "A text nobody has read.",
                **hidden_fields(page),
            },
            follow=True,
        )

        assert messages_shown(response) == [
            "The story's text changed after you opened this page: read it and decide again. "
            "Nothing was changed by your decision."
        ]
        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.SUBMITTED

    def test_a_correction_before_approving_is_still_allowed(self, moderator_client, waiting_story):
        review_and_decide(
            moderator_client, waiting_story, action="approve", body="She stayed to explain."
        )

        waiting_story.refresh_from_db()
        assert (waiting_story.status, waiting_story.body) == (
            Story.Status.PUBLISHED,
            "She stayed to explain.",
        )


@pytest.fixture
def two_waiting(submitted_story):
    return [
        submitted_story(title="The porter in the rain", body="He carried my bags up the hill."),
        submitted_story(title="A queue at the pharmacy", body="I let her go first."),
    ]


class TestTheAdminBulkApproval:
    def test_it_shows_each_title_and_text_before_publishing_anything(
        self, moderator_client, two_waiting
    ):
        page = run_action(moderator_client, "approve_selected", two_waiting)

        assert page.status_code == 200
        form = parse(page).find("form", id="approve-stories")
        assert {h.text for h in form.find_all("h2")} == {
            "The porter in the rain",
            "A queue at the pharmacy",
        }
        assert "He carried my bags up the hill." in text(page)
        assert "I let her go first." in text(page)
        fields = hidden_fields(page)
        for story in two_waiting:
            assert fields[f"fingerprint-{story.pk}"] == text_fingerprint(story.title, story.body)
        assert not Story.objects.published().exists()
        assert not Decision.objects.exists()

    def test_it_approves_the_unchanged_and_names_the_changed(
        self, moderator_client, two_waiting, mailoutbox
    ):
        porter, pharmacy = two_waiting
        page = run_action(moderator_client, "approve_selected", two_waiting)
        change_text_behind_the_moderators_back(pharmacy, body="I let her go first. Visit spam.biz")

        response = confirm(moderator_client, page)

        assert admin_messages(response) == [
            "1 story decided.",
            "Not approved, their text changed after you read it: “A queue at the pharmacy”. "
            "Read them again.",
        ]
        porter.refresh_from_db()
        pharmacy.refresh_from_db()
        assert porter.status == Story.Status.PUBLISHED
        assert pharmacy.status == Story.Status.SUBMITTED
        assert list(Decision.objects.values_list("story_title", flat=True)) == [
            "The porter in the rain"
        ]

    def test_a_story_ticked_without_being_shown_is_not_approved(
        self, moderator_client, two_waiting
    ):
        response = moderator_client.post(
            CHANGELIST,
            {
                "action": "approve_selected",
                "confirm": "yes",
                ACTION_CHECKBOX_NAME: [story.pk for story in two_waiting],
            },
            follow=True,
        )

        assert admin_messages(response)[0] == "0 stories decided."
        assert "Not approved, their text changed" in admin_messages(response)[1]
        assert not Story.objects.published().exists()

    def test_a_forged_fingerprint_publishes_nothing(self, moderator_client, two_waiting):
        porter = two_waiting[0]
        response = moderator_client.post(
            CHANGELIST,
            {
                "action": "approve_selected",
                "confirm": "yes",
                ACTION_CHECKBOX_NAME: [porter.pk],
                f"fingerprint-{porter.pk}": text_fingerprint("Another title", porter.body),
            },
            follow=True,
        )

        assert admin_messages(response)[0] == "0 stories decided."
        porter.refresh_from_db()
        assert porter.status == Story.Status.SUBMITTED

    def test_nothing_waiting_says_so(self, moderator_client, published_story):
        page = run_action(moderator_client, "approve_selected", [published_story])

        assert "None of the selected stories is waiting for review" in text(page)
        assert parse(page).find("form", id="approve-stories") is None
