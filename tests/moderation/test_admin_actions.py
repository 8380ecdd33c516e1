"""Deciding in bulk from the admin goes through the same decision functions as the queue."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse

from moderation.models import Decision
from stories.models import Story
from tests.factories import UserFactory, enrol_second_factor
from tests.moderation.helpers import text
from tests.pages import parse

CHANGELIST = reverse("admin:stories_story_changelist")


def admin_messages(response) -> list[str]:
    block = parse(response).find("ul", cls="messagelist")
    return [message.text for message in block.find_all("li")] if block else []


def run_action(client, action: str, stories, **extra):
    """Tick the stories on the changelist, choose the action and press "Go"."""
    return client.post(
        CHANGELIST,
        {
            "action": action,
            "index": "0",
            "select_across": "0",
            ACTION_CHECKBOX_NAME: [story.pk for story in stories],
            **extra,
        },
        follow=True,
    )


def confirm(client, confirmation_page):
    """Press the confirmation page's button: send back its form as the browser would."""
    form = parse(confirmation_page).find("form", id="approve-stories")
    data: dict[str, list[str]] = {}
    for field in form.find_all("input", type="hidden"):
        data.setdefault(field.attrs["name"], []).append(field.attrs.get("value", ""))
    return client.post(CHANGELIST, data, follow=True)


def approve(client, stories):
    """Choose "Approve and publish", read the stories shown, and confirm."""
    return confirm(client, run_action(client, "approve_selected", stories))


@pytest.fixture
def two_waiting(submitted_story):
    return [
        submitted_story(title="The porter in the rain"),
        submitted_story(title="A queue at the pharmacy"),
    ]


class TestApproveSelected:
    def test_it_publishes_each_story_with_a_decision_and_an_email(
        self,
        moderator_client,
        moderator,
        two_waiting,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = approve(moderator_client, two_waiting)

        assert response.status_code == 200
        assert "2 stories decided." in admin_messages(response)
        for story in two_waiting:
            story.refresh_from_db()
            assert story.status == Story.Status.PUBLISHED
            assert story.published_at is not None
        assert sorted(Decision.objects.values_list("story_title", "action", "moderator")) == [
            ("A queue at the pharmacy", "approve", moderator.pk),
            ("The porter in the rain", "approve", moderator.pk),
        ]
        assert len(mailoutbox) == 2
        assert all("published" in email.subject for email in mailoutbox)

    def test_it_skips_stories_that_are_not_waiting_with_a_warning(
        self, moderator_client, two_waiting, published_story, mailoutbox
    ):
        published_at = published_story.published_at

        page = run_action(moderator_client, "approve_selected", [*two_waiting, published_story])
        assert "1 selected story is not waiting for review and will be left as it is." in text(page)
        response = confirm(moderator_client, page)

        assert admin_messages(response) == ["2 stories decided."]
        published_story.refresh_from_db()
        assert published_story.published_at == published_at
        assert not Decision.objects.filter(story=published_story).exists()
        assert Decision.objects.count() == 2

    def test_it_gives_no_warning_when_every_story_was_waiting(self, moderator_client, two_waiting):
        response = approve(moderator_client, two_waiting)

        assert admin_messages(response) == ["2 stories decided."]

    def test_staff_without_the_moderator_role_cannot_approve(self, login, two_waiting):
        staff = UserFactory(is_staff=True)
        enrol_second_factor(staff)
        staff.user_permissions.add(Permission.objects.get(codename="view_story"))

        response = run_action(login(staff), "approve_selected", two_waiting)

        assert response.status_code == 200
        assert "Approve and publish the selected stories" not in text(response)
        assert Story.objects.filter(status=Story.Status.SUBMITTED).count() == 2
        assert not Decision.objects.exists()


class TestRejectSelected:
    def test_it_asks_for_a_reason_first(self, moderator_client, two_waiting):
        response = run_action(moderator_client, "reject_selected", two_waiting)

        assert response.status_code == 200
        page = text(response)
        assert "Reject these stories? Each author gets an email with the reason." in page
        assert "The porter in the rain" in page
        assert '<select name="reason" id="reason" required>' in page
        assert '<option value="identifies_person">' in page
        assert Story.objects.filter(status=Story.Status.SUBMITTED).count() == 2
        assert not Decision.objects.exists()

    def test_it_rejects_with_the_reason_once_confirmed(
        self,
        moderator_client,
        moderator,
        two_waiting,
        published_story,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = moderator_client.post(
                CHANGELIST,
                {
                    "action": "reject_selected",
                    "confirm": "yes",
                    "reason": "not_service",
                    ACTION_CHECKBOX_NAME: [story.pk for story in two_waiting],
                },
                follow=True,
            )

        assert response.redirect_chain[-1][0].startswith(CHANGELIST)
        assert "2 stories decided." in admin_messages(response)
        for story in two_waiting:
            story.refresh_from_db()
            assert story.status == Story.Status.REJECTED
            assert story.moderator_note == "Not a service encounter."
        decisions = Decision.objects.all()
        assert decisions.count() == 2
        assert {(d.action, d.reason, d.moderator) for d in decisions} == {
            ("reject", "not_service", moderator)
        }
        assert len(mailoutbox) == 2
        assert all("Reason: Not a service encounter" in email.body for email in mailoutbox)
        published_story.refresh_from_db()
        assert published_story.status == Story.Status.PUBLISHED

    def test_confirming_without_a_reason_rejects_nothing(self, moderator_client, two_waiting):
        response = moderator_client.post(
            CHANGELIST,
            {
                "action": "reject_selected",
                "confirm": "yes",
                "reason": "",
                ACTION_CHECKBOX_NAME: [story.pk for story in two_waiting],
            },
        )

        assert response.status_code == 200
        assert "Reject these stories?" in text(response)
        assert Story.objects.filter(status=Story.Status.SUBMITTED).count() == 2
        assert not Decision.objects.exists()


def test_the_story_admin_shows_moderators_the_history_and_flags_read_only(
    moderator_client, two_waiting
):
    approve(moderator_client, two_waiting[:1])
    story = two_waiting[0]

    page = text(moderator_client.get(reverse("admin:stories_story_change", args=[story.pk])))

    assert 'id="decisions-group"' in page
    assert 'id="flags-group"' in page
    assert "Approved" in page
    assert 'name="decisions-0-note"' not in page


def test_a_story_status_cannot_be_set_by_hand_in_the_admin(moderator_client, two_waiting):
    story = two_waiting[0]

    page = text(moderator_client.get(reverse("admin:stories_story_change", args=[story.pk])))

    assert page.count("Waiting for review") >= 1
    assert 'name="status"' not in page
